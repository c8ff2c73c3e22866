/**
 * The Quo sidebar and the contact index behind it, built and connected in one place so extension.ts wires it with
 * one call. Owns the index (registered with the session's lookup, so hovers and the panel answer from it), when it
 * syncs, the Contacts view, "In this file", the search box and the commands of the view's items.
 */
import * as vscode from 'vscode';
import { ContactIndex, type IndexState } from '../contacts/contactIndex.js';
import type { Event } from '../contacts/emitter.js';
import type { PinnedContacts } from '../contacts/pinnedContacts.js';
import type { RecentContact } from '../contacts/recentContacts.js';
import type { DetectorHolder } from '../editor/detectorHolder.js';
import { systemClock } from '../quo/clock.js';
import type { Logger } from '../quo/log.js';
import type { ConnectionState, QuoSession } from '../quoSession.js';
import type { Settings } from '../settings.js';
import { contactDisplayName } from '../render/contactName.js';
import { ContactCommands } from './contactCommands.js';
import { CONTACTS_VIEW_ID, ContactsTreeProvider, REVEAL_MENTION_COMMAND, revealMention } from './contactsTreeProvider.js';
import { IndexController, PagerSwitch } from './indexController.js';
import { IndexPersistence } from './indexPersistence.js';
import { InFileScanner, inFileStats } from './inFileScanner.js';
import { searchItems, showContactSearch, type SearchSources } from './searchContacts.js';
import { onDidChangeSidebarSettings, readSidebarSettings, type SidebarSettings } from './sidebarSettings.js';
import { TreeModel, type TreeNode } from './treeModel.js';

/** The recent list as the sidebar reads it; `onDidChange`, when the list offers one, redraws Recent at once. */
export interface RecentSource {
  list(): readonly RecentContact[];
  readonly onDidChange?: Event<void>;
}

export interface SidebarDeps {
  readonly context: vscode.ExtensionContext;
  readonly session: QuoSession;
  readonly detectors: DetectorHolder;
  readonly recent: RecentSource;
  readonly pinned: PinnedContacts;
  /** The extension's settings (languages and excludes decide which files "In this file" reads). */
  readonly settings: () => Settings;
  readonly log: Logger;
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
  private readonly disposables: vscode.Disposable[] = [];
  private settings: SidebarSettings = readSidebarSettings();
  private endProgress: (() => void) | undefined;
  private lastConnection: ConnectionState['kind'];

  constructor(private readonly deps: SidebarDeps) {
    const { session, pinned, recent, context } = deps;
    const pager = new PagerSwitch(() => session.client());
    this.index = new ContactIndex({ client: pager.current, defaultCountry: this.settings.defaultCountry });
    session.lookup.addKnownContacts(this.index);
    this.lastConnection = session.state.kind;

    let view: vscode.TreeView<TreeNode> | undefined;
    const visible = (): boolean => view?.visible === true;
    const known = (id: string) => {
      const found = session.lookup.peek(id);
      return found?.kind === 'found' ? found.contact : undefined;
    };

    this.controller = new IndexController({
      index: this.index,
      pager,
      ready: () => session.ready,
      visible,
      refreshMs: () => this.settings.refreshMs,
      fingerprint: () => session.key?.fingerprint,
      persist: { enabled: () => this.settings.persist, store: new IndexPersistence(context.globalStorageUri, deps.log) },
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
        connection: () => session.state.kind,
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
    this.searchSources = {
      index: this.index,
      hasKey: () => session.key !== undefined,
      pinned: () => pinned.list(),
      recent: () => recent.list(),
      known,
      want: () => this.controller.want(),
    };

    const redraw = (): void => this.provider.refresh();
    const subscribe = (event: Event<unknown> | undefined, listener: () => void): void => {
      if (event) {
        const subscription = event(listener);
        this.disposables.push({ dispose: () => subscription.dispose() });
      }
    };
    subscribe(this.index.onDidChange, () => this.indexChanged());
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
          this.controller.want();
          this.scanner.wake();
          // Recent may have changed while hidden (when the recent list cannot say so itself).
          redraw();
        }
      }),
      session.onDidChangeAccount(() => {
        this.controller.reset();
        this.scanner.rescan();
        void this.updateKeyContext();
        redraw();
      }),
      session.onDidChangeState((state) => {
        const before = this.lastConnection;
        this.lastConnection = state.kind;
        if (state.kind === 'ready' && (before === 'offline' || before === 'rate-limited')) {
          this.controller.connectionRecovered();
        }
        redraw();
      }),
      onDidChangeSidebarSettings((next) => {
        const countryChanged = next.defaultCountry !== this.settings.defaultCountry;
        this.settings = next;
        if (countryChanged) {
          this.index.setDefaultCountry(next.defaultCountry);
          this.scanner.rescan();
        }
        this.controller.settingsChanged();
        redraw();
      }),
      vscode.commands.registerCommand('quo.searchContacts', () => showContactSearch(this.searchSources)),
      vscode.commands.registerCommand('quo.refreshContacts', async () => {
        this.scanner.rescan();
        await this.controller.refresh();
      }),
      vscode.commands.registerCommand(REVEAL_MENTION_COMMAND, (target: unknown) => revealMention(target)),
      ...new ContactCommands(session, pinned).register(),
      { dispose: () => this.endProgress?.() },
    );

    void this.updateKeyContext();
    void this.controller.start();
    if (this.view.visible) {
      this.controller.want();
      this.scanner.wake();
    }
  }

  /**
   * For reverse lookup outside the sidebar (a hover on a phone number): starts the first listing if none ran, since
   * numbers and emails resolve only through the index.
   */
  ensureIndex(): void {
    this.controller.want();
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
      // The listing tells about the connection as much as a hover does: the status bar and the tree's items agree.
      if (state.status === 'complete') {
        this.deps.session.noteSuccess();
        void this.renamePins();
      } else if (state.status === 'error' && state.error) {
        this.deps.session.noteFailure(state.error);
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

  private async updateKeyContext(): Promise<void> {
    await this.deps.session.ready;
    await vscode.commands.executeCommand('setContext', 'quo.hasApiKey', this.deps.session.key !== undefined);
  }
}

/** Builds the sidebar and registers everything it contributes; dispose the result on deactivation. */
export function registerSidebar(deps: SidebarDeps): Sidebar {
  return new Sidebar(deps);
}
