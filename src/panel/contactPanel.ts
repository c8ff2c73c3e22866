/**
 * One webview panel per contact: opening the same contact again reveals its panel, and panels come back after a
 * window reload through the serializer. The webview only renders and posts messages; everything it asks for (copy,
 * open a link, refresh, more activity, a call's summary) is checked and done here.
 *
 * The contact's fields show as soon as the contact is known; its calls and messages (the Activity section) are asked
 * for only while the panel is visible and `quo.activity.enabled` is on, and reach the page through postMessage, so
 * the page keeps its scroll and what the user expanded. A panel restored after a reload in a background tab asks
 * nothing until it is shown.
 */
import * as vscode from 'vscode';
import type { PinnedContacts } from '../contacts/pinnedContacts.js';
import type { RecentContacts } from '../contacts/recentContacts.js';
import { Commands, OPEN_SETTINGS } from '../commands/commandIds.js';
import { isQuoError } from '../quo/errors.js';
import type { Contact } from '../quo/types.js';
import type { ContactActivity } from '../activity/activityLoader.js';
import type { Fetched, QuoSession, WorkspaceSession } from '../session/quoSession.js';
import { contactDisplayName } from '../contacts/contactName.js';
import { forTitle } from '../render/nameLengths.js';
import {
  renderActivityBody,
  renderActivitySection,
  renderCallDetails,
  type ActivityRenderOptions,
  type ActivityView,
  type CallDetailPart,
} from '../render/activityHtml.js';
import { panelTitle, renderPanelHtml, type PanelState } from '../render/panelHtml.js';
import { contactNumbers } from '../activity/activityPlan.js';
import type { Settings } from '../settings/settingsPolicy.js';
import type { PhoneNumber } from '../quo/types.js';
import type { Availability } from '../connection/availability.js';
import { createNonce } from '../render/nonce.js';
import { quoContactWebUrl, safeHttpUrl } from '../render/urls.js';
import {
  isPanelMessage,
  isPanelWebviewState,
  type HostMessage,
  type PanelMessage,
  type PanelWebviewState,
} from '../render/panelMessages.js';

export const CONTACT_VIEW_TYPE = 'quo.contact';


/** Teammates not on their line whose names a panel looks up (one request each, cached): a few, not a storm. */
const MAX_USER_LOOKUPS = 5;

/** Which contact an Activity section belongs to: its id and numbers (other numbers are another plan). */
function activityKeyOf(contact: Contact): string {
  return JSON.stringify([contact.id, contact.defaultFields.phoneNumbers.map((phone) => phone.value)]);
}

class ContactPanel implements vscode.Disposable {
  private contact: Contact | undefined;
  private creatorName: string | undefined;
  private loading: AbortController | undefined;
  /** The Activity section's state; undefined while it is not shown (activity off, or no contact). */
  private activity: ActivityView | undefined;
  /** activityKeyOf the contact `activity` is about. */
  private activityKey: string | undefined;
  private activityLoad: AbortController | undefined;
  /** The lines the last answer was drawn with: names stay when the lines' cache entry expires. */
  private activityLines: readonly PhoneNumber[] | undefined;
  private readonly userNames = new Map<string, string>();
  /** Each expanded call's rendered summary and transcript, so a page drawn again gets them without a request. */
  private readonly callDetails = new Map<string, string>();
  private readonly callDetailsLoading = new Set<string>();
  /** Aborted on dispose: ends every summary and transcript request of this panel. */
  private readonly lifetime = new AbortController();
  /** The Activity section's body as last drawn or posted, for tests. */
  lastActivityHtml: string | undefined;
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

  constructor(
    readonly id: string,
    readonly panel: vscode.WebviewPanel,
    private readonly manager: ContactPanelManager,
    /**
     * The Quo workspace the panel belongs to, whichever is active later. Undefined while there was no workspace when
     * it opened: it then takes the first one that becomes active.
     */
    private workspaceId: string | undefined,
  ) {
    this.session = manager.session.active;
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isPanelMessage(message)) {
          void this.handle(message);
        }
      }),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (panel.visible) {
          this.maybeLoadActivity();
        }
      }),
    );
  }

  /** Whether the panel shows contact `id` of the active workspace (Open Contact then reveals it). */
  shows(id: string, activeWorkspaceId: string | undefined): boolean {
    return this.id === id && (this.workspaceId === undefined || this.workspaceId === activeWorkspaceId);
  }

  async load(force = false): Promise<void> {
    this.loading?.abort();
    const controller = (this.loading = new AbortController());
    this.render('loading');
    const session = await this.ownSession();
    if (controller.signal.aborted) {
      return;
    }
    if (!session) {
      this.contact = undefined;
      this.resetActivity();
      this.render('workspace-removed');
      return;
    }
    this.use(session);
    if (force) {
      session.forget(this.id);
    }
    try {
      const result = await session.resolve(this.id, { signal: controller.signal, priority: 'interactive' });
      if (controller.signal.aborted) {
        return;
      }
      if (result.kind === 'not-found') {
        this.contact = undefined;
        this.resetActivity();
        this.render('not-found');
        return;
      }
      this.contact = result.contact;
      this.prepareActivity(result.contact, force);
      this.panel.title = forTitle(contactDisplayName(result.contact));
      // Recent in the order contacts were opened, not the order their creators' names came back.
      if (this.isActiveWorkspace()) {
        // Recent and pinned are the active workspace's lists: another workspace's contact does not belong there.
        void this.manager.recent.add({ id: this.id, name: contactDisplayName(result.contact) });
      }
      this.creatorName = await session.userName(result.contact.createdByUserId, {
        signal: controller.signal,
        priority: 'interactive',
      });
      if (controller.signal.aborted) {
        return;
      }
      this.render('ready');
      this.maybeLoadActivity();
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
    this.shownFrame = this.frame();
    if (!this.contact || state === 'not-found') {
      this.panel.title = panelTitle({ state, ...(availability ? { availability } : {}) });
    }
    const webview = this.panel.webview;
    const extensionUri = this.manager.extensionUri;
    const asUri = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
    let activityHtml: string | undefined;
    if (state === 'ready' && this.activity) {
      const options = this.activityOptions();
      activityHtml = renderActivitySection(this.activity, options);
      this.lastActivityHtml = renderActivityBody(this.activity, options);
    }
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
      canPin: this.isActiveWorkspace(),
      ...(this.workspaceId === undefined ? {} : { workspaceId: this.workspaceId }),
      ...this.workspaceName(),
      ...(activityHtml === undefined ? {} : { activityHtml }),
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
    this.resetActivity();
    this.userNames.clear();
    await this.load();
  }

  /** Its own workspace's session; the active one's while it has none; undefined once its workspace was removed. */
  private async ownSession(): Promise<WorkspaceSession | undefined> {
    const quo = this.manager.session;
    await quo.ready;
    this.workspaceId ??= quo.active.key?.workspaceId;
    return this.workspaceId === undefined ? quo.active : quo.sessionOfWorkspace(this.workspaceId);
  }

  /** What the page shows of the workspaces: its workspace's name (with two or more) and whether it may pin. */
  private frame(): string {
    return JSON.stringify([this.workspaceName().workspaceName ?? null, this.isActiveWorkspace()]);
  }

  private isActiveWorkspace(): boolean {
    return this.session === this.manager.session.active;
  }

  private workspaceName(): { readonly workspaceName?: string } {
    const name = this.manager.workspaceNames.nameAmongSeveral(this.workspaceId);
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
    if (state.kind === 'ready' && this.shown?.state === 'unavailable') {
      void this.load();
      return;
    }
    if (state.kind === 'ready' && this.activity?.state === 'error') {
      this.activity = { state: 'loading' };
      this.postActivity();
      this.maybeLoadActivity();
    }
  }

  /** `quo.activity.enabled` turned on or off: the section appears (and loads while visible) or goes. */
  settingsChanged(): void {
    const enabled = this.manager.settings().activityEnabled;
    if (!enabled && this.activity) {
      this.resetActivity();
      this.rerender();
    } else if (enabled && !this.activity && this.contact && this.shown?.state === 'ready') {
      this.prepareActivity(this.contact, false);
      this.rerender();
      this.maybeLoadActivity();
    }
  }

  /** The rendered summary and transcript of an expanded call, for tests. */
  callDetailsHtml(callId: string): string | undefined {
    return this.callDetails.get(callId);
  }

  /** A message as if the page had posted it (checked the same way), for tests; resolves once it is handled. */
  receive(message: unknown): Promise<void> {
    return isPanelMessage(message) ? this.handle(message) : Promise.resolve();
  }

  private rerender(): void {
    if (this.shown) {
      this.render(this.shown.state, this.shown.errorMessage, this.shown.availability);
    }
  }

  // --- Activity ---------------------------------------------------------------------------------------------------

  /** Before the contact is drawn: what its Activity section starts as, from memory when this window has it. */
  private prepareActivity(contact: Contact, force: boolean): void {
    if (!this.manager.settings().activityEnabled) {
      this.resetActivity();
      return;
    }
    const session = this.session;
    if (force) {
      session.forgetActivity(contact);
    }
    const key = activityKeyOf(contact);
    if (!force && key === this.activityKey && this.activity !== undefined) {
      return;
    }
    this.resetActivity();
    this.activityKey = key;
    const known = session.peekActivity(contact);
    const lines = session.peekLines();
    this.activity = known && lines ? { state: 'ready', activity: known } : { state: 'loading' };
    if (known && lines) {
      this.activityLines = lines;
    }
  }

  private resetActivity(): void {
    this.activityLoad?.abort();
    this.activityLoad = undefined;
    this.activity = undefined;
    this.activityKey = undefined;
    this.lastActivityHtml = undefined;
    this.callDetails.clear();
  }

  /** Starts the first ask for the contact's activity if it is wanted now: shown, visible, on, and not asked yet. */
  private maybeLoadActivity(): void {
    const contact = this.contact;
    if (
      !contact ||
      this.activity?.state !== 'loading' ||
      this.activityLoad !== undefined ||
      !this.panel.visible ||
      this.shown?.state !== 'ready' ||
      !this.manager.settings().activityEnabled
    ) {
      return;
    }
    void this.loadActivity(contact, false);
  }

  private async loadActivity(contact: Contact, more: boolean): Promise<void> {
    const session = this.session;
    const controller = new AbortController();
    this.activityLoad = controller;
    const key = this.activityKey;
    const before = this.activity;
    let clearedMeanwhile = false;
    try {
      const activity = more
        ? await session.moreActivity(contact, { signal: controller.signal })
        : await session.activity(contact, { signal: controller.signal });
      await this.learnNames(activity, controller.signal);
      if (controller.signal.aborted || key !== this.activityKey) {
        return;
      }
      this.activity = { state: 'ready', activity };
    } catch (error) {
      if (controller.signal.aborted || key !== this.activityKey) {
        return;
      }
      if (isQuoError(error) && error.kind === 'cancelled') {
        // Not this panel's doing: "Quo: Refresh" or a new key dropped what was being loaded. Ask again below.
        clearedMeanwhile = true;
        this.activity = before?.state === 'ready' ? { ...before, loadingMore: false } : { state: 'loading' };
      } else {
        const message = session.describeFailure(error);
        this.activity =
          more && before?.state === 'ready' ? { state: 'ready', activity: before.activity, moreError: message } : { state: 'error', message };
      }
    } finally {
      if (this.activityLoad === controller) {
        this.activityLoad = undefined;
      }
    }
    this.postActivity();
    if (clearedMeanwhile) {
      this.maybeLoadActivity();
    }
  }

  /** The lines (already loaded with the activity) and the few teammates who are not on them. */
  private async learnNames(activity: ContactActivity, signal: AbortSignal): Promise<void> {
    const session = this.session;
    this.activityLines = session.peekLines() ?? this.activityLines;
    const onLines = new Set((this.activityLines ?? []).flatMap((line) => line.users.map((user) => user.id)));
    const unknown = [
      ...new Set(activity.items.map((item) => (item.kind === 'call' ? item.call.userId : item.message.userId))),
    ].filter((id): id is string => id !== null && id !== '' && !onLines.has(id) && !this.userNames.has(id));
    await Promise.all(
      unknown.slice(0, MAX_USER_LOOKUPS).map(async (id) => {
        const name = session.peekUserName(id) ?? (await session.userName(id, { signal, priority: 'interactive' }));
        if (name !== undefined) {
          this.userNames.set(id, name);
        }
      }),
    );
  }

  private activityOptions(): ActivityRenderOptions {
    const numbers = this.contact ? contactNumbers(this.contact.defaultFields.phoneNumbers.map((phone) => phone.value)).numbers : [];
    return {
      ...(this.activityLines ? { lines: this.activityLines } : {}),
      userNames: this.userNames,
      locale: vscode.env.language,
      now: Date.now(),
      hasNumbers: numbers.length > 0,
    };
  }

  /** Sends the Activity section's body to the page. A hidden page drops it, and asks again ("ready") when shown. */
  private postActivity(): void {
    if (!this.activity || this.shown?.state !== 'ready') {
      return;
    }
    const html = renderActivityBody(this.activity, this.activityOptions());
    this.lastActivityHtml = html;
    this.post({ type: 'activity', html });
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  private async moreActivity(): Promise<void> {
    const view = this.activity;
    const contact = this.contact;
    if (!contact || view?.state !== 'ready' || !view.activity.hasMore || this.activityLoad !== undefined) {
      return;
    }
    this.activity = { state: 'ready', activity: view.activity, loadingMore: true };
    this.postActivity();
    await this.loadActivity(contact, true);
  }

  /** An expanded call: its summary and transcript, fetched once per panel (a failure is asked again next time). */
  private async expandCall(callId: string): Promise<void> {
    const view = this.activity;
    const item = view?.state === 'ready' ? view.activity.items.find((candidate) => candidate.kind === 'call' && candidate.call.id === callId) : undefined;
    if (!item) {
      // The page may only ask about calls it was sent.
      return;
    }
    const known = this.callDetails.get(callId);
    if (known !== undefined) {
      this.post({ type: 'callDetails', callId, html: known });
      return;
    }
    if (this.callDetailsLoading.has(callId)) {
      return;
    }
    this.callDetailsLoading.add(callId);
    const session = this.session;
    // The panel's lifetime; the session ends these requests itself when its workspace is removed (it outlives none).
    const signal = this.lifetime.signal;
    let cancelled = false;
    const part = <T>(request: Promise<Fetched<T>>): Promise<CallDetailPart<T>> =>
      request.catch((error: unknown): CallDetailPart<T> => {
        cancelled ||= isQuoError(error) && error.kind === 'cancelled';
        return { kind: 'error', message: session.describeFailure(error) };
      });
    try {
      const [summary, transcript] = await Promise.all([
        part(session.callSummary(callId, { signal, priority: 'interactive' })),
        part(session.callTranscript(callId, { signal, priority: 'interactive' })),
      ]);
      // Cancelled by the session (its workspace removed): what the page shows now is not about these calls.
      if (signal.aborted || cancelled) {
        return;
      }
      const html = renderCallDetails(
        { summary, transcript },
        { ...(this.activityLines ? { lines: this.activityLines } : {}), userNames: this.userNames, lineId: item.lineId },
      );
      if (summary.kind !== 'error' && transcript.kind !== 'error') {
        this.callDetails.set(callId, html);
      }
      this.post({ type: 'callDetails', callId, html });
    } finally {
      this.callDetailsLoading.delete(callId);
    }
  }

  /** Redraws if the contact was pinned or unpinned since the panel was drawn. */
  pinsChanged(): void {
    if (this.shown && this.shown.pinned !== (this.manager.pinned?.isPinned(this.id) === true)) {
      this.rerender();
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
        await this.manager.pinned?.toggle({ id: this.id, name: this.contact ? contactDisplayName(this.contact) : this.id });
        return;
      case 'ready':
        // The page was drawn (again): it has the section as the HTML held it, maybe older than what was posted since.
        this.postActivity();
        this.maybeLoadActivity();
        return;
      case 'moreActivity':
        await this.moreActivity();
        return;
      case 'retryActivity':
        if (this.activity?.state === 'error') {
          this.activity = { state: 'loading' };
          this.postActivity();
          this.maybeLoadActivity();
        }
        return;
      case 'expandCall':
        await this.expandCall(message.callId);
        return;
      default:
        return;
    }
  }

  dispose(): void {
    this.sessionSubscription?.dispose();
    this.loading?.abort();
    this.activityLoad?.abort();
    this.lifetime.abort();
    this.manager.forget(this);
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}

/** What panels need to know of the workspaces: names to show, and when the list changes. */
export interface PanelWorkspaces {
  nameAmongSeveral(workspaceId: string | undefined): string | undefined;
  readonly onDidChangeWorkspaces: vscode.Event<void>;
}

export class ContactPanelManager implements vscode.WebviewPanelSerializer<PanelWebviewState>, vscode.Disposable {
  /** A contact may be open once per workspace. */
  private readonly panels = new Set<ContactPanel>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    readonly extensionUri: vscode.Uri,
    readonly session: QuoSession,
    readonly workspaceNames: PanelWorkspaces,
    readonly recent: RecentContacts,
    readonly pinned?: PinnedContacts,
    /** The settings as they are now (read at each use). */
    readonly settings: () => Pick<Settings, 'activityEnabled'> = () => ({ activityEnabled: true }),
  ) {
    const workspacesChanged = (): void => {
      for (const panel of this.panels) {
        void panel.workspacesChanged();
      }
    };
    this.subscriptions = [session.onDidChangeAccount(workspacesChanged), workspaceNames.onDidChangeWorkspaces(workspacesChanged)];
    if (pinned) {
      const subscription = pinned.onDidChange(() => {
        for (const panel of this.panels) {
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

  /** Opens contact `id` of the active workspace, or reveals the panel that shows it. */
  show(id: string): vscode.WebviewPanel {
    const existing = this.find(id);
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(CONTACT_VIEW_TYPE, vscode.l10n.t('Quo Contact'), vscode.ViewColumn.Active, this.webviewOptions());
    this.adopt(id, panel, this.session.active.key?.workspaceId);
    return panel;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (!isPanelWebviewState(state)) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    // A panel saved before several workspaces existed has no workspace: it takes the active one.
    await this.session.ready;
    this.adopt(state.contactId, panel, state.workspaceId ?? this.session.active.key?.workspaceId);
  }

  /** The ids of open panels, for tests and for refreshing after a key change. */
  openIds(): string[] {
    return [...this.panels].map((panel) => panel.id);
  }

  /** The panel of contact `id`: the active workspace's, else any. */
  panelFor(id: string): vscode.WebviewPanel | undefined {
    return this.findAny(id)?.panel;
  }

  /** The Activity section's body as the panel last drew or posted it, for tests. */
  activityHtmlFor(id: string): string | undefined {
    return this.findAny(id)?.lastActivityHtml;
  }

  /** An expanded call's summary and transcript as the panel rendered them, for tests. */
  callDetailsHtmlFor(id: string, callId: string): string | undefined {
    return this.findAny(id)?.callDetailsHtml(callId);
  }

  /** Hands a panel a message as if its page had posted it, for tests. */
  async receive(id: string, message: unknown): Promise<void> {
    await this.findAny(id)?.receive(message);
  }

  /** A setting changed: panels add or drop their Activity section. */
  settingsChanged(): void {
    for (const panel of this.panels) {
      panel.settingsChanged();
    }
  }

  forget(panel: ContactPanel): void {
    this.panels.delete(panel);
  }

  dispose(): void {
    for (const panel of [...this.panels]) {
      panel.panel.dispose();
    }
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }

  private find(id: string): ContactPanel | undefined {
    const active = this.session.active.key?.workspaceId;
    return [...this.panels].find((panel) => panel.shows(id, active));
  }

  private findAny(id: string): ContactPanel | undefined {
    return this.find(id) ?? [...this.panels].find((panel) => panel.id === id);
  }

  private adopt(id: string, panel: vscode.WebviewPanel, workspaceId: string | undefined): void {
    const contactPanel = new ContactPanel(id, panel, this, workspaceId);
    this.panels.add(contactPanel);
    void contactPanel.load();
  }
}
