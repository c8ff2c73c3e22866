/**
 * The nonce that lets the panel's one script tag run under its CSP. Uses Web Crypto, present both in the extension
 * host (Node 20) and in browsers, so this module stays free of Node imports.
 */

/** 16 random bytes as base64: a fresh value for every render. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}
