// The model as a sheet a marketer can read and edit: stacked tables (settings, groups, rules, bands, grades,
// engagement levels, outcome) under section titles in column A. Pure conversion between a grid of cell values and a Model, so
// the Apps Script adapter reads the sheet with one getValues and writes it with one setValues.
// Split by concern: layout and the Column cell (modelSheetLayout), single cells (modelSheetCells), the
// Conditions table (modelSheetConditions), writing (modelSheetWrite) and reading (modelSheetRead).
export { columnLetter, formatList, formatRuleValue, parseList } from './modelSheetCells';
export {
  CONDITIONS_MARKER,
  MODEL_RANGE_NAME,
  MODEL_SHEET_NAME,
  MODEL_SHEET_WIDTH,
  type ModelGrid,
  type ModelSheetLayout,
  SECTION_HEADERS,
  SECTION_TITLES,
  type SectionLayout,
} from './modelSheetLayout';
export { type GridReadResult, type GridSource, gridToModel } from './modelSheetRead';
export { asSheetHoldsIt, modelToGrid } from './modelSheetWrite';
