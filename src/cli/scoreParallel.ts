// `leadscore score` on several cores: the main thread reads the file and cuts it into pieces of whole
// records (at a line feed outside quotes), worker threads score the pieces with the fast reader, and the
// main thread writes their output in the file's order. A piece a worker cannot read whole (a record for the
// full reader: a lone CR, a CR in a cell, a wrong number of cells — or a cut that fell inside a quoted cell
// because a quote stood inside an unquoted cell) stops the workers: the main thread reads on from that
// piece's start, with the same readers as on one thread, so the output and messages are the same.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { leadColumnIndices } from '../core/engine';
import type { Model } from '../core/model';
import { FastScoreReader } from './scoreFast';
import { RowScorer, type RowScorerSetup } from './scoreRows';

export interface ScoreWorkerData {
  leadscoreScoreWorker: true;
  setup: RowScorerSetup;
}

interface PieceResult {
  id: number;
  /** The piece was read whole (else the main thread reads on from its start). */
  whole: boolean;
  output: string;
  records: number;
  lines: number;
  leads: number;
  blankRows: number;
  bandCounts: [string, number][];
}

/** True in a worker thread started by scoreInParallel (main.ts then serves pieces instead of running). */
export function isScoreWorker(): boolean {
  return !isMainThread && (workerData as ScoreWorkerData | undefined)?.leadscoreScoreWorker === true;
}

/** The worker's side: score each piece posted, post its output and tallies back. */
export function serveScorePieces(): void {
  const { setup } = workerData as ScoreWorkerData;
  const created = RowScorer.create(setup);
  if (!created.ok) throw new Error(created.problems.map((p) => p.message).join('\n'));
  const scorer = created.scorer;
  const reader = new FastScoreReader(
    scorer,
    setup.headers.length,
    leadColumnIndices(setup.model, setup.headers),
  );
  parentPort!.on('message', ({ id, text }: { id: number; text: string }) => {
    scorer.leads = 0;
    scorer.blankRows = 0;
    for (const band of scorer.bandCounts.keys()) scorer.bandCounts.set(band, 0);
    const read = reader.read(text, true);
    const whole = !read.handOver && read.stop === text.length;
    const result: PieceResult = {
      id,
      whole,
      output: whole ? read.output : '',
      records: read.records,
      lines: read.lines,
      leads: scorer.leads,
      blankRows: scorer.blankRows,
      bandCounts: [...scorer.bandCounts],
    };
    parentPort!.postMessage(result);
  });
}

/** Where the last record of `text` (which starts a record) ends: after its last line feed outside quotes. */
export function lastRecordEnd(text: string): number {
  let end = 0;
  let at = 0;
  for (;;) {
    const quote = text.indexOf('"', at);
    const lineFeed = text.lastIndexOf('\n', (quote < 0 ? text.length : quote) - 1);
    if (lineFeed >= at) end = lineFeed + 1;
    if (quote < 0) return end;
    const close = text.indexOf('"', quote + 1);
    if (close < 0) return end;
    at = close + 1;
  }
}

export interface ParallelScoring {
  model: Model;
  setup: RowScorerSetup;
  scorer: RowScorer;
  threads: number;
  workerScript: string;
  pieceBytes: number;
  /** The text after the header row, its line, and the reads after it. */
  text: string;
  line: number;
  rest: AsyncGenerator<string> | undefined;
  write(text: string): Promise<void> | undefined;
  addRows(count: number): void;
}

/**
 * Scores on `threads` workers. Resolves with undefined when every piece was read whole, else with where
 * the main thread reads on: the text from the start of the first piece not read whole, its line, and the
 * reads after it.
 */
export async function scoreInParallel(
  job: ParallelScoring,
): Promise<{ text: string; line: number; rest: AsyncGenerator<string> | undefined } | undefined> {
  const workers = Array.from(
    { length: job.threads },
    () =>
      new Worker(job.workerScript, {
        workerData: { leadscoreScoreWorker: true, setup: job.setup } satisfies ScoreWorkerData,
        // A small young generation: each worker's garbage is short-lived, and peak memory stays low.
        resourceLimits: { maxYoungGenerationSizeMb: 8 },
      }),
  );
  const waiting = new Map<number, (result: PieceResult) => void>();
  let failure: Error | undefined;
  for (const worker of workers) {
    worker.on('message', (result: PieceResult) => waiting.get(result.id)?.(result));
    worker.on('error', (error) => {
      failure ??= error;
      for (const resolve of waiting.values()) resolve({ id: -1 } as PieceResult);
    });
  }
  // Pieces sent and not yet written, in order; at most two per worker (memory stays flat).
  const inFlight: { text: string; result: Promise<PieceResult> }[] = [];
  let nextId = 0;
  let line = job.line;
  const send = (text: string) => {
    const id = nextId++;
    const result = new Promise<PieceResult>((resolve) => waiting.set(id, resolve));
    workers[id % workers.length]!.postMessage({ id, text });
    inFlight.push({ text, result });
  };
  /** Writes the oldest piece; false when it was not read whole (the main thread takes over there). */
  const writeOldest = async (): Promise<boolean> => {
    const piece = inFlight[0]!;
    const result = await piece.result;
    if (failure) throw failure;
    waiting.delete(result.id);
    if (!result.whole) return false;
    inFlight.shift();
    const scorer = job.scorer;
    scorer.leads += result.leads;
    scorer.blankRows += result.blankRows;
    for (const [band, count] of result.bandCounts)
      scorer.bandCounts.set(band, (scorer.bandCounts.get(band) ?? 0) + count);
    line += result.lines;
    job.addRows(result.records);
    const wait = job.write(result.output);
    if (wait) await wait;
    return true;
  };
  const takeOver = (buffer: string) => ({
    text: inFlight.map((piece) => piece.text).join('') + buffer,
    line,
    rest: job.rest,
  });
  const drainThenTakeOver = async (buffer: string) => {
    while (inFlight.length > 0) if (!(await writeOldest())) break;
    return takeOver(buffer);
  };
  try {
    let buffer = job.text;
    // Read by next(), not for-await: a for-await left early would close the reads the main thread needs.
    for (;;) {
      const next = job.rest ? await job.rest.next() : undefined;
      if (next === undefined || next.done) break;
      buffer += next.value;
      if (buffer.length < job.pieceBytes) continue;
      const cut = lastRecordEnd(buffer);
      if (cut === 0) {
        // No line feed outside quotes for many reads: one huge cell; the main thread reads it.
        if (buffer.length > 64 * job.pieceBytes) return await drainThenTakeOver(buffer);
        continue;
      }
      send(buffer.slice(0, cut));
      buffer = buffer.slice(cut);
      while (inFlight.length >= 2 * workers.length) if (!(await writeOldest())) return takeOver(buffer);
    }
    if (buffer.length > 0) send(buffer);
    while (inFlight.length > 0) if (!(await writeOldest())) return takeOver('');
    return undefined;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
