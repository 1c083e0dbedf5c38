// Streaming tallies per cohort: everything the monitor reports is a sum, so leads can be added one at a time
// and forgotten. Memory grows with periods × (bands + rules + distinct scores), never with leads.
import type { ScoreCount } from './stats';

/** One lead as the monitor counts it. */
export interface MonitorLead {
  /** Day number of the cohort date. */
  day: number;
  score: number;
  band: number;
  outcome: 'converted' | 'not converted' | 'open';
  /** Per rule of the model, whether it matched (omit to leave rules out of the tally). */
  matches?: readonly boolean[];
  /** Sales' verdict on the lead, when there is one. */
  salesVerdict?: 'accepted' | 'rejected';
  /** A lead of the Calibration sheet's review sample that someone checked: would sales call it? */
  review?: 'good' | 'not good' | 'unanswered';
  /** Contract v2 §10: the position of the lead's fit × engagement cell (engagementCells), when it has one. */
  cell?: number;
}

export interface PeriodTally {
  leads: number;
  known: number;
  conversions: number;
  /** Per score (model scores are rounded to 2 decimals, so there are few). */
  scores: Map<number, ScoreCount>;
  bandLeads: number[];
  bandKnown: number[];
  bandConversions: number[];
  /** Leads sales gave a verdict on, and those it accepted. */
  bandVerdicts: number[];
  bandAccepted: number[];
  /** Leads matched by each rule (all leads, open ones too: what the leads look like). */
  ruleMatches: number[];
  /** Review-sample leads checked by hand; of them, those sales would call and those it would not. */
  reviewChecked: number;
  reviewGood: number;
  reviewNotGood: number;
  /** Per fit × engagement cell (empty for a model without them): leads, known outcomes, conversions. */
  cellLeads: number[];
  cellKnown: number[];
  cellConversions: number[];
}

export function emptyTally(bandCount: number, ruleCount: number, cellCount = 0): PeriodTally {
  const zeros = (n: number) => new Array<number>(n).fill(0);
  return {
    leads: 0,
    known: 0,
    conversions: 0,
    scores: new Map(),
    bandLeads: zeros(bandCount),
    bandKnown: zeros(bandCount),
    bandConversions: zeros(bandCount),
    bandVerdicts: zeros(bandCount),
    bandAccepted: zeros(bandCount),
    ruleMatches: zeros(ruleCount),
    reviewChecked: 0,
    reviewGood: 0,
    reviewNotGood: 0,
    cellLeads: zeros(cellCount),
    cellKnown: zeros(cellCount),
    cellConversions: zeros(cellCount),
  };
}

export function addLead(tally: PeriodTally, lead: MonitorLead): void {
  tally.leads++;
  tally.bandLeads[lead.band]!++;
  let count = tally.scores.get(lead.score);
  if (count === undefined) {
    count = { leads: 0, converted: 0, notConverted: 0 };
    tally.scores.set(lead.score, count);
  }
  count.leads++;
  if (lead.outcome !== 'open') {
    tally.known++;
    tally.bandKnown[lead.band]!++;
    if (lead.outcome === 'converted') {
      tally.conversions++;
      tally.bandConversions[lead.band]!++;
      count.converted++;
    } else count.notConverted++;
  }
  if (lead.salesVerdict !== undefined) {
    tally.bandVerdicts[lead.band]!++;
    if (lead.salesVerdict === 'accepted') tally.bandAccepted[lead.band]!++;
  }
  const cell = lead.cell;
  if (cell !== undefined) {
    tally.cellLeads[cell]!++;
    if (lead.outcome !== 'open') {
      tally.cellKnown[cell]!++;
      if (lead.outcome === 'converted') tally.cellConversions[cell]!++;
    }
  }
  if (lead.review !== undefined) {
    tally.reviewChecked++;
    if (lead.review === 'good') tally.reviewGood++;
    else if (lead.review === 'not good') tally.reviewNotGood++;
  }
  const matches = lead.matches;
  if (matches !== undefined) {
    for (let i = 0; i < tally.ruleMatches.length; i++) if (matches[i]) tally.ruleMatches[i]!++;
  }
}

/** The sum of several tallies (the baseline is the sum of its periods). */
export function mergeTallies(
  tallies: readonly PeriodTally[],
  bandCount: number,
  ruleCount: number,
  cellCount = 0,
): PeriodTally {
  const sum = emptyTally(bandCount, ruleCount, cellCount);
  const addInto = (into: number[], from: readonly number[]) => {
    for (let i = 0; i < into.length; i++) into[i]! += from[i] ?? 0;
  };
  for (const t of tallies) {
    sum.leads += t.leads;
    sum.known += t.known;
    sum.conversions += t.conversions;
    sum.reviewChecked += t.reviewChecked;
    sum.reviewGood += t.reviewGood;
    sum.reviewNotGood += t.reviewNotGood;
    for (const [score, c] of t.scores) {
      const into = sum.scores.get(score);
      if (into === undefined) sum.scores.set(score, { ...c });
      else {
        into.leads += c.leads;
        into.converted += c.converted;
        into.notConverted += c.notConverted;
      }
    }
    addInto(sum.bandLeads, t.bandLeads);
    addInto(sum.bandKnown, t.bandKnown);
    addInto(sum.bandConversions, t.bandConversions);
    addInto(sum.bandVerdicts, t.bandVerdicts);
    addInto(sum.bandAccepted, t.bandAccepted);
    addInto(sum.ruleMatches, t.ruleMatches);
    addInto(sum.cellLeads, t.cellLeads);
    addInto(sum.cellKnown, t.cellKnown);
    addInto(sum.cellConversions, t.cellConversions);
  }
  return sum;
}

/** Tallies per period start; leads without a cohort date are only counted. */
export class MonitorTally {
  readonly periods = new Map<number, PeriodTally>();
  undated = 0;

  constructor(
    private readonly bandCount: number,
    private readonly ruleCount: number,
    private readonly startOf: (day: number) => number,
    private readonly cellCount = 0,
  ) {}

  add(lead: MonitorLead): void {
    const start = this.startOf(lead.day);
    let tally = this.periods.get(start);
    if (tally === undefined) {
      tally = emptyTally(this.bandCount, this.ruleCount, this.cellCount);
      this.periods.set(start, tally);
    }
    addLead(tally, lead);
  }
}
