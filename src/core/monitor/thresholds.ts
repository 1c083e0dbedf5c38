// The monitor's fixed cut-offs, in one place so docs/monitor.md can name them.

/** A cohort needs this many known outcomes and conversions to be judged. */
export const MIN_KNOWN = 30;
export const MIN_CONVERSIONS = 10;
/** PSI at or above this: the leads changed (the usual reading: < 0.1 stable, 0.1–0.25 moderate, ≥ 0.25 large). */
export const SHIFT_PSI = 0.25;
/** The score distribution of fewer leads than this is too noisy for the stability index to say `shifted`. */
export const MIN_SHIFT_LEADS = 100;
/** A rule's match rate must move at least this much (and beyond chance) to be listed. */
export const MIN_RULE_MOVE = 0.05;
export const MAX_MOVED_RULES = 3;
/** The baseline by default: the first periods with enough outcomes, this many. */
export const BASELINE_PERIODS = 3;
/** Sales verdicts needed in the sales-ready bands before their acceptance is compared. */
export const MIN_VERDICTS = 10;
