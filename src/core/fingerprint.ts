// A short, stable fingerprint of cell contents: a save is refused when the model sheet's fingerprint differs
// from the one the editor loaded (someone else saved, or edited the cells). Not security, just change detection.

/** FNV-1a (32-bit) over the JSON of the values, with Dates as ISO text, plus the length. */
export function fingerprint(values: unknown): string {
  const text = JSON.stringify(values, (_key, value: unknown) =>
    value instanceof Date ? value.toISOString() : value,
  );
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${(hash >>> 0).toString(16).padStart(8, '0')}-${text.length.toString(36)}`;
}
