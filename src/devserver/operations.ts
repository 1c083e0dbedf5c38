// The requests the local page makes of the spreadsheet, as data, so that they can cross to the worker thread
// that owns the emulator (see worker.ts) or run on this one.
import type { Reply, Workbench, WorkbookState } from './workbench';

export type Operation =
  | { op: 'run'; name: string; args: unknown[] }
  | { op: 'cell'; sheet: string; a1: string; value: string | boolean }
  | { op: 'activate'; sheet: string }
  | { op: 'rows'; sheet: string; action: 'insert' | 'delete'; row: number; count: number }
  | { op: 'import'; fileName: string; text: string }
  | { op: 'export'; sheet: string }
  | { op: 'scoredCsv'; sheet: string }
  | { op: 'window'; sheet: string; from: number }
  | { op: 'state' };

export interface Outcome {
  result: Reply | WorkbookState;
  /** The spreadsheet's state fingerprint after the operation: the page redraws when it changes. */
  fingerprint: string;
}

export function perform(workbench: Workbench, operation: Operation): Outcome {
  const result = dispatch(workbench, operation);
  return { result, fingerprint: workbench.fingerprint() };
}

function dispatch(workbench: Workbench, operation: Operation): Reply | WorkbookState {
  switch (operation.op) {
    case 'run':
      return workbench.run(operation.name, operation.args);
    case 'cell':
      return workbench.setCell(operation.sheet, operation.a1, operation.value);
    case 'activate':
      return workbench.activate(operation.sheet);
    case 'rows':
      return operation.action === 'insert'
        ? workbench.insertRows(operation.sheet, operation.row, operation.count)
        : workbench.deleteRows(operation.sheet, operation.row, operation.count);
    case 'import':
      return workbench.importCsv(operation.fileName, operation.text);
    case 'export':
      return workbench.exportCsv(operation.sheet);
    case 'scoredCsv':
      return workbench.scoredCsv(operation.sheet);
    case 'window':
      return workbench.window(operation.sheet, operation.from);
    case 'state':
      return workbench.state();
  }
}
