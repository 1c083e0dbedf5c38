// Small readers shared by the parts of model validation: each reports through an `Issue` in words a
// marketer can act on and returns undefined when the value cannot be used.

import { foldCase } from './cells';
import { unseenNameProblem } from './visibleText';

export type Fields = Record<string, unknown>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type Issue = (field: string | undefined, detail: string) => void;
export type IssueFor = (subject: string) => Issue;

export function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A value as a marketer would recognise it in a message. */
export function describe(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'an invalid number';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  return 'a set of keys';
}

export function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function checkKeys(fields: Fields, allowed: readonly string[], issue: Issue): void {
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) {
      issue(key, `unknown key "${key}" (allowed keys: ${allowed.join(', ')})`);
    }
  }
}

/** A required, non-empty name; undefined (after reporting) when it is not one. */
export function readName(value: unknown, issue: Issue): string | undefined {
  if (isAbsent(value)) {
    issue('name', 'name is missing');
    return undefined;
  }
  if (typeof value !== 'string') {
    issue('name', `name must be text, got ${describe(value)}`);
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed === '') {
    issue('name', 'name must not be empty');
    return undefined;
  }
  const unseen = unseenNameProblem(trimmed);
  if (unseen !== undefined) {
    issue('name', unseen);
    return undefined;
  }
  return trimmed;
}

/** A required, non-empty text such as a column header; trimmed. */
export function readText(value: unknown, field: string, issue: Issue, what = field): string | undefined {
  if (isAbsent(value)) {
    issue(field, `${what} is missing`);
    return undefined;
  }
  if (typeof value !== 'string') {
    issue(field, `${what} must be text, got ${describe(value)}`);
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed === '') {
    issue(field, `${what} must not be empty`);
    return undefined;
  }
  return trimmed;
}

export function readOptionalNumber(
  value: unknown,
  field: string,
  issue: Issue,
  what = field,
): number | undefined {
  if (isAbsent(value)) return undefined;
  if (!isNumber(value)) {
    issue(field, `${what} must be a number, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

export function readOptionalBoolean(value: unknown, field: string, issue: Issue): boolean | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'boolean') {
    issue(field, `${field} must be true or false, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

export function isRealIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= lengths[month - 1]!;
}

/** Whether `text` is a real calendar date written exactly `YYYY-MM-DD`. */
export function isIsoDate(text: unknown): text is string {
  return typeof text === 'string' && isRealIsoDate(text);
}
/** Subject for the n-th item of a list: by its name when it has a usable one, else by position. */
export function subjectOf(kind: string, item: unknown, index: number): string {
  if (isRecord(item) && typeof item.name === 'string' && item.name.trim() !== '') {
    return `${kind} "${item.name.trim()}"`;
  }
  return `${kind} ${index + 1}`;
}

export function readList(value: unknown, field: string, issue: Issue): unknown[] | undefined {
  if (isAbsent(value)) {
    issue(field, `${field} is missing`);
    return undefined;
  }
  if (!Array.isArray(value)) {
    issue(field, `${field} must be a list, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

/** Case- and space-insensitive key under which names are compared (and columns found). */
export function nameKey(name: string): string {
  return foldCase(name.trim());
}

/** Reports the second and later uses of a name among the items of one list. */
export function checkDuplicates(
  names: (string | undefined)[],
  kind: string,
  plural: string,
  issueFor: IssueFor,
): void {
  const firstUse = new Map<string, number>();
  names.forEach((name, index) => {
    if (name === undefined) return;
    const key = nameKey(name);
    const first = firstUse.get(key);
    if (first === undefined) firstUse.set(key, index);
    else {
      issueFor(`${kind} "${name}"`)(
        'name',
        `the name is used by more than one ${kind} (${plural} ${first + 1} and ${index + 1})`,
      );
    }
  });
}
