// The typed shape of the entry-point list in index.ts. build.mjs reads the list and writes, for each entry,
// a top-level function declaration with these parameter names and this JSDoc, delegating to `run`.

export interface EntryParam {
  name: string;
  /** Shown by Sheets' autocomplete for custom functions. */
  description?: string;
  /** A sample argument, shown as the JSDoc type (e.g. `A2:K500`). */
  example?: string;
  optional?: boolean;
}

export interface EntryPoint {
  kind: 'trigger' | 'menu' | 'sidebar' | 'customFunction';
  description: string;
  params: EntryParam[];
  returns?: string;
  // biome-ignore lint/suspicious/noExplicitAny: each entry forwards its own arguments as Apps Script passes them.
  run: (...args: any[]) => unknown;
}

export function trigger(description: string, run: (e?: unknown) => unknown): EntryPoint {
  return { kind: 'trigger', description, params: [{ name: 'e' }], run };
}

export function menuCommand(description: string, run: () => unknown): EntryPoint {
  return { kind: 'menu', description, params: [], run };
}
