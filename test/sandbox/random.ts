/**
 * Seeded randomness and hashing, so that the same seed always builds the same workspace and the same answers.
 * Math.random is never used by the sandbox: a flaky fixture is worse than none.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `count` distinct items in random order (all of them if there are fewer). */
  sample<T>(items: readonly T[], count: number): T[];
  /** `length` lowercase hexadecimal digits. */
  hex(length: number): string;
  /** `length` characters from [A-Za-z0-9], the alphabet of Quo's prefixed ids (`US…`, `PN…`). */
  alphanumeric(length: number): string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** mulberry32: tiny, fast and good enough for test data; not for anything secret. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) {
      throw new RangeError('pick from an empty list');
    }
    return items[int(0, items.length - 1)];
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    sample: <T>(items: readonly T[], count: number): T[] => {
      const pool = [...items];
      for (let i = pool.length - 1; i > 0; i--) {
        const j = int(0, i);
        [pool[i], pool[j]] = [pool[j], pool[i]];
      }
      return pool.slice(0, Math.max(0, count));
    },
    hex: (length) => {
      let out = '';
      while (out.length < length) {
        out += Math.floor(next() * 16).toString(16);
      }
      return out;
    },
    alphanumeric: (length) => {
      let out = '';
      while (out.length < length) {
        out += ALPHANUMERIC.charAt(int(0, ALPHANUMERIC.length - 1));
      }
      return out;
    },
  };
}

/** 32-bit FNV-1a of a string: stable fingerprints for page tokens and trace ids. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
