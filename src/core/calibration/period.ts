// Calibrating on a period: e.g. validate on leads from after the weights were set, not before.

/**
 * The items whose day number lies within [from, to] (inclusive; a null bound is open). Day numbers
 * are whatever the caller counts in (e.g. days since 1970-01-01). An item without a day is kept
 * only when both bounds are open, since it cannot be placed in a period.
 */
export function filterByPeriod<T>(
  items: readonly T[],
  dayOf: (item: T) => number | null | undefined,
  from: number | null,
  to: number | null,
): T[] {
  if (from === null && to === null) return [...items];
  return items.filter((item) => {
    const day = dayOf(item);
    if (day === null || day === undefined || !Number.isFinite(day)) return false;
    return isWithinPeriod(day, from, to);
  });
}

/** Whether a day number lies within [from, to], inclusive; a null or absent bound is open. */
export function isWithinPeriod(
  day: number,
  from: number | null | undefined,
  to: number | null | undefined,
): boolean {
  return (
    (from === null || from === undefined || day >= from) && (to === null || to === undefined || day <= to)
  );
}
