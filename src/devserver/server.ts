// A local stand-in for the Sheets UI: serves the built sidebar with a google.script.run bridge, runs every
// call in the Apps Script emulation (the built dist/addon.js), and shows the spreadsheet's sheets so that the
// add-on can be tried, and tested, without Google.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Emulator, loadAddon } from '../emulation';
import { withBridge } from './bridge';
import { SHELL_PAGE } from './shell';
import { transfer } from './transfer';

/** Moved to src/emulation/load-addon.ts; still exported here for existing importers (bench). */
export { loadAddon };

export interface DevServer {
  url: string;
  emulator: Emulator;
  close(): Promise<void>;
}

export interface DevServerOptions {
  /** Folder holding the built add-on (addon.js, Sidebar.html). */
  distDir: string;
  port?: number;
  timeZone?: string;
  activeUser?: string;
  /** Runs once the add-on is loaded (e.g. to insert the starter model). */
  seed?: (emulator: Emulator) => void;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const emulator = loadAddon(options.distDir, options);
  options.seed?.(emulator);
  emulator.recalculate();
  const sidebarHtml = withBridge(readFileSync(join(options.distDir, 'Sidebar.html'), 'utf8'));

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      send(response, 500, { ok: false, error: String(error) }),
    );
  });
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'GET' && path === '/') return sendText(response, 'text/html', SHELL_PAGE);
    if (request.method === 'GET' && path === '/sidebar') return sendText(response, 'text/html', sidebarHtml);
    if (request.method === 'GET' && path === '/state') return send(response, 200, spreadsheetState(emulator));
    if (request.method !== 'POST') return send(response, 404, { ok: false, error: 'not found' });
    const body = JSON.parse((await readBody(request)) || '{}') as Record<string, unknown>;
    if (path === '/rpc')
      return send(response, 200, call(emulator, String(body.name), (body.args as unknown[]) ?? []));
    if (path === '/menu') return send(response, 200, call(emulator, String(body.functionName), []));
    if (path === '/cell') {
      const sheet = emulator.spreadsheet.getSheetByName(String(body.sheet));
      if (!sheet) return send(response, 404, { ok: false, error: `no sheet "${String(body.sheet)}"` });
      const text = String(body.value ?? '');
      const cell = sheet.getRange(String(body.a1));
      if (text.startsWith('=')) cell.setFormula(text);
      else cell.setValue(text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);
      emulator.recalculate();
      return send(response, 200, { ok: true });
    }
    return send(response, 404, { ok: false, error: 'not found' });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    emulator,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs a server function as google.script.run or a menu item would, then lets formulas recalculate. */
function call(
  emulator: Emulator,
  name: string,
  args: unknown[],
): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    const value = transfer(emulator.run(name, transfer(args), 'FULL'));
    emulator.recalculate();
    return { ok: true, value: value ?? null };
  } catch (error) {
    emulator.recalculate();
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function spreadsheetState(emulator: Emulator) {
  const spreadsheet = emulator.spreadsheet;
  return {
    name: spreadsheet.getName(),
    activeSheet: spreadsheet.getActiveSheet().getName(),
    menus: emulator.ui.menus,
    toasts: emulator.ui.toasts.slice(-3),
    toastCount: emulator.ui.toasts.length,
    alerts: emulator.ui.alerts.slice(-3),
    sidebarShown: emulator.ui.sidebars.length > 0,
    sheets: spreadsheet.getSheets().map((sheet) => {
      const range = sheet.getDataRange();
      return { name: sheet.getName(), values: range.getDisplayValues(), formulas: range.getFormulas() };
    }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
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
