// The scoring engine's public API (contract v1 and v2). Callers import from here ('core/engine').

export { ActivityLog, startActivityLog } from './activityLog';
export {
  AS_OF_REASON,
  compileModel,
  leadColumnIndices,
  leadColumns,
  OVERRIDE_REASON,
  scoreRows,
} from './compile';
export { describeCondition, describeTest, formatNumber } from './describe';
export {
  effectiveSalesReady,
  finite,
  formatPoints,
  formatReason,
  formatReasons,
  groupCapNote,
  salesReadyFlags,
} from './format';
export { cellOf, type Grading, makeGrading } from './grading';
export type {
  ActivityTable,
  CompiledModel,
  CompileResult,
  LeadScore,
  OutcomeState,
  Reason,
  RuleExplanation,
  ScoringOptions,
  StreamedActivities,
} from './types';
