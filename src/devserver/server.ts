// A local stand-in for the Sheets UI: serves the built sidebar with a google.script.run bridge, runs every
// call in the Apps Script emulation (the built dist/addon.js), and shows the spreadsheet's sheets so that the
// add-on can be tried, and tested, without Google. See docs/local-page.md.
//
// Two ways to own the emulator:
// - startLocalPage (what `npm start` runs): the emulator lives in a worker thread, so that a script waiting in
//   Ui.alert / Ui.prompt can wait for the person at the page to answer (see worker.ts).
// - startDevServer: the emulator lives on this thread and is handed to the caller (tests inspect and edit it
//   directly). A dialog then has nobody to answer it, and the emulation fails the call rather than answer.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type DialogAnswer, type DialogRequest, type Emulator, loadAddon } from '../emulation';
import { withBridge } from './bridge';
import { requestGuard } from './guard';
import { type Operation, type Outcome, perform } from './operations';
import { SHELL_PAGE } from './shell';
import { Workbench, type WorkbookState } from './workbench';
import type { WorkerData, WorkerMessage } from './worker';

/** Moved to src/emulation/load-addon.ts; still exported here for existing importers (bench). */
export { loadAddon };

/** What Excel needs at the start of a CSV to read it as UTF-8. */
export const UTF8_BOM = '\uFEFF';

export interface LocalPage {
  url: string;
  close(): Promise<void>;
}

export interface DevServer extends LocalPage {
  emulator: Emulator;
}

interface CommonOptions {
  /** Folder holding the built add-on (addon.js, Sidebar.html, appsscript.json). */
  distDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  timeZone?: string;
  activeUser?: string;
}

export interface DevServerOptions extends CommonOptions {
  /** Runs once the add-on is loaded (e.g. to insert the starter model). */
  seed?: (emulator: Emulator) => void;
}

export interface LocalPageOptions extends CommonOptions {
  /** Server functions to run once the add-on is loaded, e.g. ['insertStarterModel']. */
  setup?: string[];
}

/** The emulator on this thread, for tests that read and change the spreadsheet directly. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const emulator = loadAddon(options.distDir, options);
  options.seed?.(emulator);
  emulator.recalculate();
  const workbench = new Workbench(emulator);
  const backend: Backend = {
    busy: false,
    dialog: null,
    request: async (operation) => perform(workbench, operation),
    answer: () => false,
    close: async () => {},
  };
  const server = await serve(backend, options);
  return { ...server, emulator };
}

/** The emulator in a worker thread: the page shows the add-on's alerts and prompts and the script waits. */
export async function startLocalPage(options: LocalPageOptions): Promise<LocalPage> {
  const backend = await startWorker(options);
  try {
    return await serve(backend, options);
  } catch (error) {
    await backend.close();
    throw error;
  }
}

interface Backend {
  /** True while an operation runs (the emulator cannot answer state requests then). */
  readonly busy: boolean;
  /** The dialog the script is waiting on. */
  readonly dialog: DialogRequest | null;
  request(operation: Operation): Promise<Outcome>;
  /** Hands the user's answer to the waiting script; false when no dialog is waiting. */
  answer(answer: DialogAnswer): boolean;
  close(): Promise<void>;
  /** Set by serve(): called when a dialog opens or closes. */
  onDialog?: () => void;
}

async function startWorker(options: LocalPageOptions): Promise<Backend> {
  const signal = new SharedArrayBuffer(8);
  const answerBuffer = new SharedArrayBuffer(1 << 20);
  const data: WorkerData = {
    distDir: options.distDir,
    timeZone: options.timeZone,
    activeUser: options.activeUser,
    setup: options.setup ?? [],
    signal,
    answer: answerBuffer,
  };
  // worker.mjs registers tsx's loader, then imports worker.ts.
  const worker = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: data });
  const waiting = new Map<number, { resolve: (o: Outcome) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let dialog: DialogRequest | null = null;
  let failure: Error | null = null;
  let ready: () => void = () => {};
  let notReady: (error: Error) => void = () => {};
  const started = new Promise<void>((resolve, reject) => {
    ready = resolve;
    notReady = reject;
  });
  const backend: Backend = {
    get busy() {
      return waiting.size > 0;
    },
    get dialog() {
      return dialog;
    },
    request(operation) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<Outcome>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, operation });
      });
    },
    answer(answer) {
      if (!dialog) return false;
      const bytes = new TextEncoder().encode(JSON.stringify(answer));
      new Uint8Array(answerBuffer).set(bytes);
      const flags = new Int32Array(signal);
      Atomics.store(flags, 1, bytes.length);
      dialog = null;
      Atomics.store(flags, 0, 1);
      Atomics.notify(flags, 0);
      backend.onDialog?.();
      return true;
    },
    async close() {
      await worker.terminate();
    },
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'ready') ready();
    else if (message.type === 'dialog') {
      dialog = message.dialog;
      backend.onDialog?.();
    } else {
      waiting.get(message.id)?.resolve(message.outcome);
      waiting.delete(message.id);
    }
  });
  const fail = (error: Error) => {
    failure = error;
    notReady(error);
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the emulator's worker thread stopped (exit code ${code})`)));
  await started;
  return backend;
}

const IMPORT_LIMIT_BYTES = 64 * 1024 * 1024;
const LONG_POLL_MS = 20_000;

async function serve(backend: Backend, options: CommonOptions): Promise<LocalPage> {
  let port = 0;
  // Only the page itself is answered (guard.ts): its own Host and Origin, and the run's token on each POST.
  const guard = requestGuard(() => port);
  const sidebarHtml = guard.withToken(
    withBridge(readFileSync(join(options.distDir, 'Sidebar.html'), 'utf8')),
  );
  const shellPage = guard.withToken(SHELL_PAGE);
  // `version` goes up whenever what the page shows may have changed; /state?after=N waits for that.
  let version = 0;
  let fingerprint = '';
  // Set when /state answered "busy": the page must hear when the script has finished, changed or not.
  let servedBusy = false;
  let lastState = (await backend.request({ op: 'state' })).result as WorkbookState;
  const watchers = new Set<() => void>();
  const changed = () => {
    version++;
    for (const wake of watchers) wake();
    watchers.clear();
  };
  backend.onDialog = changed;

  async function request(operation: Operation): Promise<Outcome['result']> {
    const outcome = await backend.request(operation);
    if (outcome.fingerprint !== fingerprint || (servedBusy && !backend.busy)) {
      fingerprint = outcome.fingerprint;
      servedBusy = false;
      changed();
    }
    return outcome.result;
  }

  async function state(after: number | null): Promise<unknown> {
    if (after !== null && after >= version) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, LONG_POLL_MS);
        watchers.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const seen = version;
    // While a script runs (perhaps waiting on a dialog) the emulator cannot answer: show the last state.
    if (!backend.busy) lastState = (await request({ op: 'state' })) as WorkbookState;
    const busy = backend.busy;
    if (busy) servedBusy = true;
    // The version from before the read: a change made meanwhile makes the page read again.
    return { ...lastState, version: seen, busy, dialog: backend.dialog };
  }

  async function handle(req: IncomingMessage, response: ServerResponse): Promise<void> {
    const refusal = guard.refusal(req);
    if (refusal !== undefined) {
      req.resume();
      return send(response, 403, { ok: false, error: refusal });
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const query = (name: string) => url.searchParams.get(name) ?? '';
    if (req.method === 'GET') {
      if (path === '/') return sendText(response, 'text/html', shellPage);
      if (path === '/sidebar') return sendText(response, 'text/html', sidebarHtml);
      if (path === '/favicon.ico') return void response.writeHead(204).end();
      if (path === '/state') {
        const after = url.searchParams.has('after') ? Number(query('after')) : null;
        return send(response, 200, await state(after));
      }
      if (path === '/window')
        return send(
          response,
          200,
          await request({ op: 'window', sheet: query('sheet'), from: Number(query('from')) }),
        );
      if (path === '/export' || path === '/export-scored') {
        const sheet = query('sheet');
        const operation =
          path === '/export' ? { op: 'export' as const, sheet } : { op: 'scoredCsv' as const, sheet };
        const reply = (await request(operation)) as {
          ok: boolean;
          value?: { fileName: string; csv: string };
          error?: string;
        };
        if (!reply.ok || !reply.value) return send(response, 404, reply);
        response.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(reply.value.fileName)}`,
          'cache-control': 'no-store',
        });
        // A UTF-8 byte-order mark first: Excel reads a CSV without one in the system's legacy code page, and
        // shows "−" (U+2212) or "é" as mojibake. Sheets, LibreOffice and csv readers skip it.
        response.end(`${UTF8_BOM}${reply.value.csv}`);
        return;
      }
      return send(response, 404, { ok: false, error: 'not found' });
    }
    if (req.method !== 'POST') return send(response, 404, { ok: false, error: 'not found' });
    const text = await readBody(req);
    if (path === '/import')
      return send(response, 200, await request({ op: 'import', fileName: query('name'), text }));
    const body = JSON.parse(text || '{}') as Record<string, unknown>;
    const sheet = String(body.sheet ?? '');
    if (path === '/rpc')
      return send(
        response,
        200,
        await request({ op: 'run', name: String(body.name), args: (body.args as unknown[]) ?? [] }),
      );
    if (path === '/menu')
      return send(response, 200, await request({ op: 'run', name: String(body.functionName), args: [] }));
    if (path === '/cell') {
      const value = typeof body.value === 'boolean' ? body.value : String(body.value ?? '');
      return send(response, 200, await request({ op: 'cell', sheet, a1: String(body.a1), value }));
    }
    if (path === '/activate') return send(response, 200, await request({ op: 'activate', sheet }));
    if (path === '/rows') {
      const action = body.action === 'delete' ? 'delete' : 'insert';
      const operation = {
        op: 'rows',
        sheet,
        action,
        row: Number(body.row),
        count: Number(body.count ?? 1),
      } as const;
      return send(response, 200, await request(operation));
    }
    if (path === '/dialog') {
      const button = String(body.button) as DialogAnswer['button'];
      const answered = backend.answer(
        typeof body.text === 'string' ? { button, text: body.text } : { button },
      );
      return send(
        response,
        answered ? 200 : 409,
        answered ? { ok: true, value: null } : { ok: false, error: 'no dialog is open' },
      );
    }
    return send(response, 404, { ok: false, error: 'not found' });
  }

  const server = createServer((req, response) => {
    handle(req, response).catch((error: unknown) =>
      send(response, 500, { ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const wake of watchers) wake();
      await backend.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    let size = 0;
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      size += chunk.length;
      if (size > IMPORT_LIMIT_BYTES) {
        reject(new Error(`the request is larger than ${IMPORT_LIMIT_BYTES / 1024 / 1024} MB`));
        request.destroy();
        return;
      }
      body += chunk;
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, value: unknown): void {
  sendText(response, 'application/json', JSON.stringify(value), status);
}

function sendText(response: ServerResponse, type: string, text: string, status = 200): void {
  response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  response.end(text);
}
