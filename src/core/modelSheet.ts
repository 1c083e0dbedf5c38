// The model as a sheet a marketer can read and edit: stacked tables (settings, groups, rules, bands, grades,
// outcome) under section titles in column A. Pure conversion between a grid of cell values and a Model, so
// the Apps Script adapter reads the sheet with one getValues and writes it with one setValues.
import type {
  Band,
  ConditionNode,
  ConditionTree,
  Decay,
  Grade,
  Group,
  Model,
  Problem,
  Rule,
  RuleValue,
} from './model';
import { OPERATOR_VALUE_KIND, type Operator } from './model';
import { parseModel } from './validate';

export const MODEL_SHEET_NAME = 'Lead Scoring Model';
export const MODEL_RANGE_NAME = 'LeadModel';
export const MODEL_SHEET_WIDTH = 8;

const TITLE = 'Lead Scoring Model';
const NAME_LABEL = 'Model name';
const HELP =
  'Edit these tables here or in the sidebar. Insert rows inside a table to add to it; blank rows are ignored.';

export const SECTION_TITLES = [
  'Settings',
  'Activities',
  'Groups',
  'Rules',
  'Conditions',
  'Bands',
  'Grades',
  'Outcome',
] as const;
type Section = (typeof SECTION_TITLES)[number];
/** Tables only a model that uses v2 has: a v1 model's sheet looks as it always did. */
type V2Section = 'Activities' | 'Conditions';
type V1Section = Exclude<Section, V2Section>;

export const SECTION_HEADERS: Readonly<Record<Section, readonly string[]>> = {
  Settings: ['Setting', 'Value'],
  Activities: ['Activity setting', 'Value'],
  Groups: ['Group', 'Kind', 'Max points', 'Decay date column', 'Decay % per period', 'Decay period (days)'],
  Conditions: ['Rule', 'Part', 'All or any', 'Column', 'Operator', 'Value'],
  // "Switched off" rather than "Enabled": a row inserted into the table gets an unticked box, and that must
  // leave the new rule on.
  Rules: ['Rule', 'Group', 'Column', 'Operator', 'Value', 'Points', 'Max points', 'Switched off'],
  Bands: ['Band', 'Min score', 'Sales-ready'],
  Grades: ['Grade', 'Min fit score'],
  Outcome: ['Outcome setting', 'Value'],
};

/** The Groups table's v2 columns, written only when a group has a weight or a match. */
const GROUP_V2_HEADERS = ['Weight', 'Match'] as const;

const SETTING_LABELS = {
  minScore: 'Min score',
  maxScore: 'Max score',
  asOf: 'As of date',
  blankValues: 'Blank values',
  overrideColumn: 'Override column',
  asOfColumn: 'As of column',
} as const;
const ACTIVITY_LABELS = {
  leadKey: 'Lead key column',
  activityKey: 'Activity key column',
  typeColumn: 'Activity type column',
  dateColumn: 'Activity date column',
} as const;
/** The Column cell of a rule whose conditions are in the Conditions table. */
export const CONDITIONS_MARKER = '(conditions)';
/** `events "Visited pricing page", "Page view" in 7 days`: the Column cell of an event rule. */
const EVENTS_CELL = /^events?\s*:?\s*(.*?)(?:\s+in\s+(?:the\s+last\s+)?(\S+)\s+days?)?$/i;
const OUTCOME_LABELS = {
  column: 'Outcome column',
  positive: 'Converted values',
  negative: 'Not converted values',
} as const;

/** Where each table's data rows sit in the written grid (0-based row indexes, end exclusive), so the adapter
 *  can attach drop-downs and formats to the right cells. */
export interface SectionLayout {
  titleRow: number;
  headerRow: number;
  firstRow: number;
  endRow: number;
}

export interface ModelSheetLayout {
  sections: Record<V1Section, SectionLayout> & Partial<Record<V2Section, SectionLayout>>;
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
  const section = (title: Section, body: Cell[][], headers: readonly string[] = SECTION_HEADERS[title]) => {
    const titleRow = rows.length;
    push(title);
    push(...headers);
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
  const settingRows: Cell[][] = [
    [SETTING_LABELS.minScore, settings.minScore ?? ''],
    [SETTING_LABELS.maxScore, settings.maxScore ?? ''],
    [SETTING_LABELS.asOf, settings.asOf ?? ''],
  ];
  if (settings.blankValues !== undefined)
    settingRows.push([SETTING_LABELS.blankValues, formatList(settings.blankValues, { textOnly: true })]);
  if (settings.overrideColumn !== undefined)
    settingRows.push([SETTING_LABELS.overrideColumn, settings.overrideColumn]);
  if (settings.asOfColumn !== undefined) settingRows.push([SETTING_LABELS.asOfColumn, settings.asOfColumn]);
  section('Settings', settingRows);
  const activities = model.activities;
  if (activities !== undefined) {
    section(
      'Activities',
      (Object.keys(ACTIVITY_LABELS) as (keyof typeof ACTIVITY_LABELS)[]).map((key) => [
        ACTIVITY_LABELS[key],
        activities[key],
      ]),
    );
  }
  const groupsV2 = model.groups.some((g) => g.weight !== undefined || g.match !== undefined);
  section(
    'Groups',
    model.groups.map((g) => {
      const row: Cell[] = [
        g.name,
        g.kind,
        g.maxPoints ?? '',
        g.decay?.dateColumn ?? '',
        g.decay?.percent ?? '',
        g.decay?.everyDays ?? '',
      ];
      if (groupsV2) row.push(g.weight ?? '', g.match ?? '');
      return row;
    }),
    groupsV2 ? [...SECTION_HEADERS.Groups, ...GROUP_V2_HEADERS] : SECTION_HEADERS.Groups,
  );
  section(
    'Rules',
    model.rules.map((r) => [
      r.name,
      r.group,
      ruleColumnCell(r),
      r.operator ?? '',
      formatRuleValue(r.value, r.operator),
      r.points,
      r.maxPoints ?? '',
      r.enabled === false,
    ]),
  );
  const conditionRows: Cell[][] = [];
  for (const rule of model.rules) {
    const tree = rule.when ?? rule.where;
    if (tree !== undefined) writeTree(tree, rule.name, '', conditionRows);
  }
  if (conditionRows.length > 0) section('Conditions', conditionRows);
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

/** The Column cell of a rule: its column, `(conditions)`, or `events "A", "B" in 7 days`. */
function ruleColumnCell(rule: Rule): string {
  if (rule.when !== undefined) return CONDITIONS_MARKER;
  if (rule.event !== undefined) {
    const types = formatList(typeof rule.event === 'string' ? [rule.event] : rule.event, { textOnly: true });
    return `events ${types}${rule.withinDays === undefined ? '' : ` in ${rule.withinDays} days`}`;
  }
  return rule.column ?? '';
}

/** One row per condition, depth first; `part` names a nested all/any by its position (`2`, `2.1`). */
function writeTree(tree: ConditionTree, rule: string, part: string, rows: Cell[][]): void {
  const mode = 'all' in tree ? 'all' : 'any';
  const items: ConditionNode[] = 'all' in tree ? tree.all : tree.any;
  items.forEach((item, index) => {
    if ('all' in item || 'any' in item) {
      writeTree(item, rule, part === '' ? String(index + 1) : `${part}.${index + 1}`, rows);
    } else {
      rows.push([rule, part, mode, item.column, item.operator, formatRuleValue(item.value, item.operator)]);
    }
  });
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
  /** The row each condition read from the Conditions table came from. */
  private readonly conditionRows = new Map<object, number>();
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
    raw.groups = sections.Groups.map((r) => this.readGroup(r, groupColumns));
    const conditions = this.readConditions(sections.Conditions ?? []);
    raw.rules = sections.Rules.map((r) => this.readRule(r, conditions));
    for (const [name, first] of conditions.firstRows) {
      if (!sections.Rules.some((r) => this.text(r, 0).toLowerCase() === name)) {
        this.problem(first, 0, 'conditions', `no rule is named "${this.text(first, 0)}" in the Rules table`);
      }
    }
    raw.bands = sections.Bands.map((r) => this.readBand(r));
    const grades = (sections.Grades ?? []).map((r) => this.readGrade(r));
    if (grades.length > 0) raw.grades = grades;
    const outcome = this.readOutcome(sections.Outcome ?? []);
    if (outcome) raw.outcome = outcome;
    return raw;
  }

  /** Adds the cell address of the row and field a validation problem is about. */
  locate(problem: Problem): Problem {
    // The most precise location known: the field, else the fields it is part of (`when.all[2]`, `when`).
    let where: string | undefined;
    for (let field = problem.field ?? ''; where === undefined; ) {
      where = this.locations.get(`${problem.subject}|${field}`);
      if (field === '') break;
      const cut = Math.max(field.lastIndexOf('.'), field.lastIndexOf('['));
      field = cut > 0 ? field.slice(0, cut) : '';
    }
    where ??= `'${this.source.sheetName}'`;
    return { ...problem, where, message: `${where}: ${problem.message}` };
  }

  private isHeaderRow(r: number, firstHeader: string): boolean {
    const cell = this.grid[r]?.[0];
    return typeof cell === 'string' && cell.trim().toLowerCase() === firstHeader.toLowerCase();
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
      const title = SECTION_TITLES.find(
        (s) => s.toLowerCase() === first && this.isHeaderRow(r + 1, SECTION_HEADERS[s][0] ?? ''),
      );
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
      } else if (key === 'blankValues') {
        if (!isBlankCell(this.cell(r, 1))) settings.blankValues = parseList(this.text(r, 1)).map(String);
      } else if (key === 'overrideColumn' || key === 'asOfColumn') {
        if (!isBlankCell(this.cell(r, 1))) settings[key] = this.text(r, 1);
      } else {
        const value = this.number(r, 1, 'settings', SETTING_LABELS[key].toLowerCase());
        if (value !== undefined) settings[key] = value;
      }
    }
    this.locations.set('settings|', this.address(rows[0] ?? 0, 1));
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
      this.locations.set(`activities|${key}`, this.address(r, 1));
      if (!isBlankCell(this.cell(r, 1))) activities[key] = this.text(r, 1);
    }
    this.locations.set('activities|', this.address(rows[0] ?? 0, 1));
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

  /** The Conditions table: per rule (by lower-cased name), its tree, and where each rule's rows start. */
  private readConditions(rows: number[]): {
    trees: Map<string, Record<string, unknown>>;
    firstRows: Map<string, number>;
  } {
    type Part = { mode: string; items: unknown[]; row: number };
    const conditionRows = this.conditionRows;
    const parts = new Map<string, Map<string, Part>>();
    const firstRows = new Map<string, number>();
    for (const r of rows) {
      const rule = this.text(r, 0);
      const key = rule.toLowerCase();
      const subject = `rule "${rule}"`;
      if (!firstRows.has(key)) firstRows.set(key, r);
      const byPart = parts.get(key) ?? new Map<string, Part>();
      parts.set(key, byPart);
      const path = this.text(r, 1).replace(/\s+/g, '');
      if (path !== '' && !/^\d+(\.\d+)*$/.test(path)) {
        this.problem(
          r,
          1,
          subject,
          `part must be empty or numbers such as 2 or 2.1, got ${describe(this.cell(r, 1))}`,
        );
        continue;
      }
      const mode = this.text(r, 2).toLowerCase() || 'all';
      // Make sure every enclosing part exists, each placed in its parent where it first appears.
      const segments = path === '' ? [] : path.split('.');
      for (let depth = 0; depth <= segments.length; depth++) {
        const id = segments.slice(0, depth).join('.');
        if (byPart.has(id)) continue;
        const part: Part = { mode: depth === segments.length ? mode : 'all', items: [], row: r };
        byPart.set(id, part);
        if (depth > 0) byPart.get(segments.slice(0, depth - 1).join('.'))!.items.push(part);
      }
      const part = byPart.get(path)!;
      if (part.items.length === 0 || part.row === r) part.mode = mode;
      else if (part.mode !== mode) {
        this.problem(
          r,
          2,
          subject,
          `part ${path || '(top)'} is "${part.mode}" on an earlier row, got "${mode}"`,
        );
      }
      const operator = this.text(r, 4).toLowerCase();
      const condition: Record<string, unknown> = { column: this.text(r, 3), operator };
      const value = this.ruleValue(this.cell(r, 5), operator);
      if (value !== undefined) condition.value = value;
      part.items.push(condition);
      conditionRows.set(condition, r);
    }
    const toTree = (part: Part): Record<string, unknown> => ({
      [part.mode === 'any' ? 'any' : part.mode === 'all' ? 'all' : part.mode]: part.items.map((item) =>
        typeof item === 'object' && item !== null && 'items' in item ? toTree(item as Part) : item,
      ),
    });
    const trees = new Map<string, Record<string, unknown>>();
    for (const [key, byPart] of parts) trees.set(key, toTree(byPart.get('')!));
    return { trees, firstRows };
  }

  private readGroup(r: number, v2: { weight: number; match: number }): Partial<Group> {
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
    if (v2.weight >= 0) {
      this.locations.set(`${subject}|weight`, this.address(r, v2.weight));
      const weight = this.number(r, v2.weight, subject, 'weight');
      if (weight !== undefined) group.weight = weight;
    }
    if (v2.match >= 0) {
      this.locations.set(`${subject}|match`, this.address(r, v2.match));
      if (!isBlankCell(this.cell(r, v2.match))) group.match = this.text(r, v2.match).toLowerCase();
    }
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

  private readRule(
    r: number,
    conditions: { trees: Map<string, Record<string, unknown>>; firstRows: Map<string, number> },
  ): Partial<Rule> {
    const name = this.text(r, 0);
    const subject = `rule "${name}"`;
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
        this.locations.set(`${subject}|${root}`, this.address(conditionRow, 3));
        this.rememberTree(subject, root, tree);
      }
    }
    const operator = this.text(r, 3).toLowerCase();
    const columnCell = this.text(r, 2);
    const rule: Record<string, unknown> = { name, group: this.text(r, 1) };
    const events = EVENTS_CELL.exec(columnCell);
    if (events !== null) {
      const types = parseList(events[1] ?? '').map(String);
      rule.event = types.length === 1 ? types[0] : types;
      if (events[2] !== undefined) rule.withinDays = parseNumber(events[2]) ?? events[2];
      if (tree !== undefined) rule.where = tree;
    } else if (columnCell.toLowerCase() === CONDITIONS_MARKER || (columnCell === '' && tree !== undefined)) {
      if (tree !== undefined) rule.when = tree;
      else this.problem(r, 2, subject, `the Conditions table has no rows for this rule`);
    } else {
      rule.column = columnCell;
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
    let value = this.ruleValue(this.cell(r, 4), operator);
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
      outcome[key] =
        key === 'column' ? this.text(r, 1) : parseList(this.text(r, 1), { textOnly: true }).map(String);
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
      this.locations.set(`${subject}|${itemPath}`, this.address(row, 3));
      this.locations.set(`${subject}|${itemPath}.column`, this.address(row, 3));
      this.locations.set(`${subject}|${itemPath}.operator`, this.address(row, 4));
      this.locations.set(`${subject}|${itemPath}.value`, this.address(row, 5));
    });
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
export function parseList(text: string, options: { textOnly?: boolean } = {}): (string | number)[] {
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
    else if (item !== '') items.push(!options.textOnly && /^-?\d+(\.\d+)?$/.test(item) ? Number(item) : item);
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
