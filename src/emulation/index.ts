/** Local emulation of the Apps Script services an editor add-on for Sheets uses. See docs/emulation.md. */
export { columnToLetters, formatA1, lettersToColumn, parseA1 } from './a1.js';
export { Cache } from './cache-service.js';
export { EmbeddedChart, EmbeddedChartBuilder } from './charts.js';
export { normalizeResult } from './custom-functions.js';
export {
  createEmulator,
  type EmulatedServices,
  type Emulator,
  type EmulatorOptions,
} from './emulator.js';
export {
  AuthMode,
  BooleanCriteria,
  Button,
  ButtonSet,
  ChartType,
  DataValidationCriteria,
  EnumValue,
  InterpolationType,
  Position,
  SandboxMode,
  XFrameOptionsMode,
} from './enums.js';
export {
  BooleanCondition,
  ConditionalFormatRule,
  ConditionalFormatRuleBuilder,
  DataValidation,
  DataValidationBuilder,
} from './formatting-rules.js';
export { parseCustomFunctionCall } from './formula-parser.js';
export { HtmlOutput } from './html-service.js';
export { type LoadAddonOptions, loadAddon, readManifest } from './load-addon.js';
export { Lock } from './lock-service.js';
export type { AppsScriptManifest } from './manifest.js';
export { MAX_PROPERTY_STORE_BYTES, MAX_PROPERTY_VALUE_BYTES, Properties } from './properties-service.js';
export { EmulatedRange } from './range.js';
export { type AuthModeName, EmulatorError, ScriptException } from './runtime.js';
export { METHOD_SCOPES, missingScopeMessage, requiredScopes, SCOPE, TYPE_SCOPES } from './scopes.js';
export { EmulatedSheet } from './sheet.js';
export { EmulatedSpreadsheet, NamedRange } from './spreadsheet.js';
export type {
  ButtonName,
  DialogAnswer,
  DialogAnswerer,
  DialogRequest,
  MenuEntry,
  RecordedAlert,
  RecordedDialog,
  RecordedMenu,
  RecordedPrompt,
  RecordedSidebar,
  RecordedToast,
  UiLog,
} from './ui.js';
export { UnansweredDialogError } from './ui.js';
export type { CellValue } from './values.js';
