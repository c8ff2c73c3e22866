/**
 * The Quo sidebar and the contact index behind it, built and connected in one place so extension.ts wires it with
 * one call. Owns the index (registered with the session's lookup, so hovers and the panel answer from it), when it
 * syncs, the Contacts view, "In this file", the search box and the commands of the view's items.
 */
import * as vscode from 'vscode';
import { ContactIndex, type IndexState } from '../contacts/contactIndex.js';
import type { Event } from '../common/emitter.js';
import type { PinnedContacts } from '../contacts/pinnedContacts.js';
import type { RecentContact } from '../contacts/recentContacts.js';
import type { ConfiguredDetector } from '../documents/configuredDetector.js';
import { systemClock } from '../quo/clock.js';
import type { Logger } from '../quo/log.js';
import { ContextKeys } from '../commands/commandIds.js';
import type { CommandHandlers } from '../commands/registry.js';
import type { AvailabilityKind } from '../connection/availability.js';
import type { QuoSession } from '../session/quoSession.js';
import type { Settings } from '../settings/settingsPolicy.js';
import { contactDisplayName } from '../contacts/contactName.js';
import { ContactCommands } from './contactCommands.js';
import { CONTACTS_VIEW_ID, ContactsTreeProvider, revealMention } from './contactsTreeProvider.js';
import { IndexController, PagerSwitch } from './indexController.js';
import { IndexPersistence } from './indexPersistence.js';
import { InFileScanner, inFileStats } from './inFileScanner.js';
import { searchItems, showContactSearch, type SearchSources } from './searchContacts.js';
import { TreeModel, type TreeNode } from './treeModel.js';

/** The recent list as the sidebar reads it; `onDidChange`, when the list offers one, redraws Recent at once. */
export interface RecentSource {
  list(): readonly RecentContact[];
  readonly onDidChange?: Event<void>;
}

export interface SidebarDeps {
  readonly context: vscode.ExtensionContext;
  readonly session: QuoSession;
  readonly detectors: ConfiguredDetector;
  readonly recent: RecentSource;
  readonly pinned: PinnedContacts;
  /** The extension's settings (languages and excludes decide which files "In this file" reads). */
  readonly settings: () => Settings;
  readonly log: Logger;
  /** Every workspace's key fingerprint (saved contact indexes of other workspaces are kept). */
  readonly keptFingerprints: () => readonly string[];
  /** The active workspace's name once there are two or more: the view's description says it. */
  readonly activeWorkspaceName: () => string | undefined;
  readonly onDidChangeWorkspaces: Event<void>;
}

export interface SidebarTestItem {
  readonly label: string;
  readonly description?: string;
  readonly contextValue?: string;
  readonly command?: string;
  readonly args?: unknown[];
}

/** What integration tests may observe of the sidebar (through the extension's test API). */
export interface SidebarTestApi {
  /** Labels of the children of the node at `path` (labels from the roots; [] for the roots), as the view gets them. */
  children(path: readonly string[]): Promise<string[]>;
  /** The TreeItems at `path`, as the view renders them. */
  items(path: readonly string[]): Promise<SidebarTestItem[]>;
  /** The quick pick's items for a query, as it would show them (separators left out). */
  search(query: string): { label: string; description?: string; detail?: string; id?: string }[];
  /** Lists every contact again and resolves when done, with the state it ended in. */
  syncIndex(): Promise<IndexState>;
  indexState(): IndexState & { readonly size: number };
  pinnedIds(): string[];
  /** The view's description, as shown next to its title. */
  viewDescription(): string | undefined;
  /** Documents "In this file" has read, and how many characters. */
  scanStats(): { scans: number; charsRead: number };
  /** Scans the active editor now, skipping the debounce (the view must be visible: hidden, nothing is scanned). */
  scanNow(): Promise<void>;
}

export class Sidebar implements vscode.Disposable {
  readonly index: ContactIndex;
  private readonly controller: IndexController;
  private readonly scanner: InFileScanner;
  private readonly provider: ContactsTreeProvider;
  private readonly model: TreeModel;
  private readonly view: vscode.TreeView<TreeNode>;
  private readonly searchSources: SearchSources;
  private readonly contactCommands: ContactCommands;
  private readonly disposables: vscode.Disposable[] = [];
  private settings: Settings;
  private endProgress: (() => void) | undefined;
  private lastConnection: AvailabilityKind;

  constructor(private readonly deps: SidebarDeps) {
    const { session, pinned, recent, context } = deps;
    this.settings = deps.settings();
    // The session's pager reports every page's answer or failure to the connection state itself.
    const pager = new PagerSwitch(() => session.active.pager());
    this.index = new ContactIndex({ client: pager.current, defaultCountry: this.settings.defaultCountry });
    session.addKnownContactsOfActive(this.index);
    this.lastConnection = session.active.availability.kind;

    let view: vscode.TreeView<TreeNode> | undefined;
    const visible = (): boolean => view?.visible === true;
    const known = (id: string) => {
      const found = session.active.peek(id);
      return found?.kind === 'found' ? found.contact : undefined;
    };

    this.controller = new IndexController({
      index: this.index,
      pager,
      ready: () => session.ready,
      visible,
      refreshMs: () => this.settings.indexRefreshMs,
      fingerprint: () => session.active.key?.fingerprint,
      server: () => this.settings.apiBaseUrl,
      keptFingerprints: deps.keptFingerprints,
      persist: { enabled: () => this.settings.indexPersist, store: new IndexPersistence(context.globalStorageUri, deps.log) },
      clock: systemClock,
      log: deps.log,
    });
    this.scanner = new InFileScanner({
      session,
      index: this.index,
      detectors: deps.detectors,
      settings: deps.settings,
      defaultCountry: () => this.settings.defaultCountry,
      visible,
    });
    this.model = new TreeModel(
      {
        connection: () => session.active.availability,
        listingError: () => {
          const state = this.index.state;
          // Failures about the connection already show as the connection's state.
          return state.status === 'error' && state.error && session.active.availabilityAfter(state.error) === undefined
            ? state.error
            : undefined;
        },
        index: this.index,
        pinned: () => pinned.list(),
        recent: () => recent.list(),
        known,
        inFile: () => this.scanner.current(),
        groupBy: () => this.settings.groupBy,
        retryScheduled: () => this.controller.retryScheduled,
      },
      { locale: vscode.env.language },
    );
    this.provider = new ContactsTreeProvider(
      this.model,
      session,
      () => this.scanner.document(),
      () => this.index.state.status === 'loading' && !this.index.state.complete,
    );
    view = vscode.window.createTreeView(CONTACTS_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.view = view;
    const describeWorkspace = (): void => {
      this.view.description = deps.activeWorkspaceName();
    };
    describeWorkspace();
    this.searchSources = {
      index: this.index,
      hasKey: () => session.active.key !== undefined,
      pinned: () => pinned.list(),
      recent: () => recent.list(),
      known,
      startIndexIfNeeded: () => this.controller.startIfNeeded(),
    };

    const redraw = (): void => this.provider.refresh();
    const subscribe = (event: Event<unknown> | undefined, listener: () => void): void => {
      if (event) {
        const subscription = event(listener);
        this.disposables.push({ dispose: () => subscription.dispose() });
      }
    };
    subscribe(this.index.onDidChange, () => this.indexChanged());
    subscribe(deps.onDidChangeWorkspaces, describeWorkspace);
    subscribe(this.controller.onDidChangeSchedule, redraw);
    subscribe(pinned.onDidChange, redraw);
    subscribe(recent.onDidChange, redraw);

    this.disposables.push(
      this.view,
      this.provider,
      this.scanner,
      this.scanner.onDidChange(redraw),
      this.view.onDidChangeVisibility((event) => {
        if (event.visible) {
          this.controller.startIfNeeded();
          this.scanner.wake();
          // Recent may have changed while hidden (when the recent list cannot say so itself).
          redraw();
        }
      }),
      session.onDidChangeAccount(() => {
        describeWorkspace();
        this.controller.reset();
        this.scanner.rescan();
        redraw();
      }),
      session.onDidChangeAvailability((state) => {
        const before = this.lastConnection;
        this.lastConnection = state.kind;
        if (state.kind === 'ready' && (before === 'offline' || before === 'rate-limited' || before === 'key-refused')) {
          this.controller.connectionRecovered();
        }
        void this.updateAvailabilityContext();
        redraw();
      }),
      { dispose: () => this.endProgress?.() },
    );

    this.contactCommands = new ContactCommands(session, pinned);
    void this.updateAvailabilityContext();
    void this.controller.start();
    if (this.view.visible) {
      this.controller.startIfNeeded();
      this.scanner.wake();
    }
  }

  /** The settings changed (the one reader's event, relayed by the wiring). */
  settingsChanged(next: Settings): void {
    const countryChanged = next.defaultCountry !== this.settings.defaultCountry;
    this.settings = next;
    if (countryChanged) {
      this.index.setDefaultCountry(next.defaultCountry);
      this.scanner.rescan();
    }
    this.controller.settingsChanged();
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
        await this.controller.refresh();
      },
      revealMention: (target: unknown) => revealMention(target),
      ...this.contactCommands.handlers(),
    };
  }

  /**
   * For reverse lookup outside the sidebar (a hover on a phone number): starts the first listing if none ran, since
   * numbers and emails resolve only through the index.
   */
  startIndexIfNeeded(): void {
    this.controller.startIfNeeded();
  }

  /** `quo.defaultCountry`, for reading national numbers the way the index does. */
  get defaultCountry(): string {
    return this.settings.defaultCountry;
  }

  testApi(): SidebarTestApi {
    const nodeAt = async (path: readonly string[]): Promise<TreeNode | undefined> => {
      let node: TreeNode | undefined;
      for (const label of path) {
        node = (await this.provider.getChildren(node)).find((child) => child.label === label);
        if (!node) {
          throw new Error(`No item "${label}" in the Contacts view (path ${JSON.stringify(path)})`);
        }
      }
      return node;
    };
    const items = async (path: readonly string[]) => {
      const children = await this.provider.getChildren(await nodeAt(path));
      return children.map((child) => {
        const item = this.provider.getTreeItem(child);
        return {
          label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
          ...(typeof item.description === 'string' ? { description: item.description } : {}),
          ...(item.contextValue === undefined ? {} : { contextValue: item.contextValue }),
          ...(item.command ? { command: item.command.command, args: item.command.arguments ?? [] } : {}),
        };
      });
    };
    return {
      children: async (path) => (await items(path)).map((item) => item.label),
      items,
      search: (query) =>
        searchItems(this.index.createSearch(), query, this.searchSources)
          .filter((item) => item.kind !== vscode.QuickPickItemKind.Separator)
          .map((item) => ({
            label: item.label,
            ...(item.description === undefined ? {} : { description: item.description }),
            ...(item.detail === undefined ? {} : { detail: item.detail }),
            ...(item.contactId === undefined ? {} : { id: item.contactId }),
          })),
      syncIndex: () => this.controller.refresh(),
      indexState: () => ({ ...this.index.state, size: this.index.size }),
      pinnedIds: () => this.deps.pinned.list().map((item) => item.id),
      viewDescription: () => (typeof this.view.description === 'string' ? this.view.description : undefined),
      scanStats: () => ({ ...inFileStats }),
      scanNow: async () => {
        this.scanner.rescanNow();
      },
    };
  }

  dispose(): void {
    this.controller.dispose();
    this.index.dispose();
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }

  private indexChanged(): void {
    const state = this.index.state;
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
      const contact = this.index.byId(item.id);
      if (contact) {
        await this.deps.pinned.rename(item.id, contactDisplayName(contact));
      }
    }
  }

  /** `quo.availability`, which the manifest's `when` clauses (the welcome content) read. */
  private async updateAvailabilityContext(): Promise<void> {
    await this.deps.session.ready;
    await vscode.commands.executeCommand('setContext', ContextKeys.availability, this.deps.session.active.availability.kind);
  }
}

/** Builds the sidebar and registers everything it contributes; dispose the result on deactivation. */
export function registerSidebar(deps: SidebarDeps): Sidebar {
  return new Sidebar(deps);
}
