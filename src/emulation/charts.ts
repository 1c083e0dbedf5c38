/**
 * Embedded charts as inspectable data.
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart
 */
import { ChartType, type EnumValue, enumName } from './enums.js';
import type { RangeReference, SheetReference } from './geometry.js';
import { SCRIPT_TYPE, ScriptException, ScriptObject } from './runtime.js';

export interface ChartPosition {
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
}

interface ChartState {
  chartId: number | null;
  type: EnumValue | null;
  ranges: RangeReference[];
  options: Map<string, unknown>;
  position: ChartPosition;
}

function copyState(state: ChartState): ChartState {
  return {
    ...state,
    ranges: [...state.ranges],
    options: new Map(state.options),
    position: { ...state.position },
  };
}

/** https://developers.google.com/apps-script/reference/charts/chart-options */
export class ChartOptions extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'ChartOptions';
  }

  constructor(private readonly options: ReadonlyMap<string, unknown>) {
    super();
  }

  get(option: string): unknown {
    return this.options.get(option) ?? null;
  }

  getOrDefault(option: string): unknown {
    return this.get(option);
  }
}

/** https://developers.google.com/apps-script/reference/spreadsheet/container-info */
export class ContainerInfo extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'ContainerInfo';
  }

  constructor(private readonly position: ChartPosition) {
    super();
  }

  getAnchorRow(): number {
    return this.position.anchorRow;
  }
  getAnchorColumn(): number {
    return this.position.anchorColumn;
  }
  getOffsetX(): number {
    return this.position.offsetX;
  }
  getOffsetY(): number {
    return this.position.offsetY;
  }
}

export class EmbeddedChart extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'EmbeddedChart';
  }

  /** @internal */
  constructor(readonly state: ChartState) {
    super();
  }

  /** Null until the chart is inserted into a sheet (Sheets assigns the id on insertion). */
  getChartId(): number | null {
    return this.state.chartId;
  }
  getRanges(): RangeReference[] {
    return [...this.state.ranges];
  }
  getOptions(): ChartOptions {
    return new ChartOptions(new Map(this.state.options));
  }
  getContainerInfo(): ContainerInfo {
    return new ContainerInfo({ ...this.state.position });
  }
  /** Not an Apps Script method; kept so tests and scripts can check the type that was built. */
  getType(): EnumValue | null {
    return this.state.type;
  }
  modify(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(copyState(this.state));
  }
}

/**
 * One builder class stands in for EmbeddedChartBuilder and its typed variants (asColumnChart() etc.):
 * the typed builders only add option setters, which store into the same option map.
 */
export class EmbeddedChartBuilder extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'EmbeddedChartBuilder';
  }

  private readonly state: ChartState;

  constructor(initial?: ChartState) {
    super();
    this.state = initial ?? {
      chartId: null,
      type: null,
      ranges: [],
      options: new Map(),
      position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
    };
  }

  setChartType(type: EnumValue): this {
    const value = ChartType[enumName(type) as keyof typeof ChartType];
    if (!value) throw new ScriptException(`Invalid argument: type (${String(type)})`);
    this.state.type = value;
    return this;
  }
  getChartType(): EnumValue | null {
    return this.state.type;
  }
  addRange(range: RangeReference): this {
    this.state.ranges.push(range);
    return this;
  }
  removeRange(range: RangeReference): this {
    const notation = range.getA1Notation();
    this.state.ranges = this.state.ranges.filter(
      (candidate) => candidate.getA1Notation() !== notation || candidate.getSheet() !== range.getSheet(),
    );
    return this;
  }
  clearRanges(): this {
    this.state.ranges = [];
    return this;
  }
  getRanges(): RangeReference[] {
    return [...this.state.ranges];
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.state.position = { anchorRow: anchorRowPos, anchorColumn: anchorColPos, offsetX, offsetY };
    return this;
  }
  getContainer(): ContainerInfo {
    return new ContainerInfo({ ...this.state.position });
  }
  setOption(option: string, value: unknown): this {
    this.state.options.set(String(option), value);
    return this;
  }

  private typed(type: EnumValue): this {
    this.state.type = type;
    return this;
  }
  asAreaChart(): this {
    return this.typed(ChartType.AREA);
  }
  asBarChart(): this {
    return this.typed(ChartType.BAR);
  }
  asColumnChart(): this {
    return this.typed(ChartType.COLUMN);
  }
  asComboChart(): this {
    return this.typed(ChartType.COMBO);
  }
  asHistogramChart(): this {
    return this.typed(ChartType.HISTOGRAM);
  }
  asLineChart(): this {
    return this.typed(ChartType.LINE);
  }
  asPieChart(): this {
    return this.typed(ChartType.PIE);
  }
  asScatterChart(): this {
    return this.typed(ChartType.SCATTER);
  }
  asTableChart(): this {
    return this.typed(ChartType.TABLE);
  }

  // Option setters of the typed builders, stored under Google Charts configuration option names.
  setTitle(title: string): this {
    return this.setOption('title', title);
  }
  setXAxisTitle(title: string): this {
    return this.setOption('hAxis.title', title);
  }
  setYAxisTitle(title: string): this {
    return this.setOption('vAxis.title', title);
  }
  setLegendPosition(position: EnumValue): this {
    return this.setOption('legend.position', enumName(position).toLowerCase());
  }
  setColors(colors: string[]): this {
    return this.setOption('colors', [...colors]);
  }
  setStacked(): this {
    return this.setOption('isStacked', true);
  }
  setDimensions(width: number, height: number): this {
    this.setOption('width', width);
    return this.setOption('height', height);
  }

  build(): EmbeddedChart {
    return new EmbeddedChart(copyState(this.state));
  }
}

/** Holds a sheet's charts; ids are assigned on insertion. */
export class SheetCharts {
  private charts: EmbeddedChart[] = [];

  constructor(
    private readonly sheet: SheetReference,
    private readonly nextChartId: () => number,
  ) {}

  insert(chart: EmbeddedChart): void {
    const inserted = new EmbeddedChart({ ...chart.state, chartId: this.nextChartId() });
    // The caller's chart object learns its id too, as getChartId() after insertChart() does on Google.
    chart.state.chartId = inserted.state.chartId;
    this.charts.push(inserted);
  }

  list(): EmbeddedChart[] {
    return this.charts.map((chart) => new EmbeddedChart(copyState(chart.state)));
  }

  remove(chart: EmbeddedChart): void {
    const before = this.charts.length;
    this.charts = this.charts.filter((candidate) => candidate.state.chartId !== chart.state.chartId);
    if (this.charts.length === before) {
      throw new ScriptException(`The chart is not on sheet ${this.sheet.getName()}.`);
    }
  }

  update(chart: EmbeddedChart): void {
    const index = this.charts.findIndex((candidate) => candidate.state.chartId === chart.state.chartId);
    if (chart.state.chartId === null || index < 0) {
      throw new ScriptException(`The chart is not on sheet ${this.sheet.getName()}.`);
    }
    this.charts[index] = new EmbeddedChart(copyState(chart.state));
  }
}
