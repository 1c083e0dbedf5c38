// The built server bundle, read as Apps Script reads it: a plain script (no modules) whose entry points are
// top-level function declarations, custom functions with their @customfunction JSDoc directly above them.
// Parsed with acorn rather than grepped, so that a declaration hidden in a block or a comment does not count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as acorn from 'acorn';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelToGrid } from '../../src/core/modelSheet';
import { starterModel } from '../../src/core/starterModel';
import { createEmulator } from '../../src/emulation';
import { entryPoints } from '../../src/server/index';
import { DIST_DIR } from '../support/paths';

/** The manifest clasp pushes (the emulation grants exactly its oauthScopes). */
const SHIPPED_MANIFEST = JSON.parse(readFileSync(join(DIST_DIR, 'appsscript.json'), 'utf8'));

interface ParsedBundle {
  program: acorn.Program;
  comments: acorn.Comment[];
  code: string;
}

function parseBundle(code: string): ParsedBundle {
  const comments: acorn.Comment[] = [];
  // sourceType 'script': an import or export statement is a syntax error, as it is in Apps Script.
  const program = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', onComment: comments });
  return { program, comments, code };
}

function topLevelFunctions(bundle: ParsedBundle): Map<string, acorn.FunctionDeclaration> {
  const functions = new Map<string, acorn.FunctionDeclaration>();
  for (const statement of bundle.program.body) {
    if (statement.type === 'FunctionDeclaration' && statement.id) functions.set(statement.id.name, statement);
  }
  return functions;
}

/** The block comment that ends right before `node` (only white space between), if any. */
function jsDocAbove(bundle: ParsedBundle, node: acorn.Node): string | undefined {
  const comment = bundle.comments.find(
    (c) =>
      c.type === 'Block' && c.value.startsWith('*') && bundle.code.slice(c.end, node.start).trim() === '',
  );
  return comment?.value;
}

describe('the built server bundle (dist/addon.js)', () => {
  let bundle: ParsedBundle;
  beforeAll(() => {
    bundle = parseBundle(readFileSync(join(DIST_DIR, 'addon.js'), 'utf8'));
  });

  it('is a plain script: no import or export, no dynamic import', () => {
    expect(bundle.code).not.toMatch(/\bimport\s*\(/);
    // parseBundle would have thrown on a static import/export; check the statements anyway.
    expect(
      bundle.program.body.every((s) => !s.type.startsWith('Import') && !s.type.startsWith('Export')),
    ).toBe(true);
  });

  it('declares every entry point as a top-level function with its real parameter names', () => {
    const functions = topLevelFunctions(bundle);
    for (const [name, entry] of Object.entries(entryPoints)) {
      const declaration = functions.get(name);
      expect(declaration, `top-level function ${name}`).toBeDefined();
      const params = declaration?.params.map((p) => (p.type === 'Identifier' ? p.name : p.type));
      expect(params, `parameters of ${name}`).toEqual(entry.params.map((p) => p.name));
    }
  });

  it('runs nothing at global scope but defining the add-on namespace and the entry functions', () => {
    for (const statement of bundle.program.body) {
      if (statement.type === 'FunctionDeclaration') continue;
      // esbuild keeps TypeScript's strict mode as a directive; a directive runs nothing.
      if (statement.type === 'ExpressionStatement' && statement.directive === 'use strict') continue;
      expect(statement.type).toBe('VariableDeclaration');
      const declaration = statement as acorn.VariableDeclaration;
      expect(declaration.declarations.map((d) => (d.id.type === 'Identifier' ? d.id.name : ''))).toEqual([
        'LeadScoringAddon',
      ]);
    }
  });

  it('puts a JSDoc block with @customfunction and every @param directly above each custom function', () => {
    const functions = topLevelFunctions(bundle);
    const customFunctions = Object.entries(entryPoints).filter(([, e]) => e.kind === 'customFunction');
    expect(customFunctions.map(([name]) => name)).toEqual([
      'LEADSCORE',
      'LEADBAND',
      'LEADGRADE',
      'LEADCELL',
      'LEADREASONS',
      'LEADEXPLAIN',
    ]);
    for (const [name, entry] of customFunctions) {
      const declaration = functions.get(name);
      expect(declaration).toBeDefined();
      const doc = declaration ? jsDocAbove(bundle, declaration) : undefined;
      expect(doc, `JSDoc above ${name}`).toBeDefined();
      expect(doc).toContain('@customfunction');
      for (const param of entry.params) expect(doc).toMatch(new RegExp(`@param \\{[^}]+\\} ${param.name} `));
      // Sheets rejects custom function names ending in an underscore (private functions).
      expect(name.endsWith('_')).toBe(false);
    }
  });
});

describe('the built bundle in a fresh vm context holding only the emulated services', () => {
  it('loads without calling any service, then onOpen in AuthMode.NONE builds only the add-on menu', () => {
    const emulator = createEmulator({ manifest: SHIPPED_MANIFEST });
    emulator.loadScript(readFileSync(join(DIST_DIR, 'addon.js'), 'utf8'), 'addon.js');
    expect(emulator.calls).toEqual([]);
    expect(emulator.functionNames()).toEqual(expect.arrayContaining(Object.keys(entryPoints)));
    emulator.run('onOpen', [{ authMode: 'NONE' }], 'NONE');
    expect(emulator.calls[0]).toBe('SpreadsheetApp.getUi');
    expect(emulator.calls.slice(1).every((call) => /^(Ui|Menu)\./.test(call))).toBe(true);
    expect(emulator.ui.menus).toHaveLength(1);
  });

  it('answers a custom-function call with Sheets-shaped arguments with a Sheets-shaped result', () => {
    const emulator = createEmulator({ manifest: SHIPPED_MANIFEST });
    emulator.loadScript(readFileSync(join(DIST_DIR, 'addon.js'), 'utf8'), 'addon.js');
    const model = modelToGrid(starterModel()).values;
    const data = [
      ['Position', 'Activities', 'Last activity', 'Email opens', 'Company size', 'Budget', 'Urgency'],
      ['CEO', 'Demo request; Pricing page', new Date(), 2, 120, '$12,000', 'Now'],
      ['', '', '', '', '', '', ''],
    ];
    const omitted = ['Visits last 7 days', 'Minutes on site', 'Email clicks', 'Email status'];
    data[0]?.push(...omitted);
    data[1]?.push('', '', '', '');
    data[2]?.push('', '', '', '');
    const scores = emulator.run('LEADSCORE', [data, model], 'CUSTOM_FUNCTION');
    expect(scores).toEqual([['Score'], [expect.any(Number)], ['']]);
    const one = emulator.run('LEADBAND', [[data[0], data[1]], model], 'CUSTOM_FUNCTION');
    expect(one).toEqual([['Band'], [expect.stringMatching(/^(Cold|Warm|Hot|Very hot)$/)]]);
  });
});
