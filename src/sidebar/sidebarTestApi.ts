/**
 * What integration tests may observe of the sidebar, through the extension's test API: imported by src/testApi.ts
 * only, so production builds leave it out.
 */
import * as vscode from 'vscode';
import type { IndexState } from '../contacts/contactIndex.js';
import type { PinnedContacts } from '../contacts/pinnedContacts.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import type { Sidebar } from './sidebar.js';
import type { TreeNode } from './treeModel.js';

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

/**
 * Builds the sidebar's part of the test API, and counts what "In this file" reads from when dist/sidebar.js is loaded
 * (its scanner is made then). What it observes is that chunk's, so nothing here imports the chunk's modules.
 */
export function sidebarTestApi(sidebar: Sidebar, sessions: WorkspaceSessions, pinned: PinnedContacts): SidebarTestApi {
  const scans = { scans: 0, charsRead: 0 };
  sidebar.whenLoaded((chunk) =>
    chunk.observeScans((characters) => {
      scans.scans++;
      scans.charsRead += characters;
    }),
  );
  const nodeAt = async (path: readonly string[]): Promise<TreeNode | undefined> => {
    let node: TreeNode | undefined;
    for (const label of path) {
      node = (await sidebar.contents.provider.getChildren(node)).find((child) => child.label === label);
      if (!node) {
        throw new Error(`No item "${label}" in the Contacts view (path ${JSON.stringify(path)})`);
      }
    }
    return node;
  };
  const items = async (path: readonly string[]) => {
    const children = await sidebar.contents.provider.getChildren(await nodeAt(path));
    return children.map((child) => {
      const item = sidebar.contents.provider.getTreeItem(child);
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
      sidebar
        .loaded()
        .chunk.searchItems(sessions.active.contacts.index.createSearch(), query, sidebar.contents.searchSources)
        .filter((item) => item.kind !== vscode.QuickPickItemKind.Separator)
        .map((item) => ({
          label: item.label,
          ...(item.description === undefined ? {} : { description: item.description }),
          ...(item.detail === undefined ? {} : { detail: item.detail }),
          ...(item.contactId === undefined ? {} : { id: item.contactId }),
        })),
    syncIndex: () => sessions.active.contacts.relist(),
    indexState: () => ({ ...sessions.active.contacts.listState, size: sessions.active.contacts.index.size }),
    pinnedIds: () => pinned.list().map((item) => item.id),
    viewDescription: () => (typeof sidebar.view.description === 'string' ? sidebar.view.description : undefined),
    scanStats: () => ({ ...scans }),
    scanNow: async () => {
      sidebar.contents.scanner.rescanNow();
    },
  };
}
