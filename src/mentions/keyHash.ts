/**
 * A 64-bit hash of a mention key, as two 32-bit halves. The index keeps hashes, not strings: a log folder holds
 * hundreds of thousands of distinct id-shaped strings (hashes, other systems' ids), and interning each would cost
 * more than the rest of the index. At 64 bits a false match among a million distinct keys has odds of about 1 in
 * 10^7 per query key.
 *
 * Two independent 32-bit multiplicative hashes (the cyrb53 construction, both halves kept).
 */
export interface KeyHash {
  readonly high: number;
  readonly low: number;
}

export function hashKey(text: string): KeyHash {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return { high: h1 >>> 0, low: h2 >>> 0 };
}
