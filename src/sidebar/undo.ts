// Undo and redo of draft edits: a snapshot of the draft after each edit (typing is one step per pause, as
// the preview refreshes), the last UNDO_LIMIT of them kept. Loading a model from the server starts afresh.
import { app, hooks } from './context';
import type { Draft } from './draft';

export const UNDO_LIMIT = 50;

const past: string[] = [];
const future: string[] = [];
let current = '';

function snapshot(): string {
  return JSON.stringify({ draft: app.draft, expandedRule: app.expandedRule });
}

/** Starts the history at the draft as it is now (after a load). */
export function resetUndo(): void {
  past.length = 0;
  future.length = 0;
  current = snapshot();
}

/** Records the draft as a step when it differs from the last one (called after each evaluation). */
export function noteDraft(): void {
  const now = JSON.stringify({ draft: app.draft, expandedRule: app.expandedRule });
  if (now === current) return;
  const before = JSON.parse(current || now) as { draft: Draft };
  // Opening or closing a rule alone is not an edit: follow it without a step.
  if (JSON.stringify(before.draft) === JSON.stringify(app.draft)) {
    current = now;
    return;
  }
  past.push(current);
  if (past.length > UNDO_LIMIT) past.shift();
  future.length = 0;
  current = now;
}

export function canUndo(): boolean {
  return past.length > 0;
}

export function canRedo(): boolean {
  return future.length > 0;
}

function apply(text: string): void {
  const state = JSON.parse(text) as { draft: Draft; expandedRule: number | null };
  app.draft = state.draft;
  app.expandedRule = state.expandedRule;
  app.serverProblems = [];
  current = text;
  hooks.renderAll();
}

export function undo(): void {
  hooks.flush();
  const previous = past.pop();
  if (previous === undefined) return;
  future.push(current);
  apply(previous);
}

export function redo(): void {
  hooks.flush();
  const next = future.pop();
  if (next === undefined) return;
  past.push(current);
  apply(next);
}
