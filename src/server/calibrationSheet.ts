import type { CalibrationSheetResult } from '../shared/sidebarApi';

export function buildCalibrationSheet(): CalibrationSheetResult {
  throw new Error('The calibration sheet is not built yet.');
}
