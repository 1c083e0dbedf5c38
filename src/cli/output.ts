// Writing rows as CSV to a file or standard output, in 64 KB writes that honour back-pressure. A closed
// pipe (`leadscore … | head`) ends the run quietly; any other write error is an OutputError (exit 2). A file
// is written beside its target and renamed over it by `end` (outputFile.ts): a run that fails part-way
// calls `discard` and the previous file stays as it was.
import { createWriteStream } from 'node:fs';
import { csvLine } from './csvFast';
import { OutputError } from './errors';
import { beginFile, describeWriteError, type PendingFile } from './outputFile';

export interface RowSink {
  /** Resolves when the row may be followed by more (back-pressure). */
  write(row: readonly (string | number)[]): Promise<void> | undefined;
  /** The same for text already written as CSV lines (each ending with its LF). */
  writeText(lines: string): Promise<void> | undefined;
  /** The same for CSV lines already encoded as UTF-8; `done` is called once they are written. */
  writeBytes(lines: Buffer, done?: () => void): Promise<void> | undefined;
  end(): Promise<void>;
  /** Drops what was written to a file (the target keeps its previous content). */
  discard(): void;
  /** True once the reader of standard output has gone away: stop quietly. */
  readonly closed: boolean;
}

const FLUSH_AT = 64 * 1024;

/** With `bom`, the file starts with a UTF-8 byte-order mark (Excel reads a CSV without one in the legacy
 *  code page); without it the bytes are exactly the rows. */
export function csvSink(
  path: string | undefined,
  out: NodeJS.WritableStream = process.stdout,
  options: { bom?: boolean } = {},
): RowSink {
  let target: NodeJS.WritableStream = out;
  let file: PendingFile | undefined;
  if (path !== undefined) {
    file = beginFile(path);
    target = createWriteStream('', { fd: file.fd, autoClose: false });
  }
  let failure: OutputError | undefined;
  let closed = false;
  // Lines are joined once per flush: appending each to one string builds a deep rope that is slow to encode.
  // A byte-order mark, when asked for, goes first.
  let parts: string[] = options.bom ? ['\uFEFF'] : [];
  let buffered = parts.length;
  target.on('error', (error: NodeJS.ErrnoException) => {
    if (path === undefined && error.code === 'EPIPE') closed = true;
    else
      failure ??= new OutputError(
        `${path ?? 'standard output'}: cannot write the output (${describeWriteError(error)})`,
      );
  });
  const check = () => {
    if (failure) throw failure;
  };
  const flush = (): Promise<void> | undefined => {
    const text = parts.length === 1 ? parts[0]! : parts.join('');
    parts = [];
    buffered = 0;
    if (closed || text === '' || target.write(text)) return undefined;
    return drained();
  };
  /** Resolves when the target takes more (or has failed or closed). */
  const drained = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const done = () => {
        target.off('drain', done);
        target.off('error', done);
        target.off('close', done);
        resolve();
      };
      target.on('drain', done);
      target.on('error', done);
      target.on('close', done);
    }).then(check);
  return {
    get closed() {
      return closed;
    },
    write(row) {
      return this.writeText(csvLine(row));
    },
    writeText(lines) {
      check();
      if (closed) return undefined;
      parts.push(lines);
      buffered += lines.length;
      return buffered >= FLUSH_AT ? flush() : undefined;
    },
    writeBytes(lines, done) {
      check();
      if (closed) return undefined;
      const before = buffered > 0 ? flush() : undefined;
      if (closed || lines.length === 0) return before;
      return target.write(lines, done) ? before : drained();
    },
    async end() {
      check();
      await flush();
      if (closed || path === undefined) return;
      await new Promise<void>((resolve) => {
        target.once('finish', () => resolve());
        target.once('error', () => resolve());
        target.end();
      });
      if (failure) file?.discard();
      check();
      file?.commit();
      file = undefined;
    },
    discard() {
      file?.discard();
      file = undefined;
    },
  };
}
