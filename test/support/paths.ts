import { join } from 'node:path';

export const ROOT_DIR = join(import.meta.dirname, '..', '..');
/** What `node build.mjs` writes and clasp pushes. npm test builds before it runs the tests. */
export const DIST_DIR = join(ROOT_DIR, 'dist');
export const CLI_PATH = join(ROOT_DIR, 'dist-cli', 'leadscore.mjs');
