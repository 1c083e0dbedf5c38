// Suggest a model from outcomes: candidates from the columns, a fit proven on held-out leads, a leakage guard.
// Pure; the add-on calls it with a sheet's values (headers and rows), the CLI with a CSV's.

export * from './activityLog';
export * from './bands';
export * from './candidates';
export * from './columns';
export { CLAMPED_SHARE, placeRange } from './fitting';
export { ColumnarLeads, type LeadRows, type LeadTable } from './leadTable';
export * from './leakage';
export { MAX_FITTED_CANDIDATES } from './selection';
export * from './suggest';
export * from './types';
