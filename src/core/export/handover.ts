// The CRM hand-over page: the model in plain words, grouped the way a CRM admin rebuilds it (HubSpot-style
// fit and engagement score groups with their limits and decay; Pardot-style score plus grade), with the
// bands, the sales-ready cut-off and the calibration summary, for sales and marketing to sign off on one
// page. Pure: a document of blocks, rendered as Markdown, HTML or sheet rows by the functions below.
// Everything from the model is data: escaped for Markdown and HTML, never markup.

import type { CalibrationReport } from '../calibration/types';
import { formatPoints, salesReadyFlags } from '../engine';
import type {
  Condition,
  ConditionNode,
  ConditionTree,
  Group,
  Model,
  Operator,
  Rule,
  RuleScalar,
} from '../model';

export type HandoverBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; headers: string[]; rows: string[][] };

export interface HandoverCalibration {
  report: CalibrationReport;
  /** `YYYY-MM-DD` the calibration was run (or its data's as-of date). */
  date: string;
  /** Where the leads came from (a file or sheet name). */
  source?: string;
}

/** The hand-over page as blocks. */
export function handoverDocument(model: Model, calibration?: HandoverCalibration): HandoverBlock[] {
  const blocks: HandoverBlock[] = [];
  const settings = model.settings ?? {};
  blocks.push({ kind: 'heading', level: 1, text: `CRM hand-over: ${model.name}` });
  const range =
    settings.minScore !== undefined || settings.maxScore !== undefined
      ? ` The score is kept between ${settings.minScore ?? 'no minimum'} and ${settings.maxScore ?? 'no maximum'}.`
      : '';
  blocks.push({
    kind: 'paragraph',
    text: `A lead's score is the sum of its score groups; each group adds the points of the criteria the lead meets, up to the group's limit.${range} Ages are counted in whole days to ${settings.asOf ?? 'the day of scoring'}.`,
  });
  const facts: string[] = [];
  if (settings.blankValues && settings.blankValues.length > 0)
    facts.push(
      `These answers count as empty everywhere: ${settings.blankValues.map((v) => `"${v}"`).join(', ')}.`,
    );
  if (settings.overrideColumn)
    facts.push(
      `Manual override: when ${settings.overrideColumn} holds a number, that number is the lead's score (the grade stays the model's).`,
    );
  if (settings.asOfColumn)
    facts.push(
      `Each lead is judged as of its own day: when ${settings.asOfColumn} holds a date, ages, windows, decay and events are counted to that day, and later events do not count; otherwise to ${settings.asOf ?? 'the day of scoring'}.`,
    );
  if (model.activities) {
    const a = model.activities;
    facts.push(
      `Events come from the activity log: its ${a.activityKey} matches the lead's ${a.leadKey}; ${a.typeColumn} is the event type, ${a.dateColumn} its date.`,
    );
  }
  if (facts.length > 0) blocks.push({ kind: 'list', items: facts });

  // HubSpot-style: one block per score group.
  blocks.push({ kind: 'heading', level: 2, text: 'Score groups (HubSpot: fit and engagement groups)' });
  const disabled = model.rules.filter((rule) => rule.enabled === false);
  model.groups.forEach((group) => {
    const rules = model.rules.filter((rule) => rule.group === group.name && rule.enabled !== false);
    blocks.push({
      kind: 'heading',
      level: 3,
      text: `${group.name} (${group.kind === 'fit' ? 'fit: who the lead is' : 'engagement: what the lead did'})`,
    });
    blocks.push({ kind: 'list', items: groupFacts(group) });
    blocks.push({
      kind: 'table',
      headers: ['Criterion', 'When', 'Points', 'Limit'],
      rows: rules.map((rule) => [
        rule.name,
        ruleInWords(rule),
        rule.operator === 'per' ? `${formatPoints(rule.points)} each` : formatPoints(rule.points),
        rule.maxPoints === undefined ? '' : `at most ${Math.abs(rule.maxPoints)}`,
      ]),
    });
  });
  if (disabled.length > 0) {
    blocks.push({
      kind: 'paragraph',
      text: `Turned off, not to rebuild: ${disabled.map((rule) => rule.name).join(', ')}.`,
    });
  }

  // Thresholds and the sales-ready cut-off.
  const ready = salesReadyFlags(model);
  blocks.push({ kind: 'heading', level: 2, text: 'Bands and the sales-ready cut-off' });
  blocks.push({
    kind: 'table',
    headers: ['Band', 'Score from', 'Handed to sales'],
    rows: model.bands.map((band, index) => [
      band.name,
      band.min === null ? 'any score' : `${band.min}`,
      ready[index] ? 'yes' : 'no',
    ]),
  });
  const firstReady = model.bands.findIndex((_, index) => ready[index]);
  const cutOff = model.bands[firstReady];
  if (cutOff) {
    const readyNames = model.bands.filter((_, index) => ready[index]).map((band) => band.name);
    blocks.push({
      kind: 'paragraph',
      text:
        cutOff.min === null
          ? `Every lead is handed to sales (${readyNames.join(', ')}).`
          : `Sales-ready cut-off: a score of ${cutOff.min} or more (${readyNames.join(', ')}) is handed to sales, as a lifecycle stage or a workflow trigger in the CRM.`,
    });
  }

  // Pardot-style: score plus grade.
  blocks.push({ kind: 'heading', level: 2, text: 'Score and grade (Pardot / Account Engagement)' });
  const fitGroups = model.groups.filter((group) => group.kind === 'fit').map((group) => group.name);
  if (model.grades && model.grades.length > 0) {
    blocks.push({
      kind: 'paragraph',
      text: `Score: the whole score above. Grade: from the fit score alone (the total of ${fitGroups.length > 0 ? fitGroups.join(', ') : 'no fit group'}), as a profile grade.`,
    });
    blocks.push({
      kind: 'table',
      headers: ['Grade', 'Fit score from'],
      rows: model.grades.map((grade) => [grade.name, grade.min === null ? 'any fit score' : `${grade.min}`]),
    });
  } else {
    blocks.push({
      kind: 'paragraph',
      text: 'Score: the whole score above. The model gives no grades: the CRM grade stays as it is.',
    });
  }

  blocks.push(...cellBlocks(model));

  if (calibration) blocks.push(...calibrationBlocks(calibration));
  else {
    blocks.push({ kind: 'heading', level: 2, text: 'Calibration' });
    blocks.push({
      kind: 'paragraph',
      text: 'Not calibrated yet: compare the bands with real outcomes (the Calibration sheet, or leadscore calibrate) before the CRM relies on them.',
    });
  }
  blocks.push({ kind: 'heading', level: 2, text: 'Sign-off' });
  blocks.push({
    kind: 'table',
    headers: ['Team', 'Name', 'Date'],
    rows: [
      ['Sales', '', ''],
      ['Marketing', '', ''],
    ],
  });
  return blocks;
}

/** v2 §10: the engagement levels and, with grades, the fit × engagement matrix of cells (best first). */
function cellBlocks(model: Model): HandoverBlock[] {
  const levels = model.engagementLevels;
  if (levels === undefined || levels.length === 0) return [];
  const blocks: HandoverBlock[] = [];
  const engagementGroups = model.groups.filter((group) => group.kind === 'engagement').map((g) => g.name);
  blocks.push({
    kind: 'heading',
    level: 2,
    text: 'Fit × engagement (HubSpot matrix / Pardot grade × score)',
  });
  const grades = model.grades ?? [];
  blocks.push({
    kind: 'paragraph',
    text: `Engagement level: from the engagement score alone (the total of ${engagementGroups.length > 0 ? engagementGroups.join(', ') : 'no engagement group'}).${grades.length > 0 ? ` A lead's cell is its grade followed by its level (${grades.at(-1)!.name}${levels.at(-1)!.name}: the best grade, the most engaged level).` : ''}`,
  });
  blocks.push({
    kind: 'table',
    headers: ['Engagement level', 'Engagement score from'],
    rows: levels.map((level) => [level.name, level.min === null ? 'any engagement score' : `${level.min}`]),
  });
  if (grades.length > 0) {
    const bestLevels = [...levels].reverse();
    blocks.push({
      kind: 'table',
      headers: ['Grade', ...bestLevels.map((level) => `Level ${level.name}`)],
      rows: [...grades]
        .reverse()
        .map((grade) => [grade.name, ...bestLevels.map((level) => grade.name + level.name)]),
    });
  }
  return blocks;
}

function groupFacts(group: Group): string[] {
  const facts: string[] = [];
  facts.push(group.maxPoints === undefined ? 'No group limit.' : `Group limit: ${group.maxPoints} points.`);
  const extra = group as Group & { weight?: number; match?: string };
  if (extra.weight !== undefined && extra.weight !== 1)
    facts.push(`Weight: each criterion's points × ${extra.weight}.`);
  if (extra.match === 'first')
    facts.push('Tiers: only the first criterion the lead meets counts (in the order below).');
  if (group.decay) {
    facts.push(
      `Decay: points lose ${group.decay.percent}% every ${group.decay.everyDays} days since ${group.decay.dateColumn}, down to 0; a lead without that date does not decay.`,
    );
  } else facts.push('No decay.');
  return facts;
}

function quoted(value: RuleScalar): string {
  return typeof value === 'number' ? String(value) : `"${value}"`;
}

function list(values: readonly RuleScalar[]): string {
  return values.map(quoted).join(', ');
}

/** A rule's test in plain words: `Industry is one of "Software", "Logistics"`; v2 conditions and events too. */
export function ruleInWords(rule: Rule): string {
  if (rule.event !== undefined) return eventInWords(rule);
  if (rule.when !== undefined) return treeInWords(rule.when);
  return conditionInWords({ column: rule.column ?? '', operator: rule.operator ?? 'per', value: rule.value });
}

function treeInWords(tree: ConditionTree): string {
  const all = 'all' in tree;
  const items = all ? (tree as { all: ConditionNode[] }).all : (tree as { any: ConditionNode[] }).any;
  const parts = items.map((node) =>
    'all' in node || 'any' in node
      ? `(${treeInWords(node as ConditionTree)})`
      : conditionInWords(node as Condition),
  );
  return parts.join(all ? ' and ' : ' or ');
}

function eventInWords(rule: Rule): string {
  const types = typeof rule.event === 'string' ? [rule.event] : (rule.event ?? []);
  const what = `${types.map((type) => `"${type}"`).join(' or ')} events${rule.withinDays === undefined ? '' : ` in the last ${rule.withinDays} days`}${rule.where ? ` where ${treeInWords(rule.where)}` : ''}`;
  const value = rule.value;
  switch (rule.operator) {
    case 'per':
      return `for each of the lead's ${what} (each fades with the group's decay by its own date)`;
    case '>':
      return `more than ${value} ${what}`;
    case '>=':
      return `at least ${value} ${what}`;
    case '<':
      return `fewer than ${value} ${what}`;
    case '<=':
      return `at most ${value} ${what}`;
    case 'equals':
      return value === 0 ? `no ${what}` : `exactly ${value} ${what}`;
    case 'not equals':
      return `not exactly ${value} ${what}`;
    case 'between': {
      const [min, max] = value as [number, number];
      return `${min} to ${max} ${what}`;
    }
    default:
      return what;
  }
}

function conditionInWords(condition: { column: string; operator: Operator; value?: unknown }): string {
  const column = condition.column;
  const value = condition.value;
  switch (condition.operator) {
    case 'equals':
      return `${column} is ${quoted(value as RuleScalar)}`;
    case 'not equals':
      return `${column} is not ${quoted(value as RuleScalar)} (or is empty)`;
    case 'one of':
      return `${column} is one of ${list(value as RuleScalar[])}`;
    case 'not one of':
      return `${column} is none of ${list(value as RuleScalar[])} (or is empty)`;
    case 'contains':
      return `${column} contains ${quoted(value as RuleScalar)}`;
    case 'contains any':
      return `${column} contains any of ${list(value as RuleScalar[])}`;
    case 'not contains':
      return `${column} does not contain ${quoted(value as RuleScalar)} (or is empty)`;
    case '>':
      return `${column} is more than ${value}`;
    case '>=':
      return `${column} is at least ${value}`;
    case '<':
      return `${column} is less than ${value}`;
    case '<=':
      return `${column} is at most ${value}`;
    case 'between': {
      const [min, max] = value as [number, number];
      return `${column} is from ${min} to ${max}`;
    }
    case 'is blank':
      return `${column} is empty`;
    case 'is not blank':
      return `${column} is filled in`;
    case 'is true':
      return `${column} is yes (true, yes, y, x or a number other than 0)`;
    case 'is false':
      return `${column} is no (false, no, n or 0)`;
    case 'within days':
      return `${column} is in the last ${value} days`;
    case 'older than days':
      return `${column} is more than ${value} days ago`;
    case 'per':
      return `for each 1 in ${column} (a number)`;
  }
}

function percentText(x: number | null): string {
  return x === null ? '–' : `${Math.round(x * 1000) / 10}%`;
}

function calibrationBlocks(calibration: HandoverCalibration): HandoverBlock[] {
  const r = calibration.report;
  const blocks: HandoverBlock[] = [{ kind: 'heading', level: 2, text: 'Calibration' }];
  blocks.push({
    kind: 'paragraph',
    text: `Checked on ${calibration.date}${calibration.source ? ` with ${calibration.source}` : ''}: ${r.leads} leads with a known outcome, ${r.conversions} converted (${percentText(r.rate)}). AUC ${r.auc === null ? '–' : r.auc.toFixed(2)} (0.5 is chance, 1 is perfect).`,
  });
  blocks.push({
    kind: 'table',
    headers: ['Band', 'Leads', 'Converted', 'Conversion'],
    rows: r.bands.map((band) => [
      band.name,
      String(band.leads),
      String(band.conversions),
      percentText(band.rate),
    ]),
  });
  const s = r.salesReady;
  blocks.push({
    kind: 'paragraph',
    text: `Sales-ready leads (${s.bands.join(', ')}): ${s.leads}, of which ${percentText(s.precision)} converted; they hold ${percentText(s.recall)} of all conversions.`,
  });
  if (r.verdicts.length > 0) blocks.push({ kind: 'list', items: [...r.verdicts] });
  return blocks;
}

// -- Renderers ------------------------------------------------------------------------------------------

const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~#]/g;

function markdownText(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

export function handoverMarkdown(blocks: readonly HandoverBlock[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`${'#'.repeat(block.level)} ${markdownText(block.text)}`);
        break;
      case 'paragraph':
        out.push(markdownText(block.text));
        break;
      case 'list':
        out.push(block.items.map((item) => `- ${markdownText(item)}`).join('\n'));
        break;
      case 'table': {
        const row = (cells: readonly string[]) =>
          `| ${cells.map((c) => markdownText(c) || ' ').join(' | ')} |`;
        out.push(
          [row(block.headers), `|${block.headers.map(() => '---').join('|')}|`, ...block.rows.map(row)].join(
            '\n',
          ),
        );
        break;
      }
    }
  }
  return `${out.join('\n\n')}\n`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function handoverHtml(blocks: readonly HandoverBlock[]): string {
  const title = blocks.find((block) => block.kind === 'heading')?.text ?? 'CRM hand-over';
  const body = blocks.map((block): string => {
    switch (block.kind) {
      case 'heading':
        return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
      case 'paragraph':
        return `<p>${escapeHtml(block.text)}</p>`;
      case 'list':
        return `<ul>\n${block.items.map((item) => `  <li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`;
      case 'table': {
        const head = block.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
        const rows = block.rows.map(
          (row) => `  <tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`,
        );
        return `<table>\n  <tr>${head}</tr>\n${rows.join('\n')}\n</table>`;
      }
    }
    return '';
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; line-height: 1.45; color: #202124; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #dadce0; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f1f3f4; }
</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

/** Rows for a sheet (column A holds headings and text; tables start in column A). Write them as plain text. */
export function handoverRows(blocks: readonly HandoverBlock[]): string[][] {
  const rows: string[][] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        if (rows.length > 0) rows.push([]);
        rows.push([block.text]);
        break;
      case 'paragraph':
        rows.push([block.text]);
        break;
      case 'list':
        for (const item of block.items) rows.push([`• ${item}`]);
        break;
      case 'table':
        rows.push([...block.headers], ...block.rows.map((row) => [...row]));
        break;
    }
  }
  const width = Math.max(1, ...rows.map((row) => row.length));
  return rows.map((row) => [...row, ...new Array<string>(width - row.length).fill('')]);
}
