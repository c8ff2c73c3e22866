/**
 * A status bar item that appears only when something is wrong (no key after an id was looked up, key refused,
 * offline, rate limited) and disappears when it is fixed. This is the one place such states are announced, so a
 * burst of failures never becomes a burst of pop-ups. A refused key additionally gets one notification with a way
 * to fix it, once per key.
 */
import * as vscode from 'vscode';
import type { ConnectionState, QuoSession } from '../quoSession.js';

export class ConnectionStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('quo.connection', vscode.StatusBarAlignment.Left, 0);
  private readonly subscription: vscode.Disposable;
  private promptedForKey: string | undefined;

  constructor(private readonly session: QuoSession) {
    this.item.name = 'Quo Contacts';
    this.subscription = session.onDidChangeState((state) => this.show(state));
  }

  private show(state: ConnectionState): void {
    switch (state.kind) {
      case 'unauthorized':
        this.set('$(key) Quo: key refused', 'Quo refused the API key. Click to set a new one.', 'quo.setApiKey', true);
        this.promptOnce();
        return;
      case 'offline':
        this.set('$(cloud-offline) Quo offline', `Quo is unreachable: ${state.message} Click to retry.`, 'quo.refresh', false);
        return;
      case 'rate-limited':
        this.set('$(watch) Quo: slowing down', 'Quo is rate limiting requests; the extension is backing off.', undefined, false);
        return;
      case 'bad-config':
        this.set('$(warning) Quo: settings', state.message, 'quo.showLog', true);
        return;
      case 'no-key':
      case 'ready':
        this.item.hide();
        return;
    }
  }

  private set(text: string, tooltip: string, command: string | undefined, error: boolean): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = command;
    this.item.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  private promptOnce(): void {
    const fingerprint = this.session.key?.fingerprint;
    if (!fingerprint || this.promptedForKey === fingerprint) {
      return;
    }
    this.promptedForKey = fingerprint;
    void vscode.window
      .showErrorMessage('Quo refused the API key. The key was kept; set a new one if it was revoked.', 'Set API Key')
      .then((choice) => (choice ? vscode.commands.executeCommand('quo.setApiKey') : undefined));
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
