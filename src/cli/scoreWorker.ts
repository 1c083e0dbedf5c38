// The worker threads of `leadscore score` (dist-cli/score-worker.mjs, built beside the CLI): only what
// scoring pieces needs, so that a worker starts without loading the whole CLI and its packages.
import { serveScorePieces } from './scoreParallel';

serveScorePieces();
