// The review sample's feedback: the Calibration sheet lists a random share of the leads the model keeps from
// sales ("Review sample": sheet row, lead, score, band, "Checked (tick)", "Should sales call? (notes)"). Once
// someone has ticked a lead and answered, the monitor counts how many of the checked leads sales would call:
// the model's misses. Read from the Calibration sheet's values (or a CSV of it), so it works on either.
import { cellText, cellTruth, isBlank } from '../cells';
import type { Problem } from '../model';
import { columnLetter } from '../modelSheetCells';

/** A lead of the review sample that someone ticked as checked. */
export interface ReviewedLead {
  /** The lead's row on the leads sheet (or line of the leads CSV) when the sample was drawn. */
  row: number;
  /** The first cell of that row then (usually the lead's name), to tell whether the row still holds it. */
  lead: string;
  /** Whether sales would call it (the notes start with yes / no, or another verdict word); null: no answer. */
  good: boolean | null;
}

export interface ReviewSampleRead {
  /** The leads sheet the sample was drawn from, as the Calibration sheet's title names it (when it does). */
  leadsSheet?: string;
  /** Leads in the sample, ticked or not. */
  sampled: number;
  /** The ticked ones. */
  checked: ReviewedLead[];
}

export type ReviewSampleResult =
  | { ok: true; sample: ReviewSampleRead | null }
  | { ok: false; problems: Problem[] };

const ROW_HEADERS = ['sheet row', 'line'];
const TICK_WORDS = new Set(['✓', '✔', '☑', 'done', 'checked']);
const UNTICK_WORDS = new Set(['☐', '-', '–']);

const headerText = (cell: unknown) => cellText(cell).trim().toLowerCase();
const shown = (cell: unknown) => (typeof cell === 'string' ? cell.trim() : cellText(cell));

/** The verdict word a note starts with ("Yes, asked for a demo" → yes), as the monitor's accepted/rejected
 *  words read it; null when it starts with neither. */
export function noteVerdict(
  note: unknown,
  accepted: ReadonlySet<string>,
  rejected: ReadonlySet<string>,
): boolean | null {
  if (isBlank(note)) return null;
  if (typeof note === 'boolean') return note;
  const text = cellText(note).trim().toLowerCase();
  const first = text.split(/[^\p{L}\p{N}]+/u).find((w) => w !== '') ?? '';
  for (const candidate of [text, first]) {
    if (accepted.has(candidate)) return true;
    if (rejected.has(candidate)) return false;
  }
  return null;
}

/**
 * The review sample's ticked leads, from the values of the Calibration sheet (or a CSV of it, or of its
 * review table alone). `place` names a cell in problems: a sheet's name ("Calibration!E42") or a function of
 * the column letter and the 1-based row (a CSV's line). Null when there is no review
 * table; a tick that is neither ticked nor blank is a problem naming its cell.
 */
export function readReviewSample(
  values: readonly (readonly unknown[])[],
  words: { accepted: ReadonlySet<string>; rejected: ReadonlySet<string> },
  place: string | ((column: string, row: number) => string) = 'Calibration',
): ReviewSampleResult {
  const cellName = (column: string, row: number) =>
    typeof place === 'string' ? `${place}!${column}${row}` : place(column, row);
  const headerIndex = values.findIndex(
    (line) =>
      ROW_HEADERS.includes(headerText(line[0])) &&
      line.some((c) => headerText(c).startsWith('checked')) &&
      line.some((c) => headerText(c).startsWith('should sales call')),
  );
  if (headerIndex < 0) return { ok: true, sample: null };
  const header = values[headerIndex]!;
  const leadColumn = header.findIndex((c) => headerText(c) === 'lead');
  const tickColumn = header.findIndex((c) => headerText(c).startsWith('checked'));
  const noteColumn = header.findIndex((c) => headerText(c).startsWith('should sales call'));
  const titleText = values
    .slice(0, headerIndex)
    .map((line) => (typeof line[0] === 'string' ? line[0].trim() : ''))
    .find((text) => /^Calibration of ".*" on ".*"$/.test(text));
  const leadsSheet = titleText ? /" on "(.*)"$/.exec(titleText)?.[1] : undefined;
  const problems: Problem[] = [];
  const checked: ReviewedLead[] = [];
  let sampled = 0;
  for (let r = headerIndex + 1; r < values.length; r++) {
    const line = values[r]!;
    if (isBlank(line[0])) break;
    const row = typeof line[0] === 'number' ? line[0] : Number(cellText(line[0]).trim());
    if (!Number.isInteger(row) || row < 1) break;
    sampled++;
    const tick = line[tickColumn];
    const where = cellName(columnLetter(tickColumn + 1), r + 1);
    const word = typeof tick === 'string' ? tick.trim().toLowerCase() : '';
    const ticked =
      isBlank(tick) || UNTICK_WORDS.has(word) ? false : TICK_WORDS.has(word) ? true : cellTruth(tick);
    if (ticked === undefined) {
      problems.push({
        subject: 'monitor',
        field: 'reviewSample',
        where,
        message: `${where}: "Checked (tick)" says "${cellText(tick).trim()}": tick it (TRUE, x, yes or ✓) or leave it blank`,
      });
      continue;
    }
    if (!ticked) continue;
    checked.push({
      row,
      lead: leadColumn < 0 || isBlank(line[leadColumn]) ? '' : shown(line[leadColumn]),
      good: noteVerdict(line[noteColumn], words.accepted, words.rejected),
    });
  }
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 10) };
  return { ok: true, sample: { leadsSheet, sampled, checked } };
}
