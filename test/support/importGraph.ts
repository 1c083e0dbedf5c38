// The import graph of the sources, for the architecture tests. TypeScript's own scanner reads the
// imports (type-only, re-exports, side-effect and dynamic imports included; comments and strings
// skipped), so the graph is what the compiler sees, not what a regular expression guesses.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** Source texts keyed by their path from `root`, with forward slashes ("src/core/model.ts"). */
export type SourceFiles = Record<string, string>;

const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;

export function readSources(root: string, folder: string): SourceFiles {
  const files: SourceFiles = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name))
        files[relative(root, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(join(root, folder));
  return files;
}

/** Every module specifier a file names. */
export function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

export function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

/**
 * The file a relative specifier names, as the bundler and tsx resolve it: `./x.js` may mean `x.ts`, and a
 * folder means its index. A target not among `files` comes back as the plain joined path.
 */
export function resolveImport(from: string, specifier: string, files: SourceFiles): string {
  const path = posix.join(posix.dirname(from), specifier);
  const stem = path.replace(/\.(js|mjs)$/, '');
  const candidates = [path, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${path}/index.ts`];
  return candidates.find((candidate) => candidate in files) ?? path;
}

/** Per file, the files among `files` it imports (bare package and node: imports left out). */
export function importGraph(files: SourceFiles): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [name, text] of Object.entries(files)) {
    const targets = new Set<string>();
    for (const specifier of importSpecifiers(text)) {
      if (!isRelative(specifier)) continue;
      const target = resolveImport(name, specifier, files);
      if (target in files) targets.add(target);
    }
    graph.set(name, [...targets].sort());
  }
  return graph;
}

/** Cycles found by depth-first search (each back edge once), each as a path a -> b -> ... -> a. */
export function findCycles(graph: Map<string, string[]>): string[][] {
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
