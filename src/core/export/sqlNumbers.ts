// The engine's arithmetic in SQL, to the last bit and without a single error: Postgres (and, as far as its
// documentation says, BigQuery) raise on a double that overflows to ±Infinity or underflows to 0, where
// JavaScript gives Infinity or 0. Each product and quotient by a model constant is guarded by exact
// thresholds computed here (the largest magnitude whose result is still finite, or still 0); DuckDB
// follows IEEE like JavaScript and gets the plain expressions. Also: the engine's roundScore and the
// text of a number as JavaScript prints it (String(x), formatNumber).

import { HALF_TOLERANCE, MAX_TOLERANCE, NOTHING_TO_ROUND, RELATIVE_TOLERANCE, SPLITTER } from '../rounding';
import type { Dialect } from './sqlDialects';

const buffer = new DataView(new ArrayBuffer(8));
const bitsOf = (x: number): bigint => {
  buffer.setFloat64(0, x);
  return buffer.getBigUint64(0);
};
const doubleOf = (bits: bigint): number => {
  buffer.setBigUint64(0, bits);
  return buffer.getFloat64(0);
};

/** The largest non-negative finite double x with f(x) true, f monotone (true up to a point, then false);
 *  -1 when f(0) is false. A binary search over the bit patterns, which order non-negative doubles. */
function largestWhere(f: (x: number) => boolean): number {
  if (!f(0)) return -1;
  let low = 0n; // f true
  let high = bitsOf(Number.MAX_VALUE) + 1n; // f false (or past the largest double)
  if (f(Number.MAX_VALUE)) return Number.MAX_VALUE;
  while (high - low > 1n) {
    const middle = (low + high) / 2n;
    if (f(doubleOf(middle))) low = middle;
    else high = middle;
  }
  return doubleOf(low);
}

/** |n| above which |n| × |b| is Infinity; |n| at or below which it is 0 (-1: never). */
function productLimits(b: number): { overflowAbove: number; zeroAtOrBelow: number } {
  const m = Math.abs(b);
  return {
    overflowAbove: largestWhere((x) => Number.isFinite(x * m)),
    zeroAtOrBelow: m === 0 ? Number.MAX_VALUE : largestWhere((x) => x * m === 0),
  };
}

function quotientLimits(c: number): { overflowAbove: number; zeroAtOrBelow: number } {
  const m = Math.abs(c);
  return {
    overflowAbove: largestWhere((x) => Number.isFinite(x / m)),
    zeroAtOrBelow: largestWhere((x) => x / m === 0),
  };
}

export function num(d: Dialect, x: number): string {
  if (x === Number.POSITIVE_INFINITY) return d.infinity(false);
  if (x === Number.NEGATIVE_INFINITY) return d.infinity(true);
  return d.double(String(x));
}

/**
 * n × b for a model constant b, as JavaScript computes it, with `overflow(positive)` in place of ±Infinity.
 * `n` must be a plain column reference (it is repeated).
 */
export function timesConstant(
  d: Dialect,
  n: string,
  b: number,
  overflow: (positive: boolean) => string,
): string {
  if (b === 0) return num(d, 0);
  if (b === 1) return n;
  const product = `${n} * ${num(d, b)}`;
  const { overflowAbove, zeroAtOrBelow } = productLimits(b);
  const whens: string[] = [];
  if (zeroAtOrBelow >= 0 && d.strictFloat)
    whens.push(`WHEN ABS(${n}) <= ${num(d, zeroAtOrBelow)} THEN ${num(d, 0)}`);
  if (overflowAbove < Number.MAX_VALUE) {
    const positive = b > 0 ? overflow(true) : overflow(false);
    const negative = b > 0 ? overflow(false) : overflow(true);
    if (d.strictFloat || overflow(true) !== d.infinity(false))
      whens.push(
        `WHEN ABS(${n}) > ${num(d, overflowAbove)} THEN CASE WHEN ${n} > ${num(d, 0)} THEN ${positive} ELSE ${negative} END`,
      );
  }
  return whens.length === 0 ? product : `CASE ${whens.join(' ')} ELSE ${product} END`;
}

/** n / c for a positive model constant c, as JavaScript computes it (Infinity as `overflow`). */
export function overConstant(d: Dialect, n: string, c: number, overflow: string): string {
  const quotient = `${n} / ${num(d, c)}`;
  if (!d.strictFloat) return quotient;
  const { overflowAbove, zeroAtOrBelow } = quotientLimits(c);
  const whens: string[] = [];
  if (zeroAtOrBelow >= 0) whens.push(`WHEN ABS(${n}) <= ${num(d, zeroAtOrBelow)} THEN ${num(d, 0)}`);
  if (overflowAbove < Number.MAX_VALUE)
    whens.push(`WHEN ABS(${n}) > ${num(d, overflowAbove)} THEN ${overflow}`);
  return whens.length === 0 ? quotient : `CASE ${whens.join(' ')} ELSE ${quotient} END`;
}

/**
 * a × f for a factor f in [0, 1] that is 0 or at least 1e-16 (a decay factor): only a tiny a can reach 0.
 * Below 2^-900 the product is taken scaled up by 2^600 (exact) and scaled back in two exact halves.
 */
export function timesFactor(d: Dialect, a: string, f: string): string {
  const product = `${a} * ${f}`;
  if (!d.strictFloat) return product;
  const scaled = `(${a} * ${num(d, 2 ** 600)}) * ${f}`;
  return (
    `CASE WHEN ${a} = ${num(d, 0)} OR ${f} = ${num(d, 0)} OR ABS(${a}) >= ${num(d, 2 ** -900)} THEN ${product} ` +
    `WHEN ABS(${scaled}) <= ${num(d, 2 ** -475)} THEN ${num(d, 0)} ` +
    `ELSE (${scaled} * ${num(d, 2 ** -300)}) * ${num(d, 2 ** -300)} END`
  );
}

/** a + b as JavaScript adds finite doubles or ±Infinity (an overflow is ±Infinity, not an error). */
export function plus(d: Dialect, a: string, b: string): string {
  const sum = `${a} + ${b}`;
  if (!d.strictFloat) return `(${sum})`;
  const big = num(d, 2 ** 1020);
  const zero = num(d, 0);
  const halves = `(${a} * ${num(d, 0.5)} + ${b} * ${num(d, 0.5)})`;
  return (
    `(CASE WHEN ABS(${a}) < ${big} AND ABS(${b}) < ${big} THEN ${sum} ` +
    `WHEN ABS(${a}) < ${num(d, 1)} THEN ${b} WHEN ABS(${b}) < ${num(d, 1)} THEN ${a} ` +
    `WHEN ABS(${halves}) >= ${num(d, 2 ** 1023)} THEN CASE WHEN ${halves} > ${zero} THEN ${d.infinity(false)} ELSE ${d.infinity(true)} END ` +
    `ELSE ${sum} END)`
  );
}

/** The engine's finite(): ±Infinity as ±Number.MAX_VALUE. */
export function finiteSql(d: Dialect, x: string): string {
  return `LEAST(${num(d, Number.MAX_VALUE)}, GREATEST(${num(d, -Number.MAX_VALUE)}, ${x}))`;
}

/**
 * roundScore in stages (each a column, so every part is computed once): |x| × 100 and its exact
 * rounding error, the whole and fraction of hundredths, and the result. `out` names the columns.
 */
export function roundStages(d: Dialect, out: string, x: string): [string, string][][] {
  const ref = (alias: string) => d.ident(alias);
  const n = (v: number) => num(d, v);
  const small = `ABS(${x}) < ${n(NOTHING_TO_ROUND)}`;
  const m = ref(`${out}_m`);
  const h = ref(`${out}_h`);
  const hi = ref(`${out}_hi`);
  const fr = ref(`${out}_fr`);
  const t = `${m} * ${n(SPLITTER)}`;
  // The fraction of hundredths with the rounding error of |x| × 100 added (Dekker's two-product).
  const fraction = `${h} - FLOOR(${h}) + (${hi} * ${n(100)} - ${h} + (${m} - ${hi}) * ${n(100)})`;
  // A negative fraction means the whole is one less and the fraction one more.
  const whole = `(FLOOR(${h}) - CASE WHEN ${fr} < ${n(0)} THEN ${n(1)} ELSE ${n(0)} END)`;
  // Below 1e-290 the relative part adds nothing to 1e-9 (and its product would underflow in Postgres).
  const tolerance = `CASE WHEN ${h} < ${n(1e-290)} THEN ${n(HALF_TOLERANCE)} ELSE LEAST(${n(HALF_TOLERANCE)} + ${n(RELATIVE_TOLERANCE)} * ${h}, ${n(MAX_TOLERANCE)}) END`;
  const up = `CASE WHEN ${fr} < ${n(0)} THEN ${fr} + ${n(1)} ELSE ${fr} END >= ${n(0.5)} - ${tolerance}`;
  const r = ref(`${out}_r`);
  return [
    [[`${out}_m`, `CASE WHEN ${small} THEN ABS(${x}) ELSE ${n(0)} END`]],
    [
      [`${out}_h`, `${m} * ${n(100)}`],
      [`${out}_hi`, `${t} - (${t} - ${m})`],
    ],
    [[`${out}_fr`, fraction]],
    [[`${out}_r`, `(${whole} + CASE WHEN ${up} THEN ${n(1)} ELSE ${n(0)} END) / ${n(100)}`]],
    [
      [
        out,
        `CASE WHEN NOT (${small}) THEN ${x} WHEN ${x} < ${n(0)} AND ${r} > ${n(0)} THEN -${r} ELSE ${r} END`,
      ],
    ],
  ];
}

/**
 * String(|x|) as JavaScript prints it, in two stages (`out`_g, then `out`). `Dialect.floatText` gives the
 * shortest digits that read back as the same double, as JavaScript does (Postgres's own text avoids short
 * midpoints: see postgresFloatText); the dialects differ in when they switch to an exponent (JavaScript:
 * from 1e21 and below 1e-6) and in how they write it (`e-07`, `100.0`). In the ordinary range (1e-4 to
 * 1e15) the database's text is JavaScript's (integers through BIGINT).
 */
export function magnitudeTextStages(d: Dialect, out: string, x: string): [string, string][][] {
  const ordinary = ordinaryMagnitude(d, x);
  // Zero (most rules on most rows) is '0' at once, as the general path would make it: no text work.
  const first: [string, string][] = [
    [
      `${out}_g`,
      `CASE WHEN ${ordinary} THEN ${ordinaryText(d, x)} WHEN ${x} = ${num(d, 0)} THEN '0' ELSE ${d.floatText(`ABS(${x})`)} END`,
    ],
    [`${out}_o`, `COALESCE(${ordinary} OR ${x} = ${num(d, 0)}, FALSE)`],
  ];
  const g = d.ident(`${out}_g`);
  return [first, [[out, `CASE WHEN ${d.ident(`${out}_o`)} THEN ${g} ELSE ${exponentText(d, g)} END`]]];
}

/**
 * String(x) of a magnitude x ≥ 0 as one expression (x is repeated: a lambda's variable or a column), for a
 * text made where stages cannot reach (inside a DuckDB lambda, only for the reasons a row shows).
 */
export function magnitudeTextSql(d: Dialect, x: string): string {
  const g = d.floatText(x);
  return `CASE WHEN ${ordinaryMagnitude(d, x)} THEN ${ordinaryText(d, x)} WHEN ${x} = ${num(d, 0)} THEN '0' ELSE ${exponentText(d, g)} END`;
}

function ordinaryMagnitude(d: Dialect, x: string): string {
  return `ABS(${x}) >= ${num(d, 1e-4)} AND ABS(${x}) < ${num(d, 1e15)}`;
}

/** String(|x|) in the ordinary range: the database's shortest digits, whole numbers without `.0`. */
function ordinaryText(d: Dialect, x: string): string {
  return `CASE WHEN ${x} = FLOOR(${x}) THEN CAST(CAST(ABS(${x}) AS ${d.bigintType}) AS ${d.textType}) ELSE CAST(ABS(${x}) AS ${d.textType}) END`;
}

/** JavaScript's text of a magnitude outside the ordinary range, from the database's text `g` of it. */
function exponentText(d: Dialect, g: string): string {
  const mantissa = d.regexReplace(g, '[eE].*$', '');
  const digits = `REPLACE(${mantissa}, '.', '')`;
  const k = `LENGTH(${digits})`;
  const e = `CAST(${d.regexReplace(g, '^[^eE]*[eE][+]?', '')} AS ${d.intType})`;
  return (
    `CASE WHEN ${d.strpos(g, "'e'")} = 0 THEN ${d.regexReplace(g, '[.]0$', '')} ` +
    `WHEN ${e} >= 21 OR ${e} <= -7 THEN ${d.regexReplace(g, 'e([+-])0*([0-9])', 'e\\1\\2')} ` +
    `WHEN ${e} >= 0 AND ${k} <= ${e} + 1 THEN ${digits} || ${d.repeat("'0'", `${e} + 1 - ${k}`)} ` +
    `WHEN ${e} >= 0 THEN SUBSTR(${digits}, 1, ${e} + 1) || '.' || SUBSTR(${digits}, ${e} + 2) ` +
    `ELSE '0.' || ${d.repeat("'0'", `-(${e}) - 1`)} || ${digits} END`
  );
}

/** formatPoints of a rounded contribution, given its magnitude's text (`+15`, `−7.5`), as parts to concatenate. */
export function pointsText(d: Dialect, p: string, magnitude: string): string[] {
  return [`CASE WHEN ${p} > ${num(d, 0)} THEN ${d.string('+')} ELSE ${d.string('\u2212')} END`, magnitude];
}

/** formatNumber in three stages (`out`_g, `out`_a, then `out`): `1,234.5`, `−75`, thousands grouped (not
 *  in exponent form), the minus sign U+2212. */
export function numberTextStages(d: Dialect, out: string, x: string): [string, string][][] {
  const [first = [], second = []] = magnitudeTextStages(d, `${out}_a`, x);
  first.push([`${out}_w`, `${x} < ${num(d, 0)}`]);
  return [first, second, [[out, numberText(d, d.ident(`${out}_a`), d.ident(`${out}_w`))]]];
}

function numberText(d: Dialect, text: string, negative: string): string {
  const whole = d.splitPart(text, 0);
  const after = `CASE WHEN ${d.strpos(text, "'.'")} > 0 THEN '.' || ${d.splitPart(text, 1)} ELSE '' END`;
  const grouped = `CASE WHEN ${d.strpos(whole, "'e'")} > 0 THEN ${whole} ELSE ${groupDigits(d, whole)} END`;
  return `(CASE WHEN ${negative} THEN ${d.string('\u2212')} ELSE '' END || ${grouped} || ${after})`;
}

function groupDigits(d: Dialect, digits: string): string {
  const length = `LENGTH(${digits})`;
  const cases: string[] = [];
  for (let groups = 6; groups >= 1; groups--) {
    const pieces = [`SUBSTR(${digits}, 1, ${length} - ${groups * 3})`];
    for (let g = groups; g >= 1; g--) pieces.push(`SUBSTR(${digits}, ${length} - ${g * 3 - 1}, 3)`);
    cases.push(`WHEN ${length} > ${groups * 3} THEN ${pieces.join(` || ${d.string(',')} || `)}`);
  }
  return `CASE ${cases.join(' ')} ELSE ${digits} END`;
}
