// What the size of dist/addon.js costs: Apps Script compiles and runs the whole bundle's top level in a fresh
// global scope on every execution, including every custom-function call. Measured in node:vm (V8, as Apps
// Script), CPU time of this process; each run gets a distinct source text so that V8's in-process compilation
// cache cannot answer it. A Node figure, not Google's.
import vm from 'node:vm';
import type { Emulator } from '../src/emulation';

export interface AddonLoadCost {
  /** Median CPU ms to compile the bundle (top level; V8 compiles functions lazily on first call). */
  compileMs: number;
  /** Median CPU ms to run its top level in a fresh context (the IIFE defining constants and functions). */
  topLevelMs: number;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Fresh compile + fresh context per run; median of `runs`. */
export function addonLoadCost(code: string, runs = 41): AddonLoadCost {
  const compile: number[] = [];
  const topLevel: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const source = `${code}\n// run ${i} ${Math.random()}`;
    const context = vm.createContext({});
    const started = cpuMs();
    const script = new vm.Script(source, { filename: 'addon.js' });
    const compiled = cpuMs();
    script.runInContext(context);
    const ran = cpuMs();
    if (i < 3) continue; // warm-up: the first runs also warm Node's own code
    compile.push(compiled - started);
    topLevel.push(ran - compiled);
  }
  return { compileMs: median(compile), topLevelMs: median(topLevel) };
}

/**
 * A first LEADSCORE call on `rows` through the emulation after a fresh load of `code` (the scoring path's
 * functions are compiled on this call), and a second, warm one: median CPU ms of `runs`. The emulator must
 * hold the model (e.g. after insertStarterModel).
 */
export function firstLeadScoreCost(
  emulator: Emulator,
  code: string,
  rows: unknown[][],
  runs = 15,
): { firstMs: number; secondMs: number } {
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    emulator.loadScript(`${code}\n// run ${i} ${Math.random()}`, 'addon.js');
    let started = cpuMs();
    const a = emulator.run('LEADSCORE', [rows], 'CUSTOM_FUNCTION');
    const once = cpuMs() - started;
    started = cpuMs();
    const b = emulator.run('LEADSCORE', [rows], 'CUSTOM_FUNCTION');
    const twice = cpuMs() - started;
    if (!Array.isArray(a) || !Array.isArray(b)) throw new Error(`LEADSCORE returned ${String(a)}`);
    if (i < 2) continue;
    first.push(once);
    second.push(twice);
  }
  return { firstMs: median(first), secondMs: median(second) };
}
