/**
 * The Quo workspaces this installation knows: a name and a key each. Names and fingerprints live in global state,
 * keys only in SecretStorage (one entry per workspace). `QUO_API_KEY`, when set, is one more workspace that is read,
 * never stored and never removed. Plain TypeScript over two small interfaces, so unit tests run it on fakes.
 */
import * as l10n from '@vscode/l10n';
import { randomBytes } from 'node:crypto';
import { keyFingerprint, newSalt } from '../auth/keyFingerprint.js';

export interface SecretsLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export type WorkspaceSource = 'secret-storage' | 'environment';

export interface Workspace {
  readonly id: string;
  readonly name: string;
  /** Names the key in per-key storage (recent, pinned, the index file) without revealing it. */
  readonly fingerprint: string;
  readonly source: WorkspaceSource;
}

/** The id of the workspace `QUO_API_KEY` provides. */
export const ENVIRONMENT_WORKSPACE_ID = 'environment';
export const MAX_WORKSPACE_NAME = 60;

/** Before several workspaces, the one key was stored here. */
export const LEGACY_SECRET = 'quo.apiKey';
const SALT_KEY = 'quo.fingerprintSalt';
const LIST_KEY = 'quo.workspaces';
const SECRET_PREFIX = 'quo.workspace.key.';

interface StoredWorkspace {
  readonly id: string;
  readonly name: string;
  readonly fingerprint: string;
}

export type AddResult =
  | { readonly kind: 'added'; readonly workspace: Workspace }
  /** The key is already stored, under `existing`'s name: it is never stored twice. */
  | { readonly kind: 'duplicate'; readonly existing: Workspace }
  | { readonly kind: 'bad-name'; readonly problem: string };

/** Control and format characters (bidi overrides, zero-width) removed, spaces collapsed, at most 60 characters. */
export function cleanWorkspaceName(raw: string): string {
  const visible = raw
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...visible].slice(0, MAX_WORKSPACE_NAME).join('').trim();
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

/** Why `name` cannot name a workspace (after cleaning), or undefined. `exceptId` is the one being renamed. */
export function workspaceNameProblem(name: string, existing: readonly Workspace[], exceptId?: string): string | undefined {
  const clean = cleanWorkspaceName(name);
  if (clean === '') {
    return l10n.t('Enter a name for the workspace.');
  }
  const taken = existing.find((workspace) => workspace.id !== exceptId && sameName(workspace.name, clean));
  return taken ? l10n.t('A workspace is already named {0}.', taken.name) : undefined;
}

/** `base`, or `base 2`, `base 3`… : the first that no workspace is named. */
export function uniqueWorkspaceName(base: string, existing: readonly Workspace[]): string {
  const clean = cleanWorkspaceName(base) || 'Quo';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` ${n}`;
    const candidate = `${[...clean].slice(0, MAX_WORKSPACE_NAME - suffix.length).join('').trim()}${suffix}`;
    if (!existing.some((workspace) => sameName(workspace.name, candidate))) {
      return candidate;
    }
  }
}

/**
 * Which workspace a window starts with: the one remembered for its folder if it still exists, else the last one used,
 * else a stored key before the environment's.
 */
export function chooseStartWorkspace(
  workspaces: readonly Workspace[],
  remembered: string | undefined,
  lastUsed: string | undefined,
): Workspace | undefined {
  const byId = (id: string | undefined): Workspace | undefined => workspaces.find((workspace) => workspace.id === id);
  return byId(remembered) ?? byId(lastUsed) ?? workspaces.find((w) => w.source === 'secret-storage') ?? workspaces[0];
}

export class WorkspaceStore {
  constructor(
    private readonly secrets: SecretsLike,
    private readonly globalState: MementoLike,
    private readonly environment: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Stored workspaces in the order they were added, then the environment's, if any and not stored too. */
  async list(): Promise<Workspace[]> {
    const stored = this.stored().map((entry): Workspace => ({ ...entry, source: 'secret-storage' }));
    const environmentKey = this.environmentKey();
    if (environmentKey === undefined) {
      return stored;
    }
    const fingerprint = await this.fingerprintOf(environmentKey);
    if (stored.some((workspace) => workspace.fingerprint === fingerprint)) {
      return stored;
    }
    return [...stored, { id: ENVIRONMENT_WORKSPACE_ID, name: l10n.t('From the environment'), fingerprint, source: 'environment' }];
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

  /** Whether a SecretStorage change event is about a workspace's key. */
  /** Where a workspace's key is in SecretStorage. */
  static secretOf(id: string): string {
    return SECRET_PREFIX + id;
  }

  static isWorkspaceSecret(secretKey: string): boolean {
    return secretKey.startsWith(SECRET_PREFIX) || secretKey === LEGACY_SECRET;
  }

  async add(key: string, name: string): Promise<AddResult> {
    const value = key.trim();
    const fingerprint = await this.fingerprintOf(value);
    const existing = await this.list();
    const duplicate = existing.find((workspace) => workspace.fingerprint === fingerprint && workspace.source === 'secret-storage');
    if (duplicate) {
      return { kind: 'duplicate', existing: duplicate };
    }
    const problem = workspaceNameProblem(name, existing);
    if (problem !== undefined) {
      return { kind: 'bad-name', problem };
    }
    const entry: StoredWorkspace = { id: `w${randomBytes(6).toString('hex')}`, name: cleanWorkspaceName(name), fingerprint };
    // The key first: a record without its key would be a workspace that cannot connect.
    await this.secrets.store(WorkspaceStore.secretOf(entry.id), value);
    await this.globalState.update(LIST_KEY, [...this.stored(), entry]);
    return { kind: 'added', workspace: { ...entry, source: 'secret-storage' } };
  }

  async rename(id: string, name: string): Promise<string | undefined> {
    const problem = workspaceNameProblem(name, await this.list(), id);
    if (problem !== undefined) {
      return problem;
    }
    await this.globalState.update(
      LIST_KEY,
      this.stored().map((entry) => (entry.id === id ? { ...entry, name: cleanWorkspaceName(name) } : entry)),
    );
    return undefined;
  }

  /** Replaces a stored workspace's key; refused (returning the other workspace) when another one holds that key. */
  async replaceKey(id: string, key: string): Promise<Workspace | undefined> {
    const value = key.trim();
    const fingerprint = await this.fingerprintOf(value);
    const other = (await this.list()).find((w) => w.id !== id && w.fingerprint === fingerprint && w.source === 'secret-storage');
    if (other) {
      return other;
    }
    await this.secrets.store(WorkspaceStore.secretOf(id), value);
    await this.globalState.update(
      LIST_KEY,
      this.stored().map((entry) => (entry.id === id ? { ...entry, fingerprint } : entry)),
    );
    return undefined;
  }

  /** Removes a stored workspace and its key. The environment's cannot be removed (the variable is not ours). */
  async remove(id: string): Promise<boolean> {
    if (id === ENVIRONMENT_WORKSPACE_ID || !this.stored().some((entry) => entry.id === id)) {
      return false;
    }
    await this.globalState.update(LIST_KEY, this.stored().filter((entry) => entry.id !== id));
    await this.secrets.delete(WorkspaceStore.secretOf(id));
    return true;
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
    const fingerprint = await this.fingerprintOf(legacy);
    let workspace = (await this.list()).find((w) => w.fingerprint === fingerprint && w.source === 'secret-storage');
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

  private stored(): StoredWorkspace[] {
    const raw = this.globalState.get<unknown>(LIST_KEY);
    if (!Array.isArray(raw)) {
      return [];
    }
    const seen = new Set<string>();
    return raw.filter((entry): entry is StoredWorkspace => {
      const ok =
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as StoredWorkspace).id === 'string' &&
        typeof (entry as StoredWorkspace).name === 'string' &&
        typeof (entry as StoredWorkspace).fingerprint === 'string' &&
        !seen.has((entry as StoredWorkspace).id);
      if (ok) seen.add((entry as StoredWorkspace).id);
      return ok;
    });
  }

  private environmentKey(): string | undefined {
    return this.environment['QUO_API_KEY']?.trim() || undefined;
  }

  private async fingerprintOf(key: string): Promise<string> {
    let salt = this.globalState.get<string>(SALT_KEY);
    if (!salt) {
      salt = newSalt();
      await this.globalState.update(SALT_KEY, salt);
    }
    return keyFingerprint(key, salt);
  }
}
