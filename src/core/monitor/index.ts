// Monitor: whether the score still means what it did, cohort by cohort. Pure; no platform types.

export { guessDateColumn } from './dateColumn';
export * from './fromRows';
export * from './periods';
export { buildMonitorReport, hasEnoughOutcomes, type MonitorSetup } from './report';
export * from './reviewSample';
export * from './sheetLayout';
export * from './stats';
export * from './tally';
export * from './thresholds';
export type * from './types';
export { writeMonitorVerdicts } from './verdicts';
