// src/emulation must have no import cycle, type-only imports included: the spine is
// Spreadsheet -> Sheet -> Range, and charts and formatting rules are leaves (they see ranges and sheets
// through geometry.ts's RangeReference/SheetReference). A cycle, even of types, means two modules must
// be understood together; so no import is excluded.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../support/paths';

const EMULATION_DIR = join(ROOT_DIR, 'src', 'emulation');

/** Local modules each file imports or re-exports (`import ... from './x.js'`, `export ... from './x.js'`). */
function importGraph(files: Record<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const specifier =
    /^\s*(?:import|export)\b[^;]*?\bfrom\s*['"](\.\/[^'"]+)['"]|^\s*import\s*['"](\.\/[^'"]+)['"]/gm;
  for (const [name, text] of Object.entries(files)) {
    const targets = new Set<string>();
    for (const match of text.matchAll(specifier)) {
      const target = (match[1] ?? match[2])!.replace(/^\.\//, '').replace(/\.js$/, '');
      targets.add(`${target}.ts`);
    }
    graph.set(name, [...targets].filter((target) => target in files).sort());
  }
  return graph;
}

/** Every elementary cycle found by depth-first search, each as a path a -> b -> ... -> a. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

function emulationSources(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(EMULATION_DIR).filter((file) => file.endsWith('.ts'))) {
    files[name] = readFileSync(join(EMULATION_DIR, name), 'utf8');
  }
  return files;
}

describe('src/emulation imports', () => {
  it('form no cycle (type-only imports included)', () => {
    const cycles = findCycles(importGraph(emulationSources()));
    expect(cycles.map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('keep charts and formatting rules as leaves below the spine', () => {
    const graph = importGraph(emulationSources());
    const spine = ['spreadsheet.ts', 'sheet.ts', 'range.ts'];
    for (const leaf of ['charts.ts', 'formatting-rules.ts']) {
      expect(graph.get(leaf)!.filter((target) => spine.includes(target))).toEqual([]);
    }
    expect(graph.get('spreadsheet.ts')).toContain('sheet.ts');
    expect(graph.get('sheet.ts')).toContain('range.ts');
    expect(graph.get('range.ts')).not.toContain('sheet.ts');
    expect(graph.get('sheet.ts')).not.toContain('spreadsheet.ts');
  });

  it('finds a cycle when there is one (the detector itself can fail)', () => {
    const graph = importGraph({
      'a.ts': "import type { B } from './b.js';",
      'b.ts': "export { c } from './c.js';",
      'c.ts': "import {\n  a,\n} from './a.js';",
      'd.ts': "import './a.js';",
    });
    expect(findCycles(graph).map((cycle) => cycle.join(' -> '))).toEqual(['a.ts -> b.ts -> c.ts -> a.ts']);
  });
});
