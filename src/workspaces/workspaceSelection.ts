/**
 * Which Quo workspace this window uses, and the workspaces it knows. The choice is remembered per folder or
 * multi-root workspace in `workspaceState` (never in settings: a cloned repository must not pick a key) and as the
 * last one used in global state. The session reads its key from here, so a switch, a replaced key or a removal in
 * another window reaches it through one event. Plain TypeScript (ActiveWorkspace gives it to VS Code), so unit tests
 * run two windows over one secret store.
 */
import type { ApiKey } from '../auth/apiKey.js';
import { Emitter, type Event, type Subscription } from '../common/emitter.js';
import { Disposable } from '../common/lifecycle.js';
import { chooseStartWorkspace } from './workspaceNames.js';
import {
  WorkspaceStore,
  type AddResult,
  type MementoLike,
  type SecretsLike,
  type Workspace,
} from './workspaceStore.js';

const REMEMBERED = 'quo.activeWorkspace';
const LAST_USED = 'quo.lastWorkspace';

/** SecretStorage as every window sees it: a change made in one window is announced in all of them. */
export interface WatchedSecrets extends SecretsLike {
  readonly onDidChange: (listener: (event: { readonly key: string }) => unknown) => Subscription;
}

export class WorkspaceSelection extends Disposable {
  private readonly store: WorkspaceStore;
  private readonly changed = this.register(new Emitter<void>());
  private readonly listChanged = this.register(new Emitter<void>());
  private activeId: string | undefined;
  private workspaces: readonly Workspace[] = [];
  /** Reads of the list started so far, and the newest one's end (see refreshList). */
  private listReads = 0;
  private newestRead: Promise<void> = Promise.resolve();
  private loading: Promise<void> | undefined;
  /** The last start-up failed: the next one to succeed fires the change events. */
  private loadFailed = false;

  /** The active workspace's key changed: another workspace, a new key, or none. */
  readonly onDidChange: Event<void> = this.changed.event;
  /** Workspaces were added, renamed or removed (names shown in the status bar and pickers). */
  readonly onDidChangeWorkspaces: Event<void> = this.listChanged.event;

  constructor(
    secrets: WatchedSecrets,
    private readonly globalState: MementoLike,
    private readonly workspaceState: MementoLike,
    /** The first Quo line's name for a key, to name a migrated workspace; undefined when offline. */
    private readonly suggestName: (key: string) => Promise<string | undefined>,
    environment: NodeJS.ProcessEnv = process.env,
    /** Deletes a removed key's saved contact index, by its fingerprint. */
    forgetFiles?: (fingerprint: string) => PromiseLike<void>,
  ) {
    super();
    this.store = new WorkspaceStore(secrets, globalState, environment, forgetFiles);
    // Another window added, renamed, replaced or removed: read the list again, and stop using a removed key at once.
    this.register(
      secrets.onDidChange((event) => {
        if (WorkspaceStore.isWorkspaceSecret(event.key)) {
          void this.reload().then(undefined, () => undefined);
        }
      }),
    );
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
    await this.loaded();
    return this.activeId === undefined ? undefined : this.keyOfWorkspace(this.activeId);
  }

  /** Any workspace's key, with the fingerprint of the value read (never one remembered from an earlier read). */
  async keyOfWorkspace(id: string): Promise<ApiKey | undefined> {
    await this.loaded();
    const workspace = this.workspaces.find((candidate) => candidate.id === id);
    const key = workspace ? await this.store.keyAndFingerprint(workspace.id) : undefined;
    return workspace && key ? { ...key, source: workspace.source, workspaceId: workspace.id } : undefined;
  }

  /** A workspace's name while there are at least two (a panel then says which it belongs to). */
  nameAmongSeveral(id: string | undefined): string | undefined {
    return this.workspaces.length >= 2 ? this.workspaces.find((workspace) => workspace.id === id)?.name : undefined;
  }

  /** The fingerprints of the keys of every workspace (their saved contact indexes stay on disk). */
  fingerprints(): readonly string[] {
    return this.workspaces.flatMap((workspace) => (workspace.fingerprint === undefined ? [] : [workspace.fingerprint]));
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
    // Gone from what this window keeps before its files are deleted: a save finishing meanwhile deletes its copy.
    this.workspaces = this.workspaces.filter((workspace) => workspace.id !== id || workspace.source !== 'secret-storage');
    this.listChanged.fire();
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

  /**
   * A start-up that failed (a locked keychain) is tried again by the next call, not kept failed for the session; the
   * one that then succeeds announces the workspaces and the key, which nothing had heard of.
   */
  private loaded(): Promise<void> {
    this.loading ??= this.load().then(
      () => {
        if (this.loadFailed) {
          this.loadFailed = false;
          this.listChanged.fire();
          this.changed.fire();
        }
      },
      (error: unknown) => {
        this.loading = undefined;
        this.loadFailed = true;
        throw error;
      },
    );
    return this.loading;
  }

  private async load(): Promise<void> {
    await this.store.prepare(this.suggestName);
    await this.refreshList();
    this.activeId = chooseStartWorkspace(
      this.workspaces,
      this.workspaceState.get<string>(REMEMBERED),
      this.globalState.get<string>(LAST_USED),
    )?.id;
  }

  /**
   * Reads the list again. Every SecretStorage change does (a removal makes three), and reads overlap: only the answer
   * of the newest read is kept, since an older one that arrives last would bring back a workspace just removed; a
   * caller whose read was overtaken waits for the newer one. What shows the workspaces redraws only when they changed.
   */
  private refreshList(): Promise<void> {
    const read = ++this.listReads;
    const done = this.store.list().then((next) => {
      if (read !== this.listReads) {
        return;
      }
      const before = this.workspaces;
      this.workspaces = next;
      if (!sameWorkspaces(before, next)) {
        this.listChanged.fire();
      }
    });
    this.newestRead = done;
    return done.then(() => this.newestRead);
  }
}

function sameWorkspaces(a: readonly Workspace[], b: readonly Workspace[]): boolean {
  return (
    a.length === b.length &&
    a.every((workspace, index) => {
      const other = b[index];
      return other !== undefined && workspace.id === other.id && workspace.name === other.name && workspace.fingerprint === other.fingerprint && workspace.source === other.source;
    })
  );
}
