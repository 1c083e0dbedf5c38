// The model sheet's layout: stacked tables (settings, activities, groups, rules, conditions, bands, grades,
// engagement levels, outcome) under section titles in column A, their headers and labels, and how a rule's Column cell says what
// the rule reads (a column, its conditions, or events).
import type { Rule } from './model';
import { formatList, parseList, parseNumber } from './modelSheetCells';

export const MODEL_SHEET_NAME = 'Lead Scoring Model';
export const MODEL_RANGE_NAME = 'LeadModel';
export const MODEL_SHEET_WIDTH = 8;

export const TITLE = 'Lead Scoring Model';
export const NAME_LABEL = 'Model name';
export const HELP =
  'Edit these tables here or in the sidebar. Insert rows inside a table to add to it; blank rows are ignored.';

export const SECTION_TITLES = [
  'Settings',
  'Activities',
  'Groups',
  'Rules',
  'Conditions',
  'Bands',
  'Grades',
  'Engagement levels',
  'Outcome',
] as const;
export type Section = (typeof SECTION_TITLES)[number];
/** Tables only a model that uses v2 has: a v1 model's sheet looks as it always did. */
export type V2Section = 'Activities' | 'Conditions' | 'Engagement levels';
export type V1Section = Exclude<Section, V2Section>;

export const SECTION_HEADERS: Readonly<Record<Section, readonly string[]>> = {
  Settings: ['Setting', 'Value'],
  Activities: ['Activity setting', 'Value'],
  Groups: ['Group', 'Kind', 'Max points', 'Decay date column', 'Decay % per period', 'Decay period (days)'],
  Conditions: ['Rule', 'Part', 'All or any', 'Column', 'Operator', 'Value'],
  // "Switched off" rather than "Enabled": a row inserted into the table gets an unticked box, and that must
  // leave the new rule on.
  Rules: ['Rule', 'Group', 'Column', 'Operator', 'Value', 'Points', 'Max points', 'Switched off'],
  Bands: ['Band', 'Min score', 'Sales-ready'],
  Grades: ['Grade', 'Min fit score'],
  'Engagement levels': ['Engagement level', 'Min engagement score'],
  Outcome: ['Outcome setting', 'Value'],
};

/** Where the Decay % per period column is in the Groups table (0-based). */
export const GROUP_DECAY_PERCENT_INDEX = 4;

/** The Groups table's v2 columns, written only when a group has a weight or a match. */
export const GROUP_V2_HEADERS = ['Weight', 'Match'] as const;

export const SETTING_LABELS = {
  minScore: 'Min score',
  maxScore: 'Max score',
  asOf: 'As of date',
  blankValues: 'Blank values',
  overrideColumn: 'Override column',
  asOfColumn: 'As of column',
} as const;
export const ACTIVITY_LABELS = {
  leadKey: 'Lead key column',
  activityKey: 'Activity key column',
  typeColumn: 'Activity type column',
  dateColumn: 'Activity date column',
} as const;
export const OUTCOME_LABELS = {
  column: 'Outcome column',
  positive: 'Converted values',
  negative: 'Not converted values',
} as const;

/** The Column cell of a rule whose conditions are in the Conditions table. */
export const CONDITIONS_MARKER = '(conditions)';
/** `events "Visited pricing page", "Page view" in 7 days`: the Column cell of an event rule. */
const EVENTS_CELL = /^events?\s*:?\s*(.*?)(?:\s+in\s+(?:the\s+last\s+)?(\S+)\s+days?)?$/i;
/** `column: Events attended`: a column whose name would otherwise read as events or `(conditions)`. */
const COLUMN_PREFIX = /^column\s*:\s*/i;

/** Where each table's data rows sit in the written grid (0-based row indexes, end exclusive), so the adapter
 *  can attach drop-downs and formats to the right cells. */
export interface SectionLayout {
  titleRow: number;
  headerRow: number;
  firstRow: number;
  endRow: number;
}

export interface ModelSheetLayout {
  sections: Record<V1Section, SectionLayout> & Partial<Record<V2Section, SectionLayout>>;
}

export type Cell = string | number | boolean;

export interface ModelGrid {
  values: Cell[][];
  layout: ModelSheetLayout;
}

/** What a rule's Column cell says the rule reads. */
export type ColumnCell =
  | { kind: 'column'; column: string }
  | { kind: 'conditions' }
  | { kind: 'events'; types: string[]; withinDays?: number | string };

export function parseColumnCell(text: string): ColumnCell {
  if (COLUMN_PREFIX.test(text)) return { kind: 'column', column: text.replace(COLUMN_PREFIX, '').trim() };
  if (text.toLowerCase() === CONDITIONS_MARKER) return { kind: 'conditions' };
  const events = EVENTS_CELL.exec(text);
  if (events === null) return { kind: 'column', column: text };
  const types = parseList(events[1] ?? '', { textOnly: true }).map(String);
  const cell: ColumnCell = { kind: 'events', types };
  if (events[2] !== undefined) cell.withinDays = parseNumber(events[2]) ?? events[2];
  return cell;
}

/** The Column cell of a rule: its column, `(conditions)`, or `events "A", "B" in 7 days`; written so that
 *  parseColumnCell reads back the same rule (a column named like an events cell gets `column: `). */
export function formatColumnCell(rule: Rule): string {
  if (rule.when !== undefined) return CONDITIONS_MARKER;
  if (rule.event !== undefined) {
    const types = typeof rule.event === 'string' ? [rule.event] : rule.event;
    const within = rule.withinDays === undefined ? '' : ` in ${rule.withinDays} days`;
    const plain = `events ${formatList(types, { textOnly: true })}${within}`;
    return readsAs(parseColumnCell(plain), types, rule.withinDays)
      ? plain
      : `events ${formatList(types, { textOnly: true, quoteAll: true })}${within}`;
  }
  const column = rule.column ?? '';
  const read = parseColumnCell(column);
  return read.kind === 'column' && read.column === column ? column : `column: ${column}`;
}

function readsAs(cell: ColumnCell, types: readonly string[], withinDays: number | undefined): boolean {
  return (
    cell.kind === 'events' &&
    cell.withinDays === withinDays &&
    cell.types.length === types.length &&
    cell.types.every((type, i) => type === types[i])
  );
}
