import * as vscode from 'vscode';
import type { QuoTestApi } from '../../src/testApi.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server.js';
import { EXTENSION_ID } from './env.js';

/** The key the harness gave the extension host; a suite's own sandbox must accept it. */
export const HARNESS_KEY = process.env['QUO_API_KEY'] || 'quo-sandbox-key';

/** A sandbox for one suite, inside the extension host, accepting the harness's key. */
export function startSuiteSandbox(options: Omit<SandboxOptions, 'key'> = {}): Promise<Sandbox> {
  return startSandbox({ key: HARNESS_KEY, ...options });
}

/** Points the extension at the sandbox through the user setting, then activates it and returns its test API. */
export async function activateForTest(sandboxUrl: string): Promise<QuoTestApi> {
  await vscode.workspace.getConfiguration('quo').update('apiBaseUrl', sandboxUrl, vscode.ConfigurationTarget.Global);
  await vscode.workspace.getConfiguration('quo').update('cache.ttlMinutes', 10, vscode.ConfigurationTarget.Global);
  const extension = vscode.extensions.getExtension<QuoTestApi | undefined>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not installed`);
  }
  const api = await extension.activate();
  if (!api) {
    throw new Error('The extension returned no test API: is QUO_TEST_API=1 set for the extension host?');
  }
  return api;
}

export async function openDocument(content: string, language = 'plaintext'): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ content, language });
  await vscode.window.showTextDocument(document);
  return document;
}

/** All hover text at a position, from every provider, as one string. */
export async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** Polls until the probe returns a value; for things VS Code does asynchronously. Fails after the limit. */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, attempts = 100, everyMs = 100): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error('The expected state was not reached.');
}

/**
 * Where each test of a suite starts: no faults, no editor (a restored panel would ask Quo), nothing cached, the
 * connection ready again, and the sandbox's counts at zero.
 */
export async function startFromReady(api: QuoTestApi, sandbox: Sandbox): Promise<void> {
  sandbox.setFaults({});
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('quo.refresh');
  await vscode.commands.executeCommand('quo.retry');
  await eventually(() => (api.connectionState() === 'ready' ? true : undefined));
  sandbox.resetStats();
}
