// The sidebar's state and the elements of its current render, shared by the editor modules. `hooks` are set
// by main.ts, so that the field and section builders can ask for a refresh or a new render.
import type { Model, Problem } from '../core/model';
import { blankModel } from '../core/starterModel';
import type { CalibrationSheetResult, SidebarState } from '../shared/sidebarApi';
import { type Draft, modelToDraft } from './draft';
import type { PreviewStats } from './preview';
import type { LocatedProblem, SectionId } from './problems';

export const REFRESH_DELAY_MS = 150;
export const MINUS = '\u2212';

export type PanelId = SectionId | 'preview' | 'history' | 'calibration' | 'monitor' | 'suggest' | 'json';
export type MessageKind = 'info' | 'success' | 'warning' | 'error';

export interface Action {
  label: string;
  testid: string;
  run: () => void;
  primary?: boolean;
}

/** Where a message shows: next to the action that caused it (the save bar, the JSON import, the history,
 *  the Start from bar), or at the top for what no button caused (loading). */
export type MessagePlace = 'top' | 'save' | 'json' | 'history' | 'start' | 'suggest';

export interface Message {
  kind: MessageKind;
  place: MessagePlace;
  text: string;
  details?: string[];
  actions?: Action[];
}

export interface Evaluation {
  input: Record<string, unknown>;
  model: Model | null;
  /** Problems that stop the preview and saving. */
  problems: LocatedProblem[];
  /** Worth knowing, not blocking (e.g. the outcome column is not in the data). */
  warnings: LocatedProblem[];
  stats: PreviewStats | null;
  dirty: boolean;
}

export const app = {
  state: null as SidebarState | null,
  revision: '',
  draft: modelToDraft(blankModel()) as Draft,
  /** draftToInput of the model on the sheet as loaded or last saved, as JSON; '' when there is none. */
  baseline: '',
  baselineStats: null as PreviewStats | null,
  expandedRule: null as number | null,
  open: new Set<PanelId>(['preview', 'rules']),
  busy: null as string | null,
  message: null as Message | null,
  /** Problems the server reported on the last save, until the next edit. */
  serverProblems: [] as Problem[],
  calibration: null as CalibrationSheetResult | null,
  calibrationError: null as string | null,
  evaluation: null as Evaluation | null,
  startFrom: 'sheet' as 'sheet' | 'starter' | 'blank',
  /** The model on the server is newer than the one this draft started from (found on focus). */
  stale: false,
  /** The note typed beside Save, kept with the next saved version (kept across re-renders). */
  saveNote: '',
};

// Elements of the current render, so that typing can update them in place.
export const view = {
  root: null as HTMLElement | null,
  slots: new Map<string, { error: HTMLElement; input: HTMLElement | undefined }>(),
  itemMarks: new Map<string, HTMLElement>(),
  badges: new Map<PanelId, HTMLElement>(),
  ruleSummaries: new Map<number, { name: HTMLElement; points: HTMLElement; meta: HTMLElement }>(),
  preview: null as HTMLElement | null,
  /** Parts of the current render to update after each evaluation (e.g. "not in the data" under a value). */
  onEvaluate: [] as (() => void)[],
  /** The message box of each place in the current render. */
  messageBoxes: new Map<MessagePlace, HTMLElement>(),
  saveButton: null as HTMLButtonElement | null,
  saveReason: null as HTMLElement | null,
  undoButton: null as HTMLButtonElement | null,
  redoButton: null as HTMLButtonElement | null,
  status: null as HTMLElement | null,
  busy: null as HTMLElement | null,
  calibration: null as HTMLElement | null,
  /** A live region outside the re-rendered editor, so that each new message is announced once. */
  announcer: null as HTMLElement | null,
  announced: null as Message | null,
};

export const hooks = {
  /** After an edit: re-validate and refresh the preview within a moment. */
  changed: (): void => {},
  /** Rebuilds the editor, then focuses the element with this id (default: the focused one). */
  renderAll: (_focusId?: string): void => {},
  /** Runs a pending refresh now (before undo, so that the last typing is a step of its own). */
  flush: (): void => {},
};
