/**
 * VS Code remembers which extensions may use an account, and which account an extension prefers, by the account's
 * label (`${providerId}-${label}` in its storage; isAccessAllowed(providerId, account.label, extensionId)). The label
 * and id must therefore change with the key, not only with the workspace's name.
 */
import assert from 'node:assert/strict';
import { accountIdOf, accountLabelOf } from '../../src/workspaces/accountNames.js';
import { ENVIRONMENT_WORKSPACE_ID, WorkspaceStore, type MementoLike, type SecretsLike } from '../../src/workspaces/workspaceStore.js';

function rig(environment: NodeJS.ProcessEnv = {}, state = new Map<string, unknown>(), secrets = new Map<string, string>()) {
  const secretStore: SecretsLike = {
    get: (key) => Promise.resolve(secrets.get(key)),
    store: (key, value) => Promise.resolve(void secrets.set(key, value)),
    delete: (key) => Promise.resolve(void secrets.delete(key)),
  };
  const memento: MementoLike = {
    get: <T>(key: string) => state.get(key) as T | undefined,
    update: (key, value) => Promise.resolve(void state.set(key, value)),
  };
  return new WorkspaceStore(secretStore, memento, environment);
}

async function account(store: WorkspaceStore, id: string) {
  const found = (await store.list()).find((workspace) => workspace.id === id);
  assert.ok(found?.fingerprint);
  return { id: accountIdOf(found.id, found.fingerprint), label: accountLabelOf(found.name, found.fingerprint) };
}

describe('Accounts in VS Code\'s Accounts menu', () => {
  it('another key added under a removed workspace\'s name is another account, with another label', async () => {
    const store = rig();
    const first = await store.add('key-one', 'Acme');
    assert.ok(first.kind === 'added');
    const before = await account(store, first.workspace.id);
    await store.remove(first.workspace.id);
    const second = await store.add('key-two', 'Acme');
    assert.ok(second.kind === 'added');
    const after = await account(store, second.workspace.id);
    assert.notEqual(after.label, before.label, 'access given to the first key does not reach the second');
    assert.notEqual(after.id, before.id);
    assert.match(after.label, /^Acme · [0-9a-f]{8}$/);
    assert.ok(!after.label.includes('key-two'), 'the key itself is never shown');
  });

  it('a replaced key is another account of the same workspace', async () => {
    const store = rig();
    const added = await store.add('key-one', 'Acme');
    assert.ok(added.kind === 'added');
    const before = await account(store, added.workspace.id);
    await store.replaceKey(added.workspace.id, 'key-two');
    const after = await account(store, added.workspace.id);
    assert.notEqual(after.label, before.label);
    assert.notEqual(after.id, before.id);
  });

  it('QUO_API_KEY\'s workspace is named by the key the variable holds', async () => {
    const state = new Map<string, unknown>();
    const secrets = new Map<string, string>();
    const one = await account(rig({ QUO_API_KEY: 'env-one' }, state, secrets), ENVIRONMENT_WORKSPACE_ID);
    const two = await account(rig({ QUO_API_KEY: 'env-two' }, state, secrets), ENVIRONMENT_WORKSPACE_ID);
    assert.notEqual(one.label, two.label);
    assert.notEqual(one.id, two.id);
    assert.equal(one.label, (await account(rig({ QUO_API_KEY: 'env-one' }, state, secrets), ENVIRONMENT_WORKSPACE_ID)).label, 'the same key, the same account');
  });
});
