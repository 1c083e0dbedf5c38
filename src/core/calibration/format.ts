// Number formatting for the sentences calibration writes. Kept apart so the sidebar and the CLI
// can print rates the same way the verdicts do.

/** A percentage without its sign: whole numbers from 10% up, one decimal below (4.5, 4). */
export function percentNumber(share: number): string {
  if (share === 0) return '0';
  if (share === 1) return '100';
  const percent = share * 100;
  if (percent < 0.1) return '<0.1';
  // Near the ends a whole number would mislead (99.6% is not 100%, 0.4% is not 0%).
  if (percent < 10 || percent > 99) {
    const oneDecimal = percent.toFixed(1);
    if (oneDecimal === '100.0') return '>99.9';
    return oneDecimal.endsWith('.0') ? oneDecimal.slice(0, -2) : oneDecimal;
  }
  return String(Math.round(percent));
}

/** `62%`, `4.5%`, `0%`. */
export function percent(share: number): string {
  return `${percentNumber(share)}%`;
}

/** Two rates as text, with one more decimal when they would otherwise read the same ("20.4%" vs "19.8%",
 *  not "20%" vs "20%"), so a comparison never contradicts itself. */
export function percentPair(a: number, b: number): [string, string] {
  const [first, second] = [percent(a), percent(b)];
  if (first !== second || a === b) return [first, second];
  return [`${(a * 100).toFixed(1)}%`, `${(b * 100).toFixed(1)}%`];
}

/** `55–68%`: an interval with one percent sign. */
export function percentRange(low: number, high: number): string {
  return `${percentNumber(low)}–${percentNumber(high)}%`;
}

/** Scores are rounded to 2 decimals by the contract; print them without trailing zeros. */
export function scoreText(score: number): string {
  return String(Math.round(score * 100) / 100);
}

/** A ratio such as a lift: `3.8` below 10, whole above. */
export function ratioText(ratio: number): string {
  return ratio < 10 ? String(Math.round(ratio * 10) / 10) : String(Math.round(ratio));
}

/** `1,234`, grouped the same way whatever the host's locale. */
export function countText(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
