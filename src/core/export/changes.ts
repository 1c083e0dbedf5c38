// The hand-over queue: which leads entered or left the sales-ready bands between two scoring runs, and
// why (the reasons that appeared, went or changed). Pure, so the CLI (`score --changed-since`) and a
// Hand-over sheet in the add-on build the same list. Leads are matched by a key column (e.g. Email).

import { formatPoints, type Reason } from '../engine';

/** One lead as a scoring run left it. */
export interface LeadSnapshot {
  key: string;
  score: number;
  band: string;
  reasons: readonly Reason[];
}

export type ChangeKind = 'entered' | 'left';

export interface SalesReadyChange {
  key: string;
  change: ChangeKind;
  /** Undefined for a lead new in this run. */
  before?: LeadSnapshot;
  /** Undefined for a lead no longer in the data. */
  after?: LeadSnapshot;
  /** Reasons in plain words that explain the move: `gained Requested a demo +15`, `Email opens +6 (was +12)`, `lost Webinar +10`. */
  why: string[];
}

/** Compares runs lead by lead as the current run streams past; keeps only the previous run's snapshots. */
export class RunComparer {
  private readonly previous = new Map<string, LeadSnapshot>();
  private readonly seen = new Set<string>();
  readonly changes: SalesReadyChange[] = [];

  constructor(
    previous: Iterable<LeadSnapshot>,
    private readonly salesReady: ReadonlySet<string>,
  ) {
    for (const lead of previous) {
      const key = normaliseKey(lead.key);
      if (key !== '' && !this.previous.has(key)) this.previous.set(key, lead);
    }
  }

  /** Records a lead of the current run; returns its change, if any. */
  add(lead: LeadSnapshot): SalesReadyChange | undefined {
    const key = normaliseKey(lead.key);
    if (key === '' || this.seen.has(key)) return undefined;
    this.seen.add(key);
    const before = this.previous.get(key);
    const wasReady = before !== undefined && this.salesReady.has(before.band);
    const isReady = this.salesReady.has(lead.band);
    if (wasReady === isReady) return undefined;
    const change: SalesReadyChange = {
      key: lead.key,
      change: isReady ? 'entered' : 'left',
      after: lead,
      why: reasonChanges(before?.reasons ?? [], lead.reasons),
    };
    if (before !== undefined) change.before = before;
    else change.why.unshift('new lead');
    this.changes.push(change);
    return change;
  }

  /** Ends the run: sales-ready leads of the previous run that are gone from the data have left. */
  finish(): SalesReadyChange[] {
    for (const [key, before] of this.previous) {
      if (this.seen.has(key) || !this.salesReady.has(before.band)) continue;
      this.changes.push({ key: before.key, change: 'left', before, why: ['no longer in the data'] });
    }
    return this.changes;
  }
}

/** Entered before left, then by key: a stable order for a sheet or a file. */
export function compareRuns(
  previous: Iterable<LeadSnapshot>,
  current: Iterable<LeadSnapshot>,
  salesReady: ReadonlySet<string>,
): SalesReadyChange[] {
  const comparer = new RunComparer(previous, salesReady);
  for (const lead of current) comparer.add(lead);
  return comparer.finish();
}

function normaliseKey(key: string): string {
  return key.trim().toLowerCase();
}

function reasonChanges(before: readonly Reason[], after: readonly Reason[]): string[] {
  const was = new Map(before.map((reason) => [reason.rule, reason.points]));
  const now = new Map(after.map((reason) => [reason.rule, reason.points]));
  const lines: string[] = [];
  for (const reason of after) {
    const old = was.get(reason.rule);
    if (old === undefined) lines.push(`gained ${reason.rule} ${formatPoints(reason.points)}`);
    else if (old !== reason.points)
      lines.push(`${reason.rule} ${formatPoints(reason.points)} (was ${formatPoints(old)})`);
  }
  for (const reason of before) {
    if (!now.has(reason.rule)) lines.push(`lost ${reason.rule} ${formatPoints(reason.points)}`);
  }
  return lines;
}

export const CHANGE_HEADERS = [
  'Lead',
  'Change',
  'Band before',
  'Band now',
  'Score before',
  'Score now',
  'Why',
];

/** Rows for a CSV or a sheet: CHANGE_HEADERS, then one row per change (numbers as numbers). */
export function changesToRows(changes: readonly SalesReadyChange[]): (string | number)[][] {
  const rows: (string | number)[][] = [CHANGE_HEADERS];
  const sorted = [...changes].sort(
    (a, b) => (a.change === b.change ? 0 : a.change === 'entered' ? -1 : 1) || a.key.localeCompare(b.key),
  );
  for (const change of sorted) {
    rows.push([
      change.key,
      change.change === 'entered' ? 'entered sales-ready' : 'left sales-ready',
      change.before?.band ?? '',
      change.after?.band ?? '',
      change.before?.score ?? '',
      change.after?.score ?? '',
      change.why.join('; '),
    ]);
  }
  return rows;
}

/**
 * Reasons as formatReasons wrote them ("Demo +15, Unsubscribed −30"), read back with the model's rule names
 * (which may themselves hold ", "); unknown names are split at ", ".
 */
export function parseReasons(text: string, ruleNames: readonly string[]): Reason[] {
  const names = [...ruleNames].sort((a, b) => b.length - a.length);
  const reasons: Reason[] = [];
  let rest = text.trim();
  // A group cap's note (" (its group capped to 40)") follows the points when the cap cut them.
  const pointsAt = /^ ([+\u2212-])(\d+(?:\.\d+)?)(?: \(its group capped to [^)]*\))?(?:, |$)/;
  while (rest.length > 0) {
    let matched = false;
    for (const name of names) {
      if (!rest.startsWith(name)) continue;
      const points = pointsAt.exec(rest.slice(name.length));
      if (!points) continue;
      const magnitude = Number(points[2]);
      reasons.push({ rule: name, points: points[1] === '+' ? magnitude : -magnitude });
      rest = rest.slice(name.length + points[0].length);
      matched = true;
      break;
    }
    if (matched) continue;
    const item = /^(.*?) ([+\u2212-])(\d+(?:\.\d+)?)(?: \(its group capped to [^)]*\))?(?:, |$)/.exec(rest);
    if (!item) break;
    const magnitude = Number(item[3]);
    reasons.push({ rule: item[1]!, points: item[2] === '+' ? magnitude : -magnitude });
    rest = rest.slice(item[0].length);
  }
  return reasons;
}
