/**
 * The built add-on (dist/: addon.js, Sidebar.html, appsscript.json) loaded into a fresh emulation, the
 * way `npm start` and the end-to-end tests run it: the manifest beside the bundle decides the scopes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator.js';
import type { AppsScriptManifest } from './manifest.js';

export interface LoadAddonOptions {
  timeZone?: string;
  activeUser?: string;
  /** See EmulatorOptions.answerDialog. */
  answerDialog?: EmulatorOptions['answerDialog'];
  /** See EmulatorOptions.plainTextIsLiteral. */
  plainTextIsLiteral?: boolean;
  /** Replaces distDir/appsscript.json (e.g. to prove what a missing scope breaks). */
  manifest?: AppsScriptManifest;
}

export function readManifest(distDir: string): AppsScriptManifest {
  const path = join(distDir, 'appsscript.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new Error(`${path}: not a JSON object`);
  }
  return manifest as AppsScriptManifest;
}

export function loadAddon(distDir: string, options: LoadAddonOptions = {}): Emulator {
  const sidebarHtml = readFileSync(join(distDir, 'Sidebar.html'), 'utf8');
  const emulator = createEmulator({
    manifest: options.manifest ?? readManifest(distDir),
    timeZone: options.timeZone ?? 'Etc/UTC',
    activeUser: options.activeUser ?? 'you@example.com',
    spreadsheetName: 'Leads (local)',
    htmlFiles: { Sidebar: sidebarHtml },
    ...(options.answerDialog ? { answerDialog: options.answerDialog } : {}),
    ...(options.plainTextIsLiteral ? { plainTextIsLiteral: true } : {}),
  });
  emulator.loadScript(readFileSync(join(distDir, 'addon.js'), 'utf8'), 'addon.js');
  emulator.run('onOpen', [{ authMode: 'NONE' }], 'NONE');
  return emulator;
}
