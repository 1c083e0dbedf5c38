// Reads a model from the model sheet's cells: finds the tables by their titles in column A, turns each row into
// the model's keys, validates, and names the cell of every problem.
import type { Band, Decay, EngagementLevel, Grade, Group, Model, Problem, Rule } from './model';
import { OPERATOR_VALUE_KIND, type Operator } from './model';
import {
  columnLetter,
  describeCell,
  isBlankCell,
  parseList,
  parseNumber,
  parsePercent,
  parseRange,
  textOf,
} from './modelSheetCells';
import { type ConditionsTable, readConditionsTable } from './modelSheetConditions';
import {
  ACTIVITY_LABELS,
  CONDITIONS_MARKER,
  GROUP_DECAY_PERCENT_INDEX,
  GROUP_V2_HEADERS,
  NAME_LABEL,
  OUTCOME_LABELS,
  parseColumnCell,
  SECTION_HEADERS,
  SECTION_TITLES,
  SETTING_LABELS,
  type Section,
} from './modelSheetLayout';
import { parseModel } from './validate';

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
  /** Where each `subject|field` was read, as [row, column]; made into an address only for a problem. */
  private readonly locations = new Map<string, readonly [number, number]>();
  /** The row each condition read from the Conditions table came from. */
  private conditionRows = new Map<object, number>();
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
    const activities = this.readActivities(sections.Activities);
    if (activities) raw.activities = activities;
    const groupColumns = this.groupV2Columns(sections.Groups);
    raw.groups = sections.Groups.map((r, i) => this.readGroup(r, i, groupColumns));
    const conditions = readConditionsTable(sections.Conditions ?? [], {
      text: (r, c) => this.text(r, c),
      cell: (r, c) => this.cell(r, c),
      isBlank: (r, c) => isBlankCell(this.cell(r, c)),
      ruleValue: (r, c, operator, subject) => this.valueAt(r, c, operator, subject),
      problem: (r, c, subject, text) => this.problem(r, c, subject, text),
    });
    this.conditionRows = conditions.rowOf;
    raw.rules = sections.Rules.map((r, i) => this.readRule(r, i, conditions));
    for (const [name, first] of conditions.firstRows) {
      if (!sections.Rules.some((r) => this.text(r, 0).toLowerCase() === name)) {
        this.problem(first, 0, 'conditions', `no rule is named "${this.text(first, 0)}" in the Rules table`);
      }
    }
    raw.bands = sections.Bands.map((r, i) => this.readBand(r, i));
    const grades = (sections.Grades ?? []).map((r, i) => this.readGrade(r, i));
    if (grades.length > 0) raw.grades = grades;
    const levels = (sections['Engagement levels'] ?? []).map((r, i) => this.readEngagementLevel(r, i));
    if (levels.length > 0) raw.engagementLevels = levels;
    const outcome = this.readOutcome(sections.Outcome ?? []);
    if (outcome) raw.outcome = outcome;
    return raw;
  }

  /** Adds the cell address of the row and field a validation problem is about. */
  locate(problem: Problem): Problem {
    // The most precise location known: the field, else the fields it is part of (`when.all[2]`, `when`).
    let where: string | undefined;
    for (let field = problem.field ?? ''; where === undefined; ) {
      const cell = this.locations.get(`${problem.subject}|${field}`);
      if (cell !== undefined) where = this.address(cell[0], cell[1]);
      if (field === '') break;
      const cut = Math.max(field.lastIndexOf('.'), field.lastIndexOf('['));
      field = cut > 0 ? field.slice(0, cut) : '';
    }
    where ??= `'${this.source.sheetName}'`;
    return { ...problem, where, message: `${where}: ${problem.message}` };
  }

  /** A section title: the title alone in its table's columns, above the table's header row (its first two
   *  headers), so a group, rule, band or grade named "Rules" or "Grades" is a row of its table. */
  private isTitleRow(r: number, title: Section): boolean {
    const headers = SECTION_HEADERS[title];
    const row = this.grid[r] ?? [];
    if (!row.slice(1, headers.length).every(isBlankCell)) return false;
    const next = this.grid[r + 1] ?? [];
    return headers.slice(0, 2).every((header, c) => textOf(next[c]).toLowerCase() === header.toLowerCase());
  }

  private findSections(): Partial<Record<Section, number[]>> {
    const found: Partial<Record<Section, number[]>> = {};
    let current: number[] | undefined;
    let width = 0;
    let skipHeader = false;
    this.grid.forEach((row, r) => {
      const first = typeof row[0] === 'string' ? row[0].trim().toLowerCase() : '';
      // A title only counts above its own header row, so a group, rule or band named "Rules" or "Activities"
      // is a row of its table, not the start of another.
      const title = SECTION_TITLES.find((s) => s.toLowerCase() === first && this.isTitleRow(r, s));
      if (title) {
        current = [];
        found[title] = current;
        width = SECTION_HEADERS[title].length + (title === 'Groups' ? GROUP_V2_HEADERS.length : 0);
        skipHeader = true;
        return;
      }
      if (!current) return;
      if (skipHeader) {
        skipHeader = false;
        return;
      }
      // Only the table's own columns make a row part of it: a note typed to the right of the tables on an
      // otherwise empty row is not a nameless rule.
      if (row.slice(0, width).some((cell) => !isBlankCell(cell))) current.push(r);
    });
    return found;
  }

  private readName(): string {
    const row = this.grid.findIndex((r) => textOf(r[0]).toLowerCase() === NAME_LABEL.toLowerCase());
    if (row < 0) return '';
    this.locations.set('model|name', [row, 1]);
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
      this.locations.set(`settings|${key}`, [r, 1]);
      if (key === 'asOf') {
        const cell = this.cell(r, 1);
        if (!isBlankCell(cell))
          settings.asOf = cell instanceof Date ? this.source.dateToIso(cell) : textOf(cell);
      } else if (key === 'blankValues') {
        if (!isBlankCell(this.cell(r, 1)))
          settings.blankValues = parseList(this.text(r, 1), { textOnly: true }).map(String);
      } else if (key === 'overrideColumn' || key === 'asOfColumn') {
        if (!isBlankCell(this.cell(r, 1))) settings[key] = this.text(r, 1);
      } else {
        const value = this.number(r, 1, 'settings', SETTING_LABELS[key].toLowerCase());
        if (value !== undefined) settings[key] = value;
      }
    }
    this.locations.set('settings|', [rows[0] ?? 0, 1]);
    return Object.keys(settings).length > 0 ? settings : undefined;
  }

  private readActivities(rows: number[] | undefined): Record<string, unknown> | undefined {
    if (rows === undefined) return undefined;
    const activities: Record<string, unknown> = {};
    for (const r of rows) {
      const label = this.text(r, 0).toLowerCase();
      const key = (Object.keys(ACTIVITY_LABELS) as (keyof typeof ACTIVITY_LABELS)[]).find(
        (k) => ACTIVITY_LABELS[k].toLowerCase() === label,
      );
      if (!key) {
        this.problem(r, 0, 'activities', `unknown activity setting "${this.text(r, 0)}"`);
        continue;
      }
      this.locations.set(`activities|${key}`, [r, 1]);
      if (!isBlankCell(this.cell(r, 1))) activities[key] = this.text(r, 1);
    }
    this.locations.set('activities|', [rows[0] ?? 0, 1]);
    return Object.keys(activities).length > 0 || rows.length > 0 ? activities : undefined;
  }

  /** Where the Weight and Match columns are (by their headers), if the Groups table has them. */
  private groupV2Columns(rows: number[]): { weight: number; match: number } {
    const headerRow = (rows[0] ?? this.grid.length) - 1;
    let titleRow = headerRow;
    while (titleRow >= 0 && textOf(this.grid[titleRow]?.[0]).toLowerCase() !== 'groups') titleRow--;
    const header = (this.grid[titleRow + 1] ?? []).map((cell) => textOf(cell).toLowerCase());
    return { weight: header.indexOf('weight'), match: header.indexOf('match') };
  }

  private readGroup(r: number, index: number, v2: { weight: number; match: number }): Partial<Group> {
    const name = this.text(r, 0);
    const subject = subjectOf('group', name, index);
    this.remember(subject, r, {
      name: 0,
      kind: 1,
      maxPoints: 2,
      decay: 3,
      'decay.dateColumn': 3,
      'decay.percent': GROUP_DECAY_PERCENT_INDEX,
      'decay.everyDays': 5,
    });
    const group: Record<string, unknown> = { name, kind: this.text(r, 1).toLowerCase() };
    const maxPoints = this.number(r, 2, subject, 'max points');
    if (maxPoints !== undefined) group.maxPoints = maxPoints;
    if (v2.weight >= 0) {
      this.locations.set(`${subject}|weight`, [r, v2.weight]);
      const weight = this.number(r, v2.weight, subject, 'weight', 'fraction');
      if (weight !== undefined) group.weight = weight;
    }
    if (v2.match >= 0) {
      this.locations.set(`${subject}|match`, [r, v2.match]);
      if (!isBlankCell(this.cell(r, v2.match))) group.match = this.text(r, v2.match).toLowerCase();
    }
    if ([3, 4, 5].some((c) => !isBlankCell(this.cell(r, c)))) {
      const decay: Partial<Decay> = { dateColumn: this.text(r, 3) };
      const percent = this.decayPercent(r, GROUP_DECAY_PERCENT_INDEX, subject);
      const everyDays = this.number(r, 5, subject, 'decay period');
      if (percent !== undefined) decay.percent = percent;
      if (everyDays !== undefined) decay.everyDays = everyDays;
      group.decay = decay;
    }
    return group as Partial<Group>;
  }

  private readRule(r: number, index: number, conditions: ConditionsTable): Partial<Rule> {
    const name = this.text(r, 0);
    const subject = subjectOf('rule', name, index);
    const conditionRow = conditions.firstRows.get(name.toLowerCase());
    this.remember(subject, r, {
      name: 0,
      group: 1,
      column: 2,
      operator: 3,
      value: 4,
      points: 5,
      maxPoints: 6,
      enabled: 7,
      event: 2,
      withinDays: 2,
    });
    const tree = conditions.trees.get(name.toLowerCase());
    if (conditionRow !== undefined && tree !== undefined) {
      // Problems inside a condition tree point at the condition's own cell (or the rule's first condition).
      for (const root of ['when', 'where']) {
        this.locations.set(`${subject}|${root}`, [conditionRow, 3]);
        this.rememberTree(subject, root, tree);
      }
    }
    const operator = this.text(r, 3).toLowerCase();
    const columnText = this.text(r, 2);
    const columnCell = parseColumnCell(columnText);
    const rule: Record<string, unknown> = { name, group: this.text(r, 1) };
    if (columnCell.kind === 'events') {
      const types = columnCell.types;
      rule.event = types.length === 1 ? types[0] : types;
      if (columnCell.withinDays !== undefined) rule.withinDays = columnCell.withinDays;
      if (tree !== undefined) rule.where = tree;
    } else if (columnCell.kind === 'conditions' || (columnText === '' && tree !== undefined)) {
      if (tree !== undefined) rule.when = tree;
      else this.problem(r, 2, subject, `the Conditions table has no rows for this rule`);
    } else {
      rule.column = columnCell.column;
      if (tree !== undefined && conditionRow !== undefined) {
        this.problem(
          conditionRow,
          0,
          subject,
          `conditions are only for a rule whose column is ${CONDITIONS_MARKER} or events`,
        );
      }
    }
    if (operator !== '') rule.operator = operator;
    else if (rule.when === undefined) rule.operator = operator;
    let value = this.valueAt(r, 4, operator, subject);
    // A count is a number even when typed as text ("0").
    if (rule.event !== undefined && typeof value === 'string') value = parseNumber(value) ?? value;
    if (value !== undefined) rule.value = value;
    if (isBlankCell(this.cell(r, 5))) this.problem(r, 5, subject, 'points are missing');
    else rule.points = this.number(r, 5, subject, 'points');
    const maxPoints = this.number(r, 6, subject, 'max points');
    if (maxPoints !== undefined) rule.maxPoints = maxPoints;
    if (this.truth(r, 7, subject, 'switched off') === true) rule.enabled = false;
    return rule as Partial<Rule>;
  }

  private readBand(r: number, index: number): Partial<Band> {
    const name = this.text(r, 0);
    const subject = subjectOf('band', name, index);
    this.remember(subject, r, { name: 0, min: 1, salesReady: 2 });
    const band: Record<string, unknown> = { name, min: this.number(r, 1, subject, 'min score') ?? null };
    const salesReady = this.truth(r, 2, subject, 'sales-ready');
    if (salesReady) band.salesReady = true;
    return band as Partial<Band>;
  }

  private readGrade(r: number, index: number): Partial<Grade> {
    const name = this.text(r, 0);
    const subject = subjectOf('grade', name, index);
    this.remember(subject, r, { name: 0, min: 1 });
    return { name, min: this.number(r, 1, subject, 'min fit score') ?? null };
  }

  private readEngagementLevel(r: number, index: number): Partial<EngagementLevel> {
    const name = this.text(r, 0);
    const subject = subjectOf('engagement level', name, index);
    this.remember(subject, r, { name: 0, min: 1 });
    return { name, min: this.number(r, 1, subject, 'min engagement score') ?? null };
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
      this.locations.set(`outcome|${key}`, [r, 1]);
      if (isBlankCell(this.cell(r, 1))) continue;
      outcome[key] =
        key === 'column' ? this.text(r, 1) : parseList(this.text(r, 1), { textOnly: true }).map(String);
    }
    this.locations.set('outcome|', [rows[0] ?? 0, 1]);
    return Object.keys(outcome).length > 0 ? outcome : undefined;
  }

  /** A rule's or condition's value cell. A date where a range belongs is what Sheets makes of `1-10` typed
   *  into a cell that is not plain text (January 10). */
  private valueAt(r: number, c: number, operator: string, subject: string): unknown {
    const cell = this.cell(r, c);
    if (cell instanceof Date && OPERATOR_VALUE_KIND[operator as Operator] === 'range') {
      this.problem(
        r,
        c,
        subject,
        `value is the date ${this.source.dateToIso(cell)}, which is how Sheets stores a range such as 1-10 ` +
          `typed there: type it as min to max, e.g. 1 to 10`,
      );
    }
    return this.ruleValue(cell, operator);
  }

  private ruleValue(cell: unknown, operator: string): unknown {
    if (isBlankCell(cell)) return undefined;
    const kind = OPERATOR_VALUE_KIND[operator as Operator];
    if (cell instanceof Date) return this.source.dateToIso(cell);
    const text = textOf(cell);
    // Text is kept exactly as written (spaces around it included): the sheet stores what the model says.
    const exact = typeof cell === 'string' ? cell : text;
    switch (kind) {
      case 'list':
        return typeof cell === 'number' ? [cell] : parseList(text);
      case 'range':
        return parseRange(text) ?? text;
      case 'number': {
        if (typeof cell === 'number') return cell;
        // `10%` is 0.1, as Sheets stores it typed into a cell that is not plain text and as the rules read a
        // lead's `10%` (the contract's number rule).
        const percent = parsePercent(text);
        return parseNumber(text) ?? (percent === undefined ? text : percent / 100);
      }
      case 'days':
        return typeof cell === 'number' ? cell : (parseNumber(text) ?? text);
      case 'text':
        return typeof cell === 'number' ? cell : exact;
      case 'scalar':
        return typeof cell === 'number' || typeof cell === 'boolean' ? cell : exact;
      default:
        return typeof cell === 'number' || typeof cell === 'boolean' ? cell : text;
    }
  }

  /** Locations of each condition's cells under the field paths validation uses (`when.all[2].value`). */
  private rememberTree(subject: string, path: string, tree: Record<string, unknown>): void {
    const mode = 'all' in tree ? 'all' : 'any';
    const items = (tree[mode] ?? []) as Record<string, unknown>[];
    items.forEach((item, index) => {
      const itemPath = `${path}.${mode}[${index + 1}]`;
      const row = this.conditionRows.get(item);
      if (row === undefined) {
        this.rememberTree(subject, itemPath, item);
        return;
      }
      this.locations.set(`${subject}|${itemPath}`, [row, 3]);
      this.locations.set(`${subject}|${itemPath}.column`, [row, 3]);
      this.locations.set(`${subject}|${itemPath}.operator`, [row, 4]);
      this.locations.set(`${subject}|${itemPath}.value`, [row, 5]);
    });
  }

  private remember(subject: string, r: number, columns: Record<string, number>): void {
    if (this.locations.has(`${subject}|`)) return; // duplicate names: point at the first
    this.locations.set(`${subject}|`, [r, 0]);
    for (const [field, c] of Object.entries(columns)) this.locations.set(`${subject}|${field}`, [r, c]);
  }

  private cell(r: number, c: number): unknown {
    return this.grid[r]?.[c];
  }

  private text(r: number, c: number): string {
    const cell = this.cell(r, c);
    return cell instanceof Date ? this.source.dateToIso(cell) : textOf(cell);
  }

  /**
   * The Decay % per period cell: 25 means 25%. Typed `25%`, Sheets stores 0.25 in a cell that is not plain
   * text, which would decay 100 times too slowly while the cell shows 25%; the values alone (all a custom
   * function gets) cannot tell it from a real 0.25, so a number between 0 and 1 is refused. The writer gives
   * the model sheet's number cells the plain-text format, so what is typed there stays text: `25`, `25%` and
   * `0.25` read as typed.
   */
  private decayPercent(r: number, c: number, subject: string): number | undefined {
    const cell = this.cell(r, c);
    if (typeof cell === 'number' && cell > 0 && cell < 1) {
      const typed = Number((cell * 100).toPrecision(12));
      this.problem(
        r,
        c,
        subject,
        `decay % per period is ${cell}, which is how Sheets stores ${typed}% typed with a % sign: type ${typed} ` +
          `(the column is already in percent); for a decay below 1% per period, type it as text with an ` +
          `apostrophe, e.g. '${cell}`,
      );
      return undefined;
    }
    return this.number(r, c, subject, 'decay % per period', 'percent');
  }

  /**
   * A number cell. Text is read by parseNumber; a % sign is what `percent` says: the number itself (the
   * Decay % column, whose unit is percent), a fraction (a weight: `40%` = 0.4, as Sheets stores it typed
   * into a cell that is not plain text), or refused (points, scores, days: `10%` there is no one number).
   */
  private number(
    r: number,
    c: number,
    subject: string,
    label: string,
    percent: 'percent' | 'fraction' | 'refuse' = 'refuse',
  ): number | undefined {
    const cell = this.cell(r, c);
    if (isBlankCell(cell)) return undefined;
    if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
    if (cell instanceof Date) {
      this.problem(
        r,
        c,
        subject,
        `${label} must be a number, got the date ${this.source.dateToIso(cell)} (Sheets reads a number typed ` +
          `like 1-10 or 1/2 as a date)`,
      );
      return undefined;
    }
    const text = textOf(cell);
    const value = typeof cell === 'string' ? parseNumber(text) : undefined;
    if (value !== undefined) return value;
    const percentValue = typeof cell === 'string' ? parsePercent(text) : undefined;
    if (percentValue !== undefined && percent !== 'refuse')
      return percent === 'percent' ? percentValue : percentValue / 100;
    const hint =
      percentValue !== undefined
        ? ' (a % sign belongs only in Decay % per period, Weight and a number rule’s value: type the number alone)'
        : typeof cell === 'string' && /^[+-]?\d+,\d+$/.test(text)
          ? ` (decimals take a point: ${text.replace(',', '.')})`
          : '';
    this.problem(r, c, subject, `${label} must be a number, got ${describeCell(cell)}${hint}`);
    return undefined;
  }

  private truth(r: number, c: number, subject: string, label: string): boolean | undefined {
    const cell = this.cell(r, c);
    if (isBlankCell(cell)) return undefined;
    if (typeof cell === 'boolean') return cell;
    const word = textOf(cell).toLowerCase();
    if (['true', 'yes', 'y', 'x', '1'].includes(word)) return true;
    if (['false', 'no', 'n', '0'].includes(word)) return false;
    this.problem(r, c, subject, `${label} must be ticked or not (TRUE or FALSE), got ${describeCell(cell)}`);
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

/** The subject validation gives a row: by its name, or by its position in its table when the name is blank
 *  (a cleared name), so that its problems still name its cells. */
function subjectOf(kind: string, name: string, index: number): string {
  return name === '' ? `${kind} ${index + 1}` : `${kind} "${name}"`;
}
