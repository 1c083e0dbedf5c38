// `leadscore score` on the main thread alone (a small file, LEADSCORE_THREADS=1, standard output,
// --activities, --encoding, no worker script, or the rest of a file after a worker stopped): the workers'
// byte reader (scoreBytes.ts), run here over pieces of whole records — the file's own bytes when it is read
// as UTF-8, else its decoded text encoded as UTF-8 — so that one thread and two write the same bytes by the
// same code. Where the byte reader stops (a record for the full reader, or one longer than a few pieces),
// the caller hands the rest to the full reader.
import { open } from 'node:fs/promises';
import { lastRecordEnd } from './pieceWorkers';
import type { ByteScoreReader } from './scoreBytes';

/** Where the bytes to score come from. */
export interface ByteSource {
  /** Puts up to `most` of the next bytes at `offset` of `into`: how many (0 at the end). */
  fill(into: Buffer, offset: number, most: number): Promise<number>;
  close(): Promise<void>;
  /**
   * For the full reader: the text from byte `read` on (`left`: the bytes taken from there), and the reads
   * after it.
   */
  textFrom(
    read: number,
    left: Buffer,
    line: number,
  ): { text: string; rest: AsyncGenerator<string> | undefined };
}

export interface OneThreadScoring {
  reader: ByteScoreReader;
  source: ByteSource;
  /** Bytes per piece (a piece is cut after the last record end in it). */
  pieceBytes: number;
  /** The line the first record starts on. */
  line: number;
  /** Writes `bytes`; `done` is called once they are written (the buffer may then be used again). */
  write(bytes: Buffer, done: () => void): Promise<void> | undefined;
  addRows(count: number): void;
  /** True once the output's reader has gone away: stop. */
  closed(): boolean;
}

/**
 * Where the full reader reads on: after `read` bytes of the source, on `line`; `left`: the bytes taken after
 * them.
 */
export interface Stop {
  read: number;
  line: number;
  left: Buffer;
}

/** A piece's buffer holds this many times its bytes: the rest is room for its output (about twice). */
const OUTPUT_ROOM = 4;
/** A record longer than this (a huge quoted cell) is left to the full reader. */
const MAX_RECORD_BYTES = 1 << 20;

/** Scores the records of `source` (which starts a record); where the full reader reads on, if anywhere. */
export async function scoreOnOneThread(job: OneThreadScoring): Promise<Stop | undefined> {
  // Buffers whose output is written, for the next pieces.
  const pool: ArrayBuffer[] = [];
  const allocate = (bytes: number): Buffer => {
    const found = pool.findIndex((buffer) => buffer.byteLength >= bytes);
    return found < 0 ? Buffer.allocUnsafeSlow(bytes) : Buffer.from(pool.splice(found, 1)[0]!);
  };
  let limit = job.pieceBytes; // bytes read into the buffer before it is cut
  let buffer = allocate(OUTPUT_ROOM * limit);
  let filled = 0; // bytes in buffer: the rest of the previous piece, then those read since
  let read = 0; // bytes of the source before buffer[0]
  let line = job.line;
  try {
    for (;;) {
      let got: number;
      do {
        got = await job.source.fill(buffer, filled, limit - filled);
        filled += got;
      } while (got > 0 && filled < limit);
      const final = got === 0;
      const cut = final ? filled : lastRecordEnd(buffer, filled);
      // The output goes after all the bytes read, the rest of the last record included.
      const piece = job.reader.readPiece(buffer.buffer as ArrayBuffer, cut, final, filled);
      line += piece.lines;
      job.addRows(piece.records);
      read += piece.read;
      const left = filled - piece.read;
      limit = Math.max(job.pieceBytes, 2 * left);
      const next = allocate(OUTPUT_ROOM * limit);
      buffer.copy(next, 0, piece.read, filled);
      const output = piece.buffer;
      if (piece.length > 0) {
        const wait = job.write(Buffer.from(output, piece.start, piece.length), () => pool.push(output));
        if (wait) await wait;
      } else pool.push(output);
      if (job.closed() || (final && !piece.handOver)) return undefined;
      if (piece.handOver || left > MAX_RECORD_BYTES) return { read, line, left: next.subarray(0, left) };
      buffer = next;
      filled = left;
    }
  } finally {
    await job.source.close();
  }
}

/**
 * The bytes of the file at `path` from `byteOffset`; `onBytes` is told of those after `counted`. `resume`
 * reads its text from a record start (CsvPieces.resume, with the checks and messages of the full reader).
 */
export async function fileSource(
  path: string,
  byteOffset: number,
  counted: number,
  onBytes: (bytes: number) => void,
  resume: (byteOffset: number, line: number, counted: number) => AsyncGenerator<string>,
): Promise<ByteSource> {
  const file = await open(path, 'r');
  let position = byteOffset;
  return {
    async fill(into, offset, most) {
      const { bytesRead } = await file.read(into, offset, most, position);
      onBytes(Math.max(0, position + bytesRead - Math.max(position, counted)));
      position += bytesRead;
      return bytesRead;
    },
    close: () => file.close(),
    textFrom: (read, _, line) => ({
      text: '',
      rest: resume(byteOffset + read, line, Math.max(position, counted)),
    }),
  };
}

/** Decoded text, encoded as UTF-8 (a file in another encoding). */
export function textSource(first: string, rest: AsyncGenerator<string> | undefined): ByteSource {
  let pending = Buffer.from(first);
  let done = rest === undefined;
  return {
    async fill(into, offset, most) {
      while (pending.length === 0 && !done) {
        const next = await rest!.next();
        if (next.done) done = true;
        else pending = Buffer.from(next.value);
      }
      const count = Math.min(most, pending.length);
      pending.copy(into, offset, 0, count);
      pending = pending.subarray(count);
      return count;
    },
    close: async () => {},
    // The bytes taken and those encoded but not yet taken, decoded together (a character may span both).
    textFrom: (_, left) => ({
      text: Buffer.concat([left, pending]).toString(),
      rest: done ? undefined : rest,
    }),
  };
}
