/**
 * The Quo sidebar, built and connected in one place so extension.ts wires it with one call: the Contacts view over
 * the active workspace's contact list (which its session owns), "In this file", the search box and the commands of
 * the view's items. It tells the sessions whether the list is shown; the active session decides when to list.
 */
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle.js';
import type { Event } from '../common/emitter.js';
import type { PinnedContacts } from '../contacts/pinnedContacts.js';
import type { RecentContact } from '../contacts/recentContacts.js';
import type { ConfiguredDetector } from '../documents/configuredDetector.js';
import { ContextKeys } from '../commands/commandIds.js';
import type { CommandHandlers } from '../commands/registry.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import type { Settings } from '../settings/settingsPolicy.js';
import { contactDisplayName } from '../contacts/contactName.js';
import { knownContact } from '../contacts/known.js';
import { ContactCommands } from './contactCommands.js';
import { CONTACTS_VIEW_ID, ContactsTreeProvider, revealMention } from './contactsTreeProvider.js';
import { InFileScanner } from './inFileScanner.js';
import { showContactSearch, type SearchSources } from './searchContacts.js';
import { TreeModel, type TreeNode } from './treeModel.js';

/** The recent list as the sidebar reads it; `onDidChange`, when the list offers one, redraws Recent at once. */
export interface RecentSource {
  list(): readonly RecentContact[];
  readonly onDidChange?: Event<void>;
}

export interface SidebarDeps {
  readonly sessions: WorkspaceSessions;
  readonly detectors: ConfiguredDetector;
  readonly recent: RecentSource;
  readonly pinned: PinnedContacts;
  /** The extension's settings (languages and excludes decide which files "In this file" reads). */
  readonly settings: () => Settings;
  /** The active workspace's name once there are two or more: the view's description says it. */
  readonly activeWorkspaceName: () => string | undefined;
  readonly onDidChangeWorkspaces: Event<void>;
}

export class Sidebar extends Disposable implements vscode.Disposable {
  readonly scanner: InFileScanner;
  readonly provider: ContactsTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
  readonly searchSources: SearchSources;
  private readonly model: TreeModel;
  private readonly contactCommands: ContactCommands;
  private settings: Settings;
  private endProgress: (() => void) | undefined;

  constructor(private readonly deps: SidebarDeps) {
    super();
    const { sessions, pinned, recent } = deps;
    this.settings = deps.settings();
    const contacts = () => sessions.active.contacts;

    let view: vscode.TreeView<TreeNode> | undefined;
    const visible = (): boolean => view?.visible === true;
    const known = (id: string) => knownContact(contacts().know(id));

    this.scanner = new InFileScanner({
      sessions,
      detectors: deps.detectors,
      settings: deps.settings,
      defaultCountry: () => this.settings.defaultCountry,
      visible,
    });
    this.model = new TreeModel(
      {
        connection: () => sessions.active.availability,
        listingError: () => {
          const state = contacts().listState;
          // Failures about the connection already show as the connection's state.
          return state.status === 'error' && state.error && sessions.active.availabilityAfter(state.error) === undefined
            ? state.error
            : undefined;
        },
        index: {
          get state() {
            return contacts().listState;
          },
          all: () => contacts().index.all(),
        },
        pinned: () => pinned.list(),
        recent: () => recent.list(),
        known,
        inFile: () => this.scanner.current(),
        groupBy: () => this.settings.groupBy,
        retryScheduled: () => contacts().retryScheduled,
      },
      { locale: vscode.env.language },
    );
    this.provider = new ContactsTreeProvider(
      this.model,
      sessions,
      () => this.scanner.document(),
      () => contacts().listState.status === 'loading' && !contacts().listState.complete,
      () => this.settings.defaultCountry,
    );
    view = vscode.window.createTreeView(CONTACTS_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.view = view;
    const describeWorkspace = (): void => {
      this.view.description = deps.activeWorkspaceName();
    };
    describeWorkspace();
    this.searchSources = {
      contacts,
      hasKey: () => sessions.active.key !== undefined,
      pinned: () => pinned.list(),
      recent: () => recent.list(),
      known,
      defaultCountry: () => this.settings.defaultCountry,
    };

    const redraw = (): void => this.provider.refresh();
    const subscribe = (event: Event<unknown> | undefined, listener: () => void): void => {
      if (event) {
        const subscription = event(listener);
        this.register(subscription);
      }
    };
    subscribe(sessions.onDidChangeList, () => this.listChanged());
    subscribe(sessions.onDidChangeListSchedule, redraw);
    subscribe(deps.onDidChangeWorkspaces, describeWorkspace);
    subscribe(pinned.onDidChange, redraw);
    subscribe(recent.onDidChange, redraw);
    subscribe(sessions.onDidChangeAccount, () => {
      describeWorkspace();
      this.scanner.rescan();
      redraw();
    });
    subscribe(sessions.onDidChangeAvailability, () => {
      void this.updateAvailabilityContext();
      redraw();
    });

    [
      this.view,
      this.provider,
      this.scanner,
      this.scanner.onDidChange(redraw),
      this.view.onDidChangeVisibility((event) => {
        sessions.setListShown(event.visible);
        if (event.visible) {
          this.scanner.wake();
          // Recent may have changed while hidden (when the recent list cannot say so itself).
          redraw();
        }
      }),
      { dispose: () => this.endProgress?.() },
      // First on dispose (the last registered goes first): the list is no longer shown.
      { dispose: () => sessions.setListShown(false) },
    ].forEach((owned) => this.register(owned));

    this.contactCommands = new ContactCommands(sessions, pinned, () => this.settings.defaultCountry);
    void this.updateAvailabilityContext();
    if (this.view.visible) {
      sessions.setListShown(true);
      this.scanner.wake();
    }
  }

  /** The settings changed (the one reader's event, relayed by the wiring). */
  settingsChanged(next: Settings): void {
    const countryChanged = next.defaultCountry !== this.settings.defaultCountry;
    this.settings = next;
    if (countryChanged) {
      this.scanner.rescan();
    }
    this.provider.refresh();
  }

  /** The bodies of the commands the sidebar contributes, for the one registry. */
  commands(): Pick<
    CommandHandlers,
    'searchContacts' | 'refreshContacts' | 'revealMention' | 'pinContact' | 'unpinContact' | 'copyContactId' |
    'copyContactPhone' | 'copyContactEmail' | 'openContactInQuo'
  > {
    return {
      searchContacts: () => showContactSearch(this.searchSources),
      refreshContacts: async () => {
        this.scanner.rescan();
        await this.deps.sessions.active.contacts.relist();
      },
      revealMention: (target: unknown) => revealMention(target),
      ...this.contactCommands.handlers(),
    };
  }

  private listChanged(): void {
    const state = this.deps.sessions.active.contacts.listState;
    if (state.status === 'loading' && !this.endProgress) {
      // The view's own progress bar: background work shown where its result appears, never a notification.
      void vscode.window.withProgress(
        { location: { viewId: CONTACTS_VIEW_ID } },
        () =>
          new Promise<void>((resolve) => {
            this.endProgress = () => {
              this.endProgress = undefined;
              resolve();
            };
          }),
      );
    } else if (state.status !== 'loading') {
      this.endProgress?.();
      if (state.status === 'complete') {
        void this.renamePins();
      }
    }
    this.provider.refresh();
  }

  /** Keeps the names stored with pins in step with the contacts, so they read right before the next load. */
  private async renamePins(): Promise<void> {
    for (const item of this.deps.pinned.list()) {
      const contact = this.deps.sessions.active.contacts.index.byId(item.id);
      if (contact) {
        await this.deps.pinned.rename(item.id, contactDisplayName(contact));
      }
    }
  }

  /** `quo.availability`, which the manifest's `when` clauses (the welcome content) read. */
  private async updateAvailabilityContext(): Promise<void> {
    await this.deps.sessions.ready;
    await vscode.commands.executeCommand('setContext', ContextKeys.availability, this.deps.sessions.active.availability.kind);
  }
}

/** Builds the sidebar and registers everything it contributes; dispose the result on deactivation. */
export function registerSidebar(deps: SidebarDeps): Sidebar {
  return new Sidebar(deps);
}
