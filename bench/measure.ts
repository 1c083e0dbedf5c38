// One program run in a child process, measured by /usr/bin/time -v when the machine has it: wall time
// (measured here), CPU time (user + system, children included) and peak memory. Shared by the CLI benches.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Measured {
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  status: number | null;
  stdout: string;
  /** The program's own messages (time's report left out). */
  stderr: string;
}

/** Runs `program` (node by default) with `args` and measures it. */
export function measure(args: readonly string[], program: string = process.execPath): Measured {
  const started = performance.now();
  const result = existsSync('/usr/bin/time')
    ? spawnSync('/usr/bin/time', ['-v', program, ...args], { encoding: 'utf8', maxBuffer: 1e9 })
    : spawnSync(program, [...args], { encoding: 'utf8', maxBuffer: 1e9 });
  const seconds = (performance.now() - started) / 1000;
  const stderr = result.stderr ?? '';
  const figure = (pattern: RegExp) => {
    const found = pattern.exec(stderr);
    return found ? Number(found[1]) : Number.NaN;
  };
  return {
    seconds,
    cpuSeconds: figure(/User time \(seconds\): ([\d.]+)/) + figure(/System time \(seconds\): ([\d.]+)/),
    peakMb: figure(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: stderr
      .split('\n')
      .filter((line) => !/^\s/.test(line) && !line.startsWith('Command'))
      .join('\n'),
  };
}
