/**
 * Which Quo workspace this window uses. The choice is remembered per folder or multi-root workspace in
 * `workspaceState` (never in settings: a cloned repository must not pick a key) and as the last one used in global
 * state. The session reads its key from here, so a switch, a replaced key or a removal in another window reaches
 * it through one event.
 */
import * as vscode from 'vscode';
import type { ApiKey } from '../auth/apiKey.js';
import {
  chooseStartWorkspace,
  WorkspaceStore,
  type AddResult,
  type Workspace,
} from './workspaceStore.js';

const REMEMBERED = 'quo.activeWorkspace';
const LAST_USED = 'quo.lastWorkspace';

export class ActiveWorkspace implements vscode.Disposable {
  private readonly store: WorkspaceStore;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly listChanged = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  private activeId: string | undefined;
  private workspaces: readonly Workspace[] = [];
  private loading: Promise<void> | undefined;

  /** The active workspace's key changed: another workspace, a new key, or none. */
  readonly onDidChange = this.changed.event;
  /** Workspaces were added, renamed or removed (names shown in the status bar and pickers). */
  readonly onDidChangeWorkspaces = this.listChanged.event;

  constructor(
    secrets: vscode.SecretStorage,
    private readonly globalState: vscode.Memento,
    private readonly workspaceState: vscode.Memento,
    /** The first Quo line's name for a key, to name a migrated workspace; undefined when offline. */
    private readonly suggestName: (key: string) => Promise<string | undefined>,
    environment: NodeJS.ProcessEnv = process.env,
  ) {
    this.store = new WorkspaceStore(secrets, globalState, environment);
    // Another window added, replaced or removed a key: read the list again, and stop using a removed one at once.
    this.subscription = secrets.onDidChange((event) => {
      if (WorkspaceStore.isWorkspaceSecret(event.key)) {
        void this.reload();
      }
    });
  }

  /** The active workspace, once loaded. */
  get current(): Workspace | undefined {
    return this.workspaces.find((workspace) => workspace.id === this.activeId);
  }

  /** Every workspace, once loaded. */
  get all(): readonly Workspace[] {
    return this.workspaces;
  }

  /** The active workspace's name when there are at least two (the status bar and the sidebar then name it). */
  activeNameAmongSeveral(): string | undefined {
    return this.nameAmongSeveral(this.activeId);
  }

  /** The key the session uses: the active workspace's. */
  async get(): Promise<ApiKey | undefined> {
    this.loading ??= this.load();
    await this.loading;
    return this.activeId === undefined ? undefined : this.keyOfWorkspace(this.activeId);
  }

  async keyOfWorkspace(id: string): Promise<ApiKey | undefined> {
    this.loading ??= this.load();
    await this.loading;
    const workspace = this.workspaces.find((candidate) => candidate.id === id);
    const value = workspace ? await this.store.keyOf(workspace.id) : undefined;
    return workspace && value !== undefined
      ? { value, source: workspace.source, fingerprint: workspace.fingerprint, workspaceId: workspace.id }
      : undefined;
  }

  /** A workspace's name while there are at least two (a panel then says which it belongs to). */
  nameAmongSeveral(id: string | undefined): string | undefined {
    return this.workspaces.length >= 2 ? this.workspaces.find((workspace) => workspace.id === id)?.name : undefined;
  }

  fingerprints(): readonly string[] {
    return this.workspaces.map((workspace) => workspace.fingerprint);
  }

  /** A workspace's key (the Accounts menu's sessions carry it); undefined once it was removed. */
  keyOf(id: string): Promise<string | undefined> {
    return this.store.keyOf(id);
  }

  async add(key: string, name: string): Promise<AddResult> {
    await this.get();
    const result = await this.store.add(key, name);
    if (result.kind === 'added') {
      await this.refreshList();
      await this.switchTo(result.workspace.id);
    }
    return result;
  }

  /** Replaces the active workspace's key; returns the workspace that already holds `key`, if another does. */
  async replaceActiveKey(key: string): Promise<Workspace | undefined> {
    await this.get();
    const workspace = this.current;
    if (!workspace || workspace.source !== 'secret-storage') {
      throw new Error('no stored workspace is active');
    }
    const other = await this.store.replaceKey(workspace.id, key);
    if (!other) {
      await this.refreshList();
      this.changed.fire();
    }
    return other;
  }

  async rename(id: string, name: string): Promise<string | undefined> {
    const problem = await this.store.rename(id, name);
    if (problem === undefined) {
      await this.refreshList();
    }
    return problem;
  }

  /** Removes a stored workspace; when it was the active one, another (or none) takes over before anything is sent. */
  async remove(id: string): Promise<boolean> {
    await this.get();
    const wasActive = id === this.activeId;
    if (wasActive) {
      // No request may go out with the removed key: the session hears "no key" before the key is deleted.
      this.activeId = undefined;
      this.changed.fire();
    }
    const removed = await this.store.remove(id);
    await this.refreshList();
    if (wasActive) {
      await this.switchTo(chooseStartWorkspace(this.workspaces, undefined, undefined)?.id);
    }
    return removed;
  }

  async switchTo(id: string | undefined): Promise<void> {
    if (id !== undefined && !this.workspaces.some((workspace) => workspace.id === id)) {
      return;
    }
    const changed = id !== this.activeId;
    this.activeId = id;
    await this.workspaceState.update(REMEMBERED, id);
    if (id !== undefined) {
      await this.globalState.update(LAST_USED, id);
    }
    if (changed) {
      this.changed.fire();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.listChanged.dispose();
  }

  private async load(): Promise<void> {
    await this.store.migrate(this.suggestName);
    await this.refreshList();
    this.activeId = chooseStartWorkspace(
      this.workspaces,
      this.workspaceState.get<string>(REMEMBERED),
      this.globalState.get<string>(LAST_USED),
    )?.id;
  }

  private async refreshList(): Promise<void> {
    this.workspaces = await this.store.list();
    this.listChanged.fire();
  }

  /** Reads the list again, `QUO_API_KEY` included (the session reads the active key again either way). */
  async reload(): Promise<void> {
    await this.get();
    const before = this.activeId;
    await this.refreshList();
    if (!this.current) {
      this.activeId = chooseStartWorkspace(this.workspaces, undefined, this.globalState.get<string>(LAST_USED))?.id;
    }
    // The active key itself may have been replaced in another window: the session reads it again either way.
    this.changed.fire();
    if (before !== this.activeId) {
      await this.workspaceState.update(REMEMBERED, this.activeId);
    }
  }
}
