// Calibration: how well a model's bands and rules match real outcomes. Pure; no platform types.

export { asOfVerdict, decisionDayColumn, looksLikeDecisionDay, modelCountsDays } from './asOfAdvice';
export { calibrate, effectiveSalesReady, ruleFlag } from './calibrate';
export type { BandSideBySide, MetricComparison, ReportComparison } from './compare';
export { compareReports } from './compare';
export * from './engagementCells';
export * from './fit';
export { countText, percent, percentNumber, percentRange, ratioText, scoreText } from './format';
export * from './fromRows';
export * from './logistic';
export { filterByPeriod, isWithinPeriod } from './period';
export { hashSeed, mulberry32, reviewSample } from './sample';
export * from './sheetLayout';
export { auc, cumulativeGains, ks, wilsonInterval, Z_95 } from './stats';
export {
  CalibrationStream,
  type StartCalibrationResult,
  type StreamCalibration,
  type StreamCalibrationOptions,
  startCalibration,
} from './stream';
export * from './thresholds';
export type {
  BandReport,
  CalibrationInput,
  CalibrationLead,
  CalibrationReport,
  GainsPoint,
  Interval,
  OverriddenBandReport,
  OverriddenReport,
  RuleFlag,
  RuleReport,
  SalesReadyReport,
  SuggestedThreshold,
  ThresholdOutcome,
} from './types';
export { aucVerdict, isThinBand, overriddenVerdict, writeVerdicts } from './verdicts';
