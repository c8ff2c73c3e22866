import assert from 'node:assert/strict';
import {
  chooseStartWorkspace,
  cleanWorkspaceName,
  ENVIRONMENT_WORKSPACE_ID,
  LEGACY_SECRET,
  uniqueWorkspaceName,
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
    const { keyFingerprint } = await import('../../src/auth/keyFingerprint.js');
    assert.equal(added.workspace.fingerprint, keyFingerprint('k1', 'salt'));
  });

  it('ignores corrupt stored entries, in the list of earlier versions and in its own', async () => {
    const { store, state, secrets } = rig();
    state.values.set('quo.workspaces', [null, { id: 'w1', name: 'Ok', fingerprint: 'f' }, { id: 'w1', name: 'Dup', fingerprint: 'g' }, 'x']);
    assert.deepEqual((await store.list()).map((w) => w.name), ['Ok']);
    secrets.values.set('quo.workspaceList', JSON.stringify({ salt: 's', workspaces: [{ id: 'w2', name: 'Mine' }, { id: 3 }, { id: 'w2', name: 'Dup' }] }));
    assert.deepEqual((await store.list()).map((w) => w.name), ['Mine']);
    secrets.values.set('quo.workspaceList', '{not json');
    assert.deepEqual(await store.list(), []);
  });

  it('moves the list of earlier versions from global state to SecretStorage, with the same salt', async () => {
    const { store, state, secrets } = rig();
    state.values.set('quo.fingerprintSalt', 'old-salt');
    state.values.set('quo.workspaces', [{ id: 'w1', name: 'Acme', fingerprint: 'stale' }]);
    secrets.values.set('quo.workspace.key.w1', 'k1');
    await store.prepare(() => Promise.resolve(undefined));
    const { keyFingerprint } = await import('../../src/auth/keyFingerprint.js');
    assert.deepEqual(await store.list(), [{ id: 'w1', name: 'Acme', fingerprint: keyFingerprint('k1', 'old-salt'), source: 'secret-storage' }]);
    assert.equal(state.values.get('quo.workspaces'), undefined, 'the old list is gone from global state');
    assert.equal((JSON.parse(secrets.values.get('quo.workspaceList') ?? '{}') as { salt?: string }).salt, 'old-salt');
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
