// A one-line summary of what changed between two versions of a model, for the history sheet.
import type { Model } from './model';

export function summarizeChanges(before: Model | undefined, after: Model): string {
  if (!before) return `Model "${after.name}" with ${after.rules.length} rules`;
  const changes: string[] = [];
  if (before.name !== after.name) changes.push(`renamed to "${after.name}"`);
  listChanges('rule', before.rules, after.rules, changes, (a, b) => {
    const parts: string[] = [];
    if (a.points !== b.points) parts.push(`points ${a.points} → ${b.points}`);
    if ((a.enabled ?? true) !== (b.enabled ?? true)) parts.push(b.enabled === false ? 'disabled' : 'enabled');
    const rest = (r: typeof a) => JSON.stringify([r.group, r.column, r.operator, r.value, r.maxPoints]);
    if (rest(a) !== rest(b)) parts.push('condition changed');
    return parts;
  });
  listChanges('group', before.groups, after.groups, changes, (a, b) =>
    JSON.stringify(a) === JSON.stringify(b) ? [] : ['changed'],
  );
  listChanges('band', before.bands, after.bands, changes, (a, b) =>
    a.min !== b.min
      ? [`min ${a.min ?? 'none'} → ${b.min ?? 'none'}`]
      : (a.salesReady ?? false) !== (b.salesReady ?? false)
        ? ['sales-ready changed']
        : [],
  );
  const orderOf = (m: Model) => m.rules.map((r) => r.name).join('\n');
  if (changes.length === 0 && orderOf(before) !== orderOf(after)) changes.push('rules reordered');
  const sections = [
    ['grades', 'grades'],
    ['engagementLevels', 'engagement levels'],
    ['outcome', 'outcome'],
    ['settings', 'settings'],
  ] as const;
  for (const [key, words] of sections) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes.push(`${words} changed`);
  }
  if (changes.length === 0) return 'No changes';
  const shown = changes.slice(0, 6).join('; ');
  return changes.length > 6 ? `${shown}; and ${changes.length - 6} more changes` : shown;
}

function listChanges<T extends { name: string }>(
  kind: string,
  before: readonly T[],
  after: readonly T[],
  out: string[],
  compare: (a: T, b: T) => string[],
): void {
  const old = new Map(before.map((item) => [item.name, item]));
  const current = new Set(after.map((item) => item.name));
  for (const item of after) {
    const previous = old.get(item.name);
    if (!previous) out.push(`added ${kind} "${item.name}"`);
    else for (const change of compare(previous, item)) out.push(`${kind} "${item.name}": ${change}`);
  }
  for (const item of before) if (!current.has(item.name)) out.push(`removed ${kind} "${item.name}"`);
}
