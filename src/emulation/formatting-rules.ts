/**
 * Conditional-format rules and data-validation rules, kept as inspectable data.
 * https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
 */
import { normalizeColor } from './colors.js';
import {
  BooleanCriteria,
  DataValidationCriteria,
  type EnumValue,
  enumName,
  InterpolationType,
} from './enums.js';
import type { RangeReference } from './geometry.js';
import { SCRIPT_TYPE, ScriptException, ScriptObject } from './runtime.js';
import { type CellValue, copyCellValue } from './values.js';

type CriteriaValue = CellValue | RangeReference | string[];

function copyCriteriaValues(values: readonly unknown[]): unknown[] {
  return values.map((value) => {
    if (Array.isArray(value)) return [...value];
    if (typeof value === 'object' && value !== null && !(value instanceof ScriptObject)) {
      return copyCellValue(value as CellValue);
    }
    return value;
  });
}

/** https://developers.google.com/apps-script/reference/spreadsheet/boolean-condition */
export class BooleanCondition extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'BooleanCondition';
  }

  constructor(
    private readonly criteriaType: EnumValue,
    private readonly criteriaValues: readonly unknown[],
    private readonly background: string | null,
    private readonly fontColor: string | null,
    private readonly bold: boolean | null,
    private readonly italic: boolean | null,
    private readonly strikethrough: boolean | null,
    private readonly underline: boolean | null,
  ) {
    super();
  }

  getCriteriaType(): EnumValue {
    return this.criteriaType;
  }

  getCriteriaValues(): unknown[] {
    return copyCriteriaValues(this.criteriaValues);
  }

  getBackground(): string | null {
    return this.background;
  }

  getFontColor(): string | null {
    return this.fontColor;
  }

  getBold(): boolean | null {
    return this.bold;
  }

  getItalic(): boolean | null {
    return this.italic;
  }

  getStrikethrough(): boolean | null {
    return this.strikethrough;
  }

  getUnderline(): boolean | null {
    return this.underline;
  }
}

export interface GradientPoint {
  color: string;
  type: EnumValue;
  value: string;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/gradient-condition */
export class GradientCondition extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'GradientCondition';
  }

  constructor(
    private readonly minpoint: GradientPoint | null,
    private readonly midpoint: GradientPoint | null,
    private readonly maxpoint: GradientPoint | null,
  ) {
    super();
  }

  getMinColor(): string | null {
    return this.minpoint?.color ?? null;
  }
  getMinType(): EnumValue | null {
    return this.minpoint?.type ?? null;
  }
  getMinValue(): string | null {
    return this.minpoint?.value ?? null;
  }
  getMidColor(): string | null {
    return this.midpoint?.color ?? null;
  }
  getMidType(): EnumValue | null {
    return this.midpoint?.type ?? null;
  }
  getMidValue(): string | null {
    return this.midpoint?.value ?? null;
  }
  getMaxColor(): string | null {
    return this.maxpoint?.color ?? null;
  }
  getMaxType(): EnumValue | null {
    return this.maxpoint?.type ?? null;
  }
  getMaxValue(): string | null {
    return this.maxpoint?.value ?? null;
  }
}

interface ConditionalFormatState {
  ranges: RangeReference[];
  criteriaType: EnumValue | null;
  criteriaValues: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  strikethrough: boolean | null;
  underline: boolean | null;
  minpoint: GradientPoint | null;
  midpoint: GradientPoint | null;
  maxpoint: GradientPoint | null;
}

function emptyConditionalFormatState(): ConditionalFormatState {
  return {
    ranges: [],
    criteriaType: null,
    criteriaValues: [],
    background: null,
    fontColor: null,
    bold: null,
    italic: null,
    strikethrough: null,
    underline: null,
    minpoint: null,
    midpoint: null,
    maxpoint: null,
  };
}

/** https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule */
export class ConditionalFormatRule extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'ConditionalFormatRule';
  }

  constructor(private readonly state: ConditionalFormatState) {
    super();
  }

  getRanges(): RangeReference[] {
    return [...this.state.ranges];
  }

  /** Null for gradient rules, as on Google. */
  getBooleanCondition(): BooleanCondition | null {
    const state = this.state;
    if (!state.criteriaType) return null;
    return new BooleanCondition(
      state.criteriaType,
      state.criteriaValues,
      state.background,
      state.fontColor,
      state.bold,
      state.italic,
      state.strikethrough,
      state.underline,
    );
  }

  getGradientCondition(): GradientCondition | null {
    const state = this.state;
    if (!state.minpoint && !state.midpoint && !state.maxpoint) return null;
    return new GradientCondition(state.minpoint, state.midpoint, state.maxpoint);
  }

  copy(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder({ ...this.state, ranges: [...this.state.ranges] });
  }
}

/** https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder */
export class ConditionalFormatRuleBuilder extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'ConditionalFormatRuleBuilder';
  }

  private readonly state: ConditionalFormatState;

  constructor(initial?: ConditionalFormatState) {
    super();
    this.state = initial ?? emptyConditionalFormatState();
  }

  private when(criteria: EnumValue, values: CriteriaValue[]): this {
    this.state.criteriaType = criteria;
    this.state.criteriaValues = copyCriteriaValues(values);
    this.state.minpoint = this.state.midpoint = this.state.maxpoint = null;
    return this;
  }

  setRanges(ranges: RangeReference[]): this {
    this.state.ranges = [...ranges];
    return this;
  }
  getRanges(): RangeReference[] {
    return [...this.state.ranges];
  }
  setBackground(color: string | null): this {
    this.state.background = color === null ? null : normalizeColor(color);
    return this;
  }
  setFontColor(color: string | null): this {
    this.state.fontColor = color === null ? null : normalizeColor(color);
    return this;
  }
  setBold(bold: boolean | null): this {
    this.state.bold = bold;
    return this;
  }
  setItalic(italic: boolean | null): this {
    this.state.italic = italic;
    return this;
  }
  setStrikethrough(strikethrough: boolean | null): this {
    this.state.strikethrough = strikethrough;
    return this;
  }
  setUnderline(underline: boolean | null): this {
    this.state.underline = underline;
    return this;
  }

  whenCellEmpty(): this {
    return this.when(BooleanCriteria.CELL_EMPTY, []);
  }
  whenCellNotEmpty(): this {
    return this.when(BooleanCriteria.CELL_NOT_EMPTY, []);
  }
  whenNumberBetween(start: number, end: number): this {
    return this.when(BooleanCriteria.NUMBER_BETWEEN, [start, end]);
  }
  whenNumberNotBetween(start: number, end: number): this {
    return this.when(BooleanCriteria.NUMBER_NOT_BETWEEN, [start, end]);
  }
  whenNumberEqualTo(number: number): this {
    return this.when(BooleanCriteria.NUMBER_EQUAL_TO, [number]);
  }
  whenNumberNotEqualTo(number: number): this {
    return this.when(BooleanCriteria.NUMBER_NOT_EQUAL_TO, [number]);
  }
  whenNumberGreaterThan(number: number): this {
    return this.when(BooleanCriteria.NUMBER_GREATER_THAN, [number]);
  }
  whenNumberGreaterThanOrEqualTo(number: number): this {
    return this.when(BooleanCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO, [number]);
  }
  whenNumberLessThan(number: number): this {
    return this.when(BooleanCriteria.NUMBER_LESS_THAN, [number]);
  }
  whenNumberLessThanOrEqualTo(number: number): this {
    return this.when(BooleanCriteria.NUMBER_LESS_THAN_OR_EQUAL_TO, [number]);
  }
  whenTextContains(text: string): this {
    return this.when(BooleanCriteria.TEXT_CONTAINS, [text]);
  }
  whenTextDoesNotContain(text: string): this {
    return this.when(BooleanCriteria.TEXT_DOES_NOT_CONTAIN, [text]);
  }
  whenTextEqualTo(text: string): this {
    return this.when(BooleanCriteria.TEXT_EQUAL_TO, [text]);
  }
  whenTextStartsWith(text: string): this {
    return this.when(BooleanCriteria.TEXT_STARTS_WITH, [text]);
  }
  whenTextEndsWith(text: string): this {
    return this.when(BooleanCriteria.TEXT_ENDS_WITH, [text]);
  }
  whenFormulaSatisfied(formula: string): this {
    return this.when(BooleanCriteria.CUSTOM_FORMULA, [formula]);
  }
  whenDateAfter(date: Date): this {
    return this.when(BooleanCriteria.DATE_AFTER, [date]);
  }
  whenDateBefore(date: Date): this {
    return this.when(BooleanCriteria.DATE_BEFORE, [date]);
  }
  whenDateEqualTo(date: Date): this {
    return this.when(BooleanCriteria.DATE_EQUAL_TO, [date]);
  }
  withCriteria(criteria: EnumValue, args: CriteriaValue[]): this {
    return this.when(criteria, args);
  }

  private gradientPoint(color: string, type: unknown, value: unknown): GradientPoint {
    const typeName = enumName(type) as keyof typeof InterpolationType;
    const interpolation = InterpolationType[typeName];
    if (!interpolation) throw new ScriptException(`Invalid interpolation type: ${String(type)}`);
    this.state.criteriaType = null;
    this.state.criteriaValues = [];
    return {
      color: normalizeColor(color),
      type: interpolation,
      value: value === undefined ? '' : String(value),
    };
  }

  setGradientMinpoint(color: string): this {
    this.state.minpoint = this.gradientPoint(color, InterpolationType.MIN, '');
    return this;
  }
  setGradientMaxpoint(color: string): this {
    this.state.maxpoint = this.gradientPoint(color, InterpolationType.MAX, '');
    return this;
  }
  setGradientMinpointWithValue(color: string, type: EnumValue, value: string): this {
    this.state.minpoint = this.gradientPoint(color, type, value);
    return this;
  }
  setGradientMidpointWithValue(color: string, type: EnumValue, value: string): this {
    this.state.midpoint = this.gradientPoint(color, type, value);
    return this;
  }
  setGradientMaxpointWithValue(color: string, type: EnumValue, value: string): this {
    this.state.maxpoint = this.gradientPoint(color, type, value);
    return this;
  }

  build(): ConditionalFormatRule {
    return new ConditionalFormatRule({ ...this.state, ranges: [...this.state.ranges] });
  }
}

interface DataValidationState {
  criteriaType: EnumValue | null;
  criteriaValues: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/data-validation */
export class DataValidation extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'DataValidation';
  }

  constructor(private readonly state: DataValidationState) {
    super();
  }

  getCriteriaType(): EnumValue | null {
    return this.state.criteriaType;
  }
  getCriteriaValues(): unknown[] {
    return copyCriteriaValues(this.state.criteriaValues);
  }
  getAllowInvalid(): boolean {
    return this.state.allowInvalid;
  }
  getHelpText(): string | null {
    return this.state.helpText === '' ? null : this.state.helpText;
  }
  copy(): DataValidationBuilder {
    return new DataValidationBuilder({ ...this.state, criteriaValues: [...this.state.criteriaValues] });
  }
}

/** https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder */
export class DataValidationBuilder extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'DataValidationBuilder';
  }

  private readonly state: DataValidationState;

  constructor(initial?: DataValidationState) {
    super();
    // Docs: allowInvalid defaults to true ("setAllowInvalid ... The default for new data validations is true").
    this.state = initial ?? { criteriaType: null, criteriaValues: [], allowInvalid: true, helpText: '' };
  }

  private require(criteria: EnumValue, values: unknown[]): this {
    this.state.criteriaType = criteria;
    this.state.criteriaValues = copyCriteriaValues(values);
    return this;
  }

  requireValueInList(values: string[], showDropdown = true): this {
    return this.require(DataValidationCriteria.VALUE_IN_LIST, [[...values], showDropdown]);
  }
  requireValueInRange(range: RangeReference, showDropdown = true): this {
    return this.require(DataValidationCriteria.VALUE_IN_RANGE, [range, showDropdown]);
  }
  requireNumberBetween(start: number, end: number): this {
    return this.require(DataValidationCriteria.NUMBER_BETWEEN, [start, end]);
  }
  requireNumberNotBetween(start: number, end: number): this {
    return this.require(DataValidationCriteria.NUMBER_NOT_BETWEEN, [start, end]);
  }
  requireNumberEqualTo(number: number): this {
    return this.require(DataValidationCriteria.NUMBER_EQUAL_TO, [number]);
  }
  requireNumberNotEqualTo(number: number): this {
    return this.require(DataValidationCriteria.NUMBER_NOT_EQUAL_TO, [number]);
  }
  requireNumberGreaterThan(number: number): this {
    return this.require(DataValidationCriteria.NUMBER_GREATER_THAN, [number]);
  }
  requireNumberGreaterThanOrEqualTo(number: number): this {
    return this.require(DataValidationCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO, [number]);
  }
  requireNumberLessThan(number: number): this {
    return this.require(DataValidationCriteria.NUMBER_LESS_THAN, [number]);
  }
  requireNumberLessThanOrEqualTo(number: number): this {
    return this.require(DataValidationCriteria.NUMBER_LESS_THAN_OR_EQUAL_TO, [number]);
  }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const values = [checkedValue, uncheckedValue].filter((value) => value !== undefined);
    return this.require(DataValidationCriteria.CHECKBOX, values);
  }
  requireTextContains(text: string): this {
    return this.require(DataValidationCriteria.TEXT_CONTAINS, [text]);
  }
  requireTextDoesNotContain(text: string): this {
    return this.require(DataValidationCriteria.TEXT_DOES_NOT_CONTAIN, [text]);
  }
  requireTextEqualTo(text: string): this {
    return this.require(DataValidationCriteria.TEXT_EQUAL_TO, [text]);
  }
  requireTextIsEmail(): this {
    return this.require(DataValidationCriteria.TEXT_IS_VALID_EMAIL, []);
  }
  requireTextIsUrl(): this {
    return this.require(DataValidationCriteria.TEXT_IS_VALID_URL, []);
  }
  requireDate(): this {
    return this.require(DataValidationCriteria.DATE_IS_VALID_DATE, []);
  }
  requireFormulaSatisfied(formula: string): this {
    return this.require(DataValidationCriteria.CUSTOM_FORMULA, [formula]);
  }
  withCriteria(criteria: EnumValue, args: unknown[]): this {
    return this.require(criteria, args);
  }
  setAllowInvalid(allowInvalid: boolean): this {
    this.state.allowInvalid = Boolean(allowInvalid);
    return this;
  }
  setHelpText(helpText: string): this {
    this.state.helpText = String(helpText);
    return this;
  }
  getCriteriaType(): EnumValue | null {
    return this.state.criteriaType;
  }
  getCriteriaValues(): unknown[] {
    return copyCriteriaValues(this.state.criteriaValues);
  }
  getAllowInvalid(): boolean {
    return this.state.allowInvalid;
  }
  getHelpText(): string | null {
    return this.state.helpText === '' ? null : this.state.helpText;
  }

  build(): DataValidation {
    if (!this.state.criteriaType) {
      // A rule without criteria cannot be applied in Sheets' UI either.
      throw new ScriptException('You must specify a data validation criteria before building the rule.');
    }
    return new DataValidation({ ...this.state, criteriaValues: [...this.state.criteriaValues] });
  }
}
