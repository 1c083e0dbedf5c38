// The one contract between the sidebar (browser) and the server (Apps Script). The server implements
// `SidebarApi` (src/server/sidebarApi.ts); the sidebar calls it through google.script.run with the typed
// client in src/sidebar/rpc.ts. Everything crossing it must survive google.script.run: primitives, plain
// objects and arrays — no Date (send ISO strings), no undefined inside arrays.
import type { Model, Problem } from '../core/model';

/** The leads the sidebar previews the model on. Date cells arrive as `YYYY-MM-DD` text (the calendar day in
 *  the spreadsheet's time zone), which the engine reads as the same date. */
export interface DataPreview {
  sheetName: string;
  headers: string[];
  rows: (string | number | boolean)[][];
  /** Leads on the sheet; `rows` holds at most PREVIEW_ROW_LIMIT of them. */
  totalRows: number;
}

export const PREVIEW_ROW_LIMIT = 5000;
/** Rows of the activity log the sidebar previews events from (one row per event, so more than leads). */
export const ACTIVITY_PREVIEW_ROW_LIMIT = 20000;

export interface VersionInfo {
  version: number;
  /** ISO timestamp. */
  savedAt: string;
  /** Who saved, when Apps Script can tell (it often cannot for consumer accounts): '' otherwise. */
  savedBy: string;
  /** What changed, e.g. `Starter model inserted: points of "Demo" 10 → 15`. */
  summary: string;
  /** The saver's own words, typed beside Save (exactly as typed; '' when none). */
  note?: string;
}

/** The longest note a version keeps (the sidebar's field stops there; a longer one is refused). */
export const VERSION_NOTE_MAX = 200;

export interface SidebarState {
  /** The model on the model sheet; null when there is no model sheet yet or it cannot be read. */
  model: Model | null;
  /** Why the model sheet cannot be read, with cell addresses. */
  modelProblems: Problem[];
  /** Fingerprint of the model sheet as loaded; a save is refused when the sheet changed since. */
  revision: string;
  data: DataPreview | null;
  /** v2: the activity log (the sheet "Activities" or "Sample activities", else the sheet whose headers have the
   *  model's activity columns), at most ACTIVITY_PREVIEW_ROW_LIMIT rows; null when there is none. */
  activities?: DataPreview | null;
  starterModel: Model;
  versions: VersionInfo[];
  /** Columns *Suggest a model* leaves out of the fit, as last chosen in the sidebar. */
  suggestExclusions?: string[];
  /** Columns the leakage guard flagged that the next Suggest keeps on purpose (the Keep ticks of the sidebar
   *  and of the *Suggested model* sheet: one list). */
  suggestKeepLeaky?: string[];
  /** The spreadsheet's time zone and today's date there (`YYYY-MM-DD`), so previews match the sheet. */
  timeZone: string;
  today: string;
}

export type SaveResult =
  | { ok: true; revision: string; version: VersionInfo }
  | { ok: false; reason: 'conflict' | 'invalid' | 'busy'; message: string; problems: Problem[] };

export interface CalibrationSheetResult {
  sheetName: string;
  leads: number;
  conversions: number;
  verdicts: string[];
}

export interface CalibrationOptions {
  /** A version from the history to compare with, or 'suggested' for the current model with the points fitted
   *  from the outcomes; absent = the newest version that differs from the current model; null = no comparison. */
  compareWithVersion?: number | 'suggested' | null;
  /** Only leads whose date in `column` falls within from–to (`YYYY-MM-DD`, inclusive). */
  period?: { column: string; from?: string; to?: string };
  /** Share of the leads held back from sales to sample for review (default 0.1). */
  reviewShare?: number;
}

/** What *Build monitor sheet* needs; everything is optional. */
export interface MonitorSheetOptions {
  /** The date column that places a lead in a period (default: a date column such as "Created"). */
  dateColumn?: string;
  every?: 'week' | 'month' | 'quarter';
  /** `YYYY-MM-DD`, inclusive: the periods starting within are the baseline (default: the first three with
   *  enough outcomes). */
  baseline?: { from?: string; to?: string };
  /** The column where sales records its verdict on a handed-over lead. */
  salesVerdict?: { column: string; accepted?: string[]; rejected?: string[] };
}

export interface MonitorSheetResult {
  sheetName: string;
  dateColumn: string;
  every: 'week' | 'month' | 'quarter';
  periods: number;
  /** Periods marked `worse`. */
  worse: number;
  verdicts: string[];
}

/** What *Suggest a model* needs beyond the model sheet. */
export interface SuggestRequest {
  /** The outcome, when the model has none: the column and, optionally, the values that mean converted and not
   *  converted (default: the usual words found in the column, e.g. Yes/No, Won/Lost, 1/0). */
  outcome?: { column: string; positive?: string[]; negative?: string[] };
  /** Keep the columns the leakage guard flags (default: leave them out). */
  keepLeaky?: boolean;
  /** Columns to leave out of the fit; remembered for the next fit (absent: the remembered ones). */
  exclude?: string[];
}

/** A suggested model as the *Suggested model* sheet stores it, with its key figures. */
export interface Suggestion {
  sheetName: string;
  /** The leads it was fitted on. */
  leadsSheet: string;
  /** `YYYY-MM-DD HH:mm` in the spreadsheet's time zone. */
  builtAt: string;
  model: Model;
  /** The model sheet's revision it was made from: Apply is refused when the model changed since. */
  basedOnRevision: string;
  /** Whether the model sheet is still that revision (false: Apply will be refused; suggest again). */
  upToDate: boolean;
  fitting: { leads: number; conversions: number };
  holdout: { leads: number; conversions: number };
  /** Held-out AUCs: the suggested model (whole points), its unrounded fit, the current model. */
  holdoutAuc: number | null;
  unroundedAuc: number | null;
  baseAuc: number | null;
  /** Kept rules, largest points first. */
  rules: { name: string; points: number; status: 'kept' | 'reversed' }[];
  leakage: { column: string; why: string; kept: boolean }[];
  warnings: string[];
  verdicts: string[];
}

/** The current model with its rules' points refitted from the outcomes (the Calibration sheet's "Suggested
 *  points"), to open as a draft; `model` is null when fitting was refused (`refusedBecause` says why). */
export interface RefittedPoints {
  model: Model | null;
  refusedBecause: string | null;
  /** Rules whose points change. */
  changes: { rule: string; from: number; to: number }[];
  holdout: { leads: number; aucCurrent: number | null; aucSuggested: number | null };
}

export interface SidebarApi {
  getSidebarState(): SidebarState;
  /** The model sheet's revision only: an open sidebar polls it to notice a model changed by a menu command. */
  getModelRevision(): string;
  /** Writes `model` to the model sheet unless the sheet changed since `baseRevision`; appends a version. */
  /** `note`: a few words of the saver's to keep with the version (at most VERSION_NOTE_MAX characters). */
  saveModel(model: Model, baseRevision: string, note?: string): SaveResult;
  /** Makes an earlier version current again, as a new version. */
  restoreVersion(version: number, baseRevision: string): SaveResult;
  buildCalibrationSheet(options?: CalibrationOptions): CalibrationSheetResult;
  /** Fits a model from the leads' outcomes and writes the *Suggested model* sheet. */
  buildSuggestedModelSheet(request?: SuggestRequest): Suggestion;
  /** The suggestion on the *Suggested model* sheet; null when there is none. */
  getSuggestion(): Suggestion | null;
  /** Keeps a column the leakage guard flagged at the next Suggest (keep false: the guard leaves it out again);
   *  ticks or unticks it on the *Suggested model* sheet too. Returns the columns kept now. */
  setSuggestKeepLeaky(column: string, keep: boolean): string[];
  /** Makes the suggested model a new version, unless the model changed since it was suggested. */
  applySuggestedModel(): SaveResult;
  /** The current model with refitted points, for the Calibration section's "Open as draft". */
  refitCurrentPoints(): RefittedPoints;
  /** Writes the *Monitor* sheet (replacing the previous one): the model's figures per period. */
  buildMonitorSheet(options?: MonitorSheetOptions): MonitorSheetResult;
}

/** Parameter names of each server function, as the generated top-level Apps Script functions declare them. */
type ParamNames<T extends unknown[]> = { [I in keyof T]: string };

export const SIDEBAR_API_PARAMS: { [K in keyof SidebarApi]: ParamNames<Parameters<SidebarApi[K]>> } = {
  getSidebarState: [],
  getModelRevision: [],
  saveModel: ['model', 'baseRevision', 'note'],
  restoreVersion: ['version', 'baseRevision'],
  buildCalibrationSheet: ['options'],
  buildSuggestedModelSheet: ['request'],
  getSuggestion: [],
  setSuggestKeepLeaky: ['column', 'keep'],
  applySuggestedModel: [],
  refitCurrentPoints: [],
  buildMonitorSheet: ['options'],
};
