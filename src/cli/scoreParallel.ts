// `leadscore score` on several cores, in bytes (pieceWorkers.ts): each worker checks and decodes its piece,
// scores it and hands back its output as bytes (scoreBytes.ts), which the main thread writes in the file's
// order. So the main thread only reads, cuts and writes, and both cores score. A worker stops at a record
// for the full reader (a lone CR, a wrong number of cells, bytes that are not UTF-8, ...): its records before
// that one are written, and the main thread reads on from that record, as on one thread.
import { workerData } from 'node:worker_threads';
import { leadColumnIndices } from '../core/engine';
import {
  type PieceFile,
  type PieceReply,
  readPiecesInParallel,
  servePieces,
  type TakeOver,
} from './pieceWorkers';
import { ByteScoreReader } from './scoreBytes';
import { RowScorer, type RowScorerSetup } from './scoreRows';

export interface ScoreWorkerData {
  leadscoreScoreWorker: true;
  setup: RowScorerSetup;
}

interface PieceResult extends PieceReply {
  /** Its output: `length` bytes from `start` of this buffer (transferred). */
  output: ArrayBuffer;
  start: number;
  length: number;
  records: number;
  leads: number;
  blankRows: number;
  bandCounts: [string, number][];
}

/** The worker's side (scoreWorker.ts): score each piece posted, post its output and tallies back. */
export function serveScorePieces(): void {
  const { setup } = workerData as ScoreWorkerData;
  const created = RowScorer.create(setup);
  if (!created.ok) throw new Error(created.problems.map((p) => p.message).join('\n'));
  const scorer = created.scorer;
  const reader = new ByteScoreReader(
    scorer,
    setup.headers.length,
    leadColumnIndices(setup.model, setup.headers),
  );
  servePieces<PieceResult>((buffer, length) => {
    scorer.leads = 0;
    scorer.blankRows = 0;
    for (const band of scorer.bandCounts.keys()) scorer.bandCounts.set(band, 0);
    const read = reader.readPiece(buffer, length);
    const output = read.buffer;
    const reply = {
      read: read.read,
      output,
      start: read.start,
      length: read.length,
      records: read.records,
      lines: read.lines,
      leads: scorer.leads,
      blankRows: scorer.blankRows,
      bandCounts: [...scorer.bandCounts],
    };
    return { reply, transfer: [output] };
  });
}

/** A piece's buffer holds this many times its bytes: the rest is room for its output (about twice). */
const OUTPUT_ROOM = 4;

export interface ParallelScoring extends PieceFile {
  setup: RowScorerSetup;
  scorer: RowScorer;
  onBytes(bytes: number): void;
  /** Writes `bytes`; `done` is called once they are written (the buffer may then be used again). */
  write(bytes: Buffer, done: () => void): Promise<void> | undefined;
  addRows(count: number): void;
}

/**
 * Scores on `threads` workers. Resolves with undefined when every piece was read whole, else with where
 * the main thread reads on.
 */
export async function scoreInParallel(job: ParallelScoring): Promise<TakeOver | undefined> {
  return readPiecesInParallel<PieceResult>({
    threads: job.threads,
    workerScript: job.workerScript,
    workerData: { leadscoreScoreWorker: true, setup: job.setup } satisfies ScoreWorkerData,
    pieceBytes: job.pieceBytes,
    room: OUTPUT_ROOM,
    path: job.path,
    byteOffset: job.byteOffset,
    line: job.line,
    onBytes: job.onBytes,
    take: (result, _line, release) => {
      const scorer = job.scorer;
      scorer.leads += result.leads;
      scorer.blankRows += result.blankRows;
      for (const [band, count] of result.bandCounts)
        scorer.bandCounts.set(band, (scorer.bandCounts.get(band) ?? 0) + count);
      job.addRows(result.records);
      const output = result.output;
      if (result.length > 0)
        return job.write(Buffer.from(output, result.start, result.length), () => release(output));
      release(output);
      return undefined;
    },
  });
}
