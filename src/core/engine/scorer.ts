// The scorer of a compiled model: one row of cells in, its score, band, grade, engagement level and cell,
// reasons and explanation out. Scratch arrays are reused, so scoring a row allocates only its result.

import { cellDay, cellNumber, formatIsoDay } from '../cells';
import type { OutcomeState } from '../outcome';
import { roundScore } from '../rounding';
import {
  AS_OF_REASON,
  type CompiledDecay,
  type CompiledParts,
  EMPTY_ROW,
  OVERRIDE_REASON,
} from './compiledParts';
import { formatNumber } from './describe';
import { decayFactorOf } from './events';
import { describeDecay, explainRule } from './explain';
import { boundScore, clampMagnitude, finite, formatPoints, makeBandIndex, sortByMagnitude } from './format';
import { makeGrading } from './grading';
import type { CompiledModel, LeadScore, Reason, RuleExplanation } from './types';

export function buildCompiled(parts: CompiledParts): CompiledModel {
  const { model, asOfDay, reading, rules, decays, outcomeOf, outcomeColumn } = parts;
  const { overrideColumn, leadKeyColumn, activityIndex, asOfColumn } = parts;
  const clock = reading.clock;
  const read = reading.read;
  const dayOfDate = reading.dayOfDate;
  const groupCount = model.groups.length;
  const ruleCount = model.rules.length;
  const ruleNames = model.rules.map((rule) => rule.name);
  const groupCaps = model.groups.map((group) => group.maxPoints ?? Number.POSITIVE_INFINITY);
  const groupIsFit = model.groups.map((group) => group.kind === 'fit');
  const weights = model.groups.map((group) => group.weight ?? 1);
  const firstOnly = model.groups.map((group) => group.match === 'first');
  const minScore = model.settings?.minScore ?? Number.NEGATIVE_INFINITY;
  const maxScore = model.settings?.maxScore ?? Number.POSITIVE_INFINITY;
  const bandIndex = makeBandIndex(model.bands);
  const bandNames = model.bands.map((band) => band.name);
  const grading = makeGrading(model);

  // Scratch space reused by every row: scoring is synchronous, so rows never interleave.
  const totals = new Float64Array(groupCount);
  const factors = new Float64Array(groupCount);
  const taken = new Uint8Array(groupCount);
  const contributions = new Float64Array(ruleCount);
  /** Per group, 1 when its total went over its maxPoints for this row (the reasons say so). */
  const cut = new Uint8Array(groupCount);
  const ruleGroup = new Int32Array(ruleCount);
  for (const compiled of rules) ruleGroup[compiled.index] = compiled.group;
  /** Per rule, its contribution before decay and weight (what `matches` reads, for rules that allow it). */
  const rawContributions = new Float64Array(ruleCount);
  // A rule matches exactly when its contribution is non-zero: a `per` rule by definition, any other rule
  // when its capped points are not 0 (its contribution is then `test ? capped : 0`).
  const matchesByContribution = rules.map(
    (compiled) =>
      compiled.rule.operator === 'per' || clampMagnitude(compiled.rule.points, compiled.cap) !== 0,
  );

  const decayFactor = (decay: CompiledDecay, cells: readonly unknown[]): number => {
    const date = decay.day(read(cells[decay.column]));
    if (date === undefined) return 1; // a row without a date does not decay
    return decayFactorOf(decay, clock.day - date);
  };

  /** The day a lead is judged on (§9): its as-of cell's date, else the model's as-of. */
  const leadDay = (cells: readonly unknown[]): number => {
    if (asOfColumn < 0) return asOfDay;
    return cellDay(read(cells[asOfColumn]), dayOfDate) ?? asOfDay;
  };

  /** The lead's key id in the log; -1 without events up to the lead's day (so set clock.day first). */
  const keyIdOf = (cells: readonly unknown[]): number => {
    if (activityIndex === undefined || leadKeyColumn < 0) return -1;
    const key = reading.text(read(cells[leadKeyColumn]));
    const keyId = key === '' ? -1 : activityIndex.keyId(key);
    const firstDays = activityIndex.firstDays;
    // As with one as-of day, a key whose events all come after the lead's day has none for it.
    return firstDays !== undefined && keyId >= 0 && firstDays[keyId]! > clock.day ? -1 : keyId;
  };

  /** Fills totals (capped) and contributions (after decay, weight and tiers); returns the capped, unrounded score. */
  const evaluate = (cells: readonly unknown[]): number => {
    clock.day = leadDay(cells);
    totals.fill(0);
    factors.fill(Number.NaN); // NaN = decay factor not read yet for this row
    taken.fill(0);
    contributions.fill(0);
    const keyId = keyIdOf(cells);
    for (const compiled of rules) {
      let points = compiled.contribution(cells, keyId);
      rawContributions[compiled.index] = points;
      if (points === 0) continue;
      const group = compiled.group;
      const decay = decays[group];
      if (decay !== undefined && compiled.decays) {
        let factor = factors[group]!;
        if (Number.isNaN(factor)) {
          factor = decayFactor(decay, cells);
          factors[group] = factor;
        }
        points *= factor;
      }
      const weight = weights[group]!;
      if (weight !== 1) points = finite(points * weight);
      if (firstOnly[group]) {
        if (points === 0 || taken[group] === 1) continue;
        taken[group] = 1;
      }
      contributions[compiled.index] = points;
      totals[group]! += points;
    }
    let sum = 0;
    for (let group = 0; group < groupCount; group++) {
      cut[group] = totals[group]! > groupCaps[group]! ? 1 : 0;
      const total = finite(Math.min(totals[group]!, groupCaps[group]!));
      totals[group] = total;
      sum += total;
    }
    return finite(sum);
  };

  const overrideOf = (cells: readonly unknown[]): number | undefined =>
    overrideColumn < 0 ? undefined : cellNumber(read(cells[overrideColumn]));

  const scoreValue = (row: readonly unknown[]): number => {
    const cells = Array.isArray(row) ? row : EMPTY_ROW;
    const modelScore = boundScore(evaluate(cells), minScore, maxScore);
    const override = overrideOf(cells);
    return override === undefined ? modelScore : boundScore(override, minScore, maxScore);
  };

  const score = (row: readonly unknown[]): LeadScore => {
    const cells = Array.isArray(row) ? row : EMPTY_ROW;
    const modelScore = boundScore(evaluate(cells), minScore, maxScore);
    const override = overrideOf(cells);
    const total = override === undefined ? modelScore : boundScore(override, minScore, maxScore);
    let fit = 0;
    let engagement = 0;
    const groupTotals = new Array<number>(groupCount);
    for (let group = 0; group < groupCount; group++) {
      const groupTotal = totals[group]!;
      if (groupIsFit[group]) fit += groupTotal;
      else engagement += groupTotal;
      groupTotals[group] = roundScore(groupTotal);
    }
    const reasons: Reason[] = [];
    for (let index = 0; index < ruleCount; index++) {
      const raw = contributions[index]!;
      if (raw === 0) continue;
      const points = roundScore(raw);
      if (points === 0) continue;
      const group = ruleGroup[index]!;
      reasons.push(
        cut[group] === 1
          ? { rule: ruleNames[index]!, points, groupCap: groupCaps[group]! }
          : { rule: ruleNames[index]!, points },
      );
    }
    if (reasons.length > 1) sortByMagnitude(reasons);
    if (override !== undefined) {
      reasons.unshift({
        rule: OVERRIDE_REASON,
        points: roundScore(total - modelScore),
        text: `${OVERRIDE_REASON} ${formatNumber(total)} (model ${formatNumber(modelScore)})`,
      });
    }
    const roundedFit = roundScore(finite(fit));
    const roundedEngagement = roundScore(finite(engagement));
    const { grade, engagementLevel, cell } = grading(roundedFit, roundedEngagement);
    const result: LeadScore = {
      score: total,
      band: bandNames[bandIndex(total)]!,
      grade,
      engagementLevel,
      cell,
      fit: roundedFit,
      engagement: roundedEngagement,
      groupTotals,
      reasons,
    };
    if (override !== undefined) result.modelScore = modelScore;
    if (clock.day !== asOfDay) result.asOf = formatIsoDay(clock.day);
    return result;
  };

  const matches = (row: readonly unknown[]): boolean[] => {
    const cells = Array.isArray(row) ? row : EMPTY_ROW;
    const matched = new Array<boolean>(ruleCount).fill(false);
    const tiers = firstOnly.some(Boolean);
    if (tiers) evaluate(cells);
    else clock.day = leadDay(cells);
    const keyId = keyIdOf(cells);
    for (const compiled of rules) {
      // In a tier group a rule matches when it is the level that counted.
      matched[compiled.index] = firstOnly[compiled.group]
        ? contributions[compiled.index] !== 0
        : compiled.test(cells, keyId);
    }
    return matched;
  };

  const scoreValueWithMatches = (row: readonly unknown[], matched: boolean[]): number => {
    const cells = Array.isArray(row) ? row : EMPTY_ROW;
    const modelScore = boundScore(evaluate(cells), minScore, maxScore);
    // evaluate set the lead's day; the key id is read only for a rule that needs its own test.
    let keyId: number | undefined;
    matched.length = ruleCount;
    matched.fill(false);
    for (let r = 0; r < rules.length; r++) {
      const compiled = rules[r]!;
      const index = compiled.index;
      if (firstOnly[compiled.group]) matched[index] = contributions[index] !== 0;
      else if (matchesByContribution[r]) matched[index] = rawContributions[index] !== 0;
      else {
        keyId ??= keyIdOf(cells);
        matched[index] = compiled.test(cells, keyId);
      }
    }
    const override = overrideOf(cells);
    return override === undefined ? modelScore : boundScore(override, minScore, maxScore);
  };

  const outcome = (row: readonly unknown[]): OutcomeState | undefined => {
    if (outcomeOf === undefined || outcomeColumn === undefined) return undefined;
    const cells = Array.isArray(row) ? row : EMPTY_ROW;
    return outcomeOf(cells[outcomeColumn]);
  };

  const explain = (row: readonly unknown[]): RuleExplanation[] => {
    const cells = Array.isArray(row) ? row : EMPTY_ROW;
    const byIndex = new Map(rules.map((compiled) => [compiled.index, compiled]));
    const modelScore = boundScore(evaluate(cells), minScore, maxScore);
    const keyId = keyIdOf(cells);
    const counted = Float64Array.from(contributions);
    const groupSums = new Float64Array(groupCount);
    for (const compiled of rules) groupSums[compiled.group]! += counted[compiled.index]!;
    const firstCounted = new Map<number, string>();
    for (const compiled of rules) {
      if (counted[compiled.index] !== 0 && !firstCounted.has(compiled.group)) {
        firstCounted.set(compiled.group, compiled.rule.name);
      }
    }
    const lines: RuleExplanation[] = model.rules.map((rule, index) => {
      const compiled = byIndex.get(index);
      if (compiled === undefined) return { rule: rule.name, points: 0, note: `${rule.name}: turned off` };
      const decay = decays[compiled.group];
      const decayInfo =
        decay === undefined || !compiled.decays
          ? undefined
          : describeDecay(decay, cells.map(read), clock.day, dayOfDate);
      const line = explainRule(compiled, cells, keyId, decayInfo, weights[compiled.group]!, reading, model);
      if (firstOnly[compiled.group] && counted[index] === 0 && line.points !== 0) {
        const first = firstCounted.get(compiled.group);
        return {
          rule: rule.name,
          points: 0,
          note: `${rule.name}: 0 (it matched, but "${first}" comes first in ${rule.group}, which counts only its first match)`,
        };
      }
      const points = roundScore(counted[index]!);
      if (points === 0 || cut[compiled.group] === 0) return { ...line, points };
      // The rule's points stay its own; the note says the group's total did not keep them all.
      return {
        ...line,
        points,
        note: `${line.note}; its group totals ${formatPoints(finite(groupSums[compiled.group]!))}, capped to ${formatNumber(groupCaps[compiled.group]!)}`,
      };
    });
    const day = clock.day;
    if (day !== asOfDay) {
      lines.unshift({
        rule: AS_OF_REASON,
        points: 0,
        note: `${AS_OF_REASON}: judged as of ${formatIsoDay(day)} (${model.settings!.asOfColumn}), not ${formatIsoDay(asOfDay)}: days and events are counted to that day`,
      });
    }
    const override = overrideOf(cells);
    if (override !== undefined) {
      const total = boundScore(override, minScore, maxScore);
      lines.unshift({
        rule: OVERRIDE_REASON,
        points: roundScore(total - modelScore),
        note: `${OVERRIDE_REASON} ${formatNumber(total)} (model ${formatNumber(modelScore)}): ${model.settings!.overrideColumn} replaces the score (${formatPoints(total - modelScore)})`,
      });
    }
    return lines;
  };

  return {
    model,
    asOfDay,
    leadAsOfDay: (row) => leadDay(Array.isArray(row) ? row : EMPTY_ROW),
    score,
    scoreValue,
    scoreValueWithMatches,
    matches,
    outcome,
    bandIndex: (value) => bandIndex(roundScore(value)),
    explain,
  };
}
