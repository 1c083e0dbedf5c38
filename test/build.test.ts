// What `node build.mjs` leaves in dist/ is exactly what clasp pushes (.clasp.json's rootDir).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST_DIR, ROOT_DIR } from './support/paths';

describe('the push folder', () => {
  it('holds exactly the manifest, the server bundle and the sidebar', () => {
    expect(readdirSync(DIST_DIR).sort()).toEqual(['Sidebar.html', 'addon.js', 'appsscript.json']);
    const clasp = JSON.parse(readFileSync(join(ROOT_DIR, '.clasp.json'), 'utf8'));
    expect(join(ROOT_DIR, clasp.rootDir)).toBe(DIST_DIR);
  });

  it('is pushed with --force: clasp 3 skips the push without asking when not run in a terminal and the manifest changed', () => {
    const scripts = JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')).scripts;
    expect(scripts.deploy).toMatch(/clasp push --force$/);
    const push = readFileSync(
      join(ROOT_DIR, 'node_modules/@google/clasp/build/src/commands/push.js'),
      'utf8',
    );
    expect(push).toContain("'-f, --force'");
  });

  it('has a V8 manifest asking only for the current spreadsheet and the sidebar', () => {
    const manifest = JSON.parse(readFileSync(join(DIST_DIR, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
    expect(typeof manifest.timeZone).toBe('string');
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
    ]);
  });

  it('inlines the sidebar: one HTML file loading nothing from elsewhere', () => {
    const html = readFileSync(join(DIST_DIR, 'Sidebar.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|https?:\/\//i);
    expect(html.length).toBeLessThan(150 * 1024);
  });
});
