// Builds what clasp pushes (dist/: appsscript.json, addon.js, Sidebar.html) and, apart from it, the CLI
// (dist-cli/leadscore.mjs). Apps Script has no modules and only discovers entry points that are real
// top-level function declarations, with autocomplete reading the JSDoc directly above them; esbuild drops
// JSDoc and may rename top-level names. So the server is bundled to an IIFE exposing `entryPoints`, and
// this script writes one small top-level delegate per entry point, with its JSDoc, from that typed list.
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const pushDir = join(root, 'dist');
const cliDir = join(root, 'dist-cli');
const scratchDir = join(root, 'node_modules', '.cache', 'leadscore-build');
const GLOBAL_NAME = 'LeadScoringAddon';
// Apps Script runs modern V8; ES2020 keeps the output free of syntax its parser has been slow to accept.
const SERVER_TARGET = 'es2020';

/** Builds everything; returns the paths written. Exported for tests. `metafile`: also say what makes up
 *  dist/addon.js (bytes per source folder and file), as `node build.mjs --metafile` does. */
export async function build({ metafile = false } = {}) {
  await rm(pushDir, { recursive: true, force: true });
  await mkdir(pushDir, { recursive: true });
  await mkdir(cliDir, { recursive: true });
  await mkdir(scratchDir, { recursive: true });

  const [serverCode, entryPoints] = await Promise.all([bundleServer(metafile), loadEntryPointList()]);
  const addon = `${serverCode}\n${renderDelegates(entryPoints)}`;
  await writeFile(join(pushDir, 'addon.js'), addon);
  await writeFile(join(pushDir, 'Sidebar.html'), await buildSidebarHtml());
  await writeFile(join(pushDir, 'appsscript.json'), await readFile(join(root, 'appsscript.json')));
  await buildCli();
  return { pushDir, cliDir };
}

async function bundleServer(metafile) {
  const result = await esbuild.build({
    metafile,
    entryPoints: [join(root, 'src/server/index.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    target: SERVER_TARGET,
    platform: 'neutral',
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    // Apps Script loads the whole project on every custom-function call: keep it small, but keep names so
    // that errors in the execution log stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  if (metafile) printAddonParts(result.metafile);
  return `// Lead Scoring for Sheets (built by build.mjs; edit src/, not this file)\n${result.outputFiles[0].text}`;
}

/** Bytes of dist/addon.js per source folder and the largest files (esbuild's metafile, after minification). */
function printAddonParts(meta) {
  const inputs = Object.entries(Object.values(meta.outputs)[0].inputs).map(([file, { bytesInOutput }]) => ({
    file,
    bytes: bytesInOutput,
  }));
  const folders = new Map();
  for (const { file, bytes } of inputs) {
    const folder = dirname(file);
    folders.set(folder, (folders.get(folder) ?? 0) + bytes);
  }
  const kb = (bytes) => `${(bytes / 1024).toFixed(1).padStart(6)} KB`;
  const byBytes = (a, b) => b[1] - a[1];
  console.log('dist/addon.js by source folder:');
  for (const [folder, bytes] of [...folders].sort(byBytes)) console.log(`${kb(bytes)}  ${folder}`);
  console.log('largest files:');
  for (const { file, bytes } of inputs.sort((a, b) => b.bytes - a.bytes).slice(0, 15)) {
    console.log(`${kb(bytes)}  ${file}`);
  }
}

/** The entry point list is TypeScript data; load it by bundling src/server/index.ts for Node. Importing it
 *  must have no effect: nothing may run at global scope. */
async function loadEntryPointList() {
  const outfile = join(scratchDir, `entry-points-${process.pid}.mjs`);
  await esbuild.build({
    entryPoints: [join(root, 'src/server/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile,
    logLevel: 'silent',
  });
  const module = await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
  await rm(outfile, { force: true });
  return module.entryPoints;
}

function renderDelegates(entryPoints) {
  const blocks = Object.entries(entryPoints).map(([name, entry]) => {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name))
      throw new Error(`entry point name "${name}" is not a plain identifier`);
    const params = entry.params.map((p) => p.name);
    const jsdoc = renderJsDoc(entry);
    const call = `${GLOBAL_NAME}.entryPoints.${name}.run(${params.join(', ')})`;
    return `${jsdoc}function ${name}(${params.join(', ')}) {\n  return ${call};\n}\n`;
  });
  return blocks.join('\n');
}

function renderJsDoc(entry) {
  const lines = [entry.description];
  for (const p of entry.params) {
    if (!p.description) continue;
    const type = p.example ? `{${p.example}} ` : '';
    lines.push(`@param ${type}${p.name} ${p.optional ? '[optional] ' : ''}${p.description}`);
  }
  if (entry.returns) lines.push(`@return ${entry.returns}`);
  if (entry.kind === 'customFunction') lines.push('@customfunction');
  const body = lines.flatMap((l) => l.split('\n')).map((l) => ` * ${l.replaceAll('*/', '* /')}`.trimEnd());
  return `/**\n${body.join('\n')}\n */\n`;
}

async function buildSidebarHtml() {
  const result = await esbuild.build({
    entryPoints: [join(root, 'src/sidebar/main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    minify: true,
    write: false,
    legalComments: 'none',
    charset: 'utf8',
  });
  const script = result.outputFiles[0].text.replaceAll('</script', '<\\/script');
  const css = await readFile(join(root, 'src/sidebar/sidebar.css'), 'utf8');
  const template = await readFile(join(root, 'src/sidebar/sidebar.html'), 'utf8');
  // Function replacers: the bundle may contain `$&`-like sequences that a string replacement would expand.
  return template.replace('/*INLINE_CSS*/', () => css).replace('/*INLINE_JS*/', () => script);
}

async function buildCli() {
  await esbuild.build({
    entryPoints: [join(root, 'src/cli/main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile: join(cliDir, 'leadscore.mjs'),
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'silent',
  });
  await chmod(join(cliDir, 'leadscore.mjs'), 0o755); // `npx leadscore` runs it directly
  // The worker threads of `leadscore score` and `calibrate`: small bundles of their own, quick to start.
  for (const [source, outfile] of [
    ['scoreWorker.ts', 'score-worker.mjs'],
    ['calibrateWorker.ts', 'calibrate-worker.mjs'],
  ]) {
    await esbuild.build({
      entryPoints: [join(root, 'src/cli', source)],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      outfile: join(cliDir, outfile),
      logLevel: 'silent',
    });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  build({ metafile: process.argv.includes('--metafile') }).then(
    ({ pushDir: out }) => console.log(`built ${out} and dist-cli/leadscore.mjs`),
    (error) => {
      console.error(error.message ?? error);
      process.exit(1);
    },
  );
}
