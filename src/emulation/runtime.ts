/**
 * Shared state of one emulator: options, the clock, and the execution currently running
 * (its auth mode and, for custom functions, the calling cell).
 */

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

/**
 * Errors raised by emulated services. Apps Script (V8) names its service errors "Exception", so
 * `String(e)` reads "Exception: <message>" as on Google's servers
 * (https://developers.google.com/apps-script/guides/support/troubleshooting).
 */
export class ScriptException extends Error {
  override name = 'Exception';
}

/**
 * Errors of the emulation itself (a dialog nobody answered, a stub of an unemulated service): not Google's
 * errors, so a test or the local page sees them plainly.
 */
export class EmulatorError extends Error {
  override name = 'EmulatorError';
}

/** Marks host objects that the script sees as Apps Script objects (wrapped, logged, policed). */
export const SCRIPT_TYPE: unique symbol = Symbol.for('lead-scoring.emulation.scriptType');

/** Base for every emulated service object; `typeName` is the class name used in the call log. */
export abstract class ScriptObject {
  abstract get [SCRIPT_TYPE](): string;

  toString(): string {
    return this[SCRIPT_TYPE];
  }
}

/** The cell a custom function was called from. */
export interface CallingCell {
  sheetName: string;
  row: number;
  column: number;
}

export type LockScope = 'document' | 'script' | 'user';

/** One server execution (a menu item, a google.script.run call, a trigger or one custom-function cell). */
export class Execution {
  readonly heldLocks = new Set<LockScope>();
  /** A failure of the emulated user/environment (not of the script): run() throws it even if caught. */
  emulatorError: Error | null = null;

  constructor(
    readonly authMode: AuthModeName,
    readonly callingCell: CallingCell | null,
  ) {}
}

export interface RuntimeOptions {
  timeZone: string;
  scriptTimeZone: string;
  activeUser: string;
  spreadsheetName: string;
  addonName: string;
  htmlFiles: Record<string, string>;
  clock: () => number;
}

export class Runtime {
  /** The execution in progress, or null when test code is calling the model directly. */
  execution: Execution | null = null;
  /** Locks other users hold (tests simulate contention with Emulator.holdDocumentLock). */
  readonly locksHeldElsewhere = new Set<LockScope>();
  readonly logs: string[] = [];

  constructor(readonly options: RuntimeOptions) {}

  /** Test code acting directly on the model behaves like a FULL-mode user. */
  get authMode(): AuthModeName {
    return this.execution?.authMode ?? 'FULL';
  }

  now(): number {
    return this.options.clock();
  }
}
