/**
 * Add, switch and remove Quo workspaces, and the older "Set API Key" / "Clear API Key", which act on the active one.
 * A new key is checked with one request (`GET /v1/phone-numbers`, whose first line names the workspace) before it is
 * stored, so a typo is caught at once with Quo's own message and nothing is stored for a key Quo refused.
 */
import * as vscode from 'vscode';
import { keyFormatProblem } from '../auth/keyFormat.js';
import { describeError, isQuoError } from '../quo/errors.js';
import { escapeIcons } from '../render/icons.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import type { ActiveWorkspace } from './activeWorkspace.js';
import { cleanWorkspaceName, MAX_WORKSPACE_NAME, uniqueWorkspaceName, workspaceNameProblem } from './workspaceNames.js';
import type { Workspace } from './workspaceStore.js';

type Checked = { readonly key: string; readonly firstLineName: string | undefined };

export class WorkspaceCommands {
  constructor(
    private readonly workspaces: ActiveWorkspace,
    private readonly sessions: WorkspaceSessions,
  ) {}

  handlers() {
    return {
      setApiKey: () => this.setApiKey(),
      clearApiKey: () => this.clearApiKey(),
      addWorkspace: () => this.addWorkspace(),
      switchWorkspace: () => this.switchWorkspace(),
      removeWorkspace: () => this.removeWorkspace(),
    };
  }

  /** With no stored workspace active it adds one; otherwise it replaces the active workspace's key. */
  async setApiKey(): Promise<boolean> {
    await this.workspaces.get();
    const active = this.workspaces.current;
    if (!active || active.source === 'environment') {
      return this.addWorkspace();
    }
    const checked = await this.askAndCheckKey(vscode.l10n.t('Quo: Set API Key'));
    if (!checked) {
      return false;
    }
    const other = await this.workspaces.replaceActiveKey(checked.key);
    if (other) {
      void vscode.window.showWarningMessage(vscode.l10n.t('This key is already stored as the workspace {0}.', other.name));
      return false;
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('Quo API key saved.'));
    return true;
  }

  async clearApiKey(): Promise<void> {
    await this.workspaces.get();
    const active = this.workspaces.current;
    if (!active) {
      await this.workspaces.reload();
      void vscode.window.showInformationMessage(vscode.l10n.t('No Quo API key is set.'));
      return;
    }
    if (active.source === 'environment') {
      // The variable may have changed since it was read (a shell that exported another one): read it again.
      await this.workspaces.reload();
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The QUO_API_KEY environment variable provides this key; it is not stored, so there is nothing to remove.'),
      );
      return;
    }
    await this.workspaces.remove(active.id);
    const next = this.workspaces.current;
    void vscode.window.showInformationMessage(
      next
        ? vscode.l10n.t('Quo API key of {0} removed. Now using {1}.', active.name, next.name)
        : vscode.l10n.t('Quo API key removed.'),
    );
  }

  async addWorkspace(): Promise<boolean> {
    return (await this.addAndReturn()) !== undefined;
  }

  /** Add Workspace: the new workspace, or undefined when the user gave up or the key was refused. */
  async addAndReturn(): Promise<Workspace | undefined> {
    const checked = await this.askAndCheckKey(vscode.l10n.t('Quo: Add Workspace'));
    if (!checked) {
      return undefined;
    }
    const all = this.workspaces.all;
    const suggested = uniqueWorkspaceName(checked.firstLineName ?? 'Quo', all);
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Quo: Add Workspace'),
      prompt: vscode.l10n.t('A name for this Quo workspace, shown in the status bar and the Accounts menu.'),
      value: suggested,
      ignoreFocusOut: true,
      validateInput: (text) =>
        [...text].length > MAX_WORKSPACE_NAME * 2 ? vscode.l10n.t('At most {0} characters.', MAX_WORKSPACE_NAME) : workspaceNameProblem(text, all),
    });
    if (name === undefined) {
      return undefined;
    }
    const result = await this.workspaces.add(checked.key, name);
    switch (result.kind) {
      case 'added':
        void vscode.window.showInformationMessage(vscode.l10n.t('Quo API key saved.'));
        return result.workspace;
      case 'duplicate':
        await this.offerRename(result.existing, name);
        return undefined;
      case 'bad-name':
        void vscode.window.showWarningMessage(result.problem);
        return undefined;
    }
  }

  async switchWorkspace(): Promise<void> {
    await this.workspaces.get();
    const all = this.workspaces.all;
    if (all.length === 0) {
      await this.addWorkspace();
      return;
    }
    const activeId = this.workspaces.current?.id;
    const picked = await vscode.window.showQuickPick(
      all.map((workspace) => ({
        label: escapeIcons(workspace.name),
        description: describe(workspace, workspace.id === activeId),
        workspace,
      })),
      { title: vscode.l10n.t('Quo: Switch Workspace'), placeHolder: vscode.l10n.t('The Quo workspace this window uses') },
    );
    if (picked) {
      await this.workspaces.switchTo(picked.workspace.id);
      // The command ends once the session uses the workspace, so a command run right after it (a keybinding, a
      // macro, another extension) already reaches the new workspace.
      await this.sessions.whenSwitched();
    }
  }

  async removeWorkspace(): Promise<void> {
    await this.workspaces.get();
    const removable = this.workspaces.all.filter((workspace) => workspace.source === 'secret-storage');
    if (removable.length === 0) {
      void vscode.window.showInformationMessage(
        this.workspaces.all.length > 0
          ? vscode.l10n.t('The QUO_API_KEY environment variable provides this key; it is not stored, so there is nothing to remove.')
          : vscode.l10n.t('No Quo workspace is stored.'),
      );
      return;
    }
    const activeId = this.workspaces.current?.id;
    const picked =
      removable.length === 1
        ? { workspace: removable[0] }
        : await vscode.window.showQuickPick(
            removable.map((workspace) => ({ label: escapeIcons(workspace.name), description: describe(workspace, workspace.id === activeId), workspace })),
            { title: vscode.l10n.t('Quo: Remove Workspace'), placeHolder: vscode.l10n.t('The workspace to remove, with its key') },
          );
    if (!picked) {
      return;
    }
    const remove = vscode.l10n.t('Remove');
    const confirmed = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove the Quo workspace {0} and its API key from this computer?', picked.workspace.name),
      { modal: true },
      remove,
    );
    if (confirmed === remove) {
      await this.workspaces.remove(picked.workspace.id);
    }
  }

  /** Sign Out of the environment's workspace in the Accounts menu: it cannot be removed; say why. */
  cannotRemove(): void {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('The QUO_API_KEY environment variable provides this key; it is not stored, so there is nothing to remove.'),
    );
  }

  private async offerRename(existing: Workspace, name: string): Promise<void> {
    const clean = cleanWorkspaceName(name);
    const rename = vscode.l10n.t('Rename to {0}', clean);
    const offer = clean !== '' && clean !== existing.name && workspaceNameProblem(clean, this.workspaces.all, existing.id) === undefined;
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('This key is already stored as the workspace {0}.', existing.name),
      ...(offer ? [rename] : []),
    );
    if (choice === rename) {
      await this.workspaces.rename(existing.id, clean);
    }
  }

  private async askAndCheckKey(title: string): Promise<Checked | undefined> {
    const value = await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t("Paste an API key from Quo (Settings → API). It is kept in VS Code's secret storage."),
      password: true,
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim().length === 0 ? vscode.l10n.t('Enter the API key.') : keyFormatProblem(text.trim())),
    });
    const key = value?.trim();
    if (!key) {
      return undefined;
    }
    try {
      // Cancellable: a slow or rate-limited Quo must never hold the user in a progress notification.
      const { firstLineName } = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the Quo API key…'), cancellable: true },
        async (_progress, token) => {
          const controller = new AbortController();
          const subscription = token.onCancellationRequested(() => controller.abort());
          try {
            return await this.sessions.checkKey(key, controller.signal);
          } finally {
            subscription.dispose();
          }
        },
      );
      return { key, firstLineName };
    } catch (error) {
      if (isQuoError(error) && error.kind === 'cancelled') {
        return undefined;
      }
      if (isQuoError(error) && error.isTransient) {
        const storeAnyway = vscode.l10n.t('Store Anyway');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('Could not check the key: {0} Store it anyway?', describeError(error)),
          storeAnyway,
        );
        return choice === storeAnyway ? { key, firstLineName: undefined } : undefined;
      }
      void vscode.window.showErrorMessage(
        isQuoError(error) && error.isUnauthorized
          ? vscode.l10n.t('Quo refused this API key: {0}', error.message)
          : vscode.l10n.t('Could not check the API key: {0}', describeError(error)),
      );
      return undefined;
    }
  }
}

function describe(workspace: Workspace, active: boolean): string {
  const parts = [active ? vscode.l10n.t('active in this window') : undefined, workspace.source === 'environment' ? vscode.l10n.t('from QUO_API_KEY') : undefined];
  return parts.filter((part) => part !== undefined).join(' · ');
}
