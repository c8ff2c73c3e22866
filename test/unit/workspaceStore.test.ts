import assert from 'node:assert/strict';
import { keyFingerprint } from '../../src/auth/keyFingerprint.js';
import { chooseStartWorkspace, cleanWorkspaceName, uniqueWorkspaceName } from '../../src/workspaces/workspaceNames.js';
import {
  ENVIRONMENT_WORKSPACE_ID,
  LEGACY_SECRET,
  WorkspaceStore,
  type MementoLike,
  type SecretsLike,
  type Workspace,
} from '../../src/workspaces/workspaceStore.js';

class FakeSecrets implements SecretsLike {
  readonly values = new Map<string, string>();
  readonly writes: string[] = [];
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.writes.push(`store ${key}`);
    this.values.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.writes.push(`delete ${key}`);
    this.values.delete(key);
    return Promise.resolve();
  }
}

class FakeMemento implements MementoLike {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

/** SecretStorage as two windows share it, each call taking a turn of the event loop: their calls interleave. */
class InterleavingSecrets extends FakeSecrets {
  override async get(key: string): Promise<string | undefined> {
    await new Promise((resolve) => setImmediate(resolve));
    return super.get(key);
  }
  override async store(key: string, value: string): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    return super.store(key, value);
  }
  override async delete(key: string): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    return super.delete(key);
  }
}

function listIn(secrets: FakeSecrets): { salt?: string; workspaces: { id: string; name: string; removing?: unknown }[] } {
  return JSON.parse(secrets.values.get('quo.workspaceList') ?? '{"workspaces":[]}') as ReturnType<typeof listIn>;
}

function rig(environment: NodeJS.ProcessEnv = {}) {
  const secrets = new FakeSecrets();
  const state = new FakeMemento();
  return { secrets, state, store: new WorkspaceStore(secrets, state, environment) };
}

function workspace(id: string, source: Workspace['source'] = 'secret-storage'): Workspace {
  return { id, name: id, fingerprint: `fp-${id}`, source };
}

describe('WorkspaceStore', () => {
  it('adds workspaces with their keys in secret storage only, in the order added', async () => {
    const { store, secrets, state } = rig();
    const acme = await store.add('key-acme', 'Acme');
    const staging = await store.add('key-staging', 'Staging');
    assert.ok(acme.kind === 'added' && staging.kind === 'added');
    assert.deepEqual((await store.list()).map((w) => w.name), ['Acme', 'Staging']);
    assert.equal(await store.keyOf(acme.workspace.id), 'key-acme');
    assert.ok(!JSON.stringify([...state.values.values()]).includes('key-acme'), 'no key in global state');
    assert.ok([...secrets.values.values()].includes('key-staging'));
  });

  it('never stores a key twice: the second add names the workspace that has it', async () => {
    const { store } = rig();
    const first = await store.add('same-key', 'Acme');
    const again = await store.add(' same-key ', 'Other name');
    assert.ok(first.kind === 'added');
    assert.deepEqual(again, { kind: 'duplicate', existing: first.workspace });
    assert.equal((await store.list()).length, 1);
  });

  it('keeps names unique, case-insensitive after trimming, and cleans them', async () => {
    const { store } = rig();
    await store.add('k1', 'Acme');
    const clash = await store.add('k2', '  ACME ');
    assert.equal(clash.kind, 'bad-name');
    assert.equal((await store.add('k3', '   ')).kind, 'bad-name');
    const cleaned = await store.add('k4', 'Bad\u202Ename\nhere\u0007');
    assert.ok(cleaned.kind === 'added');
    assert.equal(cleaned.workspace.name, 'Bad name here');
    assert.equal(cleanWorkspaceName('x'.repeat(80)).length, 60);
    assert.equal(cleanWorkspaceName('$(verified) Acme'), '$(verified) Acme', 'icons are escaped where shown, not here');
  });

  it('renames, refusing a name another workspace has', async () => {
    const { store } = rig();
    const a = await store.add('k1', 'Acme');
    await store.add('k2', 'Beta');
    assert.ok(a.kind === 'added');
    assert.match((await store.rename(a.workspace.id, 'beta')) ?? '', /already named Beta/);
    assert.equal(await store.rename(a.workspace.id, 'acme'), undefined, 'its own name in another case is fine');
    assert.equal(await store.rename(a.workspace.id, 'Acme Production'), undefined);
    assert.deepEqual((await store.list()).map((w) => w.name), ['Acme Production', 'Beta']);
  });

  it('removes a workspace with its key; the environment one cannot be removed', async () => {
    const { store, secrets } = rig({ QUO_API_KEY: 'env-key' });
    const a = await store.add('k1', 'Acme');
    assert.ok(a.kind === 'added');
    assert.equal(await store.remove(a.workspace.id), true);
    assert.equal(await store.keyOf(a.workspace.id), undefined);
    assert.deepEqual([...secrets.values.keys()], ['quo.workspaceList'], 'no key left, only the (empty) list');
    assert.equal(await store.remove(ENVIRONMENT_WORKSPACE_ID), false);
    assert.deepEqual((await store.list()).map((w) => w.id), [ENVIRONMENT_WORKSPACE_ID]);
  });

  it('lists QUO_API_KEY as one more workspace, unless the same key is stored', async () => {
    const { store } = rig({ QUO_API_KEY: ' env-key ' });
    const [environment] = await store.list();
    assert.equal(environment?.source, 'environment');
    assert.equal(await store.keyOf(ENVIRONMENT_WORKSPACE_ID), 'env-key');
    await store.add('env-key', 'Acme');
    assert.deepEqual((await store.list()).map((w) => w.source), ['secret-storage']);
  });

  it('replaces a key, refusing one another workspace holds', async () => {
    const { store } = rig();
    const a = await store.add('k1', 'Acme');
    const b = await store.add('k2', 'Beta');
    assert.ok(a.kind === 'added' && b.kind === 'added');
    assert.equal((await store.replaceKey(a.workspace.id, 'k2'))?.id, b.workspace.id);
    assert.equal(await store.replaceKey(a.workspace.id, 'k3'), undefined);
    assert.equal(await store.keyOf(a.workspace.id), 'k3');
    assert.notEqual((await store.list())[0]?.fingerprint, a.workspace.fingerprint);
  });

  it('migrates the single key of earlier versions once, writing the new entry before removing the old', async () => {
    const { store, secrets } = rig();
    secrets.values.set(LEGACY_SECRET, 'old-key');
    const migrated = await store.migrate(() => Promise.resolve('Main line'));
    assert.equal(migrated?.name, 'Main line');
    assert.equal(await store.keyOf(migrated.id), 'old-key');
    const storeAt = secrets.writes.findIndex((w) => w.startsWith('store quo.workspace.key.'));
    assert.ok(storeAt >= 0 && storeAt < secrets.writes.indexOf(`delete ${LEGACY_SECRET}`), secrets.writes.join(', '));
    assert.equal(await store.migrate(() => Promise.resolve('Again')), undefined, 'nothing left to migrate');
    assert.equal((await store.list()).length, 1);
  });

  it('migrates offline as "Quo", and again after a crash between the two writes without a second workspace', async () => {
    const { store, secrets } = rig();
    secrets.values.set(LEGACY_SECRET, 'old-key');
    const migrated = await store.migrate(() => Promise.reject(new Error('offline')));
    assert.equal(migrated?.name, 'Quo');
    secrets.values.set(LEGACY_SECRET, 'old-key');
    const again = await store.migrate(() => Promise.resolve('Other'));
    assert.equal(again?.id, migrated.id);
    assert.equal((await store.list()).length, 1);
    assert.equal(secrets.values.has(LEGACY_SECRET), false);
  });

  it('keeps the salt of earlier versions, so the saved index file and the cross-window budget still match', async () => {
    const { store, state } = rig();
    state.values.set('quo.fingerprintSalt', 'salt');
    const added = await store.add('k1', 'Acme');
    assert.ok(added.kind === 'added');
    assert.equal(added.workspace.fingerprint, keyFingerprint('k1', 'salt'));
  });

  it('ignores corrupt stored entries, in the list of earlier versions and in its own', async () => {
    const { store, state, secrets } = rig();
    state.values.set('quo.workspaces', [null, { id: 'w1', name: 'Ok', fingerprint: 'f' }, { id: 'w1', name: 'Dup', fingerprint: 'g' }, 'x']);
    assert.deepEqual((await store.list()).map((w) => w.name), ['Ok']);
    secrets.values.set('quo.workspaceList', JSON.stringify({ salt: 's', workspaces: [{ id: 'w2', name: 'Mine' }, { id: 3 }, { id: 'w2', name: 'Dup' }] }));
    assert.deepEqual((await store.list()).map((w) => w.name), ['Mine']);
  });

  it('moves the list of earlier versions from global state to SecretStorage, with the same salt', async () => {
    const { store, state, secrets } = rig();
    state.values.set('quo.fingerprintSalt', 'old-salt');
    state.values.set('quo.workspaces', [{ id: 'w1', name: 'Acme', fingerprint: 'stale' }]);
    secrets.values.set('quo.workspace.key.w1', 'k1');
    await store.prepare(() => Promise.resolve(undefined));
    assert.deepEqual(await store.list(), [{ id: 'w1', name: 'Acme', fingerprint: keyFingerprint('k1', 'old-salt'), source: 'secret-storage' }]);
    assert.deepEqual(
      state.values.get('quo.workspaces'),
      [{ id: 'w1', name: 'Acme', fingerprint: keyFingerprint('k1', 'old-salt') }],
      'the old list stays, for a window still running an earlier version',
    );
    assert.equal((JSON.parse(secrets.values.get('quo.workspaceList') ?? '{}') as { salt?: string }).salt, 'old-salt');
  });

  it('keeps writing the list of earlier versions, with the fingerprint of each key as read, so they keep every workspace', async () => {
    const { store, state } = rig();
    const acme = await store.add('k1', 'Acme');
    const beta = await store.add('k2', 'Beta');
    assert.ok(acme.kind === 'added' && beta.kind === 'added');
    const salt = state.get<string>('quo.fingerprintSalt');
    assert.ok(salt, 'the salt earlier versions fingerprint with');
    const legacy = () => state.values.get('quo.workspaces');
    assert.deepEqual(legacy(), [
      { id: acme.workspace.id, name: 'Acme', fingerprint: keyFingerprint('k1', salt) },
      { id: beta.workspace.id, name: 'Beta', fingerprint: keyFingerprint('k2', salt) },
    ]);
    await store.replaceKey(acme.workspace.id, 'k1-new');
    await store.rename(acme.workspace.id, 'Acme 2');
    assert.deepEqual(legacy(), [
      { id: acme.workspace.id, name: 'Acme 2', fingerprint: keyFingerprint('k1-new', salt) },
      { id: beta.workspace.id, name: 'Beta', fingerprint: keyFingerprint('k2', salt) },
    ], 'the fingerprint of the key as read at the write');
    await store.remove(beta.workspace.id);
    assert.deepEqual(legacy(), [{ id: acme.workspace.id, name: 'Acme 2', fingerprint: keyFingerprint('k1-new', salt) }]);
  });

  it('takes in at start-up a workspace an earlier version added to its list, unless its key is gone or it is being removed', async () => {
    const { store, state, secrets } = rig();
    state.values.set('quo.fingerprintSalt', 'salt');
    const acme = await store.add('k1', 'Acme');
    assert.ok(acme.kind === 'added');
    const listed = { id: acme.workspace.id, name: 'Acme', fingerprint: keyFingerprint('k1', 'salt') };
    // A window still running an earlier version adds two workspaces to its list; one was removed since (key deleted).
    secrets.values.set('quo.workspace.key.w0000000000b1', 'k-old');
    state.values.set('quo.workspaces', [
      listed,
      { id: 'w0000000000b1', name: 'Old window', fingerprint: keyFingerprint('k-old', 'salt') },
      { id: 'w0000000000b2', name: 'Removed', fingerprint: 'f2' },
    ]);
    // A write of this version before the next start-up keeps the entry for the earlier one.
    await store.rename(acme.workspace.id, 'Acme');
    assert.deepEqual(state.values.get('quo.workspaces'), [listed, { id: 'w0000000000b1', name: 'Old window', fingerprint: keyFingerprint('k-old', 'salt') }]);
    await store.prepare(() => Promise.resolve(undefined));
    assert.deepEqual((await store.list()).map((w) => [w.id, w.name, w.fingerprint]), [
      [acme.workspace.id, 'Acme', keyFingerprint('k1', 'salt')],
      ['w0000000000b1', 'Old window', keyFingerprint('k-old', 'salt')],
    ]);

    // One being removed here is not brought back by the earlier version's copy of the list.
    secrets.values.set('quo.workspaceList', JSON.stringify({ salt: 'salt', workspaces: [{ id: 'w0000000000b3', name: 'Going', removing: {} }] }));
    secrets.values.set('quo.workspace.key.w0000000000b3', 'k3');
    state.values.set('quo.workspaces', [{ id: 'w0000000000b3', name: 'Going', fingerprint: 'f3' }]);
    secrets.delete = () => Promise.reject(new Error('keychain locked'));
    await store.prepare(() => Promise.resolve(undefined)).then(undefined, () => undefined);
    assert.deepEqual(await store.list(), []);
    assert.ok(listIn(secrets).workspaces[0]?.removing, 'still marked');
  });

  it('two windows writing the list at once keep both changes: two adds', async () => {
    const secrets = new InterleavingSecrets();
    const state = new FakeMemento();
    state.values.set('quo.fingerprintSalt', 'salt');
    const a = new WorkspaceStore(secrets, state, {});
    const b = new WorkspaceStore(secrets, state, {});
    await a.add('k0', 'First');
    const [acme, beta] = await Promise.all([a.add('k1', 'Acme'), b.add('k2', 'Beta')]);
    assert.ok(acme.kind === 'added' && beta.kind === 'added');
    assert.deepEqual((await a.list()).map((w) => w.name).sort(), ['Acme', 'Beta', 'First'], 'no key orphaned');
  });

  it('two windows writing the list at once keep both changes: a rename does not undo a removal', async () => {
    const secrets = new InterleavingSecrets();
    const state = new FakeMemento();
    state.values.set('quo.fingerprintSalt', 'salt');
    const a = new WorkspaceStore(secrets, state, {});
    const b = new WorkspaceStore(secrets, state, {});
    const acme = await a.add('k1', 'Acme');
    const beta = await a.add('k2', 'Beta');
    assert.ok(acme.kind === 'added' && beta.kind === 'added');
    await Promise.all([a.remove(acme.workspace.id), b.rename(beta.workspace.id, 'Beta 2')]);
    assert.deepEqual((await b.list()).map((w) => w.name), ['Beta 2']);
    assert.equal(secrets.values.has(`quo.workspace.key.${acme.workspace.id}`), false, 'the removal finished');
    assert.deepEqual(listIn(secrets).workspaces.map((w) => w.name), ['Beta 2']);
  });

  it('refuses a list it cannot parse, never writing over it, and never makes a new salt for a list without one', async () => {
    const { store, state, secrets } = rig();
    secrets.values.set('quo.workspace.key.w0000000000a1', 'k1');
    for (const broken of ['{not json', '"text"', '{"salt":"s"}']) {
      secrets.values.set('quo.workspaceList', broken);
      await assert.rejects(store.list(), /cannot be read/);
      await assert.rejects(store.add('k2', 'Beta'), /cannot be read/);
      assert.equal(secrets.values.get('quo.workspaceList'), broken, 'not written over');
    }
    // A list without its salt, and none in global state: no new one (every fingerprint would change).
    secrets.values.set('quo.workspaceList', JSON.stringify({ workspaces: [{ id: 'w0000000000a1', name: 'Acme' }] }));
    await assert.rejects(store.add('k2', 'Beta'), /no fingerprint salt/);
    assert.equal(state.values.get('quo.fingerprintSalt'), undefined);
    // With the salt of earlier versions in global state, that one.
    state.values.set('quo.fingerprintSalt', 'old-salt');
    assert.deepEqual((await store.list()).map((w) => w.fingerprint), [keyFingerprint('k1', 'old-salt')]);
    assert.equal((await store.add('k2', 'Beta')).kind, 'added');
    assert.equal(listIn(secrets).salt, 'old-salt');
  });

  it('never writes over a list it could not read', async () => {
    const { store, secrets } = rig();
    await store.add('k1', 'Acme');
    const before = secrets.values.get('quo.workspaceList');
    secrets.get = () => Promise.reject(new Error('keychain locked'));
    await assert.rejects(store.add('k2', 'Beta'), /keychain locked/);
    await assert.rejects(store.list(), /keychain locked/);
    assert.equal(secrets.values.get('quo.workspaceList'), before);
  });
});

describe('the workspace a window starts with', () => {
  const stored = [workspace('a'), workspace('b'), workspace(ENVIRONMENT_WORKSPACE_ID, 'environment')];

  it('is the folder\'s remembered one, else the last used, else a stored key before the environment\'s', () => {
    assert.equal(chooseStartWorkspace(stored, 'b', 'a')?.id, 'b');
    assert.equal(chooseStartWorkspace(stored, 'gone', 'a')?.id, 'a');
    assert.equal(chooseStartWorkspace(stored, undefined, 'gone')?.id, 'a');
    assert.equal(chooseStartWorkspace([workspace(ENVIRONMENT_WORKSPACE_ID, 'environment'), workspace('c')], undefined, undefined)?.id, 'c');
    assert.equal(chooseStartWorkspace([workspace(ENVIRONMENT_WORKSPACE_ID, 'environment')], undefined, undefined)?.id, ENVIRONMENT_WORKSPACE_ID);
    assert.equal(chooseStartWorkspace([], 'a', 'b'), undefined);
  });

  it('suggests unique names', () => {
    assert.equal(uniqueWorkspaceName('Acme', [workspace('x')]), 'Acme');
    assert.equal(uniqueWorkspaceName('a', [workspace('a'), workspace('a 2')]), 'a 3');
    assert.equal(uniqueWorkspaceName('  ', []), 'Quo');
  });
});
