/**
 * The window's workspace selection (see WorkspaceSelection) over VS Code's SecretStorage and mementos, whose
 * `secrets.onDidChange` tells it what another window changed.
 */
import type * as vscode from 'vscode';
import { WorkspaceSelection } from './workspaceSelection.js';

export class ActiveWorkspace extends WorkspaceSelection implements vscode.Disposable {
  constructor(
    secrets: vscode.SecretStorage,
    globalState: vscode.Memento,
    workspaceState: vscode.Memento,
    suggestName: (key: string) => Promise<string | undefined>,
    environment: NodeJS.ProcessEnv = process.env,
    forgetFiles?: (fingerprint: string) => PromiseLike<void>,
  ) {
    super(secrets, globalState, workspaceState, suggestName, environment, forgetFiles);
  }
}
