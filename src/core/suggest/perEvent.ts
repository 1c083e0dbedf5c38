// Suggest's per-event candidates in the fit: each lead's count of events, bounded by the cap, as the engine
// counts it.

import { compileModel } from '../engine';
import type { GroupKind, Model, Problem } from '../model';
import type { Candidate } from './candidates';
import { FeatureRows } from './featureRows';
import type { LeadTable } from './leadTable';

/**
 * A per-event candidate's feature is min(count, cap), as the engine counts it (its own group, 1 point per
 * event, maxPoints = cap, each lead as of its own day): the logistic core reads a feature listed k times in a
 * lead's features as the value k (calibration/logistic.ts). `expand` turns each lead's single entry into k.
 */
export function countPerEvent(
  candidates: readonly Candidate[],
  candidateModel: Model,
  headers: readonly unknown[],
  decided: LeadTable,
  compileOptions: Parameters<typeof compileModel>[2],
): { ok: true; expand: (features: FeatureRows) => FeatureRows } | { ok: false; problems: Problem[] } {
  const perIndexes = candidates.flatMap((c, j) => (c.perCap !== undefined ? [j] : []));
  if (perIndexes.length === 0) return { ok: true, expand: (features) => features };
  const groupName = (k: number) => `per event ${k}`;
  const model: Model = {
    ...candidateModel,
    name: 'Per-event candidates',
    groups: perIndexes.map((_, k) => ({ name: groupName(k), kind: 'fit' as GroupKind })),
    rules: perIndexes.map((j, k) => ({
      ...candidates[j]!.rule,
      group: groupName(k),
      points: 1,
      maxPoints: candidates[j]!.perCap!,
    })),
  };
  const compiled = compileModel(model, headers, compileOptions);
  if (!compiled.ok) return compiled;
  return {
    ok: true,
    expand: (features) => {
      const out = FeatureRows.builder(decided.length);
      for (let i = 0; i < decided.length; i++) {
        const totals = compiled.compiled.score(decided.row(i)).groupTotals;
        const counts = new Map(perIndexes.map((j, k) => [j, Math.round(totals[k] ?? 0)]));
        for (const j of features.at(i)!) {
          const count = counts.get(j);
          if (count === undefined) out.add(j);
          else for (let n = 0; n < count; n++) out.add(j);
        }
        out.end();
      }
      return out.finish();
    },
  };
}
