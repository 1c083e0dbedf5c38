// The shape of src/: no import cycle anywhere (type-only imports included: a cycle, even of types, means
// two modules must be understood together), and src/core a ground floor that imports nothing outside
// itself (no adapter, no package, no node: module), so the CLI, the Apps Script bundle, the sidebar and
// the local page can all stand on it.
import { describe, expect, it } from 'vitest';
import {
  findCycles,
  importGraph,
  importSpecifiers,
  isRelative,
  readSources,
  resolveImport,
} from './support/importGraph';
import { ROOT_DIR } from './support/paths';

const ROOMS = ['core', 'core/engine', 'server', 'sidebar', 'cli', 'emulation', 'devserver', 'shared'];

describe('src/ imports', () => {
  const sources = readSources(ROOT_DIR, 'src');
  const graph = importGraph(sources);

  it('reach every room, through ../ imports too (so no room drops out of the check unseen)', () => {
    for (const room of ROOMS) {
      const files = Object.keys(sources).filter((name) => name.startsWith(`src/${room}/`));
      expect(files.length, room).toBeGreaterThan(0);
    }
    const crossFolder = [...graph].flatMap(([from, targets]) =>
      targets.filter((target) => posixDir(target) !== posixDir(from)),
    );
    expect(crossFolder.length).toBeGreaterThan(50);
  });

  it('form no cycle across all of src/ (type-only imports included)', () => {
    expect(findCycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('keep src/core a ground floor: it imports only src/core', () => {
    const outside: string[] = [];
    for (const [name, text] of Object.entries(sources)) {
      if (!name.startsWith('src/core/')) continue;
      for (const specifier of importSpecifiers(text)) {
        const target = isRelative(specifier) ? resolveImport(name, specifier, sources) : specifier;
        if (!target.startsWith('src/core/')) outside.push(`${name} imports ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });
});

describe('the import checks themselves', () => {
  it('find a cycle through ../ imports, type-only and re-exports included', () => {
    const graph = importGraph({
      'src/a/one.ts': "import type { Two } from '../b/two.js';",
      'src/b/two.ts': "export { three } from './three.js';",
      'src/b/three.ts': "import {\n  one,\n} from '../a';",
      'src/a/index.ts': "export * from './one';",
      'src/c/four.ts': "import '../a/one.js'; // import x from '../c/four.js'",
    });
    expect(findCycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([
      'src/a/index.ts -> src/a/one.ts -> src/b/two.ts -> src/b/three.ts -> src/a/index.ts',
    ]);
  });

  it('tell an import leaving a folder from one staying in it', () => {
    const files = { 'src/core/x.ts': '', 'src/core/engine/y.ts': '', 'src/server/z.ts': '' };
    expect(resolveImport('src/core/engine/y.ts', '../x.js', files)).toBe('src/core/x.ts');
    expect(resolveImport('src/core/engine/y.ts', '../../server/z', files)).toBe('src/server/z.ts');
    expect(importSpecifiers("const sheet = await import('../shared/rpc.js');")).toEqual(['../shared/rpc.js']);
  });
});

function posixDir(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}
