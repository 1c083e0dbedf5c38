// The scoring engine's public API (contract v1 and v2). Callers import from here ('core/engine').

export { compileModel, scoreRows } from './compile';
export { effectiveSalesReady, formatPoints, formatReasons, salesReadyFlags } from './format';
export type {
  CompiledModel,
  CompileResult,
  LeadScore,
  OutcomeState,
  Reason,
  RuleExplanation,
  ScoringOptions,
} from './types';
