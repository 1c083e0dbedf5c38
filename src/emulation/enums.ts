/**
 * Apps Script enums. On Google's servers an enum value is an object whose toString() is its name
 * (e.g. `String(ScriptApp.AuthMode.FULL) === 'FULL'`), and values are singletons compared with ===.
 * https://developers.google.com/apps-script/reference/script/auth-mode
 */

export class EnumValue {
  constructor(
    private readonly enumName: string,
    private readonly valueName: string,
    private readonly position: number,
  ) {
    Object.freeze(this);
  }

  name(): string {
    return this.valueName;
  }

  ordinal(): number {
    return this.position;
  }

  toString(): string {
    return this.valueName;
  }

  toJSON(): string {
    return this.valueName;
  }

  /** For diagnostics only: "AuthMode.FULL". */
  qualifiedName(): string {
    return `${this.enumName}.${this.valueName}`;
  }
}

export type EnumOf<Names extends string> = Readonly<Record<Names, EnumValue>>;

function makeEnum<const Names extends string>(enumName: string, names: readonly Names[]): EnumOf<Names> {
  const values = {} as Record<Names, EnumValue>;
  names.forEach((valueName, index) => {
    values[valueName] = new EnumValue(enumName, valueName, index);
  });
  return Object.freeze(values);
}

export function isEnumValue(value: unknown): value is EnumValue {
  return value instanceof EnumValue;
}

/** Accepts an enum value or its name (tests and scripts sometimes pass strings). */
export function enumName(value: unknown): string {
  return value instanceof EnumValue ? value.name() : String(value);
}

// https://developers.google.com/apps-script/reference/script/auth-mode
export const AuthMode = makeEnum('AuthMode', ['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);

// https://developers.google.com/apps-script/reference/charts/chart-type
export const ChartType = makeEnum('ChartType', [
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
]);

// https://developers.google.com/apps-script/reference/charts/position
export const Position = makeEnum('Position', ['TOP', 'RIGHT', 'BOTTOM', 'NONE']);

// https://developers.google.com/apps-script/reference/base/button
export const Button = makeEnum('Button', ['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);

// https://developers.google.com/apps-script/reference/base/button-set
export const ButtonSet = makeEnum('ButtonSet', ['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);

// https://developers.google.com/apps-script/reference/html/sandbox-mode
export const SandboxMode = makeEnum('SandboxMode', ['EMULATED', 'IFRAME', 'NATIVE']);

// https://developers.google.com/apps-script/reference/html/x-frame-options-mode
export const XFrameOptionsMode = makeEnum('XFrameOptionsMode', ['ALLOWALL', 'DEFAULT']);

// https://developers.google.com/apps-script/reference/spreadsheet/data-validation-criteria
export const DataValidationCriteria = makeEnum('DataValidationCriteria', [
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
]);

// https://developers.google.com/apps-script/reference/spreadsheet/boolean-criteria
export const BooleanCriteria = makeEnum('BooleanCriteria', [
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'DATE_NOT_EQUAL_TO',
  'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_NOT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
]);

// https://developers.google.com/apps-script/reference/spreadsheet/interpolation-type
export const InterpolationType = makeEnum('InterpolationType', [
  'NUMBER',
  'PERCENT',
  'PERCENTILE',
  'MIN',
  'MAX',
]);
