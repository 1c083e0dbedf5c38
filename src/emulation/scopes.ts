/**
 * Which OAuth scopes each emulated method needs, as DATA, taken from the "Authorization" section of each
 * method on Google's reference pages ("Scripts that use this method require authorization with one or more
 * of the following scopes"): any ONE of the listed scopes suffices. Sources per entry are in
 * docs/emulation.md ("Strict rules", scopes).
 *
 * Lookup: an exact `Type.method` entry wins; otherwise the type's default; otherwise the method needs no
 * scope (Properties, Lock, Cache, Utilities, Logger, HtmlService, Menu building: their reference pages
 * list no Authorization section).
 */

export const SCOPE = {
  spreadsheetsCurrentOnly: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
  userinfoEmail: 'https://www.googleapis.com/auth/userinfo.email',
  scriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  externalRequest: 'https://www.googleapis.com/auth/script.external_request',
  sendMail: 'https://www.googleapis.com/auth/script.send_mail',
  drive: 'https://www.googleapis.com/auth/drive',
  driveReadonly: 'https://www.googleapis.com/auth/drive.readonly',
  driveFile: 'https://www.googleapis.com/auth/drive.file',
} as const;

/** Any of these lets a script use the spreadsheet it is bound to (or that the add-on was opened in). */
const CURRENT_SPREADSHEET = [SCOPE.spreadsheetsCurrentOnly, SCOPE.spreadsheets] as const;

/**
 * Every method of these classes lists the same scopes on its reference page
 * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet, .../sheet, .../range, ...).
 * spreadsheets.currentonly covers only the spreadsheet the script is bound to; opening any other needs
 * spreadsheets (see the SpreadsheetApp entries below).
 */
export const TYPE_SCOPES: Readonly<Record<string, readonly string[]>> = {
  SpreadsheetApp: CURRENT_SPREADSHEET,
  Spreadsheet: CURRENT_SPREADSHEET,
  Sheet: CURRENT_SPREADSHEET,
  Range: CURRENT_SPREADSHEET,
  NamedRange: CURRENT_SPREADSHEET,
  EmbeddedChart: CURRENT_SPREADSHEET,
  EmbeddedChartBuilder: CURRENT_SPREADSHEET,
  ConditionalFormatRule: CURRENT_SPREADSHEET,
  ConditionalFormatRuleBuilder: CURRENT_SPREADSHEET,
  BooleanCondition: CURRENT_SPREADSHEET,
  DataValidation: CURRENT_SPREADSHEET,
  DataValidationBuilder: CURRENT_SPREADSHEET,
  // https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata (every method).
  DeveloperMetadata: CURRENT_SPREADSHEET,
  UrlFetchApp: [SCOPE.externalRequest],
  MailApp: [SCOPE.sendMail],
  DriveApp: [SCOPE.drive, SCOPE.driveReadonly],
};

/** Per-method entries (exceptions to the type defaults, and classes without a default). */
export const METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openById(String)
  'SpreadsheetApp.openById': [SCOPE.spreadsheets],
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openByUrl(String)
  'SpreadsheetApp.openByUrl': [SCOPE.spreadsheets],
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#create(String)
  'SpreadsheetApp.create': [SCOPE.spreadsheets],
  // getUi() itself only hands out the Ui; onOpen in AuthMode.NONE calls it to build the menu.
  'SpreadsheetApp.getUi': [],
  // https://developers.google.com/apps-script/reference/base/session#getActiveUser()
  'Session.getActiveUser': [SCOPE.userinfoEmail],
  // https://developers.google.com/apps-script/reference/base/session#getEffectiveUser()
  'Session.getEffectiveUser': [SCOPE.userinfoEmail],
  // https://developers.google.com/apps-script/reference/base/ui : dialogs and sidebars need the container UI.
  'Ui.alert': [SCOPE.containerUi],
  'Ui.prompt': [SCOPE.containerUi],
  'Ui.showSidebar': [SCOPE.containerUi],
  'Ui.showModalDialog': [SCOPE.containerUi],
  'Ui.showModelessDialog': [SCOPE.containerUi],
  // https://developers.google.com/apps-script/reference/script/script-app
  'ScriptApp.newTrigger': [SCOPE.scriptApp],
  'ScriptApp.getProjectTriggers': [SCOPE.scriptApp],
  'ScriptApp.getUserTriggers': [SCOPE.scriptApp],
  'ScriptApp.deleteTrigger': [SCOPE.scriptApp],
  // https://developers.google.com/apps-script/reference/drive/drive-app#createFile(String,String)
  'DriveApp.createFile': [SCOPE.drive],
  'DriveApp.createFolder': [SCOPE.drive],
  // https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()
  'MailApp.getRemainingDailyQuota': [SCOPE.sendMail],
};

/** Scopes that allow `Type.method` (any one suffices); empty when it needs none. */
export function requiredScopes(typeName: string, method: string): readonly string[] {
  return METHOD_SCOPES[`${typeName}.${method}`] ?? TYPE_SCOPES[typeName] ?? [];
}

/** Google's wording: one scope bare, several as "(a || b)". */
export function missingScopeMessage(qualified: string, scopes: readonly string[]): string {
  const list = scopes.length === 1 ? scopes[0] : `(${scopes.join(' || ')})`;
  return `You do not have permission to call ${qualified}. Required permissions: ${list}`;
}
