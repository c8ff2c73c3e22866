/**
 * One webview panel per contact: opening the same contact again reveals its panel, and panels come back after a
 * window reload through the serializer. The webview only renders and posts messages; everything it asks for (copy,
 * open a link, refresh) is checked and done here.
 */
import * as vscode from 'vscode';
import type { PinnedContacts } from '../contacts/pinnedContacts.js';
import type { RecentContacts } from '../contacts/recentContacts.js';
import { Commands, OPEN_SETTINGS } from '../commands/commandIds.js';
import { isQuoError } from '../quo/errors.js';
import type { Contact } from '../quo/types.js';
import type { QuoSession } from '../session/quoSession.js';
import { contactDisplayName } from '../render/contactName.js';
import { forTitle } from '../render/nameLengths.js';
import { panelTitle, renderPanelHtml, type PanelState } from '../render/panelHtml.js';
import type { Availability } from '../session/availability.js';
import { createNonce } from '../render/nonce.js';
import { quoContactWebUrl, safeHttpUrl } from '../render/urls.js';
import { isPanelMessage, isPanelWebviewState, type PanelMessage, type PanelWebviewState } from './messages.js';

export const CONTACT_VIEW_TYPE = 'quo.contact';


class ContactPanel implements vscode.Disposable {
  private contact: Contact | undefined;
  private creatorName: string | undefined;
  private loading: AbortController | undefined;
  /** What was rendered last, so a pin made elsewhere (the sidebar) can redraw the pin button. */
  private shown:
    | { state: PanelState; availability: Availability | undefined; errorMessage: string | undefined; pinned: boolean }
    | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly id: string,
    readonly panel: vscode.WebviewPanel,
    private readonly manager: ContactPanelManager,
  ) {
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isPanelMessage(message)) {
          void this.handle(message);
        }
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  async load(force = false): Promise<void> {
    this.loading?.abort();
    const controller = (this.loading = new AbortController());
    const session = this.manager.session;
    if (force) {
      session.forget(this.id);
    }
    this.render('loading');
    await session.ready;
    try {
      const result = await session.resolve(this.id, { signal: controller.signal, priority: 'interactive' });
      if (controller.signal.aborted) {
        return;
      }
      if (result.kind === 'not-found') {
        this.contact = undefined;
        this.render('not-found');
        return;
      }
      this.contact = result.contact;
      this.panel.title = forTitle(contactDisplayName(result.contact));
      // Recent in the order contacts were opened, not the order their creators' names came back.
      void this.manager.recent.add({ id: this.id, name: contactDisplayName(result.contact) });
      this.creatorName = await session.userName(result.contact.createdByUserId, {
        signal: controller.signal,
        priority: 'interactive',
      });
      if (controller.signal.aborted) {
        return;
      }
      this.render('ready');
    } catch (error) {
      if (controller.signal.aborted || (isQuoError(error) && error.kind === 'cancelled')) {
        return;
      }
      const availability = session.availabilityAfter(error);
      if (availability) {
        this.render('unavailable', undefined, availability);
      } else {
        this.render('error', session.describeFailure(error));
      }
    }
  }

  render(state: PanelState, errorMessage?: string, availability?: Availability): void {
    const pinned = this.manager.pinned?.isPinned(this.id) === true;
    this.shown = { state, availability, errorMessage, pinned };
    if (!this.contact || state === 'not-found') {
      this.panel.title = panelTitle({ state, ...(availability ? { availability } : {}) });
    }
    const webview = this.panel.webview;
    const extensionUri = this.manager.extensionUri;
    const asUri = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
    webview.html = renderPanelHtml({
      state,
      ...(availability ? { availability } : {}),
      contact: state === 'ready' ? this.contact : undefined,
      contactId: this.id,
      errorMessage,
      creatorName: this.creatorName,
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: asUri('dist', 'webview', 'panel.js'),
      styleUri: asUri('media', 'panel.css'),
      codiconsUri: asUri('dist', 'codicons', 'codicon.css'),
      locale: vscode.env.language,
      pinned,
    });
  }

  /** Loads again if the panel is waiting for the connection (a key was set, Quo answers again). */
  availabilityChanged(state: Availability): void {
    if (state.kind === 'ready' && this.shown?.state === 'unavailable') {
      void this.load();
    }
  }

  /** Redraws if the contact was pinned or unpinned since the panel was drawn. */
  pinsChanged(): void {
    if (this.shown && this.shown.pinned !== (this.manager.pinned?.isPinned(this.id) === true)) {
      this.render(this.shown.state, this.shown.errorMessage, this.shown.availability);
    }
  }

  private async handle(message: PanelMessage): Promise<void> {
    switch (message.type) {
      case 'copy':
        await vscode.env.clipboard.writeText(message.value);
        vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Copied')}`, 2000);
        return;
      case 'copyJson':
        if (this.contact) {
          await vscode.env.clipboard.writeText(JSON.stringify(this.contact, null, 2));
          vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Copied contact as JSON')}`, 2000);
        }
        return;
      case 'openLink': {
        // The webview is not trusted to have checked: only http(s) leaves the editor, never javascript: or command:.
        const url = safeHttpUrl(message.url);
        if (url) {
          await vscode.env.openExternal(vscode.Uri.parse(url, true));
        }
        return;
      }
      case 'openInQuo':
        await vscode.env.openExternal(vscode.Uri.parse(quoContactWebUrl(this.id), true));
        return;
      case 'refresh':
      case 'retry':
        await this.load(true);
        return;
      case 'setApiKey':
        await vscode.commands.executeCommand(Commands.setApiKey);
        return;
      case 'openSettings':
        await vscode.commands.executeCommand(OPEN_SETTINGS.command, ...OPEN_SETTINGS.arguments);
        return;
      case 'togglePin':
        // Redrawn through the pins' change event, like a pin made in the sidebar.
        await this.manager.pinned?.toggle({ id: this.id, name: this.contact ? contactDisplayName(this.contact) : this.id });
        return;
      default:
        return;
    }
  }

  dispose(): void {
    this.loading?.abort();
    this.manager.forget(this);
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}

export class ContactPanelManager implements vscode.WebviewPanelSerializer<PanelWebviewState>, vscode.Disposable {
  private readonly panels = new Map<string, ContactPanel>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    readonly extensionUri: vscode.Uri,
    readonly session: QuoSession,
    readonly recent: RecentContacts,
    readonly pinned?: PinnedContacts,
  ) {
    this.subscriptions = [
      // Another key may be another workspace: what the panels show may no longer be visible to the user.
      session.onDidChangeAccount(() => {
        for (const panel of this.panels.values()) {
          void panel.load();
        }
      }),
      session.onDidChangeAvailability((state) => {
        for (const panel of this.panels.values()) {
          panel.availabilityChanged(state);
        }
      }),
    ];
    if (pinned) {
      const subscription = pinned.onDidChange(() => {
        for (const panel of this.panels.values()) {
          panel.pinsChanged();
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

  show(id: string): vscode.WebviewPanel {
    const existing = this.panels.get(id);
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(CONTACT_VIEW_TYPE, vscode.l10n.t('Quo Contact'), vscode.ViewColumn.Active, this.webviewOptions());
    this.adopt(id, panel);
    return panel;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (!isPanelWebviewState(state)) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.adopt(state.contactId, panel);
  }

  /** The ids of open panels, for tests and for refreshing after a key change. */
  openIds(): string[] {
    return [...this.panels.keys()];
  }

  panelFor(id: string): vscode.WebviewPanel | undefined {
    return this.panels.get(id)?.panel;
  }

  forget(panel: ContactPanel): void {
    if (this.panels.get(panel.id) === panel) {
      this.panels.delete(panel.id);
    }
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) {
      panel.panel.dispose();
    }
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }

  private adopt(id: string, panel: vscode.WebviewPanel): void {
    const contactPanel = new ContactPanel(id, panel, this);
    this.panels.set(id, contactPanel);
    void contactPanel.load();
  }
}
