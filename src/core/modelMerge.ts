// Re-applying one person's unsaved edits to a model someone else saved meanwhile (a three-way merge of
// model JSON): what changed from `base` (the model the editor loaded) to `edited` (the editor's model) is
// applied to `current` (the model saved since). Rules, groups, bands and grades are matched by name (a
// rename is a removal and an addition); any other top-level key is taken whole. Where both changed the
// same item, the edit wins and is named, so that the user can look at it before saving.
import type { Model } from './model';

export interface Reapplied {
  model: Model;
  /** Items both people changed, where the unsaved edit replaced the saved change: `rule "Demo"`. */
  overridden: string[];
}

const NAMED_LISTS = { rules: 'rule', groups: 'group', bands: 'band', grades: 'grade' } as const;

type Named = { name: string };
type Json = Record<string, unknown>;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function mergeList(
  kind: string,
  base: readonly Named[],
  edited: readonly Named[],
  current: readonly Named[],
  overridden: string[],
): Named[] {
  const baseByName = new Map(base.map((item) => [item.name, item]));
  const editedNames = new Set(edited.map((item) => item.name));
  const result = [...current];
  const indexOf = (name: string) => result.findIndex((item) => item.name === name);
  edited.forEach((item, position) => {
    const before = baseByName.get(item.name);
    if (before !== undefined && same(before, item)) return; // not edited: the saved version stands
    const at = indexOf(item.name);
    if (at >= 0) {
      const theirs = result[at]!;
      if (!same(theirs, item) && !same(theirs, before)) overridden.push(`${kind} "${item.name}"`);
      result[at] = item;
      return;
    }
    if (before !== undefined) overridden.push(`${kind} "${item.name}"`); // they removed what was edited
    // Added (or brought back): after the item that precedes it in the editor, else first.
    const previous = position > 0 ? indexOf(edited[position - 1]!.name) : -1;
    result.splice(previous + 1, 0, item);
  });
  for (const item of base) {
    if (editedNames.has(item.name)) continue; // removed in the editor: removed from the result
    const at = indexOf(item.name);
    if (at < 0) continue;
    if (!same(result[at], item)) overridden.push(`${kind} "${item.name}"`);
    result.splice(at, 1);
  }
  return result;
}

export function reapplyEdits(base: Model, edited: Model, current: Model): Reapplied {
  const overridden: string[] = [];
  const b = base as unknown as Json;
  const e = edited as unknown as Json;
  const c = current as unknown as Json;
  const merged: Json = {};
  const keys = [...new Set([...Object.keys(c), ...Object.keys(e), ...Object.keys(b)])];
  for (const key of keys) {
    const kind = NAMED_LISTS[key as keyof typeof NAMED_LISTS];
    if (kind !== undefined && (Array.isArray(e[key]) || Array.isArray(c[key]))) {
      const list = mergeList(
        kind,
        (b[key] as Named[] | undefined) ?? [],
        (e[key] as Named[] | undefined) ?? [],
        (c[key] as Named[] | undefined) ?? [],
        overridden,
      );
      const removed = e[key] === undefined && b[key] !== undefined;
      if (!removed && (list.length > 0 || c[key] !== undefined)) merged[key] = list;
      continue;
    }
    const value = same(b[key], e[key]) ? c[key] : e[key];
    if (!same(b[key], e[key]) && !same(b[key], c[key]) && !same(e[key], c[key])) overridden.push(key);
    if (value !== undefined) merged[key] = value;
  }
  return { model: merged as unknown as Model, overridden };
}
