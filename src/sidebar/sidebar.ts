/**
 * The Quo sidebar as activation sees it: the Contacts view over the active workspace's contact list (which its
 * session owns), whether that list is shown, its progress, the availability context its welcome content reads, and the
 * commands of its items. What the view lists, "In this file" and the search are dist/sidebar.js (sidebarView.ts),
 * required when the view first asks for its items, is shown, or a command needs them. It tells the sessions whether
 * the list is shown; the active session decides when to list.
 */
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle.js';
import type { Event } from '../common/emitter.js';
import type { PinnedContacts } from '../contacts/pinnedContacts.js';
import type { ConfiguredDetector } from '../documents/configuredDetector.js';
import { ContextKeys } from '../commands/commandIds.js';
import type { CommandHandlers } from '../commands/registry.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import type { Settings } from '../settings/settingsPolicy.js';
import { contactDisplayName } from '../contacts/contactName.js';
import type * as Chunk from './sidebarChunk.js';
import type { TreeNode } from './treeModel.js';
import type { RecentSource, SidebarView, SidebarViewCommands } from './sidebarView.js';

export type { RecentSource } from './sidebarView.js';

/** The view's id in the manifest. */
export const CONTACTS_VIEW_ID = 'quo.contacts';

export interface SidebarDeps {
  readonly sessions: WorkspaceSessions;
  readonly detectors: Pick<ConfiguredDetector, 'detector'>;
  readonly recent: RecentSource;
  readonly pinned: PinnedContacts;
  /** The extension's settings (languages and excludes decide which files "In this file" reads). */
  readonly settings: () => Settings;
  /** The active workspace's name once there are two or more: the view's description says it. */
  readonly activeWorkspaceName: () => string | undefined;
  readonly onDidChangeWorkspaces: Event<void>;
}

export class Sidebar extends Disposable implements vscode.Disposable {
  readonly view: vscode.TreeView<TreeNode>;
  private made: { readonly chunk: typeof Chunk; readonly view: SidebarView } | undefined;
  private readonly loadedListeners: ((chunk: typeof Chunk) => void)[] = [];
  /** The chunk's provider redraws through this one, the provider VS Code was given. */
  private readonly changed = new vscode.EventEmitter<void>();
  private endProgress: (() => void) | undefined;

  constructor(private readonly deps: SidebarDeps) {
    super();
    const { sessions } = deps;
    // VS Code reads which methods the provider has when the view is made: each is there, handing over to the chunk.
    const provider: vscode.TreeDataProvider<TreeNode> = {
      onDidChangeTreeData: this.changed.event,
      getChildren: (node) => this.contents.provider.getChildren(node),
      getTreeItem: (node) => this.contents.provider.getTreeItem(node),
      resolveTreeItem: (item, node, token) => this.contents.provider.resolveTreeItem(item, node, token),
    };
    this.view = vscode.window.createTreeView(CONTACTS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
    const describeWorkspace = (): void => {
      this.view.description = deps.activeWorkspaceName();
    };
    describeWorkspace();

    [
      this.changed,
      this.view,
      sessions.onDidChangeList(() => this.listChanged()),
      deps.onDidChangeWorkspaces(describeWorkspace),
      sessions.onDidChangeAccount(describeWorkspace),
      sessions.onDidChangeAvailability(() => void this.updateAvailabilityContext()),
      this.view.onDidChangeVisibility((event) => {
        sessions.setListShown(event.visible);
        if (event.visible) {
          // Shown: its items are asked for next, and "In this file" catches up on what happened while hidden.
          this.loaded();
        }
      }),
      { dispose: () => this.endProgress?.() },
      // First on dispose (the last registered goes first): the list is no longer shown.
      { dispose: () => sessions.setListShown(false) },
    ].forEach((owned) => this.register(owned));

    void this.updateAvailabilityContext();
    if (this.view.visible) {
      sessions.setListShown(true);
    }
  }

  /** The view's contents, made on first use from dist/sidebar.js. */
  get contents(): SidebarView {
    return this.loaded().view;
  }

  /** Runs `listener` with the chunk once it is loaded (at once if it is): for the test API's observers. */
  whenLoaded(listener: (chunk: typeof Chunk) => void): void {
    if (this.made) {
      listener(this.made.chunk);
    } else {
      this.loadedListeners.push(listener);
    }
  }

  /** The settings changed (the one reader's event, relayed by the wiring). */
  settingsChanged(next: Settings): void {
    this.made?.view.settingsChanged(next);
  }

  /** The bodies of the commands the sidebar contributes, for the one registry. */
  commands(): Pick<CommandHandlers, 'refreshContacts' | keyof SidebarViewCommands> {
    const forward =
      (name: keyof SidebarViewCommands) =>
      (...args: unknown[]): unknown =>
        this.contents.commands()[name](...args);
    return {
      searchContacts: forward('searchContacts'),
      refreshContacts: async () => {
        this.made?.view.scanner.rescan();
        await this.deps.sessions.active.contacts.relist();
      },
      revealMention: forward('revealMention'),
      pinContact: forward('pinContact'),
      unpinContact: forward('unpinContact'),
      copyContactId: forward('copyContactId'),
      copyContactPhone: forward('copyContactPhone'),
      copyContactEmail: forward('copyContactEmail'),
      openContactInQuo: forward('openContactInQuo'),
    };
  }

  /** dist/sidebar.js and the view's contents made from it, both made on first use. */
  loaded(): { readonly chunk: typeof Chunk; readonly view: SidebarView } {
    if (!this.made) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const chunk = require('./sidebarChunk.js') as typeof Chunk;
      const { sessions, detectors, recent, pinned, settings } = this.deps;
      const view = new chunk.SidebarView({ sessions, detectors, recent, pinned, settings, view: this.view });
      this.made = { chunk, view };
      this.register(view);
      this.register(view.provider.onDidChangeTreeData(() => this.changed.fire()));
      for (const listener of this.loadedListeners.splice(0)) {
        listener(chunk);
      }
    }
    return this.made;
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
