import type { Model } from '../../core/model';
import { type CsvTable, UsageError } from '../io';

export function calibrateTable(
  _model: Model,
  _table: CsvTable,
  _options: { asOf?: string; inputName: string; json: boolean },
): string {
  throw new UsageError(['calibrate is not built yet']);
}
