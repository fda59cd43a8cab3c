/**
 * A deterministic shuffle: the same items and seed give the same order on every machine and every
 * run (a retried scoring batch writes the same report), while different seeds — another quarter,
 * another leader — give unrelated orders. Used for comments, so that their order says nothing about
 * who wrote them or which group they came from. Not for secrets: the seed is not secret.
 */
import { compareText } from '../text.ts';

/** FNV-1a, 32 bits: spreads a string seed over the generator's state. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, well-mixed 32-bit generator, uniform in [0, 1). */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The strings sorted (so the input order does not matter), then shuffled (Fisher–Yates) with a
 * generator seeded by `seed`.
 */
export function seededShuffle(items: readonly string[], seed: string): string[] {
  const result = [...items].sort(compareText);
  const random = generator(hash(seed));
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j] as string, result[i] as string];
  }
  return result;
}
