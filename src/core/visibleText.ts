// Names a person reads: one that shows nothing (only a zero-width space) or shows its characters in another
// order than they are stored (a right-to-left override) could not be told apart from another name, or could
// pass for one.

/** Why the name cannot be used, or undefined when it shows as it is stored. */
export function unseenNameProblem(name: string): string | undefined {
  const reordering = BIDI_CONTROL.exec(name);
  if (reordering)
    return `name holds the invisible direction control ${codePoint(reordering[0])}, which shows the name in another order than it is stored: remove it`;
  if (!VISIBLE.test(name)) {
    const invisible = [...new Set([...name].map(codePoint))].join(', ');
    return `name must have a visible character, it holds only ${invisible}`;
  }
  return undefined;
}

/** Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder how text is shown. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
/** A character that shows: not a space, a format character (zero-width space, joiners) or a control. */
const VISIBLE = /[^\p{White_Space}\p{Cf}\p{Cc}\p{Mn}\u115f\u1160\u3164\uffa0]/u;

function codePoint(char: string): string {
  const hex = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  const names: Record<string, string> = {
    '200B': 'zero-width space',
    '200C': 'zero-width non-joiner',
    '200D': 'zero-width joiner',
    '2060': 'word joiner',
    FEFF: 'zero-width no-break space',
    '202E': 'right-to-left override',
    '202D': 'left-to-right override',
    '202B': 'right-to-left embedding',
    '202A': 'left-to-right embedding',
    '202C': 'pop directional formatting',
    '2066': 'left-to-right isolate',
    '2067': 'right-to-left isolate',
    '2068': 'first strong isolate',
    '2069': 'pop directional isolate',
  };
  return `U+${hex}${names[hex] ? ` (${names[hex]})` : ''}`;
}
