/**
 * How Sheets displays a number in a cell with a number-format pattern, as Google's format guide states it
 * (https://developers.google.com/sheets/api/guides/formats#number_format_patterns, en_US):
 * - `0` a digit, an insignificant 0 is shown; `#` a digit, an insignificant 0 is not shown; `?` a digit,
 *   an insignificant 0 shows as a space;
 * - `.` the decimal point: "If you include a decimal point in the format, it's always rendered, even for
 *   whole numbers. For example, #0.# renders the number 3 as "3."";
 * - `,` the thousands separator (between digit placeholders); `%` a percent (the number times 100);
 *   `E+` / `E-` scientific notation; `"text"` and `\x` literal text; `_x` the width of x (one space here);
 *   `*x` repeats x to fill the cell (nothing here: the emulation has no column widths); `$` and other
 *   characters are shown as they are; `[Red]`, `[Color12]` colour (not shown); `[>100]` conditions;
 * - up to four sections separated by `;`: positive; negative; zero; text. With two or more sections a
 *   negative number is shown with the second section and no minus sign of its own.
 * Decisions the guide does not settle (docs/emulation.md): a rounded result that is all zeros loses its minus
 * sign; fractions (`/`) are shown as literal text.
 */

interface Section {
  condition: { op: string; value: number } | null;
  /** The section's source, with the colour / condition brackets removed. */
  body: string;
}

type Token =
  | { kind: 'digit'; char: '0' | '#' | '?' }
  | { kind: 'point' }
  | { kind: 'comma' }
  | { kind: 'percent' }
  | { kind: 'exponent'; sign: '+' | '-'; upper: boolean }
  | { kind: 'text'; text: string }
  | { kind: 'at' };

/** Splits on unquoted, unescaped semicolons and pulls out `[…]` colours and conditions. */
function splitSections(pattern: string): Section[] {
  const sections: Section[] = [];
  let body = '';
  let condition: Section['condition'] = null;
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i]!;
    if (char === '"') {
      const end = pattern.indexOf('"', i + 1);
      const stop = end === -1 ? pattern.length : end;
      body += pattern.slice(i, stop + 1);
      i = stop;
    } else if (char === '\\' || char === '_' || char === '*') {
      body += pattern.slice(i, i + 2);
      i += 1;
    } else if (char === '[') {
      const end = pattern.indexOf(']', i + 1);
      const stop = end === -1 ? pattern.length : end;
      const inside = pattern.slice(i + 1, stop);
      const match = /^(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)$/.exec(inside.trim());
      if (match) condition = { op: match[1]!, value: Number(match[2]) };
      i = stop;
    } else if (char === ';') {
      sections.push({ condition, body });
      body = '';
      condition = null;
    } else {
      body += char;
    }
  }
  sections.push({ condition, body });
  return sections;
}

function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  const text = (value: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'text') last.text += value;
    else tokens.push({ kind: 'text', text: value });
  };
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i]!;
    if (char === '"') {
      const end = body.indexOf('"', i + 1);
      const stop = end === -1 ? body.length : end;
      text(body.slice(i + 1, stop));
      i = stop;
    } else if (char === '\\') {
      text(body[i + 1] ?? '');
      i += 1;
    } else if (char === '_') {
      text(' ');
      i += 1;
    } else if (char === '*') {
      i += 1;
    } else if (char === '0' || char === '#' || char === '?') {
      tokens.push({ kind: 'digit', char });
    } else if (char === '.') {
      tokens.push({ kind: 'point' });
    } else if (char === ',') {
      tokens.push({ kind: 'comma' });
    } else if (char === '%') {
      tokens.push({ kind: 'percent' });
    } else if ((char === 'E' || char === 'e') && (body[i + 1] === '+' || body[i + 1] === '-')) {
      tokens.push({ kind: 'exponent', sign: body[i + 1] as '+' | '-', upper: char === 'E' });
      i += 1;
    } else if (char === '@') {
      tokens.push({ kind: 'at' });
    } else {
      text(char);
    }
  }
  return tokens;
}

function matches(condition: NonNullable<Section['condition']>, value: number): boolean {
  switch (condition.op) {
    case '<':
      return value < condition.value;
    case '<=':
      return value <= condition.value;
    case '>':
      return value > condition.value;
    case '>=':
      return value >= condition.value;
    case '=':
      return value === condition.value;
    default:
      return value !== condition.value;
  }
}

/** The section that shows `value`, and whether that section shows the minus sign itself. */
function pickSection(sections: Section[], value: number): { section: Section; ownSign: boolean } {
  const numeric = sections.slice(0, 3);
  if (numeric.some((s) => s.condition)) {
    const hit = numeric.find((s) => s.condition && matches(s.condition, value));
    if (hit) return { section: hit, ownSign: false };
    const other = numeric.find((s) => !s.condition) ?? numeric[numeric.length - 1]!;
    return { section: other, ownSign: true };
  }
  if (numeric.length === 1 || value > 0) return { section: numeric[0]!, ownSign: numeric.length === 1 };
  if (value < 0) return { section: numeric[1]!, ownSign: false };
  return { section: numeric[2] ?? numeric[0]!, ownSign: false };
}

/** Fills the integer placeholders (with the literals between them) from the right. */
function renderInteger(tokens: Token[], digits: string, grouping: boolean): string {
  const placeholders = tokens.filter((t) => t.kind === 'digit');
  if (placeholders.length === 0) return tokens.map((t) => (t.kind === 'text' ? t.text : '')).join('');
  const significant = digits.replace(/^0+/, '');
  if (grouping) {
    const zeros = placeholders.filter((t) => t.char === '0').length;
    const grouped = significant.padStart(zeros, '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const firstDigit = tokens.findIndex((t) => t.kind === 'digit');
    const lastDigit = tokens.length - 1 - [...tokens].reverse().findIndex((t) => t.kind === 'digit');
    const literal = (list: Token[]) => list.map((t) => (t.kind === 'text' ? t.text : '')).join('');
    return `${literal(tokens.slice(0, firstDigit))}${grouped}${literal(tokens.slice(lastDigit + 1))}`;
  }
  let remaining = significant;
  const out: string[] = [];
  let placeholdersLeft = placeholders.length;
  for (let i = tokens.length - 1; i >= 0; i -= 1) {
    const token = tokens[i]!;
    if (token.kind === 'text') {
      out.push(token.text);
      continue;
    }
    if (token.kind !== 'digit') continue;
    placeholdersLeft -= 1;
    if (placeholdersLeft === 0) {
      // The leftmost placeholder takes every digit left.
      out.push(remaining !== '' ? remaining : token.char === '0' ? '0' : token.char === '?' ? ' ' : '');
      remaining = '';
    } else if (remaining !== '') {
      out.push(remaining.slice(-1));
      remaining = remaining.slice(0, -1);
    } else {
      out.push(token.char === '0' ? '0' : token.char === '?' ? ' ' : '');
    }
  }
  return out.reverse().join('');
}

/** Fills the fraction placeholders from the left; trailing insignificant zeros follow `#` / `?`. */
function renderFraction(tokens: Token[], digits: string): string {
  const placeholders = tokens.filter((t) => t.kind === 'digit');
  const shown = digits.split('');
  for (let i = placeholders.length - 1; i >= 0; i -= 1) {
    const char = (placeholders[i] as { char: string }).char;
    if (shown[i] !== '0' || char === '0') break;
    shown[i] = char === '?' ? ' ' : '';
  }
  let next = 0;
  return tokens
    .map((t) => {
      if (t.kind === 'text') return t.text;
      if (t.kind === 'digit') return shown[next++] ?? '';
      return '';
    })
    .join('');
}

/** |value| rounded half away from zero to `decimals` places, on its 15 significant digits (2.675 → 2.68). */
function roundHalfAwayFromZero(value: number, decimals: number): string {
  const places = Math.min(decimals, 20);
  const factor = 10 ** places;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  if (scaled >= 1e20) return Number(Math.abs(value).toPrecision(15)).toFixed(places);
  return (Math.round(scaled) / factor).toFixed(places);
}

function renderNumberSection(tokens: Token[], magnitude: number): string {
  const percents = tokens.filter((t) => t.kind === 'percent').length;
  let value = magnitude * 100 ** percents;
  const exponentAt = tokens.findIndex((t) => t.kind === 'exponent');
  const mantissaTokens = exponentAt === -1 ? tokens : tokens.slice(0, exponentAt);
  const pointAt = mantissaTokens.findIndex((t) => t.kind === 'point');
  const integerTokens = pointAt === -1 ? mantissaTokens : mantissaTokens.slice(0, pointAt);
  const fractionTokens = pointAt === -1 ? [] : mantissaTokens.slice(pointAt + 1);
  const fractionPlaces = fractionTokens.filter((t) => t.kind === 'digit').length;
  const integerPlaces = integerTokens.filter((t) => t.kind === 'digit').length;
  const grouping = integerTokens.some(
    (t, i) => t.kind === 'comma' && integerTokens.slice(i + 1).some((u) => u.kind === 'digit'),
  );
  const plain = (list: Token[]) =>
    list.map((t) =>
      t.kind === 'text' ? t.text : t.kind === 'percent' ? '%' : t.kind === 'comma' ? ',' : '',
    );

  let exponentText = '';
  if (exponentAt !== -1) {
    const exponentToken = tokens[exponentAt] as Extract<Token, { kind: 'exponent' }>;
    const exponentTokens = tokens.slice(exponentAt + 1);
    const exponentDigits = exponentTokens.filter((t) => t.kind === 'digit').length;
    const step = Math.max(integerPlaces, 1);
    let exponent = value === 0 ? 0 : Math.floor(Math.log10(value)) - (step - 1);
    let mantissa = value / 10 ** exponent;
    if (Number(roundHalfAwayFromZero(mantissa, fractionPlaces)) >= 10 ** step) {
      exponent += 1;
      mantissa = value / 10 ** exponent;
    }
    value = mantissa;
    const sign = exponent < 0 ? '-' : exponentToken.sign === '+' ? '+' : '';
    exponentText = `${exponentToken.upper ? 'E' : 'e'}${sign}${String(Math.abs(exponent)).padStart(exponentDigits, '0')}${exponentTokens
      .filter((t) => t.kind === 'text')
      .map((t) => (t as { text: string }).text)
      .join('')}`;
  }

  const fixed = roundHalfAwayFromZero(value, fractionPlaces);
  const [whole = '0', fraction = ''] = fixed.split('.');
  const integerText = renderInteger(
    integerTokens.filter((t) => t.kind === 'digit' || t.kind === 'text'),
    integerPlaces === 0 && pointAt === -1 && exponentAt === -1 ? '' : whole,
    grouping,
  );
  const percentText = plain(integerTokens.filter((t) => t.kind === 'percent')).join('');
  if (pointAt === -1) return `${integerText}${percentText}${exponentText}`;
  return `${integerText}.${renderFraction(
    fractionTokens.filter((t) => t.kind === 'digit' || t.kind === 'text'),
    fraction,
  )}${plain(fractionTokens.filter((t) => t.kind === 'percent')).join('')}${percentText}${exponentText}`;
}

/**
 * The text Sheets shows for `value` in a cell whose number format is `pattern` (a number pattern, not a date
 * one). Returns null when the pattern has no number section to show it with (e.g. `@`), so the caller shows
 * the number as Automatic does.
 */
export function formatNumberWithPattern(value: number, pattern: string): string | null {
  if (!Number.isFinite(value)) return '#NUM!';
  const sections = splitSections(pattern);
  const { section, ownSign } = pickSection(sections, value);
  const tokens = tokenize(section.body);
  if (tokens.some((t) => t.kind === 'at')) return null;
  const text = renderNumberSection(tokens, Math.abs(value));
  const showsDigits = /[1-9]/.test(text);
  return ownSign && value < 0 && showsDigits ? `-${text}` : text;
}

/** True when the pattern is a date / time pattern (a date token outside quotes), per the format guide. */
export function isDatePattern(pattern: string): boolean {
  const unquoted = pattern
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[eE][+-]/g, '');
  return /[dyhms]|am\/pm|a\/p/i.test(unquoted);
}
