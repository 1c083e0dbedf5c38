// What a cell looks like once the sheet's conditional-format rules apply, as Sheets draws it: the first rule
// (in the sheet's order) whose ranges hold the cell and whose condition is true sets the colours; text tests
// ignore case; a colour scale interpolates between the range's smallest and largest number.
// https://support.google.com/docs/answer/78413 (Use conditional formatting rules in Google Sheets)
// https://developers.google.com/apps-script/reference/spreadsheet/boolean-criteria
// CUSTOM_FORMULA and the relative-date criteria are not drawn (the page would need a formula engine).
import type { EmulatedSheet } from '../emulation';
import type { Cell } from '../emulation/sheet';

export interface ShownFormat {
  background: string;
  fontColor: string;
  bold: boolean;
}

interface Area {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

type Test = (value: unknown) => boolean;

interface PreparedRule {
  areas: Area[];
  /** A boolean rule's test and formats, or a colour scale's colour for a value. */
  apply(value: unknown, shown: ShownFormat): boolean;
}

/** A function giving the drawn format of a cell, for one sheet's current rules. */
export function effectiveFormats(
  sheet: EmulatedSheet,
): (row: number, column: number, cell: Cell) => ShownFormat {
  const rules = sheet.getConditionalFormatRules().flatMap((rule): PreparedRule[] => {
    const areas = rule.getRanges().map((range) => ({
      row: range.getRow(),
      column: range.getColumn(),
      rows: range.getNumRows(),
      columns: range.getNumColumns(),
    }));
    const condition = rule.getBooleanCondition();
    if (condition) {
      const test = booleanTest(String(condition.getCriteriaType()), condition.getCriteriaValues());
      if (!test) return [];
      const background = condition.getBackground();
      const fontColor = condition.getFontColor();
      const bold = condition.getBold();
      return [
        {
          areas,
          apply: (value, shown) => {
            if (!test(value)) return false;
            if (background) shown.background = background;
            if (fontColor) shown.fontColor = fontColor;
            if (bold !== null) shown.bold = bold;
            return true;
          },
        },
      ];
    }
    const gradient = rule.getGradientCondition();
    if (!gradient) return [];
    const numbers = rule
      .getRanges()
      .flatMap((range) => range.getValues().flat())
      .filter((v): v is number => typeof v === 'number');
    if (numbers.length === 0) return [];
    const min = Math.min(...numbers);
    const max = Math.max(...numbers);
    const from = gradient.getMinColor() ?? '#ffffff';
    const to = gradient.getMaxColor() ?? '#57bb8a';
    const mid = gradient.getMidColor();
    return [
      {
        areas,
        apply: (value, shown) => {
          if (typeof value !== 'number') return false;
          const t = max === min ? 1 : (value - min) / (max - min);
          shown.background = mid
            ? t < 0.5
              ? mix(from, mid, t * 2)
              : mix(mid, to, (t - 0.5) * 2)
            : mix(from, to, t);
          return true;
        },
      },
    ];
  });

  return (row, column, cell) => {
    const shown = {
      background: cell.background,
      fontColor: cell.fontColor,
      bold: cell.fontWeight === 'bold',
    };
    for (const rule of rules) {
      if (!rule.areas.some((a) => within(a, row, column))) continue;
      if (rule.apply(cell.value, shown)) break;
    }
    return shown;
  };
}

function within(area: Area, row: number, column: number): boolean {
  return (
    row >= area.row &&
    row < area.row + area.rows &&
    column >= area.column &&
    column < area.column + area.columns
  );
}

function booleanTest(criteria: string, values: unknown[]): Test | null {
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v)).toLowerCase();
  const number = (v: unknown) => (typeof v === 'number' ? v : Number.NaN);
  const [a, b] = values;
  const wanted = text(a);
  const x = Number(a);
  const y = Number(b);
  switch (criteria) {
    case 'CELL_EMPTY':
      return (v) => v === '' || v === null;
    case 'CELL_NOT_EMPTY':
      return (v) => v !== '' && v !== null;
    case 'TEXT_EQUAL_TO':
      return (v) => text(v) === wanted;
    case 'TEXT_NOT_EQUAL_TO':
      return (v) => text(v) !== wanted;
    case 'TEXT_CONTAINS':
      return (v) => text(v).includes(wanted);
    case 'TEXT_DOES_NOT_CONTAIN':
      return (v) => !text(v).includes(wanted);
    case 'TEXT_STARTS_WITH':
      return (v) => text(v).startsWith(wanted);
    case 'TEXT_ENDS_WITH':
      return (v) => text(v).endsWith(wanted);
    case 'NUMBER_EQUAL_TO':
      return (v) => number(v) === x;
    case 'NUMBER_NOT_EQUAL_TO':
      return (v) => typeof v === 'number' && v !== x;
    case 'NUMBER_GREATER_THAN':
      return (v) => number(v) > x;
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return (v) => number(v) >= x;
    case 'NUMBER_LESS_THAN':
      return (v) => number(v) < x;
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return (v) => number(v) <= x;
    case 'NUMBER_BETWEEN':
      return (v) => number(v) >= Math.min(x, y) && number(v) <= Math.max(x, y);
    case 'NUMBER_NOT_BETWEEN':
      return (v) => typeof v === 'number' && (v < Math.min(x, y) || v > Math.max(x, y));
    default:
      return null;
  }
}

function mix(from: string, to: string, t: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16);
  const parts = [0, 1, 2].map((i) =>
    Math.round(channel(from, i) + (channel(to, i) - channel(from, i)) * Math.min(1, Math.max(0, t)))
      .toString(16)
      .padStart(2, '0'),
  );
  return `#${parts.join('')}`;
}
