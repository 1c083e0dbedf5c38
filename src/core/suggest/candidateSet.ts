// The candidate set: which columns candidates are built from, and the helpers that keep it readable.

import type { Candidate } from './candidates';
import type { ColumnProfile } from './columns';
import type { LeadTable } from './leadTable';

// `cell`: the fit × engagement cell (v2 §10) Score this sheet writes beside the grade.
const OWN_OUTPUTS = new Set(['score', 'band', 'grade', 'cell', 'reasons', 'fit score']);

/** The placeholders that occur in the chosen columns, as first spelt there. */
export function placeholdersIn(
  columns: readonly ColumnProfile[],
  rows: LeadTable,
  placeholders: ReadonlySet<string>,
): string[] {
  const found = new Map<string, string>();
  for (let i = 0; i < rows.length; i++) {
    for (const column of columns) {
      const cell = rows.cell(i, column.index);
      if (typeof cell !== 'string') continue;
      const key = cell.trim().toLowerCase();
      if (key !== '' && placeholders.has(key) && !found.has(key)) found.set(key, cell.trim());
    }
  }
  return [...found.values()];
}

export function uniqueNames(candidates: Candidate[]): void {
  const seen = new Set<string>();
  // Current rules keep their names; data rules give way.
  const ordered = [
    ...candidates.filter((c) => c.source === 'current'),
    ...candidates.filter((c) => c.source === 'data'),
  ];
  for (const candidate of ordered) {
    let name = candidate.rule.name;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${candidate.rule.name} (${n})`;
    seen.add(name.toLowerCase());
    candidate.rule = { ...candidate.rule, name };
  }
}

export interface ColumnChoice {
  outcomeColumn: number;
  overrideColumn: number;
  timeColumn: number;
  columns?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
}

/** The columns candidates are built from (all but identifiers, dates, the outcome, the override, the
 *  add-on's own outputs and the user's exclusions; or exactly `columns`), and why the others are left out. */
export function chooseColumns(
  profiles: readonly ColumnProfile[],
  choice: ColumnChoice,
): { chosen: ColumnProfile[]; excluded: { column: string; why: string }[] } {
  const excluded: { column: string; why: string }[] = [];
  const chosen: ColumnProfile[] = [];
  const explicit = choice.columns?.map((c) => c.trim().toLowerCase());
  const excludedByUser = new Set((choice.exclude ?? []).map((c) => c.trim().toLowerCase()));
  for (const profile of profiles) {
    const key = profile.name.toLowerCase();
    const leave = (why: string) => excluded.push({ column: profile.name, why });
    if (profile.index === choice.outcomeColumn) continue;
    if (profile.name === '') {
      leave('a column without a header (rules name their column)');
      continue;
    }
    if (profile.index === choice.overrideColumn) {
      leave("the salesperson's override column");
      continue;
    }
    if (explicit !== undefined) {
      if (!explicit.includes(key)) continue;
    } else if (excludedByUser.has(key)) {
      leave('excluded on purpose');
      continue;
    } else if (profile.identifier) {
      leave('an identifier (nearly every value differs)');
      continue;
    } else if (OWN_OUTPUTS.has(key)) {
      leave("the add-on's own output");
      continue;
    }
    if (profile.index === choice.timeColumn) {
      leave('the date the split is made on');
      continue;
    }
    if (profile.type === 'date') {
      leave('a date (rules on dates count days to a fixed day; add them by hand)');
      continue;
    }
    if (profile.type === 'empty') {
      leave('empty');
      continue;
    }
    chosen.push(profile);
  }
  return { chosen, excluded };
}
