// The judgement thresholds calibration applies, in one place so the report and its verdicts agree.

/** Fewer matches than this and a rule's lift is noise. */
export const MIN_RULE_MATCHES = 30;
/** A suggested cut-off must flag at least this many leads. */
export const MIN_SUGGESTED_LEADS = 10;
/** Lift inside [WEAK_LIFT_LOW, WEAK_LIFT_HIGH] barely changes the odds (practice: drop under 1.5). */
export const WEAK_LIFT_LOW = 0.67;
export const WEAK_LIFT_HIGH = 1.5;
/** Below this many conversions overall, every figure is a first hint. */
export const MIN_CONVERSIONS_OVERALL = 30;
/** Below this many conversions a band's rate is too uncertain to judge… */
export const MIN_CONVERSIONS_IN_BAND = 10;
/** …unless its interval is this narrow anyway (a big band that rarely converts is well measured). */
export const NARROW_INTERVAL = 0.05;
/** Practice: the top band should convert about 10 times the bottom band. */
export const TOP_TO_BOTTOM_AIM = 10;
/** Practice: sales-ready bands flag 15–35% of leads and catch at least 60% of conversions. */
export const FLAGGED_SHARE_LOW = 0.15;
export const FLAGGED_SHARE_HIGH = 0.35;
export const MIN_RECALL_AIM = 0.6;
