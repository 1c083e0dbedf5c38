// The worker threads of `leadscore calibrate` (dist-cli/calibrate-worker.mjs, built beside the CLI): only
// what reading pieces into calibration facts needs, so that a worker starts without the whole CLI.
import { serveCalibrationPieces } from './calibrateParallel';

serveCalibrationPieces();
