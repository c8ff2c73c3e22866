/**
 * The extension-tests entry of the activate_ms benchmark, run inside the extension host of the harness's VS Code
 * (bench/activateBench.ts bundles it and hands it over as --extensionTestsPath). It waits for VS Code's start to
 * settle, activates the extension (whose manifest there has no onStartupFinished, so nothing activated it before),
 * takes the "Activated in …" log line from the test API (the extension runs with QUO_TEST_API=1) and writes it to the
 * file named by QUO_BENCH_ACTIVATE_OUT. Nothing else: the extension host then exits and the next start is a fresh one.
 */
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { QuoTestApi } from '../src/testApi.js';
import { EXTENSION_ID } from '../test/harness/paths.js';

/** Long enough for the workbench, code-server and the extension host to finish starting on 2 cores. */
const QUIET_MS = 4000;

export async function run(): Promise<void> {
  const out = process.env['QUO_BENCH_ACTIVATE_OUT'];
  if (!out) throw new Error('QUO_BENCH_ACTIVATE_OUT is not set: run it through `npm run bench -- --only activate`');
  const extension = vscode.extensions.getExtension<QuoTestApi | undefined>(EXTENSION_ID);
  if (extension === undefined) throw new Error(`${EXTENSION_ID} is not loaded`);
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  if (extension.isActive) throw new Error(`${EXTENSION_ID} was activated before the bench asked, by another activation event: the figure would include VS Code's start`);
  const api = await extension.activate();
  if (api === undefined) throw new Error('the extension has no test API: it must be a development build run with QUO_TEST_API=1');
  const line = api.logLines().find((entry) => entry.includes('Activated in'));
  if (line === undefined) throw new Error('the extension logged no "Activated in" line');
  writeFileSync(out, line);
}
