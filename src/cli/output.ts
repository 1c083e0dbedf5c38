// Writing rows as CSV to a file or standard output, as a stream. A closed pipe (`leadscore … | head`) ends
// the run quietly; any other write error is an OutputError (exit 2).
import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { type Stringifier, stringify } from 'csv-stringify';
import { OutputError } from './io';

export interface RowSink {
  /** Resolves when the row may be followed by more (back-pressure). */
  write(row: readonly (string | number)[]): Promise<void> | undefined;
  end(): Promise<void>;
  /** True once the reader of standard output has gone away: stop quietly. */
  readonly closed: boolean;
}

export function csvSink(path: string | undefined, out: NodeJS.WritableStream = process.stdout): RowSink {
  let target: NodeJS.WritableStream = out;
  if (path !== undefined) {
    let fd: number;
    try {
      fd = openSync(path, 'w');
    } catch (error) {
      throw new OutputError(`${path}: cannot write the output (${describeWriteError(error)})`);
    }
    target = createWriteStream('', { fd });
  }
  const stringifier: Stringifier = stringify();
  let failure: OutputError | undefined;
  let closed = false;
  const onError = (error: NodeJS.ErrnoException) => {
    if (path === undefined && error.code === 'EPIPE') closed = true;
    else
      failure ??= new OutputError(
        `${path ?? 'standard output'}: cannot write the output (${describeWriteError(error)})`,
      );
    stringifier.unpipe();
  };
  target.on('error', onError);
  stringifier.pipe(target, { end: path !== undefined });
  const check = () => {
    if (failure) throw failure;
  };
  return {
    get closed() {
      return closed;
    },
    write(row) {
      check();
      if (closed) return undefined;
      if (stringifier.write(row)) return undefined;
      return new Promise<void>((resolve) => {
        const done = () => {
          target.off('error', done);
          resolve();
        };
        stringifier.once('drain', done);
        target.once('error', done);
      }).then(check);
    },
    async end() {
      check();
      if (closed) return;
      await new Promise<void>((resolve) => {
        if (path === undefined) {
          stringifier.once('end', resolve);
          stringifier.end();
          return;
        }
        (target as WriteStream).once('close', () => resolve());
        target.once('error', () => resolve());
        stringifier.end();
      });
      check();
    },
  };
}

function describeWriteError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'no permission to write there';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return e.message;
  }
}
