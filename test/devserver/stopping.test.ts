// `npm start` stops cleanly (issue 12, item 10): on SIGINT (Ctrl+C) or SIGTERM the server closes and every
// process of it exits, also when the signal goes to npm's own process, as a process manager or IDE sends it. No test here
// rebuilds dist/ (the other tests read it).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../support/paths';

const TIMEOUT = 120_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function start(command: string, args: string[], port: number) {
  const child = spawn(command, args, { cwd: ROOT_DIR, env: { ...process.env, PORT: String(port) } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function answers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/state`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Sends the signal, and kills the child for good should the test fail. */
async function stop(child: ChildProcess, signal: NodeJS.Signals, exited: Promise<number | null>) {
  child.kill(signal);
  const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
  if (code === 'hung') child.kill('SIGKILL');
  return code;
}

describe('npm start', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'closes the server and exits with code 0 on %s, on the PORT it was given',
    async (signal) => {
      const port = await freePort();
      const server = start(
        process.execPath,
        ['node_modules/tsx/dist/cli.mjs', 'src/devserver/main.ts'],
        port,
      );
      await until(() => server.output().includes(`http://127.0.0.1:${port}`), 'the start message');
      expect(await answers(port)).toBe(true);
      expect(await stop(server.child, signal, server.exited)).toBe(0);
      expect(server.output()).toContain('Stopped.');
      expect(await answers(port)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'stops when npm’s own process gets SIGTERM (nothing is left listening)',
    async () => {
      // npm runs a script in `sh -c`, which does not pass signals on: the start script must `exec` the server.
      // The build step is left out here (it would empty dist/ under the other tests); npm exec -c runs the
      // rest the way npm start does.
      const script = (JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as PackageJson).scripts
        .start;
      const [build, serve] = script.split(' && ');
      expect(build).toBe('node build.mjs');
      const port = await freePort();
      const npm = start('npm', ['exec', '--silent', '-c', serve!], port);
      await until(() => answers(port), 'the page to answer', 90_000);
      await stop(npm.child, 'SIGTERM', npm.exited);
      await until(async () => !(await answers(port)), 'the port to close', 15_000);
    },
    TIMEOUT,
  );
});

interface PackageJson {
  scripts: { start: string };
}
