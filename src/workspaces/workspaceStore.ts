/**
 * The Quo workspaces this installation knows: a name and a key each. The keys live in SecretStorage, one entry each,
 * and so does the list (ids, names, the fingerprint salt), because only SecretStorage announces a change to every
 * window (`globalState` changes reach other windows late and silently, so a workspace added in one window would not
 * appear in another). Global state holds the salt of earlier versions (still used where it exists), the recent and
 * pinned contacts of each workspace, and a copy of the list in the format of earlier versions (see LEGACY_LIST_KEY).
 * The fingerprint the workspaces are listed with is derived from the key as read, so it cannot disagree with it; the
 * fingerprints stored (in that copy, and in a removal's mark, to delete the index file once the key is gone) are only
 * read by earlier versions and by the removal. `QUO_API_KEY`, when set, is one more workspace that is read, never
 * stored and never removed.
 * Plain TypeScript over two small interfaces, so unit tests run it on fakes.
 */
import * as l10n from '@vscode/l10n';
import { randomBytes } from 'node:crypto';
import { keyFingerprint, newSalt } from '../auth/keyFingerprint.js';
import { storedListKey } from '../contacts/storedContactList.js';
import { cleanEntries, legacyEntries, sameEntries, visible, type LegacyEntry, type ListDocument, type StoredWorkspace } from './storedWorkspaceList.js';
import { cleanWorkspaceName, uniqueWorkspaceName, workspaceNameProblem } from './workspaceNames.js';

export interface SecretsLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
  /** Every key stored (VS Code's Memento has it); without it, lists of workspaces removed long ago are not found. */
  keys?(): readonly string[];
}

export type WorkspaceSource = 'secret-storage' | 'environment';

export interface Workspace {
  readonly id: string;
  readonly name: string;
  /**
   * Names the key without revealing it (the index file, the cross-window rate budget), derived from the key as read;
   * undefined while the key cannot be read.
   */
  readonly fingerprint: string | undefined;
  readonly source: WorkspaceSource;
}

/** The id of the workspace `QUO_API_KEY` provides. */
export const ENVIRONMENT_WORKSPACE_ID = 'environment';

/** Before several workspaces, the one key was stored here. */
export const LEGACY_SECRET = 'quo.apiKey';
/** The salt of earlier versions, still the one used where it exists, so fingerprints do not change. */
const SALT_KEY = 'quo.fingerprintSalt';
/**
 * Earlier versions kept the list here, in global state, as {id, name, fingerprint}; it moved to LIST_SECRET. It is
 * still written on every write of the list (visible workspaces, with the fingerprint of each key as read then), so a
 * window still running an earlier version (each window reloads on its own after an update), or a downgrade, keeps the
 * workspaces; an entry an earlier version added there is taken into the list at the next start-up. Keep it for this
 * release and at least the next: it can go (with legacyOnly, and with the copying rather than moving of recent and
 * pinned contacts) once a downgrade to a version that keeps its list in global state is no longer supported.
 */
const LEGACY_LIST_KEY = 'quo.workspaces';
const LIST_SECRET = 'quo.workspaceList';
const SECRET_PREFIX = 'quo.workspace.key.';
/** The per-workspace contact lists in global state (see StoredContactList). */
const CONTACT_LISTS = ['recent', 'pinned'] as const;
const WORKSPACE_ID = /^w[0-9a-f]{12}$/;

/** Writing the list tries this many times to store a change another window wrote over meanwhile. */
const WRITE_TRIES = 3;

/** The storage a stored workspace's data lives under: its id. The environment's workspace is its key. */
export function workspaceDataKey(key: { readonly source: WorkspaceSource; readonly workspaceId: string; readonly fingerprint: string }): string {
  // QUO_API_KEY may hold another key at the next start: its recent and pinned contacts follow the key, not the slot.
  return key.source === 'environment' ? key.fingerprint : key.workspaceId;
}

export type AddResult =
  | { readonly kind: 'added'; readonly workspace: Workspace }
  /** The key is already stored, under `existing`'s name: it is never stored twice. */
  | { readonly kind: 'duplicate'; readonly existing: Workspace }
  | { readonly kind: 'bad-name'; readonly problem: string };

export class WorkspaceStore {
  /** This window's writes, one at a time: two quick adds must not each write the list without the other. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly secrets: SecretsLike,
    private readonly globalState: MementoLike,
    private readonly environment: NodeJS.ProcessEnv = process.env,
    /** Deletes what a removed key left outside global state (its saved contact index), by its fingerprint. */
    private readonly forgetFiles: (fingerprint: string) => PromiseLike<void> = () => Promise.resolve(),
  ) {}

  /**
   * Stored workspaces in the order they were added, then the environment's, if any and not stored too. Rejects when
   * the list cannot be read (a locked keychain): an empty list would be written over the real one by the next add.
   */
  async list(): Promise<Workspace[]> {
    return this.listOf(await this.readDocument());
  }

  /** The key of a workspace; undefined when it was removed (in this window or another). */
  async keyOf(id: string): Promise<string | undefined> {
    if (id === ENVIRONMENT_WORKSPACE_ID) {
      return this.environmentKey();
    }
    try {
      return (await this.secrets.get(WorkspaceStore.secretOf(id)))?.trim() || undefined;
    } catch {
      // A locked or broken keychain reads as no key; the key is not deleted for it.
      return undefined;
    }
  }

  /** A workspace's key and the fingerprint of that very value, so the two always go together. */
  async keyAndFingerprint(id: string): Promise<{ readonly value: string; readonly fingerprint: string } | undefined> {
    const value = await this.keyOf(id);
    return value === undefined ? undefined : { value, fingerprint: keyFingerprint(value, await this.saltOf(await this.readDocument())) };
  }

  /** Where a workspace's key is in SecretStorage. */
  static secretOf(id: string): string {
    return SECRET_PREFIX + id;
  }

  /** Whether a SecretStorage change event is about a workspace: a key, or the list. */
  static isWorkspaceSecret(secretKey: string): boolean {
    return secretKey.startsWith(SECRET_PREFIX) || secretKey === LEGACY_SECRET || secretKey === LIST_SECRET;
  }

  add(key: string, name: string): Promise<AddResult> {
    return this.serially(async () => {
      const value = key.trim();
      const document = await this.readDocument();
      const fingerprint = keyFingerprint(value, await this.saltOf(document));
      const existing = await this.listOf(document);
      const duplicate = existing.find((workspace) => workspace.fingerprint === fingerprint && workspace.source === 'secret-storage');
      if (duplicate) {
        return { kind: 'duplicate', existing: duplicate };
      }
      const problem = workspaceNameProblem(name, existing);
      if (problem !== undefined) {
        return { kind: 'bad-name', problem };
      }
      const entry: StoredWorkspace = { id: `w${randomBytes(6).toString('hex')}`, name: cleanWorkspaceName(name) };
      // The key first: an entry without its key would be a workspace that cannot connect.
      await this.secrets.store(WorkspaceStore.secretOf(entry.id), value);
      await this.writeDocument((latest) =>
        latest.workspaces.some((other) => other.id === entry.id) ? latest : { ...latest, workspaces: [...latest.workspaces, entry] },
      );
      return { kind: 'added', workspace: { ...entry, fingerprint, source: 'secret-storage' } };
    });
  }

  rename(id: string, name: string): Promise<string | undefined> {
    return this.serially(async () => {
      const document = await this.readDocument();
      const problem = workspaceNameProblem(name, await this.listOf(document), id);
      if (problem !== undefined) {
        return problem;
      }
      const clean = cleanWorkspaceName(name);
      await this.writeDocument((latest) => ({
        ...latest,
        workspaces: latest.workspaces.map((entry) => (entry.id === id ? { ...entry, name: clean } : entry)),
      }));
      return undefined;
    });
  }

  /**
   * Replaces a stored workspace's key; refused (returning the other workspace) when another one holds that key. One
   * write: every window reads the new key and its fingerprint together from it.
   */
  replaceKey(id: string, key: string): Promise<Workspace | undefined> {
    return this.serially(async () => {
      const value = key.trim();
      const document = await this.readDocument();
      const fingerprint = keyFingerprint(value, await this.saltOf(document));
      const list = await this.listOf(document);
      const other = list.find((w) => w.id !== id && w.fingerprint === fingerprint && w.source === 'secret-storage');
      if (other) {
        return other;
      }
      if (!list.some((w) => w.id === id && w.source === 'secret-storage')) {
        throw new Error('no such stored workspace');
      }
      await this.secrets.store(WorkspaceStore.secretOf(id), value);
      return undefined;
    });
  }

  /**
   * Removes a stored workspace, its key, its recent and pinned contacts and its saved contact index. The environment's
   * cannot be removed (the variable is not ours). All or nothing: the entry is first marked (hidden at once in every
   * window), and a removal cut short by a reload or a locked keychain is finished at the next start-up.
   */
  remove(id: string): Promise<boolean> {
    return this.serially(async () => {
      const document = await this.readDocument();
      if (id === ENVIRONMENT_WORKSPACE_ID || !visible(document).some((entry) => entry.id === id)) {
        return false;
      }
      const key = await this.keyOf(id);
      const fingerprint = key === undefined ? undefined : keyFingerprint(key, await this.saltOf(document));
      await this.writeDocument((latest) => ({
        ...latest,
        workspaces: latest.workspaces.map((entry) => (entry.id === id ? { ...entry, removing: entry.removing ?? { fingerprint } } : entry)),
      }));
      // The workspace is gone for the user now; what could not be deleted yet is deleted at the next start-up.
      await this.finishRemovalsNow().then(undefined, () => undefined);
      return true;
    });
  }

  /**
   * What a window does once at start-up: the single key of earlier versions becomes a workspace, the list is copied
   * from global state to SecretStorage (and workspaces an earlier version added there since are taken in), removals
   * cut short are finished, and recent and pinned contacts kept by key fingerprint (earlier versions) are copied to
   * the workspace id, so a replaced key keeps them.
   */
  async prepare(nameFor: (key: string) => Promise<string | undefined>): Promise<void> {
    await this.migrate(nameFor);
    await this.serially(async () => {
      // Only a list to move or to add to is written: a first start with no workspace writes nothing to the keychain.
      if (this.globalState.get<unknown>(LEGACY_LIST_KEY) === undefined) {
        return;
      }
      const listed = (await this.secrets.get(LIST_SECRET)) !== undefined;
      if (!listed || (await this.legacyOnly(await this.readDocument())).length > 0) {
        await this.writeDocument(async (latest) => ({
          ...latest,
          workspaces: [...latest.workspaces, ...(await this.legacyOnly(latest)).map(({ id, name }) => ({ id, name }))],
        }));
      }
    });
    await this.serially(() => this.finishRemovalsNow());
    await this.serially(() => this.moveContactLists());
  }

  /**
   * Turns the single key of earlier versions into a workspace, without asking anything. Idempotent: the old entry is
   * removed only after the new one is written, and a key already stored as a workspace is not added again.
   */
  async migrate(nameFor: (key: string) => Promise<string | undefined>): Promise<Workspace | undefined> {
    let legacy: string | undefined;
    try {
      legacy = (await this.secrets.get(LEGACY_SECRET))?.trim() || undefined;
    } catch {
      return undefined;
    }
    if (legacy === undefined) {
      return undefined;
    }
    const document = await this.readDocument();
    const fingerprint = keyFingerprint(legacy, await this.saltOf(document));
    let workspace = (await this.listOf(document)).find((w) => w.fingerprint === fingerprint && w.source === 'secret-storage');
    if (!workspace) {
      const name = uniqueWorkspaceName((await nameFor(legacy).then(undefined, () => undefined)) ?? 'Quo', await this.list());
      const added = await this.add(legacy, name);
      workspace = added.kind === 'added' ? added.workspace : added.kind === 'duplicate' ? added.existing : undefined;
    }
    if (workspace) {
      await this.secrets.delete(LEGACY_SECRET);
    }
    return workspace;
  }

  private async listOf(document: ListDocument): Promise<Workspace[]> {
    const salt = await this.saltOf(document);
    const stored = await Promise.all(
      visible(document).map(async (entry): Promise<Workspace> => {
        const key = await this.keyOf(entry.id);
        return { id: entry.id, name: entry.name, fingerprint: key === undefined ? undefined : keyFingerprint(key, salt), source: 'secret-storage' };
      }),
    );
    const environmentKey = this.environmentKey();
    if (environmentKey === undefined) {
      return stored;
    }
    const fingerprint = keyFingerprint(environmentKey, salt);
    if (stored.some((workspace) => workspace.fingerprint === fingerprint)) {
      return stored;
    }
    return [...stored, { id: ENVIRONMENT_WORKSPACE_ID, name: l10n.t('From the environment'), fingerprint, source: 'environment' }];
  }

  private async finishRemovalsNow(): Promise<void> {
    const removing = (await this.readDocument()).workspaces.filter((entry) => entry.removing !== undefined);
    if (removing.length === 0) {
      return;
    }
    const environmentKey = this.environmentKey();
    const salt = await this.saltOf(await this.readDocument());
    const environmentFingerprint = environmentKey === undefined ? undefined : keyFingerprint(environmentKey, salt);
    for (const entry of removing) {
      // The key first: once it is gone nothing can use it, whatever else is left to delete.
      await this.secrets.delete(WorkspaceStore.secretOf(entry.id));
      for (const list of CONTACT_LISTS) {
        await this.globalState.update(storedListKey(list, entry.id), undefined);
      }
      const fingerprint = entry.removing?.fingerprint;
      // The same key in QUO_API_KEY is the environment's workspace, whose data is named by the fingerprint: it stays.
      if (fingerprint !== undefined && fingerprint !== environmentFingerprint) {
        for (const list of CONTACT_LISTS) {
          await this.globalState.update(storedListKey(list, fingerprint), undefined);
        }
        await this.forgetFiles(fingerprint);
      }
    }
    const done = new Set(removing.map((entry) => entry.id));
    await this.writeDocument((latest) => ({ ...latest, workspaces: latest.workspaces.filter((entry) => !done.has(entry.id)) }));
  }

  private async moveContactLists(): Promise<void> {
    const document = await this.readDocument();
    for (const workspace of await this.listOf(document)) {
      if (workspace.source !== 'secret-storage' || workspace.fingerprint === undefined) {
        continue;
      }
      for (const list of CONTACT_LISTS) {
        const from = storedListKey(list, workspace.fingerprint);
        const to = storedListKey(list, workspace.id);
        const old = this.globalState.get<unknown>(from);
        if (old === undefined) {
          continue;
        }
        // Copied, not moved: a window still running an earlier version (or a downgrade) reads them there.
        if (this.globalState.get<unknown>(to) === undefined) {
          await this.globalState.update(to, old);
        }
      }
    }
    // The lists of workspaces that no longer exist (removed by a version that left them behind) go too.
    const known = new Set(document.workspaces.map((entry) => entry.id));
    for (const key of this.globalState.keys?.() ?? []) {
      const owner = CONTACT_LISTS.map((list) => storedListKey(list, '')).find((prefix) => key.startsWith(prefix));
      const id = owner === undefined ? undefined : key.slice(owner.length);
      if (id !== undefined && WORKSPACE_ID.test(id) && !known.has(id)) {
        await this.globalState.update(key, undefined);
      }
    }
  }

  /**
   * Rejects when SecretStorage cannot be read, and when the list is there but cannot be parsed or has no salt to
   * fingerprint with: taken for empty, it would be written over by the next add, and every key orphaned. An absent
   * list is the one of earlier versions (or none).
   */
  private async readDocument(): Promise<ListDocument> {
    const raw = await this.secrets.get(LIST_SECRET);
    if (raw === undefined) {
      return { workspaces: cleanEntries(this.globalState.get<unknown>(LEGACY_LIST_KEY)) };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    const { salt, workspaces } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { salt?: unknown; workspaces?: unknown };
    if (!Array.isArray(workspaces)) {
      throw new Error('The list of Quo workspaces in SecretStorage cannot be read.');
    }
    // Never a new salt for a list that exists: every fingerprint would change. Earlier versions' is the same one.
    const known = (typeof salt === 'string' && salt !== '' ? salt : undefined) ?? (this.globalState.get<string>(SALT_KEY) || undefined);
    if (known === undefined) {
      throw new Error('The list of Quo workspaces in SecretStorage has no fingerprint salt.');
    }
    return { salt: known, workspaces: cleanEntries(workspaces) };
  }

  /**
   * Applies `change` to the list as stored right before the write (never to an earlier copy: another window may have
   * written since), then reads the list back: when another window wrote over it meanwhile, and the change is missing
   * from what it wrote, the change is applied again (a few times). Changes are idempotent, so applying one to a list
   * that has it changes nothing. The copy for earlier versions is written after.
   */
  private async writeDocument(change: (document: ListDocument) => ListDocument | Promise<ListDocument>): Promise<void> {
    let latest = await this.readDocument();
    for (let attempt = 1; ; attempt++) {
      const next = await change(latest);
      const stored: ListDocument = { salt: next.salt ?? (await this.saltOf(next)), workspaces: next.workspaces };
      await this.secrets.store(LIST_SECRET, JSON.stringify(stored));
      latest = await this.readDocument();
      if (attempt >= WRITE_TRIES || sameEntries(await change(latest), latest)) {
        break;
      }
    }
    await this.writeLegacyList(latest);
  }

  /** Writes the list in the format of earlier versions (see LEGACY_LIST_KEY), and their salt if it is not there. */
  private async writeLegacyList(document: ListDocument): Promise<void> {
    const salt = await this.saltOf(document);
    if (!this.globalState.get<string>(SALT_KEY)) {
      await this.globalState.update(SALT_KEY, salt);
    }
    const before = legacyEntries(this.globalState.get<unknown>(LEGACY_LIST_KEY));
    const entries: LegacyEntry[] = [];
    for (const entry of visible(document)) {
      const key = await this.keyOf(entry.id);
      // A key that cannot be read now keeps the fingerprint it had; one never read is left out (earlier versions need one).
      const fingerprint = key === undefined ? before.find((old) => old.id === entry.id)?.fingerprint : keyFingerprint(key, salt);
      if (fingerprint !== undefined) {
        entries.push({ id: entry.id, name: entry.name, fingerprint });
      }
    }
    // What an earlier version added and the list has not taken in yet (at the next start-up) stays.
    await this.globalState.update(LEGACY_LIST_KEY, [...entries, ...(await this.legacyOnly(document))]);
  }

  /**
   * The entries an earlier version added to its list that `document` does not have (not even as removed), with a key
   * still there (a workspace removed in this version lost its key first).
   */
  private async legacyOnly(document: ListDocument): Promise<LegacyEntry[]> {
    const known = new Set(document.workspaces.map((entry) => entry.id));
    const candidates = legacyEntries(this.globalState.get<unknown>(LEGACY_LIST_KEY)).filter((entry) => !known.has(entry.id));
    const readable = await Promise.all(candidates.map(async (entry) => (await this.keyOf(entry.id)) !== undefined));
    return candidates.filter((_, index) => readable[index]);
  }

  /**
   * The list's salt, else the one of earlier versions, else a new one (written with the list, shared by windows). A
   * new one only while there is no list: readDocument rejects a list without a salt to use.
   */
  private async saltOf(document: ListDocument): Promise<string> {
    const known = document.salt ?? this.globalState.get<string>(SALT_KEY);
    if (known) {
      return known;
    }
    const salt = newSalt();
    await this.globalState.update(SALT_KEY, salt);
    return salt;
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writing.then(task);
    this.writing = run.then(undefined, () => undefined);
    return run;
  }

  private environmentKey(): string | undefined {
    return this.environment['QUO_API_KEY']?.trim() || undefined;
  }
}
