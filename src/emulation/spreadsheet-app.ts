/**
 * SpreadsheetApp, bound to the one active spreadsheet.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
 */
import { BooleanCriteria, DataValidationCriteria, InterpolationType } from './enums.js';
import { ConditionalFormatRuleBuilder, DataValidationBuilder } from './formatting-rules.js';
import { type Runtime, SCRIPT_TYPE, ScriptException, ScriptObject } from './runtime.js';
import type { EmulatedSheet, SheetRange } from './sheet.js';
import type { EmulatedSpreadsheet } from './spreadsheet.js';
import { Ui, type UiLogImpl } from './ui.js';

export class SpreadsheetAppImpl extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'SpreadsheetApp';
  }

  readonly BooleanCriteria = BooleanCriteria;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly InterpolationType = InterpolationType;

  constructor(
    private readonly runtime: Runtime,
    private readonly spreadsheet: EmulatedSpreadsheet,
    private readonly uiLog: UiLogImpl,
  ) {
    super();
  }

  getActive(): EmulatedSpreadsheet {
    return this.spreadsheet;
  }

  getActiveSpreadsheet(): EmulatedSpreadsheet {
    return this.spreadsheet;
  }

  /**
   * Only the one emulated spreadsheet exists. The scope check (spreadsheets, not currentonly) runs first.
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openById(String)
   */
  openById(id: string): EmulatedSpreadsheet {
    if (String(id) === this.spreadsheet.getId()) return this.spreadsheet;
    throw new ScriptException(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
  }

  openByUrl(url: string): EmulatedSpreadsheet {
    if (String(url).includes(`/d/${this.spreadsheet.getId()}`)) return this.spreadsheet;
    throw new ScriptException(
      'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
    );
  }

  /** In a custom function, the sheet holding the calling cell. */
  getActiveSheet(): EmulatedSheet {
    const calling = this.callingCellRange();
    return calling ? calling.getSheet() : this.spreadsheet.getActiveSheet();
  }

  /**
   * In a custom function, the calling cell
   * (https://developers.google.com/apps-script/guides/sheets/functions#advanced).
   */
  getActiveRange(): SheetRange {
    return this.callingCellRange() ?? this.spreadsheet.getActiveRange();
  }

  getCurrentCell(): SheetRange {
    const calling = this.callingCellRange();
    if (calling) return calling;
    const active = this.spreadsheet.getActiveRange();
    return active.getCell(1, 1);
  }

  setActiveSheet(sheet: EmulatedSheet, restoreSelection?: boolean): EmulatedSheet {
    return this.spreadsheet.setActiveSheet(sheet, restoreSelection);
  }

  setActiveRange(range: SheetRange): SheetRange {
    return this.spreadsheet.setActiveRange(range);
  }

  /** Refused in custom functions and in AuthMode.NONE except for the add-on menu (see auth-policy.ts). */
  getUi(): Ui {
    return new Ui(this.uiLog, this.runtime.options.addonName);
  }

  /** Writes are applied immediately here, so there is nothing pending to flush. */
  flush(): void {}

  newConditionalFormatRule(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder();
  }

  newDataValidation(): DataValidationBuilder {
    return new DataValidationBuilder();
  }

  private callingCellRange(): SheetRange | null {
    const calling = this.runtime.execution?.callingCell;
    if (!calling) return null;
    const sheet = this.spreadsheet.getSheetByName(calling.sheetName);
    return sheet ? sheet.getRange(calling.row, calling.column) : null;
  }
}
