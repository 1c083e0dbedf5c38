// Validation of the threshold lists of a model: bands (over the score), grades (over the fit score) and
// engagement levels (contract v2 §10, over the engagement score). Same shape, same ascending rule.

import type { Band } from './model';
import {
  checkDuplicates,
  checkKeys,
  describe,
  type Issue,
  type IssueFor,
  isAbsent,
  isNumber,
  isRecord,
  readList,
  readName,
  readOptionalBoolean,
  subjectOf,
} from './validateBasics';

export type ThresholdKind = 'band' | 'grade' | 'engagement level';

/** The model key holding each list, and the words a message uses for several of them. */
const LISTS: Readonly<Record<ThresholdKind, { key: string; plural: string; optional: boolean }>> = {
  band: { key: 'bands', plural: 'bands', optional: false },
  grade: { key: 'grades', plural: 'grades', optional: true },
  'engagement level': { key: 'engagementLevels', plural: 'engagement levels', optional: true },
};

const BAND_KEYS = ['name', 'min', 'salesReady'];
const THRESHOLD_KEYS = ['name', 'min'];

/** Bands, grades or engagement levels (only bands have salesReady); undefined when an optional list is absent. */
export function readThresholds(
  value: unknown,
  kind: ThresholdKind,
  modelIssue: Issue,
  issueFor: IssueFor,
  report: (subject: string, field: string | undefined, detail: string) => void,
): Band[] | undefined {
  const { key, plural, optional } = LISTS[kind];
  if (optional && isAbsent(value)) return undefined;
  const items = readList(value, key, modelIssue);
  if (items === undefined) return undefined;
  if (kind === 'band' && items.length === 0) modelIssue('bands', 'bands must list at least one band');
  const bands: Band[] = [];
  const names: (string | undefined)[] = [];
  let previous: { name: string; min: number } | undefined;
  items.forEach((item, index) => {
    const subject = subjectOf(kind, item, index);
    const issue = issueFor(subject);
    if (!isRecord(item)) {
      issue(undefined, `each ${kind} must be a set of keys (name, min), got ${describe(item)}`);
      names.push(undefined);
      return;
    }
    checkKeys(item, kind === 'band' ? BAND_KEYS : THRESHOLD_KEYS, issue);
    const name = readName(item.name, issue);
    names.push(name);
    let min: number | null | undefined;
    if (isNumber(item.min)) min = item.min;
    else if (index === 0 && isAbsent(item.min)) min = null;
    else {
      const onlyFirst = `only the first ${kind} may leave it empty`;
      issue('min', `min must be a number (${onlyFirst}), got ${describe(item.min)}`);
    }
    const salesReady =
      kind === 'band' ? readOptionalBoolean(item.salesReady, 'salesReady', issue) : undefined;
    if (typeof min === 'number') {
      if (previous !== undefined && min <= previous.min) {
        const shownName = name ?? `${kind} ${index + 1}`;
        report(
          subject,
          'min',
          `${plural} must ascend: "${shownName}" (${min}) after "${previous.name}" (${previous.min})`,
        );
      }
      previous = { name: name ?? `${kind} ${index + 1}`, min };
    }
    if (name === undefined || min === undefined) return;
    const band: Band = { name, min };
    if (salesReady !== undefined) band.salesReady = salesReady;
    bands.push(band);
  });
  checkDuplicates(names, kind, plural, issueFor);
  return bands;
}
