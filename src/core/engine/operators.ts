// Operators compiled to cell tests (contract v1 "Operators").

import { cellNumber, cellTruth, foldCase, isBlank, parseNumberText } from '../cells';
import type { Operator, RuleScalar, RuleValue } from '../model';

/** A rule's value normalised for comparing with cells: as text, and as a number when it is one. */
export interface Target {
  text: string;
  number: number | undefined;
  shown: string;
}

export function targetOf(value: RuleScalar): Target {
  if (typeof value === 'number')
    return { text: String(value).toLowerCase(), number: value, shown: String(value) };
  return {
    text: foldCase(value.trim()),
    number: parseNumberText(value),
    shown: JSON.stringify(value.trim()),
  };
}

export type CellTest = (cell: unknown) => boolean;

/**
 * The day ages are counted from (contract v2 §9): the model's as-of, or, with `settings.asOfColumn`, the
 * lead's own day, set by the engine before it reads each lead. Compiled tests read it when they run.
 */
export interface AsOfClock {
  day: number;
}

/** Compiles the match test of an operator other than `per` (of a v1 rule or a v2 condition). */
export function compileTest(
  operator: Operator,
  value: RuleValue | undefined,
  text: (cell: unknown) => string,
  day: (cell: unknown) => number | undefined,
  clock: AsOfClock,
  /** The cell as a number (a column's reader that keeps its last result, so rules on it parse it once). */
  number: (cell: unknown) => number | undefined = cellNumber,
): CellTest {
  switch (operator) {
    case 'equals':
    case 'not equals': {
      const target = targetOf(value as RuleScalar);
      const test = equalsTest(target, text, number);
      return operator === 'equals' ? test : (cell) => !test(cell);
    }
    case 'one of':
    case 'not one of': {
      const test = oneOfTest((value as RuleScalar[]).map(targetOf), text, number);
      return operator === 'one of' ? test : (cell) => !test(cell);
    }
    case 'contains':
    case 'not contains': {
      const needle = targetOf(value as RuleScalar).text;
      // '' (blank cells and unreadable values) never contains a non-empty needle.
      return operator === 'contains'
        ? (cell) => text(cell).includes(needle)
        : (cell) => !text(cell).includes(needle);
    }
    case 'contains any': {
      const needles = (value as RuleScalar[]).map((item) => targetOf(item).text);
      return (cell) => {
        const haystack = text(cell);
        for (const needle of needles) if (haystack.includes(needle)) return true;
        return false;
      };
    }
    case '>': {
      const limit = value as number;
      return (cell) => {
        const n = number(cell);
        return n !== undefined && n > limit;
      };
    }
    case '>=': {
      const limit = value as number;
      return (cell) => {
        const n = number(cell);
        return n !== undefined && n >= limit;
      };
    }
    case '<': {
      const limit = value as number;
      return (cell) => {
        const n = number(cell);
        return n !== undefined && n < limit;
      };
    }
    case '<=': {
      const limit = value as number;
      return (cell) => {
        const n = number(cell);
        return n !== undefined && n <= limit;
      };
    }
    case 'between': {
      const [min, max] = value as [number, number];
      return (cell) => {
        const n = number(cell);
        return n !== undefined && n >= min && n <= max;
      };
    }
    case 'is blank':
      return isBlank;
    case 'is not blank':
      return (cell) => !isBlank(cell);
    case 'is true':
      return (cell) => cellTruth(cell) === true;
    case 'is false':
      return (cell) => cellTruth(cell) === false;
    case 'within days': {
      const days = value as number;
      return (cell) => {
        const date = day(cell);
        if (date === undefined) return false;
        const age = clock.day - date;
        return age >= 0 && age <= days;
      };
    }
    case 'older than days': {
      const days = value as number;
      return (cell) => {
        const date = day(cell);
        return date !== undefined && clock.day - date > days;
      };
    }
    case 'per':
      return () => false; // replaced in compileModel: a `per` rule matches when it contributes
  }
}

/** Equal numerically when both are numbers, else as text; a blank cell never equals (targets are never ''). */
function equalsTest(
  target: Target,
  text: (cell: unknown) => string,
  number: (cell: unknown) => number | undefined,
): CellTest {
  const targetNumber = target.number;
  if (targetNumber === undefined) return (cell) => text(cell) === target.text;
  return (cell) => {
    const n = number(cell);
    return n !== undefined ? n === targetNumber : text(cell) === target.text;
  };
}

function oneOfTest(
  targets: readonly Target[],
  text: (cell: unknown) => string,
  number: (cell: unknown) => number | undefined,
): CellTest {
  const numbers = new Set<number>();
  const textsOfNonNumbers = new Set<string>();
  const allTexts = new Set<string>();
  for (const target of targets) {
    allTexts.add(target.text);
    if (target.number === undefined) textsOfNonNumbers.add(target.text);
    else numbers.add(target.number);
  }
  if (numbers.size === 0) return (cell) => allTexts.has(text(cell));
  return (cell) => {
    const n = number(cell);
    if (n === undefined) return allTexts.has(text(cell));
    // A number cell equals a number item numerically, any other item as text.
    return numbers.has(n) || (textsOfNonNumbers.size > 0 && textsOfNonNumbers.has(text(cell)));
  };
}
