// Writes a model as the model sheet's grid: pure, so the Apps Script adapter writes it with one setValues.
import type { Model } from './model';
import { formatList, formatRuleValue } from './modelSheetCells';
import { conditionRows } from './modelSheetConditions';
import {
  ACTIVITY_LABELS,
  type Cell,
  formatColumnCell,
  GROUP_V2_HEADERS,
  HELP,
  MODEL_SHEET_WIDTH,
  type ModelGrid,
  type ModelSheetLayout,
  NAME_LABEL,
  OUTCOME_LABELS,
  SECTION_HEADERS,
  SETTING_LABELS,
  type Section,
  TITLE,
} from './modelSheetLayout';

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
        decayPercentCell(g.decay?.percent),
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
      formatColumnCell(r),
      r.operator ?? '',
      formatRuleValue(r.value, r.operator),
      r.points,
      r.maxPoints ?? '',
      r.enabled === false,
    ]),
  );
  const conditions = conditionRows(model.rules);
  if (conditions.length > 0) section('Conditions', conditions);
  section(
    'Bands',
    model.bands.map((b) => [b.name, b.min ?? '', b.salesReady ?? false]),
  );
  section(
    'Grades',
    (model.grades ?? []).map((g) => [g.name, g.min ?? '']),
  );
  // v2 §10: only a model with engagement levels has the table (a model without one looks as it did).
  const levels = model.engagementLevels;
  if (levels !== undefined && levels.length > 0)
    section(
      'Engagement levels',
      levels.map((level) => [level.name, level.min ?? '']),
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

/** A decay % between 0 and 1 is written as text: the reader refuses such a number, which is how Sheets
 *  stores a percent typed with a % sign (`25%` → 0.25), and reads text as it is written. */
function decayPercentCell(percent: number | undefined): Cell {
  if (percent === undefined) return '';
  return percent > 0 && percent < 1 ? String(percent) : percent;
}

/**
 * The model as the sheet holds it: the same meaning, in the one spelling a cell can keep. A tick box cannot
 * tell `false` from "not given" (`salesReady: false`, `enabled: true` are the defaults), an event cell cannot
 * tell one type from a list of one, and empty settings are no settings. Reading the sheet back gives exactly
 * this (test/core/modelSheetRoundTrip.property.test.ts).
 */
export function asSheetHoldsIt(model: Model): Model {
  const copy = JSON.parse(JSON.stringify(model)) as Model;
  for (const band of copy.bands) if (band.salesReady === false) delete band.salesReady;
  for (const rule of copy.rules) {
    if (rule.enabled === true) delete rule.enabled;
    if (Array.isArray(rule.event) && rule.event.length === 1) rule.event = rule.event[0];
  }
  if (copy.settings && Object.keys(copy.settings).length === 0) delete copy.settings;
  return copy;
}
