// Issue 18 item 3: the local page answers only itself. A foreign Host (DNS rebinding) and a foreign Origin
// are refused, a POST without the run's token is refused, and a page on another origin in the browser cannot
// change a cell; the page's own calls still work (the other devserver tests use the page throughout).
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevServer, startDevServer } from '../../src/devserver/server';
import { launchBrowser } from '../support/browser';
import { DIST_DIR } from '../support/paths';

let server: DevServer;
let port: number;
beforeAll(async () => {
  server = await startDevServer({
    distDir: DIST_DIR,
    seed: (emulator) => emulator.run('insertSimpleStarterModel', [], 'FULL'),
  });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.close();
});

const firstLead = () => server.emulator.spreadsheet.getSheetByName('Sample leads')?.getRange('A2').getValue();

/** A raw request with exactly the headers given (fetch would not let a test set Host). */
function call(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function pageToken(): Promise<string> {
  const page = await call('GET', '/', { host: `127.0.0.1:${port}` });
  return /var token = "([^"]+)"/.exec(page.text)![1]!;
}

const edit = (value: string) => JSON.stringify({ sheet: 'Sample leads', a1: 'A2', value });

describe('requests to the local page', () => {
  it('refuses a foreign Host (a DNS-rebinding site) on every path, the leads included', async () => {
    for (const host of [
      'attacker.example',
      `attacker.example:${port}`,
      '127.0.0.1:1',
      `localhost.evil:${port}`,
    ]) {
      const page = await call('GET', '/', { host });
      expect(page.status, host).toBe(403);
      expect(page.text).toContain('this local page answers only requests to');
      const leads = await call('GET', `/export?sheet=${encodeURIComponent('Sample leads')}`, { host });
      expect(leads.status).toBe(403);
      expect(leads.text).not.toContain('@');
    }
  });

  it('refuses a foreign Origin, even with the token', async () => {
    const before = firstLead();
    const token = await pageToken();
    const reply = await call(
      'POST',
      '/cell',
      { host: `127.0.0.1:${port}`, origin: 'http://evil.example', 'x-leadscore-token': token },
      edit('999'),
    );
    expect(reply.status).toBe(403);
    expect(reply.text).toContain('a request from the page at http://evil.example');
    expect(firstLead()).toBe(before);
  });

  it('refuses a POST without the token or with a wrong one, and takes the one with it', async () => {
    const before = firstLead();
    const own = { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` };
    for (const token of [undefined, 'guess']) {
      const reply = await call(
        'POST',
        '/cell',
        token ? { ...own, 'x-leadscore-token': token } : own,
        edit('999'),
      );
      expect(reply.status).toBe(403);
      expect(reply.text).toContain('needs the token of the local page');
    }
    expect(firstLead()).toBe(before);
    const token = await pageToken();
    const reply = await call('POST', '/cell', { ...own, 'x-leadscore-token': token }, edit('changed@x.com'));
    expect(reply.status).toBe(200);
    expect(firstLead()).toBe('changed@x.com');
    // localhost:PORT is the same server under its other name.
    const viaLocalhost = await call('GET', '/state', { host: `localhost:${port}` });
    expect(viaLocalhost.status).toBe(200);
  });
});

describe('a page from another origin in the browser', () => {
  let browser: Browser;
  let other: Server;
  beforeAll(async () => {
    browser = await launchBrowser();
    other = createServer((_req, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><body><form id="f" method="POST" enctype="text/plain"
        action="http://127.0.0.1:${port}/cell"><input name='{"sheet":"Sample leads","a1":"A2","value":"999","x":"' value='"}'></form></body>`);
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await browser.close();
    await new Promise<void>((resolve) => other.close(() => resolve()));
  });

  it('can neither change a cell (fetch or form POST) nor read the state', async () => {
    const before = firstLead();
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    const target = `http://127.0.0.1:${port}`;
    const outcome = await page.evaluate(async (target) => {
      const body = JSON.stringify({ sheet: 'Sample leads', a1: 'A2', value: '999' });
      const post = await fetch(`${target}/cell`, { method: 'POST', mode: 'no-cors', body }).then(
        (r) => r.type,
        (e: Error) => `failed: ${e.message}`,
      );
      const read = await fetch(`${target}/state`).then(
        (r) => r.text(),
        (e: Error) => `failed: ${e.message}`,
      );
      return { post, read };
    }, target);
    expect(outcome.post).toBe('opaque'); // sent, but the server refused it
    expect(outcome.read).toMatch(/^failed/); // the browser keeps another origin's answer from the page
    await Promise.all([
      page.waitForURL(`${target}/cell`),
      page.evaluate(() => (document.getElementById('f') as HTMLFormElement).submit()),
    ]);
    expect(await page.textContent('body')).toContain('a request from the page at http://127.0.0.1:');
    expect(firstLead()).toBe(before);
    await page.close();
  });
});
