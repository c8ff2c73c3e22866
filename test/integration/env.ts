// What the harness tells the tests running in the extension host (see test/harness/run-integration.ts).
import * as vscode from 'vscode';
import packageJson from '../../package.json';

export const EXTENSION_ID = `${packageJson.publisher}.${packageJson.name}`;

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set: run the suite with \`npm run test:integration\``);
  return value;
}

/** Base URL of the sandbox Quo API the harness started for this run. */
export function sandboxUrl(): string {
  return required('QUO_TEST_SANDBOX_URL');
}

/** The API key the sandbox accepts. */
export function sandboxKey(): string {
  return required('QUO_TEST_SANDBOX_KEY');
}

/** The extension under test, activated. */
export async function activeExtension<T = unknown>(): Promise<vscode.Extension<T>> {
  const extension = vscode.extensions.getExtension<T>(EXTENSION_ID);
  if (extension === undefined) throw new Error(`${EXTENSION_ID} is not loaded`);
  await extension.activate();
  return extension;
}

/** The folder the harness opened (test/fixtures/workspace). */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) throw new Error('no workspace folder is open');
  return folder;
}
