// Input and output of calibration: how a model's bands and rules compare with real outcomes.
// Everything here is plain data (the CLI serialises the report to JSON), so an undefined rate is
// `null`, never NaN.

export interface CalibrationLead {
  /** The model's own score: for an overridden lead, what the model alone gives (`LeadScore.modelScore`). */
  score: number;
  band: number; // index into bands, of `score`
  converted: boolean; // open leads are already left out by the caller
  matches: boolean[]; // per rule, aligned with CalibrationInput.rules
  /** A salesperson's override replaced the score (contract v2 §5): the lead is reported apart and fits
   *  nothing. Its outcome followed how sales treated it, not the model's score. */
  overridden?: boolean;
  /** For an overridden lead: the band its overridden score falls in. */
  overrideBand?: number;
}

export interface CalibrationInput {
  bands: { name: string; min: number | null; salesReady: boolean }[]; // ascending
  rules: { name: string; points: number; enabled: boolean }[];
  leads: CalibrationLead[];
  targetPrecision?: number; // default: twice the overall conversion rate (capped at 1)
}

/** A 95% Wilson score interval for a conversion rate, both bounds in [0, 1]. */
export interface Interval {
  low: number;
  high: number;
}

export interface BandReport {
  name: string;
  /** The band's lower bound as given (`null` = no lower bound). */
  min: number | null;
  leads: number;
  conversions: number;
  /** conversions / leads; null for an empty band. */
  rate: number | null;
  /** 95% Wilson interval of `rate`; null for an empty band. */
  low: number | null;
  high: number | null;
  shareOfLeads: number | null;
  shareOfConversions: number | null;
  /** rate / overall rate; null when either is undefined or the overall rate is 0. */
  lift: number | null;
  /** Effective flag: the contract's default (upper half) applies when no band is marked. */
  salesReady: boolean;
}

export interface GainsPoint {
  /** Nominal share of leads taken from the top: 0.1, 0.2, … 1. */
  topShare: number;
  /** How many leads that is: ceil(topShare × leads). */
  leads: number;
  /** Share of all conversions among those leads; null when nothing converted. */
  conversionsShare: number | null;
  /** Lowest score among those leads; null when they are none. */
  scoreAtLeast: number | null;
}

export interface SalesReadyReport {
  /** Band names handed to sales. */
  bands: string[];
  /** `min` of the lowest sales-ready band; null when that band has no lower bound (or none is). */
  threshold: number | null;
  leads: number;
  conversions: number;
  shareOfLeads: number | null;
  /** Flagged leads that converted / flagged leads. */
  precision: number | null;
  /** Flagged conversions / all conversions. */
  recall: number | null;
}

export type RuleFlag = 'ok' | 'weak' | 'contradicts data' | 'disabled';

export interface RuleReport {
  name: string;
  points: number;
  enabled: boolean;
  matched: number;
  conversionsMatched: number;
  rateMatched: number | null;
  rateUnmatched: number | null;
  /** rateMatched / overall rate. */
  lift: number | null;
  flag: RuleFlag;
}

export interface ThresholdOutcome {
  leads: number;
  precision: number | null;
  recall: number | null;
}

export interface SuggestedThreshold {
  /** Flag leads with score ≥ this. */
  score: number;
  /** What flagging by `score` would give. */
  suggested: ThresholdOutcome;
  /** What the sales-ready bands give now. */
  current: ThresholdOutcome;
  /** Converted leads the new cut-off flags that the current bands do not. */
  conversionsGained: number;
  /** Converted leads the current bands flag that the new cut-off would not. */
  conversionsLost: number;
  leadsAdded: number;
  leadsRemoved: number;
}

/** Overridden leads, by the band the model alone gives them, against that band's other leads. */
export interface OverriddenBandReport {
  /** The band of the model's own score. */
  band: string;
  leads: number;
  conversions: number;
  rate: number | null;
  /** The conversion rate of the leads of this band that were not overridden; null when there are none. */
  modelBandRate: number | null;
}

/** Leads whose score a salesperson overrode: left out of every figure above, reported here. */
export interface OverriddenReport {
  leads: number;
  conversions: number;
  rate: number | null;
  /** Overrides that put the lead in a higher band than the model's, the same band, a lower one. */
  raised: number;
  same: number;
  lowered: number;
  /** Conversions the overridden leads would have had at their model band's rate (the other leads'); null
   *  when a band of theirs has no other lead to compare with. */
  expectedConversions: number | null;
  /** Non-empty bands only, ascending. */
  byModelBand: OverriddenBandReport[];
}

export interface CalibrationReport {
  /** Leads measured: those with a known outcome whose score was not overridden. */
  leads: number;
  conversions: number;
  rate: number | null;
  auc: number | null;
  gini: number | null;
  ks: number | null;
  bands: BandReport[];
  /** Conversion rates rise strictly from each non-empty band to the next non-empty one. */
  monotonic: boolean;
  /** Neighbouring non-empty bands whose 95% intervals overlap (band names). */
  indistinct: { lower: string; upper: string }[];
  gains: GainsPoint[];
  salesReady: SalesReadyReport;
  rules: RuleReport[];
  /** The precision the suggested threshold aims for; null when there is nothing to aim at. */
  targetPrecision: number | null;
  suggestedThreshold: SuggestedThreshold | null;
  /** Why there is no suggested threshold; null when there is one. */
  noSuggestionReason: string | null;
  /** Overridden leads, reported apart (they are not in `leads` nor in any figure above). */
  overridden: OverriddenReport;
  /** Plain sentences for marketers, most important first. */
  verdicts: string[];
}
