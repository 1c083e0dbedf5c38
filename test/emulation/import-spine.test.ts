// src/emulation's spine is Spreadsheet -> Sheet -> Range, and charts and formatting rules are leaves (they
// see ranges and sheets through geometry.ts's RangeReference/SheetReference). That src/emulation, like all
// of src/, has no import cycle (type-only imports included) is test/architecture.test.ts's check.
import { describe, expect, it } from 'vitest';
import { importGraph, readSources } from '../support/importGraph';
import { ROOT_DIR } from '../support/paths';

const at = (name: string) => `src/emulation/${name}`;

describe('src/emulation imports', () => {
  it('keep charts and formatting rules as leaves below the spine', () => {
    const graph = importGraph(readSources(ROOT_DIR, 'src/emulation'));
    const spine = ['spreadsheet.ts', 'sheet.ts', 'range.ts'].map(at);
    for (const leaf of ['charts.ts', 'formatting-rules.ts'].map(at)) {
      expect(graph.get(leaf)!.filter((target) => spine.includes(target))).toEqual([]);
    }
    expect(graph.get(at('spreadsheet.ts'))).toContain(at('sheet.ts'));
    expect(graph.get(at('sheet.ts'))).toContain(at('range.ts'));
    expect(graph.get(at('range.ts'))).not.toContain(at('sheet.ts'));
    expect(graph.get(at('sheet.ts'))).not.toContain(at('spreadsheet.ts'));
  });
});
