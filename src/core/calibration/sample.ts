// Reproducible review samples: "a random share of the leads in the lowest bands, marked for a
// person to check". The same seed and the same input always give the same subset, so a sample can
// be re-created later (or on another machine) to see what was checked.

/** FNV-1a: a small, well-spread 32-bit hash of a string, to seed the generator from any text. */
export function hashSeed(seed: string | number): number {
  const text = String(seed);
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny seeded PRNG, good enough for sampling; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random `share` (0–1) of `leadIndexes`, returned in their input order. The size is
 * round(share × n), but at least one when share > 0 and there are leads, so a small band still
 * gets a look. A number seed and its text (7 and "7") give the same sample.
 */
export function reviewSample(leadIndexes: readonly number[], share: number, seed: string | number): number[] {
  if (!(Number.isFinite(share) && share >= 0 && share <= 1)) {
    throw new RangeError(`reviewSample: share must be between 0 and 1, got ${share}`);
  }
  const n = leadIndexes.length;
  if (n === 0 || share === 0) return [];
  return samplePositions(n, share, seed).map((position) => leadIndexes[position]!);
}

/** The positions (0 … n−1, ascending) `reviewSample` picks among n leads: typed arrays, so a million leads
 *  cost 4 MB while sampling. */
export function samplePositions(n: number, share: number, seed: string | number): number[] {
  if (n === 0 || share === 0) return [];
  const size = Math.max(1, Math.round(share * n));
  const random = mulberry32(hashSeed(seed));
  // Partial Fisher–Yates over positions: the first `size` positions end up a uniform sample.
  const positions = new Int32Array(n);
  for (let position = 0; position < n; position++) positions[position] = position;
  for (let picked = 0; picked < size; picked++) {
    const swapWith = picked + Math.floor(random() * (n - picked));
    const held = positions[picked]!;
    positions[picked] = positions[swapWith]!;
    positions[swapWith] = held;
  }
  return Array.from(positions.subarray(0, size)).sort((a, b) => a - b);
}
