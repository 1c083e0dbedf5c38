// What `leadscore score` writes after a record's cells — `,Score,Band,Grade[,Cell],Reasons` and its line
// feed — as UTF-8 bytes straight into the workers' output, the same bytes as RowScorer's text (a test
// compares them): the band, grade and cell names and each rule's "Name +15" part are encoded once and
// copied, so a lead's tail allocates nothing. A reasons text that starts like a formula (a rule named
// "=x") is rare: it goes through the text route, neutralised as every other cell.
import { formatReason, formatReasons, type LeadScore, type Reason } from '../core/engine';
import { csvCell } from './csvFast';
import type { RowScorer } from './scoreRows';

/** A reason's text as written inside the Reasons cell: UTF-8, quotes doubled. */
interface Part {
  bytes: Uint8Array;
  /** Holds a comma, a quote, a CR or an LF (so the cell is quoted). */
  special: boolean;
  /** First character code of the text (for neutralising). */
  first: number;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const MAX_PER_RULE = 1000;
const SPECIAL = /[",\r\n]/;

/** First characters neutraliseCell may change (= + - @ tab CR). */
function mayNeedNeutralising(code: number): boolean {
  return code === 61 || code === 43 || code === 45 || code === 64 || code === 9 || code === 13;
}

function partOf(text: string): Part {
  return {
    bytes: utf8(text.replace(/"/g, '""')),
    special: SPECIAL.test(text),
    first: text.charCodeAt(0),
  };
}

export class TailWriter {
  private readonly names = new Map<string, Uint8Array>();
  /** Per rule, its parts by points; and by points and group cap for a reason its group's cap cut. */
  private readonly parts = new Map<string, Map<number, Part>>();
  private readonly cappedParts = new Map<string, Map<string, Part>>();
  private readonly withCell: boolean;
  private readonly empty: Uint8Array;
  private readonly sanitize: boolean;
  /** The parts of the lead being written. */
  private readonly scratch: Part[] = [];

  constructor(private readonly scorer: RowScorer) {
    this.withCell = scorer.outputs.length > 4;
    this.empty = utf8(this.withCell ? ',,,,,\n' : ',,,,\n');
    this.sanitize = scorer.setup.sanitize;
  }

  /** The most bytes `write` may need for this result. */
  bound(result: LeadScore | undefined): number {
    if (result === undefined) return this.empty.length;
    let total = 64 + 3 * (result.band.length + (result.grade?.length ?? 0) + (result.cell?.length ?? 0));
    // A part's bytes are at most 3 per UTF-16 unit, doubled by quotes; a group cap note adds some.
    for (const reason of result.reasons) total += 6 * (reason.rule.length + (reason.text?.length ?? 0)) + 96;
    return total;
  }

  /** Writes the tail at `at` in `out` (with room for `bound` bytes); returns the position after it. */
  write(result: LeadScore | undefined, out: Uint8Array, at: number): number {
    if (result === undefined) return copy(this.empty, out, at);
    out[at++] = COMMA;
    const score = String(result.score);
    for (let index = 0; index < score.length; index++) out[at++] = score.charCodeAt(index);
    out[at++] = COMMA;
    at = copy(this.name(result.band), out, at);
    out[at++] = COMMA;
    at = copy(this.name(result.grade ?? ''), out, at);
    if (this.withCell) {
      out[at++] = COMMA;
      at = copy(this.name(result.cell ?? ''), out, at);
    }
    out[at++] = COMMA;
    at = this.writeReasons(result.reasons, out, at);
    out[at++] = LF;
    return at;
  }

  private writeReasons(reasons: readonly Reason[], out: Uint8Array, at: number): number {
    const count = reasons.length;
    if (count === 0) return at;
    let quoted = count > 1; // ", " between parts
    const parts = this.scratch;
    for (let index = 0; index < count; index++) {
      const part = this.part(reasons[index]!);
      parts[index] = part;
      if (part.special) quoted = true;
    }
    if (this.sanitize && mayNeedNeutralising(parts[0]!.first)) {
      // The text route: neutralised (or kept, when it reads as a number) as RowScorer does.
      const cell = csvCell(this.scorer.safe(this.textOf(reasons)));
      return at + Buffer.from(out.buffer, out.byteOffset, out.length).write(cell, at, 'utf8');
    }
    if (quoted) out[at++] = QUOTE;
    for (let index = 0; index < count; index++) {
      if (index > 0) {
        out[at++] = COMMA;
        out[at++] = 32;
      }
      at = copy(parts[index]!.bytes, out, at);
    }
    if (quoted) out[at++] = QUOTE;
    return at;
  }

  private textOf(reasons: readonly Reason[]): string {
    return reasons.map((reason) => formatReason(reason)).join(', ');
  }

  /** A reason's part, as RowScorer's cached reasons write it. */
  private part(reason: Reason): Part {
    if (reason.text !== undefined && reason.groupCap === undefined) return partOf(reason.text);
    if (reason.groupCap !== undefined) {
      if (reason.text !== undefined) return partOf(formatReason(reason));
      let byKey = this.cappedParts.get(reason.rule);
      if (byKey === undefined) {
        byKey = new Map();
        this.cappedParts.set(reason.rule, byKey);
      }
      const key = `${reason.points}/${reason.groupCap}`;
      let part = byKey.get(key);
      if (part === undefined) {
        part = partOf(formatReason(reason));
        if (byKey.size < MAX_PER_RULE) byKey.set(key, part);
      }
      return part;
    }
    let byPoints = this.parts.get(reason.rule);
    if (byPoints === undefined) {
      byPoints = new Map();
      this.parts.set(reason.rule, byPoints);
    }
    let part = byPoints.get(reason.points);
    if (part === undefined) {
      part = partOf(formatReasons([reason]));
      if (byPoints.size < MAX_PER_RULE) byPoints.set(reason.points, part);
    }
    return part;
  }

  /** A band, grade or cell name as written: neutralised, quoted when it must be, UTF-8. */
  private name(name: string): Uint8Array {
    let bytes = this.names.get(name);
    if (bytes === undefined) {
      bytes = utf8(csvCell(this.scorer.safe(name)));
      this.names.set(name, bytes);
    }
    return bytes;
  }
}

/** UTF-8 bytes in a plain Uint8Array (not a Buffer: the copies below then see one kind of array). */
function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

function copy(bytes: Uint8Array, out: Uint8Array, at: number): number {
  const length = bytes.length;
  if (length > 16) out.set(bytes, at);
  else for (let index = 0; index < length; index++) out[at + index] = bytes[index]!;
  return at + length;
}
