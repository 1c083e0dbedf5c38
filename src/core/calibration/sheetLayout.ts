// The Calibration sheet as a grid of values: verdicts first, then per band, overall, sales-ready cut-off,
// suggested threshold, per rule, the comparison with another version and the review sample. Pure, so the
// adapter writes it in one setValues and formats it from the positions returned here.
import type { ReportComparison } from './compare';
import type { RowsCalibration } from './rowsCalibration';

export const CALIBRATION_WIDTH = 10;

type Cell = string | number;

export interface CalibrationSheetInput {
  modelName: string;
  sheetName: string;
  builtAt: string;
  calibration: RowsCalibration;
  comparison?: ReportComparison;
  /** Why the version asked for is not compared (e.g. it reads columns these leads do not have). */
  comparisonLeftOut?: string;
  /** For the review sample: the first column of each reviewed row (usually the lead's name). */
  leadLabel: (row: number) => string;
  /** 1-based sheet row of a data row, for the review sample's links back. */
  sheetRow: (row: number) => number;
  period?: string;
}

export interface CalibrationSheetGrid {
  values: Cell[][];
  /** 0-based rows that are titles or table headers (bold). */
  headingRows: number[];
  titleRows: number[];
  /** 0-based rows × column index that hold rates (formatted as percentages). */
  percentCells: { row: number; column: number }[];
  /** The chart's data: band labels (with lead counts) and conversion rates, 0-based rows and columns. */
  chart: { firstRow: number; rows: number; labelColumn: number; valueColumn: number };
  /** The score histogram by band: band, converted, not converted (a stacked column chart). */
  histogramChart: ChartTable;
  /** The gains curve: top share of leads, share of conversions the model catches there, and by chance. */
  gainsChart: ChartTable;
}

/** A chart's source table: its header row and the rows below it, 0-based, `rows` counting the header. */
export interface ChartTable {
  headerRow: number;
  rows: number;
  column: number;
  columns: number;
}

export function calibrationSheetGrid(input: CalibrationSheetInput): CalibrationSheetGrid {
  const { calibration } = input;
  const r = calibration.report;
  const values: Cell[][] = [];
  const headingRows: number[] = [];
  const titleRows: number[] = [];
  const percentCells: { row: number; column: number }[] = [];
  const row = (...cells: Cell[]) => {
    values.push(cells);
    return values.length - 1;
  };
  const title = (text: string) => titleRows.push(row(text));
  const heading = (...cells: Cell[]) => headingRows.push(row(...cells));
  const rate = (x: number | null): Cell => (x === null ? '' : x);
  const percents = (rowIndex: number, ...columns: number[]) => {
    for (const column of columns) percentCells.push({ row: rowIndex, column });
  };

  title(`Calibration of "${input.modelName}" on "${input.sheetName}"`);
  row(
    `Built ${input.builtAt}. ${r.leads} leads with a known outcome, ${r.conversions} converted` +
      `${calibration.open > 0 ? `; ${calibration.open} still open, left out` : ''}` +
      `${r.overridden.leads > 0 ? `; ${r.overridden.leads} overridden by hand, reported apart` : ''}` +
      `${input.period ? `; period: ${input.period} (${calibration.outsidePeriod} leads outside it)` : ''}.`,
  );
  row();
  title('Verdicts');
  for (const verdict of r.verdicts) row(verdict);
  row();

  title('Per band');
  heading(
    'Band',
    'Leads',
    'Conversions',
    'Conversion rate',
    '95% low',
    '95% high',
    'Share of leads',
    'Share of conversions',
    'Lift',
    'Sales-ready',
  );
  for (const b of r.bands) {
    const i = row(
      b.name,
      b.leads,
      b.conversions,
      rate(b.rate),
      rate(b.low),
      rate(b.high),
      rate(b.shareOfLeads),
      rate(b.shareOfConversions),
      b.lift ?? '',
      b.salesReady ? 'yes' : '',
    );
    percents(i, 3, 4, 5, 6, 7);
  }
  row(r.monotonic ? 'Conversion rates rise band by band.' : 'Conversion rates do not rise band by band.');
  for (const pair of r.indistinct)
    row(`"${pair.lower}" and "${pair.upper}" cannot be told apart: their intervals overlap.`);
  row();
  // The chart's own small table: band labels carry the lead counts, since one axis cannot show both.
  heading('Band (leads)', 'Conversion rate');
  const chart = { firstRow: values.length - 1, rows: r.bands.length + 1, labelColumn: 0, valueColumn: 1 };
  for (const b of r.bands) percents(row(`${b.name} (${b.leads})`, rate(b.rate)), 1);
  row();
  // The score histogram by band (bands are score ranges, lowest first), split by outcome.
  heading('Score band', 'Converted', 'Not converted');
  const histogramChart = { headerRow: values.length - 1, rows: r.bands.length + 1, column: 0, columns: 3 };
  for (const b of r.bands) row(b.name, b.conversions, b.leads - b.conversions);
  row();

  // Contract v2 §10: the fit grade against the engagement level, as sales reads it (A1 best).
  const cells = calibration.cells;
  if (cells && cells.length > 0) {
    title('Fit × engagement (grade and engagement level)');
    row(
      'Leads with a known outcome and their conversion rate per cell: the grade (fit) down, the engagement level across.',
    );
    const levels = [...new Set(cells.map((c) => c.level))];
    const grades = [...new Set(cells.map((c) => c.grade))];
    const at = (grade: string, level: string) => cells.find((c) => c.grade === grade && c.level === level);
    heading('Conversion rate', ...levels.map((level) => `Level ${level}`));
    for (const grade of grades) {
      const index = row(`Grade ${grade}`, ...levels.map((level) => rate(at(grade, level)?.rate ?? null)));
      percents(index, ...levels.map((_, i) => i + 1));
    }
    heading('Leads', ...levels.map((level) => `Level ${level}`));
    for (const grade of grades) row(`Grade ${grade}`, ...levels.map((level) => at(grade, level)?.leads ?? 0));
    row();
  }

  const o = r.overridden;
  if (o.leads > 0) {
    title('Overridden by hand');
    row(
      `${o.leads} leads whose score a salesperson overrode, left out of every other table here; by the band the model alone gives them.`,
    );
    heading('Model band', 'Leads', 'Conversions', 'Conversion rate', "Model band's other leads");
    for (const b of o.byModelBand) {
      percents(row(b.band, b.leads, b.conversions, rate(b.rate), rate(b.modelBandRate)), 3, 4);
    }
    const expectedRate = o.expectedConversions === null ? null : o.expectedConversions / o.leads;
    percents(row('All overridden', o.leads, o.conversions, rate(o.rate), rate(expectedRate)), 3, 4);
    row(`Raised ${o.raised}, lowered ${o.lowered}, same band ${o.same}.`);
    row();
  }

  title('Overall');
  heading('Measure', 'Value', 'What it means');
  row(
    'AUC',
    r.auc ?? '',
    'Chance that a converted lead scores above one that did not (ties count half); 0.5 is chance.',
  );
  row('Gini', r.gini ?? '', '2 × AUC − 1.');
  row('KS', r.ks ?? '', 'Largest gap between the score distributions of converted and other leads.');
  row('Conversion rate', rate(r.rate), 'All leads with a known outcome.');
  percents(values.length - 1, 1);
  row();
  // The gains curve's table: what the model's top leads hold against leads taken in random order.
  heading('Top share of leads', 'Share of conversions', 'In random order', 'Score at least');
  const gainsChart = { headerRow: values.length - 1, rows: r.gains.length + 1, column: 0, columns: 3 };
  for (const g of r.gains)
    percents(row(g.topShare, rate(g.conversionsShare), g.topShare, g.scoreAtLeast ?? ''), 0, 1, 2);
  row();

  title('Sales-ready cut-off');
  const s = r.salesReady;
  heading('Bands', 'Score at least', 'Leads', 'Conversions', 'Precision', 'Recall');
  percents(
    row(s.bands.join(', '), s.threshold ?? '', s.leads, s.conversions, rate(s.precision), rate(s.recall)),
    4,
    5,
  );
  row();

  title('Suggested threshold');
  const t = r.suggestedThreshold;
  if (t) {
    row(
      `Target precision ${r.targetPrecision === null ? '' : `${Math.round(r.targetPrecision * 1000) / 10}%`}: the lowest score whose leads reach it is ${t.score}.`,
    );
    heading('', 'Score at least', 'Leads', 'Precision', 'Recall');
    percents(
      row('Now', s.threshold ?? '', t.current.leads, rate(t.current.precision), rate(t.current.recall)),
      3,
      4,
    );
    percents(
      row('Suggested', t.score, t.suggested.leads, rate(t.suggested.precision), rate(t.suggested.recall)),
      3,
      4,
    );
    row(
      `Change: ${signed(t.leadsAdded - t.leadsRemoved)} leads to sales, ${signed(t.conversionsGained - t.conversionsLost)} conversions caught.`,
    );
  } else row(r.noSuggestionReason ?? 'No cut-off reaches the target precision.');
  row();

  title('Per rule');
  heading('Rule', 'Points', 'Leads matched', 'Rate when matched', 'Rate when not', 'Lift', 'Flag');
  for (const rule of r.rules) {
    percents(
      row(
        rule.name,
        rule.points,
        rule.matched,
        rate(rule.rateMatched),
        rate(rule.rateUnmatched),
        rule.lift ?? '',
        rule.flag,
      ),
      3,
      4,
    );
  }
  row();

  title('Suggested points (fitted from these outcomes)');
  const fit = calibration.suggestedPoints;
  for (const verdict of fit.verdicts) row(verdict);
  if (!fit.refusedBecause) {
    row(
      `Fitted on ${fit.fitted.leads} leads, checked on ${fit.holdout.leads} others the fit never saw. ` +
        'To try them: save them in the sidebar (or type them in the model sheet), then calibrate again.',
    );
    heading('Rule', 'Points now', 'Suggested points', 'Note');
    for (const rule of fit.rules)
      row(rule.name, rule.current, rule.suggested, rule.kept ? `kept: ${rule.kept}` : '');
  }
  row();

  if (input.comparison) {
    const c = input.comparison;
    title(`Compare: ${c.labels.a} and ${c.labels.b}, on the same leads`);
    for (const verdict of c.verdicts) row(verdict);
    heading('Measure', c.labels.a, c.labels.b, 'Change');
    row('AUC', c.auc.a ?? '', c.auc.b ?? '', c.auc.change ?? '');
    row(
      'Sales-ready score at least',
      c.salesReady.threshold.a ?? '',
      c.salesReady.threshold.b ?? '',
      c.salesReady.threshold.change ?? '',
    );
    percents(
      row(
        'Precision at the sales-ready cut-off',
        rate(c.salesReady.precision.a),
        rate(c.salesReady.precision.b),
        rate(c.salesReady.precision.change),
      ),
      1,
      2,
      3,
    );
    percents(
      row(
        'Recall at the sales-ready cut-off',
        rate(c.salesReady.recall.a),
        rate(c.salesReady.recall.b),
        rate(c.salesReady.recall.change),
      ),
      1,
      2,
      3,
    );
    heading(
      'Band',
      `Leads (${c.labels.a})`,
      `Rate (${c.labels.a})`,
      `Leads (${c.labels.b})`,
      `Rate (${c.labels.b})`,
    );
    for (const band of c.bands) {
      percents(
        row(
          band.name,
          band.a?.leads ?? '',
          rate(band.a?.rate ?? null),
          band.b?.leads ?? '',
          rate(band.b?.rate ?? null),
        ),
        2,
        4,
      );
    }
    row();
  } else if (input.comparisonLeftOut) {
    title('Compare');
    row(input.comparisonLeftOut);
    row();
  }

  title('Review sample');
  const sample = calibration.reviewSample;
  row(
    sample.length > 0
      ? `${sample.length} leads picked at random among those the model keeps from sales: check them by hand, so sales sees what the model filters out.`
      : 'No leads are held back from sales, so there is nothing to review.',
  );
  if (sample.length > 0) {
    heading('Sheet row', 'Lead', 'Score', 'Band', 'Checked (tick)', 'Should sales call? (notes)');
    for (const lead of sample)
      row(input.sheetRow(lead.row), input.leadLabel(lead.row), lead.score, lead.band, '', '');
  }

  const padded = values.map((cells) => {
    const copy = cells.slice(0, CALIBRATION_WIDTH);
    while (copy.length < CALIBRATION_WIDTH) copy.push('');
    return copy;
  });
  return { values: padded, headingRows, titleRows, percentCells, chart, histogramChart, gainsChart };
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
