/**
 * The contact panels as the test API sees them. Installed through ContactPanelManager.wrapPanels in test mode only
 * (only src/testApi.ts imports this file, and production builds leave the test API out), it stands between each
 * panel and VS Code: it sees the HTML each page is given and what is posted to it since, and hands a panel a message
 * as if its page had posted it, then waits until the panel has handled it. Panels keep nothing for tests.
 */
import type * as vscode from 'vscode';
import type { HostMessage } from '../render/panelMessages.js';

/** Where the page HTML opens the Activity section's body (src/render/activityHtml.ts renderActivitySection). */
const ACTIVITY_BODY = 'data-activity-body';
/** What closes the body, then the section. */
const ACTIVITY_BODY_END = '\n</div>\n</section>';
const WORKSPACE_ATTRIBUTE = /<body [^>]*\bdata-workspace-id="([^"]*)"/;

export class PanelRecorder {
  /** Open panels, oldest first. */
  private readonly open: RecordedPanel[] = [];

  constructor(private readonly activeWorkspaceId: () => string | undefined) {}

  /** The wrapper to hand ContactPanelManager.wrapPanels. */
  readonly wrap = (panel: vscode.WebviewPanel, contactId: string): vscode.WebviewPanel => {
    const recorded = new RecordedPanel(panel, contactId);
    this.open.push(recorded);
    panel.onDidDispose(() => this.open.splice(this.open.indexOf(recorded), 1));
    return recorded;
  };

  /** The contact ids of open panels, a contact open in two workspaces twice. */
  contactIds(): string[] {
    return this.open.map((panel) => panel.contactId);
  }

  /** The panel of contact `id`: the active workspace's (or one without a workspace yet), else any. */
  panelOf(contactId: string): RecordedPanel | undefined {
    const active = this.activeWorkspaceId();
    const panels = this.open.filter((panel) => panel.contactId === contactId);
    return panels.find((panel) => [undefined, active].includes(panel.webview.workspaceId())) ?? panels[0];
  }
}

/** A panel as VS Code has it, and what its page was given. */
export class RecordedPanel implements vscode.WebviewPanel {
  readonly webview: RecordedWebview;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    readonly contactId: string,
  ) {
    this.webview = new RecordedWebview(panel.webview);
  }

  get viewType(): string {
    return this.panel.viewType;
  }
  get title(): string {
    return this.panel.title;
  }
  set title(title: string) {
    this.panel.title = title;
  }
  get iconPath(): vscode.WebviewPanel['iconPath'] {
    return this.panel.iconPath;
  }
  set iconPath(iconPath: vscode.WebviewPanel['iconPath']) {
    this.panel.iconPath = iconPath;
  }
  get options(): vscode.WebviewPanelOptions {
    return this.panel.options;
  }
  get viewColumn(): vscode.ViewColumn | undefined {
    return this.panel.viewColumn;
  }
  get active(): boolean {
    return this.panel.active;
  }
  get visible(): boolean {
    return this.panel.visible;
  }
  get onDidChangeViewState(): vscode.Event<vscode.WebviewPanelOnDidChangeViewStateEvent> {
    return this.panel.onDidChangeViewState;
  }
  get onDidDispose(): vscode.Event<void> {
    return this.panel.onDidDispose;
  }
  reveal(viewColumn?: vscode.ViewColumn, preserveFocus?: boolean): void {
    this.panel.reveal(viewColumn, preserveFocus);
  }
  dispose(): void {
    this.panel.dispose();
  }
}

/** A panel's webview, seeing what its page is given and keeping who listens to what the page posts. */
export class RecordedWebview implements vscode.Webview {
  /** The Activity section's body posted since the page's HTML was last set. */
  private postedActivity: string | undefined;
  /** The last summary and transcript posted for each call. */
  private readonly postedCallDetails = new Map<string, string>();
  private readonly listeners = new Set<(message: unknown) => unknown>();
  /** Every message posted to the page, oldest first (the last 100): the edit form's answers among them. */
  readonly posted: HostMessage[] = [];

  constructor(private readonly webview: vscode.Webview) {}

  get html(): string {
    return this.webview.html;
  }
  set html(html: string) {
    // A new page: it has only what the HTML holds.
    this.postedActivity = undefined;
    this.webview.html = html;
  }
  get options(): vscode.WebviewOptions {
    return this.webview.options;
  }
  set options(options: vscode.WebviewOptions) {
    this.webview.options = options;
  }
  get cspSource(): string {
    return this.webview.cspSource;
  }
  asWebviewUri(localResource: vscode.Uri): vscode.Uri {
    return this.webview.asWebviewUri(localResource);
  }

  postMessage(message: unknown): Thenable<boolean> {
    const sent = message as HostMessage;
    this.posted.push(sent);
    if (this.posted.length > 100) {
      this.posted.shift();
    }
    if (sent.type === 'activity') {
      this.postedActivity = sent.html;
    } else if (sent.type === 'callDetails') {
      this.postedCallDetails.set(sent.callId, sent.html);
    }
    return this.webview.postMessage(message);
  }

  readonly onDidReceiveMessage: vscode.Event<unknown> = (listener, thisArgs?: unknown, disposables?: vscode.Disposable[]) => {
    const bound = (message: unknown): unknown => listener.call(thisArgs, message);
    this.listeners.add(bound);
    const subscription = this.webview.onDidReceiveMessage(bound);
    const both = {
      dispose: () => {
        this.listeners.delete(bound);
        subscription.dispose();
      },
    };
    disposables?.push(both);
    return both;
  };

  /**
   * The Activity section's body as the page has it: posted since its HTML was set, else as that HTML holds it;
   * undefined while the page has no Activity section.
   */
  activityHtml(): string | undefined {
    if (this.postedActivity !== undefined) {
      return this.postedActivity;
    }
    const page = this.webview.html;
    const opening = page.indexOf(ACTIVITY_BODY);
    if (opening < 0) {
      return undefined;
    }
    const start = page.indexOf('>\n', opening) + '>\n'.length;
    const end = page.indexOf(ACTIVITY_BODY_END, start);
    return end < 0 ? undefined : page.slice(start, end);
  }

  /** The summary and transcript last posted for call `callId`; undefined until the panel posted them. */
  callDetailsHtml(callId: string): string | undefined {
    return this.postedCallDetails.get(callId);
  }

  /** The workspace the page names (`data-workspace-id`); undefined while the panel has none. */
  workspaceId(): string | undefined {
    return WORKSPACE_ATTRIBUTE.exec(this.webview.html)?.[1];
  }

  /** Hands the panel `message` as if its page had posted it; resolves once every listener has handled it. */
  async receive(message: unknown): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener(message)));
  }
}
