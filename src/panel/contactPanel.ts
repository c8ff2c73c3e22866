/**
 * The contact panels of the window: Quo: Open Contact opens one per contact and workspace (opening it again reveals
 * it), and panels come back after a window reload through the serializer, each in the Quo workspace it was saved
 * with. Each panel is a ContactView (contactView.ts).
 */
import * as vscode from 'vscode';
import type { ContactMentions } from '../mentions/contactMentions.js';
import type { PinnedContacts } from '../contacts/pinnedContacts.js';
import type { RecentContacts } from '../contacts/recentContacts.js';
import { isPanelWebviewState, type PanelWebviewState } from '../render/panelMessages.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import type { Settings } from '../settings/settingsPolicy.js';
import type { ContactView, PanelContext, PanelWorkspaces } from './contactView.js';
import type * as ViewChunk from './contactViewChunk.js';

let viewChunk: typeof ViewChunk | undefined;

/** The panel's view, dist/panelView.js in the bundle (esbuild.mjs), required with the first panel. */
function views(): typeof ViewChunk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  viewChunk ??= require('./contactViewChunk.js') as typeof ViewChunk;
  return viewChunk;
}

export const CONTACT_VIEW_TYPE = 'quo.contact';

/** Stands in for a panel the manager is about to use (see ContactPanelManager.wrapPanels). */
export type PanelWrapper = (panel: vscode.WebviewPanel, contactId: string) => vscode.WebviewPanel;

export class ContactPanelManager implements vscode.WebviewPanelSerializer<PanelWebviewState>, vscode.Disposable, PanelContext {
  /**
   * Open Contact reveals the active workspace's panel of a contact rather than open a second one; restored panels and
   * one moved to the active workspace (its own removed) are not checked, so two may show the same contact.
   */
  private readonly views = new Set<ContactView>();
  private readonly subscriptions: vscode.Disposable[];
  private wrap: PanelWrapper = (panel) => panel;

  constructor(
    readonly extensionUri: vscode.Uri,
    readonly sessions: WorkspaceSessions,
    readonly workspaceNames: PanelWorkspaces,
    readonly recent: RecentContacts,
    readonly pinned?: PinnedContacts,
    /** The settings as they are now (read at each use). */
    readonly settings: () => Pick<Settings, 'activityEnabled' | 'defaultCountry' | 'readOnly' | 'apiBaseUrl' | 'requestTimeoutMs'> = () => ({
      activityEnabled: true,
      defaultCountry: 'US',
      readOnly: false,
      apiBaseUrl: 'https://api.quo.com',
      requestTimeoutMs: 10_000,
    }),
    /** "Mentioned in" on each panel. */
    readonly mentions?: ContactMentions,
  ) {
    const workspacesChanged = (): void => {
      for (const view of this.views) {
        void view.workspacesChanged();
      }
    };
    this.subscriptions = [sessions.onDidChangeAccount(workspacesChanged), workspaceNames.onDidChangeWorkspaces(workspacesChanged)];
    const wrote = sessions.onDidWrite(({ session, write }) => {
      for (const view of [...this.views]) {
        view.written(session, write);
      }
      // Recent and pinned are the active workspace's lists: a contact deleted there leaves them.
      if (write.kind === 'deleted' && session === sessions.active) {
        void recent.remove(write.id);
        void pinned?.unpin(write.id);
      }
    });
    this.subscriptions.push({ dispose: () => wrote.dispose() });
    if (pinned) {
      const subscription = pinned.onDidChange(() => {
        for (const view of this.views) {
          view.pinsChanged();
        }
      });
      this.subscriptions.push({ dispose: () => subscription.dispose() });
    }
  }

  webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
  }

  /** Opens contact `id` of the active workspace, or reveals the panel that shows it. */
  show(id: string): vscode.WebviewPanel {
    const active = this.sessions.active.key?.workspaceId;
    const existing = [...this.views].find((view) => view.shows(id, active));
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(CONTACT_VIEW_TYPE, vscode.l10n.t('Quo Contact'), vscode.ViewColumn.Active, this.webviewOptions());
    this.adopt(id, panel, active);
    return panel;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (!isPanelWebviewState(state)) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    // A panel saved before several workspaces existed has no workspace: it takes the active one.
    await this.sessions.ready;
    this.adopt(state.contactId, panel, state.workspaceId ?? this.sessions.active.key?.workspaceId);
  }

  /**
   * Every panel opened or restored from now on is used through `wrap`. Only the test API calls this, in test mode
   * (production builds leave it out): its wrapper sees what each page is given and hands a panel messages as if its
   * page had posted them, so that no panel keeps anything for tests.
   */
  wrapPanels(wrap: PanelWrapper): void {
    this.wrap = wrap;
  }

  /** A setting changed: panels add or drop their Activity section. */
  settingsChanged(): void {
    for (const view of this.views) {
      view.settingsChanged();
    }
  }

  forget(view: ContactView): void {
    this.views.delete(view);
  }

  dispose(): void {
    for (const view of [...this.views]) {
      view.panel.dispose();
    }
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }

  private adopt(id: string, panel: vscode.WebviewPanel, workspaceId: string | undefined): void {
    const view = new (views().ContactView)(id, this.wrap(panel, id), this, workspaceId);
    this.views.add(view);
    void view.load();
  }
}
