/**
 * Windows over one SecretStorage, as VS Code gives it to each of them: a change made in one window is announced in
 * all, while each window's global state is its own copy, brought up to date later and without an event.
 */
import assert from 'node:assert/strict';
import { keyFingerprint } from '../../src/auth/keyFingerprint.js';
import { RecentContacts } from '../../src/contacts/recentContacts.js';
import { PinnedContacts } from '../../src/contacts/pinnedContacts.js';
import { WorkspaceSelection } from '../../src/workspaces/workspaceSelection.js';
import { ENVIRONMENT_WORKSPACE_ID, LEGACY_SECRET, workspaceDataKey } from '../../src/workspaces/workspaceStore.js';

type Listener = (event: { readonly key: string }) => unknown;

/** One installation's SecretStorage: every window's change event fires after each write. */
class SharedSecrets {
  readonly values = new Map<string, string>();
  private readonly listeners = new Set<Listener>();
  /** A locked keychain: writes (and deletions) throw. */
  failWrites = false;

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }
  async store(key: string, value: string): Promise<void> {
    if (this.failWrites) throw new Error('keychain locked');
    this.values.set(key, value);
    await this.announce(key);
  }
  async delete(key: string): Promise<void> {
    if (this.failWrites) throw new Error('keychain locked');
    this.values.delete(key);
    await this.announce(key);
  }
  readonly onDidChange = (listener: Listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  /** Other windows hear of a write, and are done with it, before the writer's next one: the worst case between two. */
  private async announce(key: string): Promise<void> {
    for (const listener of this.listeners) listener({ key });
    await settle();
  }
}

class FakeMemento {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    return Promise.resolve();
  }
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  /** What VS Code does some time after another window wrote its global state: copies it, announcing nothing. */
  catchUpWith(other: FakeMemento): void {
    this.values.clear();
    for (const [key, value] of other.values) this.values.set(key, value);
  }
}

/** Lets the reloads that change events started run to their end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

interface Window {
  readonly selection: WorkspaceSelection;
  readonly state: FakeMemento;
  readonly forgotten: string[];
}

function openWindow(secrets: SharedSecrets, state = new FakeMemento(), environment: NodeJS.ProcessEnv = {}): Window {
  const forgotten: string[] = [];
  const selection = new WorkspaceSelection(secrets, state, new FakeMemento(), () => Promise.resolve(undefined), environment, (fingerprint) => {
    forgotten.push(fingerprint);
    return Promise.resolve();
  });
  return { selection, state, forgotten };
}

function saltOf(secrets: SharedSecrets, state: FakeMemento): string {
  const listed = (JSON.parse(secrets.values.get('quo.workspaceList') ?? '{}') as { salt?: string }).salt;
  return listed ?? state.get<string>('quo.fingerprintSalt') ?? '';
}

describe('Workspaces across windows', () => {
  it('a workspace added in one window appears in the other, though its global state has not caught up', async () => {
    const secrets = new SharedSecrets();
    const a = openWindow(secrets);
    const b = openWindow(secrets);
    await a.selection.add('key-acme', 'Acme');
    b.state.catchUpWith(a.state);
    assert.deepEqual((await b.selection.get())?.value, 'key-acme');

    await a.selection.add('key-beta', 'Beta');
    await settle();
    assert.deepEqual(b.selection.all.map((w) => w.name), ['Acme', 'Beta'], 'listed in B without a reload of the window');
    b.state.catchUpWith(a.state);
    assert.deepEqual(b.selection.all.map((w) => w.name), ['Acme', 'Beta']);
  });

  it('announces the list only when it changed: the SecretStorage changes of an add in another window make one', async () => {
    const secrets = new SharedSecrets();
    const a = openWindow(secrets);
    const b = openWindow(secrets);
    await a.selection.add('key-acme', 'Acme');
    await b.selection.get();
    await settle();
    const heard: string[] = [];
    b.selection.onDidChangeWorkspaces(() => heard.push(b.selection.all.map((w) => w.name).join(',')));
    await a.selection.add('key-beta', 'Beta');
    await settle();
    // The key and the list are two changes of SecretStorage, each read again; the panels redraw on each announce.
    assert.deepEqual(heard, ['Acme,Beta']);
  });

  it('a removal in this window is announced, and leaves one workspace listed', async () => {
    const secrets = new SharedSecrets();
    const a = openWindow(secrets);
    await a.selection.add('key-acme', 'Acme');
    const beta = await a.selection.add('key-beta', 'Beta');
    assert.equal(beta.kind, 'added');
    await settle();
    const heard: number[] = [];
    a.selection.onDidChangeWorkspaces(() => heard.push(a.selection.all.length));
    await a.selection.switchTo(a.selection.all[0]?.id);
    assert.equal(await a.selection.remove(beta.kind === 'added' ? beta.workspace.id : ''), true);
    await settle();
    assert.deepEqual(a.selection.all.map((w) => w.name), ['Acme']);
    assert.equal(a.selection.activeNameAmongSeveral(), undefined);
    assert.ok(heard.includes(1), `announced: ${JSON.stringify(heard)}`);
  });

  it('a key replaced in one window is the key the other sends, with the fingerprint of that key', async () => {
    const secrets = new SharedSecrets();
    const a = openWindow(secrets);
    const added = await a.selection.add('key-acme', 'Acme');
    assert.equal(added.kind, 'added');
    // B starts once A's work reached its global state.
    const b = openWindow(secrets, new FakeMemento());
    b.state.catchUpWith(a.state);
    const before = await b.selection.get();
    assert.equal(before?.value, 'key-acme');

    await a.selection.replaceActiveKey('key-acme-2');
    await settle();
    b.state.catchUpWith(a.state);
    const after = await b.selection.get();
    assert.equal(after?.value, 'key-acme-2');
    // The session keeps one session per fingerprint: an old fingerprint with the new key would keep the old session,
    // which goes on sending the old key.
    assert.notEqual(after.fingerprint, before.fingerprint, 'a new fingerprint, so the session drops the old key');
    assert.equal(after.fingerprint, keyFingerprint('key-acme-2', saltOf(secrets, a.state)));
    assert.equal(after.fingerprint, (await a.selection.get())?.fingerprint, 'both windows name the key alike (shared rate budget)');
    assert.deepEqual(b.selection.fingerprints(), [after.fingerprint]);
  });

  it('a window started after a key was written, but not the rest, pairs that key with its own fingerprint', async () => {
    const secrets = new SharedSecrets();
    const a = openWindow(secrets);
    const added = await a.selection.add('key-acme', 'Acme');
    assert.ok(added.kind === 'added');
    // Cut short after the key's write (a reload, a crash): nothing else of the replacement was written.
    secrets.values.set(`quo.workspace.key.${added.workspace.id}`, 'key-acme-2');
    const restarted = openWindow(secrets, a.state);
    const key = await restarted.selection.get();
    assert.equal(key?.value, 'key-acme-2');
    assert.equal(key.fingerprint, keyFingerprint('key-acme-2', saltOf(secrets, a.state)));
  });

  it('a workspace removed in one window leaves the other\'s list at once', async () => {
    const secrets = new SharedSecrets();
    const a = openWindow(secrets);
    const acme = await a.selection.add('key-acme', 'Acme');
    await a.selection.add('key-beta', 'Beta');
    assert.ok(acme.kind === 'added');
    const b = openWindow(secrets);
    b.state.catchUpWith(a.state);
    assert.deepEqual((await b.selection.get()) && b.selection.all.map((w) => w.name), ['Acme', 'Beta']);
    await a.selection.remove(acme.workspace.id);
    await settle();
    assert.deepEqual(b.selection.all.map((w) => w.name), ['Beta']);
  });
});

describe('A start-up that failed', () => {
  it('is tried again on the next call, not kept failed (a migration into a locked keychain)', async () => {
    const secrets = new SharedSecrets();
    secrets.values.set(LEGACY_SECRET, 'old-key');
    secrets.failWrites = true;
    const { selection } = openWindow(secrets);
    await assert.rejects(selection.get(), /keychain locked/);
    secrets.failWrites = false;
    assert.equal((await selection.get())?.value, 'old-key', 'the keychain was unlocked: the next call loads');
    assert.equal(selection.all.length, 1);
  });

  it('announces the key and the workspaces once it succeeds, since nothing else will (a keychain unlocked later)', async () => {
    const secrets = new SharedSecrets();
    const first = openWindow(secrets);
    await first.selection.add('key-acme', 'Acme');
    const read = secrets.get.bind(secrets);
    secrets.get = () => Promise.reject(new Error('keychain locked'));
    const { selection } = openWindow(secrets, first.state);
    const heard: string[] = [];
    selection.onDidChange(() => heard.push(`key ${selection.current?.name ?? 'none'}`));
    selection.onDidChangeWorkspaces(() => heard.push(`list ${selection.all.length}`));
    await assert.rejects(selection.get(), /keychain locked/);
    // Unlocked: nothing is written, so no change of SecretStorage is announced.
    secrets.get = read;
    assert.equal((await selection.get())?.value, 'key-acme');
    assert.deepEqual(heard.slice(-2), ['list 1', 'key Acme'], heard.join(', '));
  });
});

describe('Removing a workspace', () => {
  async function withData() {
    const secrets = new SharedSecrets();
    const window = openWindow(secrets);
    const added = await window.selection.add('key-acme', 'Acme');
    await window.selection.add('key-beta', 'Beta');
    assert.ok(added.kind === 'added');
    const acme = added.workspace;
    await window.selection.switchTo(acme.id);
    const key = await window.selection.get();
    assert.ok(key);
    const owner = () => workspaceDataKey(key);
    const recent = new RecentContacts(window.state, owner);
    const pinned = new PinnedContacts(window.state, owner);
    await recent.add({ id: 'c1', name: 'Ada Lovelace' });
    await pinned.pin({ id: 'c2', name: 'Mary Somerville' });
    return { secrets, window, acme, fingerprint: key.fingerprint };
  }

  it('deletes its key, its recent and pinned contacts and its saved index, and its entry', async () => {
    const { secrets, window, acme, fingerprint } = await withData();
    assert.equal(await window.selection.remove(acme.id), true);
    assert.equal(secrets.values.has(`quo.workspace.key.${acme.id}`), false, 'the key');
    assert.deepEqual(
      [...window.state.values.keys()].filter((key) => key.startsWith('quo.recent.') || key.startsWith('quo.pinned.')),
      [],
      'recent and pinned contacts',
    );
    assert.deepEqual(window.forgotten, [fingerprint], 'the saved contact index');
    assert.ok(!(secrets.values.get('quo.workspaceList') ?? '').includes(acme.id), 'nothing of it in the list');
  });

  it('cut short by a locked keychain, is hidden at once and finished at the next start-up', async () => {
    const { secrets, window, acme, fingerprint } = await withData();
    const listWrite = secrets.store.bind(secrets);
    // The list is written (the keychain let that through), then the keychain locks before the key is deleted.
    secrets.store = async (key, value) => {
      await listWrite(key, value);
      secrets.failWrites = true;
    };
    assert.equal(await window.selection.remove(acme.id), true);
    secrets.store = listWrite;
    assert.deepEqual(window.selection.all.map((w) => w.name), ['Beta'], 'gone for the user at once');
    assert.ok(secrets.values.has(`quo.workspace.key.${acme.id}`), 'the key could not be deleted yet');

    secrets.failWrites = false;
    const restarted = openWindow(secrets, window.state);
    await restarted.selection.get();
    assert.equal(secrets.values.has(`quo.workspace.key.${acme.id}`), false, 'the key is deleted at the next start-up');
    assert.ok(!(secrets.values.get('quo.workspaceList') ?? '').includes(acme.id));
    assert.equal(window.state.values.has(`quo.recent.${acme.id}`), false);
    assert.equal(window.state.values.has(`quo.pinned.${acme.id}`), false);
    assert.deepEqual(restarted.forgotten, [fingerprint]);
    assert.deepEqual(restarted.selection.all.map((w) => w.name), ['Beta']);
  });

  it('deletes at start-up the recent and pinned contacts that earlier versions left of removed workspaces', async () => {
    const secrets = new SharedSecrets();
    const state = new FakeMemento();
    state.values.set('quo.recent.w0123456789ab', [{ id: 'c1', name: 'Ada' }]);
    state.values.set('quo.pinned.w0123456789ab', [{ id: 'c1', name: 'Ada' }]);
    state.values.set('quo.recent.0123456789abcdef', [{ id: 'c1', name: 'Ada' }]);
    await openWindow(secrets, state).selection.get();
    assert.deepEqual([...state.values.keys()].filter((key) => key.startsWith('quo.recent.') || key.startsWith('quo.pinned.')), [
      'quo.recent.0123456789abcdef',
    ], 'a fingerprint\'s list may be QUO_API_KEY\'s: it stays');
  });
});

describe('Recent and pinned contacts', () => {
  it('are kept by workspace: a replaced key keeps them', async () => {
    const secrets = new SharedSecrets();
    const { selection, state } = openWindow(secrets);
    await selection.add('key-acme', 'Acme');
    let key = await selection.get();
    const recent = new RecentContacts(state, () => (key ? workspaceDataKey(key) : undefined));
    await recent.add({ id: 'c1', name: 'Ada Lovelace' });
    await selection.replaceActiveKey('key-acme-2');
    key = await selection.get();
    assert.deepEqual(recent.list(), [{ id: 'c1', name: 'Ada Lovelace' }]);
  });

  it('kept by key fingerprint (earlier versions) are copied to the workspace id at start-up, and stay for them', async () => {
    const secrets = new SharedSecrets();
    const first = openWindow(secrets);
    const added = await first.selection.add('key-acme', 'Acme');
    assert.ok(added.kind === 'added' && added.workspace.fingerprint);
    const { id, fingerprint } = added.workspace;
    first.state.values.set(`quo.recent.${fingerprint}`, [{ id: 'c1', name: 'Ada' }]);
    first.state.values.set(`quo.pinned.${fingerprint}`, [{ id: 'c2', name: 'Mary' }]);
    const restarted = openWindow(secrets, first.state);
    const key = await restarted.selection.get();
    assert.ok(key);
    assert.deepEqual(new RecentContacts(first.state, () => workspaceDataKey(key)).list(), [{ id: 'c1', name: 'Ada' }]);
    assert.deepEqual(new PinnedContacts(first.state, () => workspaceDataKey(key)).list(), [{ id: 'c2', name: 'Mary' }]);
    assert.deepEqual(first.state.values.get(`quo.recent.${fingerprint}`), [{ id: 'c1', name: 'Ada' }], 'a window of an earlier version reads them there');
    assert.deepEqual(first.state.values.get(`quo.pinned.${fingerprint}`), [{ id: 'c2', name: 'Mary' }]);
    assert.equal(first.state.values.has(`quo.pinned.${id}`), true);
  });

  it('of QUO_API_KEY\'s workspace follow its key, whatever the variable holds at the next start', async () => {
    const secrets = new SharedSecrets();
    const one = await openWindow(secrets, new FakeMemento(), { QUO_API_KEY: 'env-1' }).selection.get();
    const two = await openWindow(secrets, new FakeMemento(), { QUO_API_KEY: 'env-2' }).selection.get();
    assert.ok(one && two);
    assert.equal(one.workspaceId, ENVIRONMENT_WORKSPACE_ID);
    assert.notEqual(workspaceDataKey(one), workspaceDataKey(two));
  });
});
