/**
 * The status bar's view of the session's availability: an item that appears only in the states the copy table gives
 * status bar text (a refused key, bad settings, offline, rate limited) and disappears when fixed. This is the one
 * place such states are announced, so a burst of failures never becomes a burst of pop-ups. A refused key
 * additionally gets one notification with a way to fix it, once per key. Once there are two Quo workspaces, the item
 * always shows and names the active one (`$(organization) Acme`, or `$(key) Acme: key refused`), and opens the
 * switcher when all is well.
 */
import * as vscode from 'vscode';
import { availabilityCommand, Commands } from '../commands/commandIds.js';
import type { Availability } from '../connection/availability.js';
import { availabilityCopy } from '../connection/availabilityCopy.js';
import { Disposable } from '../common/lifecycle.js';
import { escapeIcons } from '../render/icons.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';

/** What the item needs to know of the workspaces: the active one's name, when there are several. */
export interface WorkspaceNames {
  /** The active workspace's name when there are at least two, else undefined. */
  activeNameAmongSeveral(): string | undefined;
  readonly onDidChangeWorkspaces: vscode.Event<void>;
}

export class StatusBar extends Disposable implements vscode.Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('quo.connection', vscode.StatusBarAlignment.Left, 0));
  private promptedForKey: string | undefined;

  constructor(
    private readonly sessions: WorkspaceSessions,
    private readonly workspaces: WorkspaceNames,
  ) {
    super();
    this.item.name = 'Quo Contacts';
    this.register(sessions.onDidChangeAvailability((state) => this.show(state)));
    this.register(workspaces.onDidChangeWorkspaces(() => this.show(sessions.active.availability)));
    this.register(sessions.onDidChangeAccount(() => this.show(sessions.active.availability)));
    this.show(sessions.active.availability);
  }

  private show(state: Availability): void {
    const copy = availabilityCopy(state);
    const name = this.workspaces.activeNameAmongSeveral();
    if (copy.statusBar === 'hidden') {
      if (name === undefined) {
        this.item.hide();
        return;
      }
      this.item.text = `$(organization) ${escapeIcons(name)}`;
      this.item.tooltip = vscode.l10n.t('Quo workspace of this window: {0}. Click to switch.', name);
      this.item.command = { title: vscode.l10n.t('Switch Workspace…'), command: Commands.switchWorkspace };
      this.item.backgroundColor = undefined;
      this.item.show();
      return;
    }
    this.item.text =
      name === undefined ? copy.statusBar.text : `$(${copy.statusBar.icon}) ${vscode.l10n.t('{0}: {1}', escapeIcons(name), copy.statusBar.label)}`;
    // Plain text: a detail may carry a server's words, which must never render as markdown or icons.
    const click = copy.actionLabel ? `\n\n${vscode.l10n.t('Click to run {0}.', copy.actionLabel)}` : '';
    this.item.tooltip = `${copy.title}\n\n${copy.detail}${click}`;
    const action = copy.action ? availabilityCommand(copy.action) : undefined;
    this.item.command = action ? { title: copy.actionLabel ?? '', command: action.command, arguments: [...(action.arguments ?? [])] } : undefined;
    this.item.backgroundColor = copy.statusBar.error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
    if (state.kind === 'key-refused') {
      this.promptOnce();
    }
  }

  /** What the item shows, undefined while hidden (the test API reads it; no public API can). */
  get shown(): { readonly text: string; readonly tooltip: string; readonly command: string | undefined } | undefined {
    if (availabilityCopy(this.sessions.active.availability).statusBar === 'hidden' && this.workspaces.activeNameAmongSeveral() === undefined) {
      return undefined;
    }
    const tooltip = this.item.tooltip;
    const command = this.item.command;
    return {
      text: this.item.text,
      tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
      command: typeof command === 'string' ? command : command?.command,
    };
  }

  private promptOnce(): void {
    const fingerprint = this.sessions.active.key?.fingerprint;
    if (!fingerprint || this.promptedForKey === fingerprint) {
      return;
    }
    this.promptedForKey = fingerprint;
    void vscode.window
      .showErrorMessage(vscode.l10n.t('Quo refused the API key. The key was kept; set a new one if it was revoked.'), vscode.l10n.t('Set API Key'))
      .then((choice) => (choice ? vscode.commands.executeCommand(Commands.setApiKey) : undefined));
  }
}
