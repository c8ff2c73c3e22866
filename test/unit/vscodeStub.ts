/**
 * The part of the `vscode` module that `WorkspaceSession` uses at run time (its event emitter), so the session can be
 * tested here with its real client, limiter and lookup. Import it before anything that imports `vscode`; it answers
 * `require('vscode')` only, and only in this process.
 */
import Module from 'node:module';
import { Emitter } from '../../src/common/emitter.js';

// vscode.EventEmitter's shape is the project's own plain Emitter's (src/common/emitter.ts).
const EventEmitter = Emitter;

const STUB_ID = 'vscode-unit-stub';

interface ModuleInternals {
  _resolveFilename(request: string, ...rest: unknown[]): string;
}

const internals = Module as unknown as ModuleInternals;
if (!(STUB_ID in require.cache)) {
  const stub = new Module(STUB_ID);
  stub.exports = { EventEmitter };
  stub.loaded = true;
  require.cache[STUB_ID] = stub;
  const resolve = internals._resolveFilename.bind(Module);
  internals._resolveFilename = (request: string, ...rest: unknown[]): string =>
    request === 'vscode' ? STUB_ID : resolve(request, ...rest);
}
