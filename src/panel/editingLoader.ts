/**
 * Loads the editing chunk (src/panel/editing/editing.ts, built into dist/editing.js by esbuild.mjs) on the first
 * edit, create or delete.
 */
import type * as editing from './editing/editing.js';

let loaded: typeof editing | undefined;

export function loadEditing(): typeof editing {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./editing/editing.js') as typeof editing;
  return loaded;
}
