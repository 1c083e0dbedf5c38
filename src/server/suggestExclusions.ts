// The columns the user left out of *Suggest a model* (the sidebar's Suggest section), remembered in a
// document property so that the next fit, from the sidebar or the menu, leaves them out too. A property, not
// the model sheet: the model contract has no place for how a model was fitted, and the list belongs to the
// spreadsheet's leads rather than to one version of the model. Stored as a JSON array of the names exactly as
// given, so that any header (commas, quotes, a leading "=") reads back the same.
const EXCLUDE_PROPERTY = 'leadScoring.suggestExclude';
// The columns the leakage guard flagged that the user keeps on purpose (a tick in the Suggested model sheet's
// leakage table), remembered the same way for the next fit.
const KEEP_LEAKY_PROPERTY = 'leadScoring.suggestKeepLeaky';

export function readSuggestExclusions(): string[] {
  return readList(EXCLUDE_PROPERTY);
}

export function writeSuggestExclusions(columns: readonly string[]): void {
  writeList(EXCLUDE_PROPERTY, columns);
}

export function readSuggestKeepLeaky(): string[] {
  return readList(KEEP_LEAKY_PROPERTY);
}

export function writeSuggestKeepLeaky(columns: readonly string[]): void {
  writeList(KEEP_LEAKY_PROPERTY, columns);
}

function readList(property: string): string[] {
  const stored = PropertiesService.getDocumentProperties().getProperty(property);
  if (!stored) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

function writeList(property: string, columns: readonly string[]): void {
  const unique = [...new Set(columns.filter((c) => typeof c === 'string' && c.trim() !== ''))];
  const properties = PropertiesService.getDocumentProperties();
  if (unique.length === 0) properties.deleteProperty(property);
  else properties.setProperty(property, JSON.stringify(unique));
}
