// The model as a sheet a marketer can read and edit: stacked tables (settings, groups, rules, bands, grades,
// outcome) under section titles in column A. Pure conversion between a grid of cell values and a Model, so
// the Apps Script adapter reads the sheet with one getValues and writes it with one setValues.
import type { Band, Decay, Grade, Group, Model, Problem, Rule, RuleValue } from './model';
import { OPERATOR_VALUE_KIND, type Operator } from './model';
import { parseModel } from './validate';

export const MODEL_SHEET_NAME = 'Lead Scoring Model';
export const MODEL_RANGE_NAME = 'LeadModel';
export const MODEL_SHEET_WIDTH = 8;

const TITLE = 'Lead Scoring Model';
const NAME_LABEL = 'Model name';
const HELP =
  'Edit these tables here or in the sidebar. Insert rows inside a table to add to it; blank rows are ignored.';

export const SECTION_TITLES = ['Settings', 'Groups', 'Rules', 'Bands', 'Grades', 'Outcome'] as const;
type Section = (typeof SECTION_TITLES)[number];

export const SECTION_HEADERS: Readonly<Record<Section, readonly string[]>> = {
  Settings: ['Setting', 'Value'],
  Groups: ['Group', 'Kind', 'Max points', 'Decay date column', 'Decay % per period', 'Decay period (days)'],
  // "Switched off" rather than "Enabled": a row inserted into the table gets an unticked box, and that must
  // leave the new rule on.
  Rules: ['Rule', 'Group', 'Column', 'Operator', 'Value', 'Points', 'Max points', 'Switched off'],
  Bands: ['Band', 'Min score', 'Sales-ready'],
  Grades: ['Grade', 'Min fit score'],
  Outcome: ['Outcome setting', 'Value'],
};

const SETTING_LABELS = { minScore: 'Min score', maxScore: 'Max score', asOf: 'As of date' } as const;
const OUTCOME_LABELS = {
  column: 'Outcome column',
  positive: 'Converted values',
  negative: 'Not converted values',
} as const;

/** Where each table's data rows sit in the written grid (0-based row indexes, end exclusive), so the adapter
 *  can attach drop-downs and formats to the right cells. */
export interface ModelSheetLayout {
  sections: Record<Section, { titleRow: number; headerRow: number; firstRow: number; endRow: number }>;
}

export interface ModelGrid {
  values: (string | number | boolean)[][];
  layout: ModelSheetLayout;
}

type Cell = string | number | boolean;

/** Writes a model as the model sheet's grid (MODEL_SHEET_WIDTH columns). */
export function modelToGrid(model: Model): ModelGrid {
  const rows: Cell[][] = [];
  const push = (...cells: Cell[]) => rows.push(cells);
  const sections = {} as ModelSheetLayout['sections'];
  const section = (title: Section, body: Cell[][]) => {
    const titleRow = rows.length;
    push(title);
    push(...SECTION_HEADERS[title]);
    const firstRow = rows.length;
    for (const row of body) push(...row);
    sections[title] = { titleRow, headerRow: titleRow + 1, firstRow, endRow: rows.length };
    push();
  };

  push(TITLE);
  push(NAME_LABEL, model.name);
  push(HELP);
  push();
  const settings = model.settings ?? {};
  section('Settings', [
    [SETTING_LABELS.minScore, settings.minScore ?? ''],
    [SETTING_LABELS.maxScore, settings.maxScore ?? ''],
    [SETTING_LABELS.asOf, settings.asOf ?? ''],
  ]);
  section(
    'Groups',
    model.groups.map((g) => [
      g.name,
      g.kind,
      g.maxPoints ?? '',
      g.decay?.dateColumn ?? '',
      g.decay?.percent ?? '',
      g.decay?.everyDays ?? '',
    ]),
  );
  section(
    'Rules',
    model.rules.map((r) => [
      r.name,
      r.group,
      r.column ?? '',
      r.operator ?? '',
      formatRuleValue(r.value, r.operator!),
      r.points,
      r.maxPoints ?? '',
      r.enabled === false,
    ]),
  );
  section(
    'Bands',
    model.bands.map((b) => [b.name, b.min ?? '', b.salesReady ?? false]),
  );
  section(
    'Grades',
    (model.grades ?? []).map((g) => [g.name, g.min ?? '']),
  );
  const outcome = model.outcome;
  section('Outcome', [
    [OUTCOME_LABELS.column, outcome?.column ?? ''],
    [OUTCOME_LABELS.positive, outcome ? formatList(outcome.positive, { textOnly: true }) : ''],
    [OUTCOME_LABELS.negative, outcome?.negative ? formatList(outcome.negative, { textOnly: true }) : ''],
  ]);
  rows.pop(); // no trailing blank row

  const values = rows.map((row) => {
    const padded = row.slice(0, MODEL_SHEET_WIDTH);
    while (padded.length < MODEL_SHEET_WIDTH) padded.push('');
    return padded;
  });
  return { values, layout: { sections } };
}

export interface GridSource {
  sheetName: string;
  /** 1-based position of the grid's top-left cell on its sheet (a named range may start anywhere). */
  firstRow?: number;
  firstColumn?: number;
  /** Turns a Date cell into `YYYY-MM-DD` (the calendar day in the spreadsheet's time zone). */
  dateToIso: (date: Date) => string;
}

export type GridReadResult = { ok: true; model: Model } | { ok: false; problems: Problem[] };

/** Reads a model from the model sheet's cells. Every problem names its cell, e.g.
 *  `'Lead Scoring Model'!F14: rule "Demo": points must be a number, got "ten"`. */
export function gridToModel(grid: readonly (readonly unknown[])[], source: GridSource): GridReadResult {
  const reader = new GridReader(grid, source);
  const raw = reader.read();
  if (reader.problems.length > 0) return { ok: false, problems: reader.problems };
  const parsed = parseModel(raw);
  if (parsed.ok) return parsed;
  return { ok: false, problems: parsed.problems.map((p) => reader.locate(p)) };
}

class GridReader {
  readonly problems: Problem[] = [];
  private readonly locations = new Map<string, string>();
  private readonly firstRow: number;
  private readonly firstColumn: number;

  constructor(
    private readonly grid: readonly (readonly unknown[])[],
    private readonly source: GridSource,
  ) {
    this.firstRow = source.firstRow ?? 1;
    this.firstColumn = source.firstColumn ?? 1;
  }

  read(): Record<string, unknown> {
    const sections = this.findSections();
    const raw: Record<string, unknown> = { name: this.readName() };
    if (!sections.Rules || !sections.Bands || !sections.Groups) {
      const missing = (['Groups', 'Rules', 'Bands'] as const).filter((s) => !sections[s]);
      this.problems.push({
        subject: 'model sheet',
        where: this.address(0, 0),
        message: `${this.address(0, 0)}: the model sheet has no ${missing.map((s) => `"${s}"`).join(' or ')} table in column A`,
      });
      return raw;
    }
    const settings = this.readSettings(sections.Settings ?? []);
    if (settings) raw.settings = settings;
    raw.groups = sections.Groups.map((r) => this.readGroup(r));
    raw.rules = sections.Rules.map((r) => this.readRule(r));
    raw.bands = sections.Bands.map((r) => this.readBand(r));
    const grades = (sections.Grades ?? []).map((r) => this.readGrade(r));
    if (grades.length > 0) raw.grades = grades;
    const outcome = this.readOutcome(sections.Outcome ?? []);
    if (outcome) raw.outcome = outcome;
    return raw;
  }

  /** Adds the cell address of the row and field a validation problem is about. */
  locate(problem: Problem): Problem {
    const where =
      this.locations.get(`${problem.subject}|${problem.field ?? ''}`) ??
      this.locations.get(`${problem.subject}|`) ??
      `'${this.source.sheetName}'`;
    return { ...problem, where, message: `${where}: ${problem.message}` };
  }

  private findSections(): Partial<Record<Section, number[]>> {
    const found: Partial<Record<Section, number[]>> = {};
    let current: number[] | undefined;
    let skipHeader = false;
    this.grid.forEach((row, r) => {
      const first = typeof row[0] === 'string' ? row[0].trim().toLowerCase() : '';
      const title = SECTION_TITLES.find((s) => s.toLowerCase() === first);
      if (title) {
        current = [];
        found[title] = current;
        skipHeader = true;
        return;
      }
      if (!current) return;
      if (skipHeader) {
        skipHeader = false;
        return;
      }
      if (row.some((cell) => !isBlankCell(cell))) current.push(r);
    });
    return found;
  }

  private readName(): string {
    const row = this.grid.findIndex((r) => textOf(r[0]).toLowerCase() === NAME_LABEL.toLowerCase());
    if (row < 0) return '';
    this.locations.set('model|name', this.address(row, 1));
    return this.text(row, 1);
  }

  private readSettings(rows: number[]): Record<string, unknown> | undefined {
    const settings: Record<string, unknown> = {};
    for (const r of rows) {
      const label = this.text(r, 0).toLowerCase();
      const key = (Object.keys(SETTING_LABELS) as (keyof typeof SETTING_LABELS)[]).find(
        (k) => SETTING_LABELS[k].toLowerCase() === label,
      );
      if (!key) {
        this.problem(r, 0, 'settings', `unknown setting "${this.text(r, 0)}"`);
        continue;
      }
      this.locations.set(`settings|${key}`, this.address(r, 1));
      if (key === 'asOf') {
        const cell = this.cell(r, 1);
        if (!isBlankCell(cell))
          settings.asOf = cell instanceof Date ? this.source.dateToIso(cell) : textOf(cell);
      } else {
        const value = this.number(r, 1, 'settings', SETTING_LABELS[key].toLowerCase());
        if (value !== undefined) settings[key] = value;
      }
    }
    this.locations.set('settings|', this.address(rows[0] ?? 0, 1));
    return Object.keys(settings).length > 0 ? settings : undefined;
  }

  private readGroup(r: number): Partial<Group> {
    const name = this.text(r, 0);
    const subject = `group "${name}"`;
    this.remember(subject, r, {
      name: 0,
      kind: 1,
      maxPoints: 2,
      decay: 3,
      dateColumn: 3,
      percent: 4,
      everyDays: 5,
    });
    const group: Record<string, unknown> = { name, kind: this.text(r, 1).toLowerCase() };
    const maxPoints = this.number(r, 2, subject, 'max points');
    if (maxPoints !== undefined) group.maxPoints = maxPoints;
    if ([3, 4, 5].some((c) => !isBlankCell(this.cell(r, c)))) {
      const decay: Partial<Decay> = { dateColumn: this.text(r, 3) };
      const percent = this.number(r, 4, subject, 'decay %');
      const everyDays = this.number(r, 5, subject, 'decay period');
      if (percent !== undefined) decay.percent = percent;
      if (everyDays !== undefined) decay.everyDays = everyDays;
      group.decay = decay;
    }
    return group as Partial<Group>;
  }

  private readRule(r: number): Partial<Rule> {
    const name = this.text(r, 0);
    const subject = `rule "${name}"`;
    this.remember(subject, r, {
      name: 0,
      group: 1,
      column: 2,
      operator: 3,
      value: 4,
      points: 5,
      maxPoints: 6,
      enabled: 7,
    });
    const operator = this.text(r, 3).toLowerCase();
    const rule: Record<string, unknown> = {
      name,
      group: this.text(r, 1),
      column: this.text(r, 2),
      operator,
    };
    const value = this.ruleValue(this.cell(r, 4), operator);
    if (value !== undefined) rule.value = value;
    if (isBlankCell(this.cell(r, 5))) this.problem(r, 5, subject, 'points are missing');
    else rule.points = this.number(r, 5, subject, 'points');
    const maxPoints = this.number(r, 6, subject, 'max points');
    if (maxPoints !== undefined) rule.maxPoints = maxPoints;
    if (this.truth(r, 7, subject, 'switched off') === true) rule.enabled = false;
    return rule as Partial<Rule>;
  }

  private readBand(r: number): Partial<Band> {
    const name = this.text(r, 0);
    const subject = `band "${name}"`;
    this.remember(subject, r, { name: 0, min: 1, salesReady: 2 });
    const band: Record<string, unknown> = { name, min: this.number(r, 1, subject, 'min score') ?? null };
    const salesReady = this.truth(r, 2, subject, 'sales-ready');
    if (salesReady) band.salesReady = true;
    return band as Partial<Band>;
  }

  private readGrade(r: number): Partial<Grade> {
    const name = this.text(r, 0);
    const subject = `grade "${name}"`;
    this.remember(subject, r, { name: 0, min: 1 });
    return { name, min: this.number(r, 1, subject, 'min fit score') ?? null };
  }

  private readOutcome(rows: number[]): Record<string, unknown> | undefined {
    const outcome: Record<string, unknown> = {};
    for (const r of rows) {
      const label = this.text(r, 0).toLowerCase();
      const key = (Object.keys(OUTCOME_LABELS) as (keyof typeof OUTCOME_LABELS)[]).find(
        (k) => OUTCOME_LABELS[k].toLowerCase() === label,
      );
      if (!key) {
        this.problem(r, 0, 'outcome', `unknown outcome setting "${this.text(r, 0)}"`);
        continue;
      }
      this.locations.set(`outcome|${key}`, this.address(r, 1));
      if (isBlankCell(this.cell(r, 1))) continue;
      outcome[key] = key === 'column' ? this.text(r, 1) : parseList(this.text(r, 1)).map(String);
    }
    this.locations.set('outcome|', this.address(rows[0] ?? 0, 1));
    return Object.keys(outcome).length > 0 ? outcome : undefined;
  }

  private ruleValue(cell: unknown, operator: string): unknown {
    if (isBlankCell(cell)) return undefined;
    const kind = OPERATOR_VALUE_KIND[operator as Operator];
    if (cell instanceof Date) return this.source.dateToIso(cell);
    const text = textOf(cell);
    switch (kind) {
      case 'list':
        return typeof cell === 'number' ? [cell] : parseList(text);
      case 'range':
        return parseRange(text) ?? text;
      case 'number':
      case 'days':
        return typeof cell === 'number' ? cell : (parseNumber(text) ?? text);
      case 'text':
        return text;
      default:
        return typeof cell === 'number' || typeof cell === 'boolean' ? cell : text;
    }
  }

  private remember(subject: string, r: number, columns: Record<string, number>): void {
    if (this.locations.has(`${subject}|`)) return; // duplicate names: point at the first
    this.locations.set(`${subject}|`, this.address(r, 0));
    for (const [field, c] of Object.entries(columns))
      this.locations.set(`${subject}|${field}`, this.address(r, c));
  }

  private cell(r: number, c: number): unknown {
    return this.grid[r]?.[c];
  }

  private text(r: number, c: number): string {
    const cell = this.cell(r, c);
    return cell instanceof Date ? this.source.dateToIso(cell) : textOf(cell);
  }

  private number(r: number, c: number, subject: string, label: string): number | undefined {
    const cell = this.cell(r, c);
    if (isBlankCell(cell)) return undefined;
    const value = typeof cell === 'number' ? cell : parseNumber(textOf(cell));
    if (value === undefined || !Number.isFinite(value)) {
      this.problem(r, c, subject, `${label} must be a number, got ${describe(cell)}`);
      return undefined;
    }
    return value;
  }

  private truth(r: number, c: number, subject: string, label: string): boolean | undefined {
    const cell = this.cell(r, c);
    if (isBlankCell(cell)) return undefined;
    if (typeof cell === 'boolean') return cell;
    const word = textOf(cell).toLowerCase();
    if (['true', 'yes', 'y', 'x', '1'].includes(word)) return true;
    if (['false', 'no', 'n', '0'].includes(word)) return false;
    this.problem(r, c, subject, `${label} must be ticked or not (TRUE or FALSE), got ${describe(cell)}`);
    return undefined;
  }

  private problem(r: number, c: number, subject: string, text: string): void {
    const where = this.address(r, c);
    this.problems.push({ subject, where, message: `${where}: ${subject}: ${text}` });
  }

  private address(r: number, c: number): string {
    return `'${this.source.sheetName.replaceAll("'", "''")}'!${columnLetter(this.firstColumn + c)}${this.firstRow + r}`;
  }
}

/** `1` → A, `27` → AA. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function isBlankCell(cell: unknown): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

function textOf(cell: unknown): string {
  if (cell === undefined || cell === null) return '';
  return String(cell).trim();
}

function describe(cell: unknown): string {
  return typeof cell === 'string' ? `"${cell}"` : String(cell);
}

function parseNumber(text: string): number | undefined {
  const cleaned = text.replaceAll(',', '').replace('\u2212', '-').trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return undefined;
  return Number(cleaned);
}

/** `10 to 50`, `1,000 to 20,000`, `10 – 50` or `10, 50` → [min, max]. Thousands separators are allowed when
 *  the two numbers are joined by "to" or a dash. */
function parseRange(text: string): [number, number] | undefined {
  const joined = text.split(/\s+to\s+|\s+[-–]\s+|\s*–\s*/i);
  const parts = joined.length === 2 ? joined : text.split(/\s*[,;]\s*/);
  if (parts.length !== 2) return undefined;
  const [low, high] = parts.map((p) => parseNumber(p.trim()));
  return low === undefined || high === undefined ? undefined : [low, high];
}

/** A comma-separated list; items with a comma or quote are written in double quotes (`"Acme, Inc", Other`).
 *  Items that are plain numbers become numbers, so `1, 2` round-trips as [1, 2]. */
export function parseList(text: string): (string | number)[] {
  const items: (string | number)[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ') i++;
    let item = '';
    const quoted = text[i] === '"';
    if (quoted) {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          item += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else item += text[i++];
      }
      while (i < text.length && text[i] !== ',') i++;
    } else {
      while (i < text.length && text[i] !== ',') item += text[i++];
      item = item.trim();
    }
    if (quoted) items.push(item);
    else if (item !== '') items.push(/^-?\d+(\.\d+)?$/.test(item) ? Number(item) : item);
    i++; // past the comma
  }
  return items;
}

/** `textOnly`: the list is read back as text anyway (outcome values), so numbers need no quotes. */
export function formatList(
  items: readonly (string | number)[],
  options: { textOnly?: boolean } = {},
): string {
  return items
    .map((item) =>
      typeof item === 'string' &&
      (/[,"]/.test(item) || item !== item.trim() || (!options.textOnly && /^-?\d+(\.\d+)?$/.test(item)))
        ? `"${item.replaceAll('"', '""')}"`
        : String(item),
    )
    .join(', ');
}

export function formatRuleValue(value: RuleValue | undefined, operator?: string): string | number | boolean {
  if (value === undefined) return '';
  // "50 to 1000" rather than "50, 1000": a range stays readable when typed with thousands separators.
  if (operator === 'between' && Array.isArray(value)) return `${value[0]} to ${value[1]}`;
  if (Array.isArray(value)) return formatList(value);
  return value;
}
