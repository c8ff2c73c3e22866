/**
 * Loads libphonenumber (phoneLibrary.ts) on first use, synchronously, so that activation never pays for it.
 *
 * In the extension bundle, esbuild.mjs rewrites the `require('./phoneLibrary.js')` below into
 * `require('./phone.js')` and leaves it outside `dist/extension.js`: it loads `dist/phone.js`, the second entry
 * point built from phoneLibrary.ts, which lies beside the bundle. Run unbundled (tsx: unit tests, benchmarks), the
 * same line loads the source module. Only types are imported statically, so nothing of the library is bundled here.
 */
import type * as PhoneLibrary from './phoneLibrary.js';

export type PhoneLibraryModule = typeof PhoneLibrary;

let library: PhoneLibraryModule | undefined;

/** libphonenumber, loaded on the first call. */
export function phoneLibrary(): PhoneLibraryModule {
  // A synchronous require is the point: detection runs synchronously, and an import() would make it wait a tick.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (library ??= require('./phoneLibrary.js') as PhoneLibraryModule);
}
