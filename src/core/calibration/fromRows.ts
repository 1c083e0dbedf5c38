// From a model and rows of leads to a calibration: scores the leads whose outcome is known (open ones are
// left out, as the contract says), optionally only those dated within a period, and picks a reproducible
// review sample among the leads the model holds back from sales. The rows go through the streamed
// calibration (stream.ts), as the CLI's do: each row becomes a few numbers, not an object per lead, so the
// figures are the same and 50,000 leads fit comfortably in Apps Script's time.

import type { Model } from '../model';
import type { RowsCalibrationOptions, RowsCalibrationResult } from './rowsCalibration';
import { startCalibration } from './stream';

export {
  DEFAULT_REVIEW_SHARE,
  type Period,
  periodFilter,
  type ReviewLead,
  type RowsCalibration,
  type RowsCalibrationOptions,
  type RowsCalibrationResult,
} from './rowsCalibration';

export function calibrateRows(
  model: Model,
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: RowsCalibrationOptions = {},
): RowsCalibrationResult {
  const started = startCalibration(model, headers, { ...options, keepReviewSample: true });
  if (!started.ok) return started;
  const { stream } = started;
  for (let index = 0; index < rows.length; index++) stream.add(rows[index]!, index);
  const { reviewTags: _tags, ...calibration } = stream.finish();
  return { ok: true, calibration };
}
