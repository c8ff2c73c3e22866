/**
 * One contact in one webview panel: loading, then the contact (or not found, the connection's trouble, an error, its
 * workspace removed), Refresh, and what the page asks for. The webview only renders and posts messages; everything it
 * asks for (copy, open a link, refresh, pin, more activity, a call's summary) is checked and done here.
 *
 * The panel keeps the Quo workspace it was opened in, whichever is active later, and shows its contact as soon as it is
 * known; the Activity section below the fields fills in on its own (activitySection.ts).
 */
import * as vscode from 'vscode';
import { Commands, OPEN_SETTINGS } from '../commands/commandIds.js';
import type { Availability } from '../connection/availability.js';
import { contactDisplayName } from '../contacts/contactName.js';
import type { PinnedContacts } from '../contacts/pinnedContacts.js';
import type { RecentContacts } from '../contacts/recentContacts.js';
import { isQuoError } from '../quo/errors.js';
import type { IndexWrite } from '../contacts/contactIndex.js';
import type { Contact } from '../quo/types.js';
import { forTitle } from '../render/nameLengths.js';
import { createNonce } from '../render/nonce.js';
import { panelTitle, renderPanelHtml, type PanelState } from '../render/panelHtml.js';
import { isPanelMessage, type HostMessage, type PanelMessage } from '../render/panelMessages.js';
import { quoContactWebUrl, safeHttpUrl } from '../render/urls.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import type { WorkspaceSession } from '../session/workspaceSession.js';
import type { Settings } from '../settings/settingsPolicy.js';
import { ActivitySection } from './activitySection.js';
import { MentionsSection } from './mentionsSection.js';
import { audioSettings } from './recordings/audioSettings.js';
import type { ContactMentions } from '../mentions/contactMentions.js';
import type { PanelEditor } from './editing/panelEditor.js';
import { loadEditing } from './editingLoader.js';

/** What panels need to know of the workspaces: names to show, and when the list changes. */
export interface PanelWorkspaces {
  nameAmongSeveral(workspaceId: string | undefined): string | undefined;
  readonly onDidChangeWorkspaces: vscode.Event<void>;
}

/** What every panel shares: the manager's parts, read at each use. */
export interface PanelContext {
  readonly extensionUri: vscode.Uri;
  readonly sessions: WorkspaceSessions;
  readonly workspaceNames: PanelWorkspaces;
  readonly recent: RecentContacts;
  readonly pinned?: PinnedContacts | undefined;
  /** The settings as they are now. */
  readonly settings: () => Pick<Settings, 'activityEnabled' | 'defaultCountry' | 'readOnly' | 'apiBaseUrl' | 'requestTimeoutMs'>;
  /** The workspace's mentions of contacts ("Mentioned in"); absent where there are none to show. */
  readonly mentions?: ContactMentions | undefined;
  /** The panel was closed. */
  forget(view: ContactView): void;
}

export class ContactView implements vscode.Disposable {
  private contact: Contact | undefined;
  private creatorName: string | undefined;
  private loading: AbortController | undefined;
  /** Aborted on dispose: ends every request of this panel that outlives a load. */
  private readonly lifetime = new AbortController();
  private readonly activity: ActivitySection;
  private readonly mentions: MentionsSection;
  /** What was rendered last, so a pin made elsewhere (the sidebar) can redraw the pin button. */
  private shown:
    | { state: PanelState; availability: Availability | undefined; errorMessage: string | undefined; pinned: boolean }
    | undefined;
  /** What the last render showed of the workspaces (see frame()). */
  private shownFrame: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The session of the panel's workspace, as of the last load. */
  private session: WorkspaceSession;
  private sessionSubscription: vscode.Disposable | undefined;
  /** Whether the page shows the edit form (the contact's own answer then waits for the form to close). */
  private editing = false;
  /** `quo.readOnly` as of the last render. */
  private shownReadOnly = false;
  /** Editing, created on the first edit message (its code is a chunk of its own, loaded then). */
  private editor: PanelEditor | undefined;

  constructor(
    readonly id: string,
    readonly panel: vscode.WebviewPanel,
    private readonly context: PanelContext,
    /**
     * The Quo workspace the panel belongs to, whichever is active later. Undefined while there was no workspace when
     * it opened: it then takes the first one that becomes active.
     */
    private workspaceId: string | undefined,
  ) {
    this.session = context.sessions.active;
    this.activity = new ActivitySection(
      {
        session: () => this.session,
        contact: () => this.contact,
        showsContact: () => this.shown?.state === 'ready',
        visible: () => this.panel.visible,
        enabled: () => this.context.settings().activityEnabled,
        defaultCountry: () => this.context.settings().defaultCountry,
        audio: () => audioSettings(this.context.settings()),
        post: (message) => this.post(message),
      },
      this.lifetime.signal,
    );
    this.mentions = new MentionsSection(
      { contact: () => this.contact, showsContact: () => this.shown?.state === 'ready', post: (message) => this.post(message) },
      context.mentions,
    );
    this.disposables.push(
      this.mentions,
      // The handling is returned: VS Code drops it, and a wrapper of the panel (the test API's) may wait for it.
      panel.webview.onDidReceiveMessage((message: unknown) => (isPanelMessage(message) ? this.handle(message) : undefined)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (panel.visible) {
          this.activity.maybeLoad();
        }
      }),
    );
  }

  /** Whether the panel shows contact `id` of the active workspace (Open Contact then reveals it). */
  shows(id: string, activeWorkspaceId: string | undefined): boolean {
    return this.id === id && (this.workspaceId === undefined || this.workspaceId === activeWorkspaceId);
  }

  async load(force = false, attempt = 0): Promise<void> {
    this.loading?.abort();
    const controller = (this.loading = new AbortController());
    this.render('loading');
    const session = await this.ownSession();
    if (controller.signal.aborted) {
      return;
    }
    if (!session) {
      this.contact = undefined;
      this.activity.reset();
      this.render('workspace-removed');
      return;
    }
    this.use(session);
    if (force) {
      session.contacts.forget(this.id);
    }
    try {
      const result = await session.contacts.resolve(this.id, { signal: controller.signal, priority: 'interactive' });
      if (controller.signal.aborted) {
        return;
      }
      if (result.kind === 'not-found') {
        this.contact = undefined;
        this.activity.reset();
        this.render('not-found');
        return;
      }
      this.contact = result.contact;
      this.activity.prepare(result.contact, force);
      this.panel.title = forTitle(contactDisplayName(result.contact));
      // Recent in the order contacts were opened, not the order their creators' names came back.
      if (this.isActiveWorkspace()) {
        // Recent and pinned are the active workspace's lists: another workspace's contact does not belong there.
        void this.context.recent.add({ id: this.id, name: contactDisplayName(result.contact) });
      }
      this.creatorName = await session.contacts.userName(result.contact.createdByUserId, {
        signal: controller.signal,
        priority: 'interactive',
      });
      if (controller.signal.aborted) {
        return;
      }
      this.render('ready');
      this.activity.maybeLoad();
    } catch (error) {
      if (controller.signal.aborted) {
        return;
      }
      if (isQuoError(error) && error.kind === 'cancelled') {
        // Not this panel's cancel: its session gave the request up (the session was replaced, or its answers were
        // dropped). Left as it is, the panel would say "Loading" for good; it asks its workspace's session again.
        if (attempt < 2) {
          await this.load(force, attempt + 1);
          return;
        }
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
    const pinned = this.context.pinned?.isPinned(this.id) === true;
    this.shown = { state, availability, errorMessage, pinned };
    this.shownFrame = this.frame();
    if (!this.contact || state === 'not-found') {
      this.panel.title = panelTitle({ state, ...(availability ? { availability } : {}) });
    }
    const webview = this.panel.webview;
    const extensionUri = this.context.extensionUri;
    const asUri = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
    const activityHtml = state === 'ready' ? this.activity.sectionHtml() : undefined;
    const mentionsHtml = state === 'ready' ? this.mentions.sectionHtml() : undefined;
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
      defaultCountry: this.context.settings().defaultCountry,
      pinned,
      canPin: this.isActiveWorkspace(),
      canEdit: state === 'ready' && !(this.shownReadOnly = this.context.settings().readOnly),
      ...(this.workspaceId === undefined ? {} : { workspaceId: this.workspaceId }),
      ...this.workspaceName(),
      ...(activityHtml === undefined ? {} : { activityHtml }),
      ...(mentionsHtml === undefined ? {} : { mentionsHtml }),
    });
  }

  /**
   * Another workspace became active, or workspaces were added, renamed or removed. A panel keeps its own workspace:
   * it loads again only when that workspace's session is another one (its key was replaced, the server changed, it
   * was removed), or when it had none and one became active; otherwise it redraws, since the name may have changed.
   */
  async workspacesChanged(): Promise<void> {
    const session = await this.ownSession();
    if (session === this.session && this.shown?.state !== 'workspace-removed') {
      // Setting the page's HTML again reloads it, and a reloaded page can take the focus from a quick input the user
      // is typing in (seen in the UI runs: every SecretStorage change of an Add Workspace redrew every panel). Only a
      // change to what the panel shows of the workspaces redraws it.
      if (this.frame() !== this.shownFrame) {
        this.rerender();
      }
      return;
    }
    this.activity.reset();
    this.activity.forgetUserNames();
    await this.load();
  }

  /** `quo.activity.enabled` turned on or off: the section appears (and loads while visible) or goes. */
  settingsChanged(): void {
    const readOnly = this.context.settings().readOnly;
    if (readOnly !== this.shownReadOnly && this.shown?.state === 'ready') {
      // Edit and Delete appear or go; an open form is closed by the page's resumeEdit being refused.
      this.rerender();
    }
    const enabled = this.context.settings().activityEnabled;
    if (!enabled && this.activity.shown) {
      this.activity.reset();
      this.rerender();
    } else if (enabled && !this.activity.shown && this.contact && this.shown?.state === 'ready') {
      this.activity.prepare(this.contact, false);
      this.rerender();
      this.activity.maybeLoad();
    }
  }

  /**
   * A contact was created, changed or deleted in this window: a panel of it in that workspace shows the answer at
   * once (no request), or closes when it was deleted. The panel that is editing it keeps its form.
   */
  written(session: WorkspaceSession, write: IndexWrite): void {
    if (session !== this.session) {
      return;
    }
    if (write.kind === 'deleted') {
      if (write.id === this.id) {
        this.panel.dispose();
      }
      return;
    }
    if (write.contact.id !== this.id || this.editing) {
      return;
    }
    this.contact = write.contact;
    this.panel.title = forTitle(contactDisplayName(write.contact));
    this.render('ready');
  }

  /** Redraws if the contact was pinned or unpinned since the panel was drawn. */
  pinsChanged(): void {
    if (this.shown && this.shown.pinned !== (this.context.pinned?.isPinned(this.id) === true)) {
      this.rerender();
    }
  }

  dispose(): void {
    this.sessionSubscription?.dispose();
    this.loading?.abort();
    this.activity.dispose();
    this.lifetime.abort();
    this.context.forget(this);
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }

  /** Its own workspace's session; the active one's while it has none; undefined once its workspace was removed. */
  private async ownSession(): Promise<WorkspaceSession | undefined> {
    const quo = this.context.sessions;
    await quo.ready;
    this.workspaceId ??= quo.active.key?.workspaceId;
    return this.workspaceId === undefined ? quo.active : quo.sessionOfWorkspace(this.workspaceId);
  }

  /** What the page shows of the workspaces: its workspace's name (with two or more) and whether it may pin. */
  private frame(): string {
    return JSON.stringify([this.workspaceName().workspaceName ?? null, this.isActiveWorkspace()]);
  }

  private isActiveWorkspace(): boolean {
    return this.session === this.context.sessions.active;
  }

  private workspaceName(): { readonly workspaceName?: string } {
    const name = this.context.workspaceNames.nameAmongSeveral(this.workspaceId);
    return name === undefined ? {} : { workspaceName: name };
  }

  private use(session: WorkspaceSession): void {
    if (session === this.session && this.sessionSubscription) {
      return;
    }
    this.sessionSubscription?.dispose();
    this.session = session;
    this.sessionSubscription = session.onDidChangeAvailability((state) => this.availabilityChanged(state));
  }

  /** Loads again if the panel is waiting for the connection (a key was set, Quo answers again). */
  private availabilityChanged(state: Availability): void {
    if (state.kind !== 'ready') {
      return;
    }
    if (this.shown?.state === 'unavailable') {
      void this.load();
      return;
    }
    this.activity.retry();
  }

  private editorOf(): PanelEditor {
    this.editor ??= loadEditing().createPanelEditor({
      contactId: this.id,
      session: () => this.session,
      contact: () => this.contact,
      post: (message) => this.post(message),
      editing: (shown) => {
        this.editing = shown;
      },
      saved: (contact) => {
        this.contact = contact;
        this.panel.title = forTitle(contactDisplayName(contact));
        this.render('ready');
      },
      defaultCountry: () => this.context.settings().defaultCountry,
      readOnly: () => this.context.settings().readOnly,
      workspaceName: () => this.context.workspaceNames.nameAmongSeveral(this.workspaceId),
    });
    return this.editor;
  }

  private rerender(): void {
    if (this.shown) {
      this.render(this.shown.state, this.shown.errorMessage, this.shown.availability);
    }
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
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
      case 'openInActiveWorkspace':
        if (this.shown?.state === 'workspace-removed') {
          this.workspaceId = undefined;
          await this.load();
        }
        return;
      case 'setApiKey':
        await vscode.commands.executeCommand(Commands.setApiKey);
        return;
      case 'openSettings':
        await vscode.commands.executeCommand(OPEN_SETTINGS.command, ...OPEN_SETTINGS.arguments);
        return;
      case 'togglePin':
        if (!this.isActiveWorkspace()) {
          return;
        }
        // Redrawn through the pins' change event, like a pin made in the sidebar.
        await this.context.pinned?.toggle({ id: this.id, name: this.contact ? contactDisplayName(this.contact) : this.id });
        return;
      case 'ready':
        // The page was drawn (again): it has the section as the HTML held it, maybe older than what was posted since.
        this.activity.post();
        this.activity.maybeLoad();
        this.mentions.post();
        return;
      case 'openMention':
      case 'findMentions':
        await this.mentions.handle(message);
        return;
      case 'moreActivity':
      case 'retryActivity':
      case 'expandCall':
      case 'playRecording':
        await this.activity.handle(message);
        return;
      default:
        await this.editorOf().handle(message);
        return;
    }
  }
}
