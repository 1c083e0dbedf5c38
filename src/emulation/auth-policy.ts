/**
 * Which service calls an execution may make, by auth mode.
 * https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle#authorization_modes
 * https://developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services
 */
import { type AuthModeName, ScriptException } from './runtime.js';

/** In AuthMode.NONE an add-on may only build its menu (and log). */
const ALLOWED_IN_NONE = new Set(['SpreadsheetApp.getUi', 'Ui.createAddonMenu', 'Ui.createMenu']);
const ALWAYS_ALLOWED_TYPES = new Set(['Menu', 'Logger', 'console']);

/** Classes that read or change the spreadsheet; read-only access only in custom functions. */
const SPREADSHEET_TYPES = new Set([
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'NamedRange',
  'EmbeddedChart',
  'DeveloperMetadata',
]);

/** Spreadsheet methods that only read, beyond the get*, is* and has* families. */
const READ_ONLY_METHODS = new Set([
  'offset',
  'flush',
  'newChart',
  'newConditionalFormatRule',
  'newDataValidation',
  'toString',
]);

/** Services that need the user's authorization, which custom functions never have. */
const NEEDS_AUTHORIZATION_IN_CUSTOM_FUNCTIONS = new Set(['Session.getEffectiveUser']);

function isReadOnly(method: string): boolean {
  return /^(get|is|has)[A-Z]/.test(method) || READ_ONLY_METHODS.has(method);
}

/** Throws the error Google would raise for `typeName.method` in this auth mode. */
export function checkCallAllowed(authMode: AuthModeName, typeName: string, method: string): void {
  const qualified = `${typeName}.${method}`;
  if (method === 'toString' || ALWAYS_ALLOWED_TYPES.has(typeName)) return;

  if (authMode === 'NONE') {
    if (ALLOWED_IN_NONE.has(qualified)) return;
    throw new ScriptException(
      `You do not have permission to call ${qualified}. This execution runs in AuthMode.NONE ` +
        '(an add-on opened in a document where it is not enabled): only building the add-on menu is allowed.',
    );
  }

  if (authMode === 'CUSTOM_FUNCTION') {
    if (qualified === 'SpreadsheetApp.getUi') {
      throw new ScriptException('Cannot call SpreadsheetApp.getUi() from this context.');
    }
    if (typeName === 'Ui' || NEEDS_AUTHORIZATION_IN_CUSTOM_FUNCTIONS.has(qualified)) {
      throw new ScriptException(`You do not have permission to call ${qualified}`);
    }
    // Custom functions may read the spreadsheet but not change it.
    if (SPREADSHEET_TYPES.has(typeName) && !isReadOnly(method)) {
      throw new ScriptException(`You do not have permission to call ${method}`);
    }
  }
}
