/**
 * What integration tests may observe that no public VS Code API shows. Returned by activate() only when the test
 * harness sets QUO_TEST_API=1, and it never exposes the key itself. It watches from outside what it reports: the
 * contact panels through a wrapper (panel/panelRecorder.ts), the document reads through an observer; production
 * builds leave both out with the rest of this file.
 */
import * as vscode from 'vscode';
import { CONTACT_VIEW_TYPE, type ContactPanelManager } from './panel/contactPanel.js';
import type { WorkspaceSessions } from './session/workspaceSessions.js';
import type { RecentContacts } from './contacts/recentContacts.js';
import { observeReads } from './documents/documentIds.js';
import { PanelRecorder } from './panel/panelRecorder.js';
import type { PinnedContacts } from './contacts/pinnedContacts.js';
import type { Sidebar } from './sidebar/sidebar.js';
import { sidebarTestApi, type SidebarTestApi } from './sidebar/sidebarTestApi.js';
import type { ActiveWorkspace } from './workspaces/activeWorkspace.js';
import { WorkspaceStore } from './workspaces/workspaceStore.js';
import type { QuoAuthenticationProvider } from './workspaces/quoAuthenticationProvider.js';
import type { StatusBar } from './statusBar/statusBar.js';
import type { Availability } from './connection/availability.js';
import { coverageText, lineErrorText } from './activity/activityCopy.js';
import type { ContactActivity } from './activity/activityLoader.js';
import { QuoError } from './quo/errors.js';
import type { HostMessage } from './render/panelMessages.js';
import type { CreateBody } from './contacts/contactWrites.js';
import type { Contact } from './quo/types.js';

/** A contact's activity as plain data, for assertions. */
export interface ActivitySummary {
  readonly items: readonly {
    readonly kind: 'call' | 'message';
    readonly id: string;
    readonly lineId: string;
    readonly createdAt: string;
    /** Null for an incoming message. */
    readonly userId: string | null;
  }[];
  readonly lineErrors: readonly {
    readonly lineId: string;
    readonly list: 'calls' | 'messages';
    readonly status: number | undefined;
    readonly code: string | undefined;
    /** As a surface would say it. */
    readonly text: string;
  }[];
  readonly checkedLineIds: readonly string[];
  readonly linesChecked: number;
  readonly linesTotal: number;
  readonly requestsSent: number;
  readonly requestsPlanned: number;
  readonly hasMore: boolean;
  readonly coverageText: string | undefined;
}

export interface QuoTestApi {
  readonly connectionState: () => string;
  readonly availability: () => Availability;
  /** The connection's status bar item as shown, undefined while hidden. */
  readonly statusBar: () => StatusBar['shown'];
  readonly hasKey: () => boolean;
  readonly cachedContacts: () => number;
  /** The contact ids of open panels (a contact open in two workspaces, twice). */
  readonly openPanelIds: () => string[];
  /** The page HTML of contact `id`'s panel: the active workspace's, else any. */
  readonly panelHtml: (id: string) => string | undefined;
  /**
   * The panel's Activity section body as its page has it: posted since the page's HTML was last set, else as that
   * HTML holds it (activity arrives by postMessage, so panelHtml alone does not show it); undefined while the page
   * has no Activity section.
   */
  readonly panelActivityHtml: (id: string) => string | undefined;
  /** An expanded call's summary and transcript as the panel last posted them to its page; undefined until then. */
  readonly panelCallDetailsHtml: (id: string, callId: string) => string | undefined;
  /**
   * Hands the panel a message as if its page had posted it (checked like one): `{ type: 'expandCall', callId }`,
   * `{ type: 'moreActivity' }`… Resolves once the panel has handled it (a call's details fetched, more checked).
   */
  readonly panelPost: (id: string, message: unknown) => Promise<void>;
  /** Every message the extension posted to the page of contact `id` (the last 100), oldest first. */
  readonly panelMessages: (id: string) => readonly HostMessage[];
  /** Whether the panel is visible (activity is asked for only then). */
  readonly panelVisible: (id: string) => boolean | undefined;
  readonly panelTitle: (id: string) => string | undefined;
  /** Restores a panel from the state its page saved, as VS Code does after a window reload. */
  readonly restorePanel: (state: unknown) => Promise<void>;
  readonly recentIds: () => string[];
  /** Lines written to the log in this window, after redaction. */
  readonly logLines: () => readonly string[];
  /** Characters the editor surfaces read from documents (hover, inline names, links) since the last reset. */
  readonly charsScanned: () => number;
  readonly resetCharsScanned: () => void;
  readonly sidebar: SidebarTestApi;
  /**
   * Asks the active session for a contact's activity, as a surface would (the contact looked up first), or with `more`
   * for another budget, and summarises the answer. Rejects with what the session threw.
   */
  readonly activity: (contactId: string, options?: { readonly more?: boolean }) => Promise<ActivitySummary>;
  /** The active workspace's writes, without the command's input boxes or the panel's modal (the UI tests drive those). */
  readonly writes: {
    readonly create: (body: CreateBody) => Promise<Contact>;
    readonly delete: (id: string) => Promise<void>;
  };
  /** The workspaces as the store lists them, and the commands' effects without their input boxes. */
  readonly workspaces: {
    readonly list: () => Promise<readonly { readonly id: string; readonly name: string; readonly source: string; readonly active: boolean }[]>;
    readonly add: (key: string, name: string) => Promise<string>;
    readonly switchTo: (id: string) => Promise<void>;
    readonly remove: (id: string) => Promise<boolean>;
    /** The Accounts menu's sessions, as the authentication provider gives them to VS Code. */
    readonly accounts: () => Promise<readonly { readonly id: string; readonly label: string; readonly hasToken: boolean }[]>;
    /** Sign Out in the Accounts menu, after VS Code's own confirmation. */
    readonly signOut: (id: string) => Promise<void>;
    /**
     * What this window sees when another window removes a workspace: its key leaves SecretStorage (and
     * `secrets.onDidChange` fires) without this window's commands being involved. Resolves once the sessions followed the change.
     */
    readonly removeKeyElsewhere: (id: string) => Promise<void>;
  };
}

export function createTestApi(
  sessions: WorkspaceSessions,
  panels: ContactPanelManager,
  recent: RecentContacts,
  logLines: readonly string[],
  sidebar: Sidebar,
  /** Made once the stored key has been read. */
  status: () => StatusBar | undefined,
  workspaces: ActiveWorkspace,
  accounts: QuoAuthenticationProvider,
  secrets: vscode.SecretStorage,
  pinned: PinnedContacts,
): QuoTestApi {
  const recorder = new PanelRecorder(() => sessions.active.key?.workspaceId);
  panels.wrapPanels(recorder.wrap);
  let charsScanned = 0;
  observeReads((characters) => {
    charsScanned += characters;
  });
  return {
    connectionState: () => sessions.active.availability.kind,
    availability: () => sessions.active.availability,
    statusBar: () => status()?.shown,
    hasKey: () => sessions.active.key !== undefined,
    cachedContacts: () => sessions.active.contacts.cachedCount,
    openPanelIds: () => recorder.contactIds(),
    panelHtml: (id) => recorder.panelOf(id)?.webview.html,
    panelActivityHtml: (id) => recorder.panelOf(id)?.webview.activityHtml(),
    panelCallDetailsHtml: (id, callId) => recorder.panelOf(id)?.webview.callDetailsHtml(callId),
    panelPost: async (id, message) => {
      await recorder.panelOf(id)?.webview.receive(message);
    },
    panelMessages: (id) => [...(recorder.panelOf(id)?.webview.posted ?? [])],
    panelVisible: (id) => recorder.panelOf(id)?.visible,
    panelTitle: (id) => recorder.panelOf(id)?.title,
    restorePanel: (state) =>
      panels.deserializeWebviewPanel(vscode.window.createWebviewPanel(CONTACT_VIEW_TYPE, 'Quo Contact', vscode.ViewColumn.Active), state),
    recentIds: () => recent.list().map((contact) => contact.id),
    logLines: () => logLines,
    charsScanned: () => charsScanned,
    resetCharsScanned: () => {
      charsScanned = 0;
    },
    sidebar: sidebarTestApi(sidebar, sessions, pinned),
    writes: {
      create: (body) => sessions.active.contacts.writes.create(body),
      delete: (id) => sessions.active.contacts.writes.delete(id),
    },
    workspaces: {
      list: async () => {
        await workspaces.get();
        return workspaces.all.map((w) => ({ id: w.id, name: w.name, source: w.source, active: w.id === workspaces.current?.id }));
      },
      add: async (key, name) => {
        const result = await workspaces.add(key, name);
        await sessions.whenSwitched();
        return result.kind === 'added' ? result.workspace.id : result.kind;
      },
      switchTo: async (id) => {
        await workspaces.switchTo(id);
        await sessions.whenSwitched();
      },
      remove: async (id) => {
        const removed = await workspaces.remove(id);
        await sessions.whenSwitched();
        return removed;
      },
      accounts: async () =>
        (await accounts.getSessions()).map((sessions) => ({ id: sessions.account.id, label: sessions.account.label, hasToken: sessions.accessToken !== '' })),
      removeKeyElsewhere: async (id) => {
        const reloaded = new Promise<void>((resolve) => {
          const subscription = workspaces.onDidChange(() => {
            subscription.dispose();
            resolve();
          });
        });
        await secrets.delete(WorkspaceStore.secretOf(id));
        await reloaded;
        await sessions.whenSwitched();
      },
      signOut: async (id) => {
        await accounts.removeSession(id);
        await sessions.whenSwitched();
      },
    },
    activity: async (contactId, options = {}) => {
      const found = await sessions.active.contacts.resolve(contactId, { priority: 'interactive' });
      if (found.kind !== 'found') {
        throw new Error(`no contact ${contactId}`);
      }
      const activity = options.more ? await sessions.active.activity.loadMore(found.contact) : await sessions.active.activity.load(found.contact);
      const lines = await sessions.active.activity.lines();
      return summarizeActivity(activity, (lineId) => {
        const line = lines.find((candidate) => candidate.id === lineId);
        return line?.name ?? line?.number ?? lineId;
      });
    },
  };
}

function summarizeActivity(activity: ContactActivity, lineName: (lineId: string) => string): ActivitySummary {
  const { coverage } = activity;
  return {
    items: activity.items.map((item) => {
      const { id, createdAt, userId } = item.kind === 'call' ? item.call : item.message;
      return { kind: item.kind, id, lineId: item.lineId, createdAt, userId };
    }),
    lineErrors: activity.lineErrors.map((error) => ({
      lineId: error.lineId,
      list: error.list,
      status: error.error instanceof QuoError ? error.error.status : undefined,
      code: error.error instanceof QuoError ? error.error.code : undefined,
      text: lineErrorText(error, lineName(error.lineId)),
    })),
    checkedLineIds: coverage.checkedLineIds,
    linesChecked: coverage.linesChecked,
    linesTotal: coverage.linesTotal,
    requestsSent: coverage.requestsSent,
    requestsPlanned: coverage.requestsPlanned,
    hasMore: activity.hasMore,
    coverageText: coverageText(coverage),
  };
}
