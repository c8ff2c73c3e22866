import assert from 'node:assert/strict';
import { MAX_PINNED, PinnedContacts } from '../../src/contacts/pinnedContacts.js';
import type { KeyValueStore } from '../../src/contacts/recentContacts.js';

/** Behaves like globalState: the value changes at once, the write settles later. */
function memoryStore(): KeyValueStore & { data: Map<string, unknown>; writes: number } {
  const data = new Map<string, unknown>();
  const store = {
    data,
    writes: 0,
    get: <T>(key: string) => data.get(key) as T | undefined,
    update: (key: string, value: unknown) => {
      store.writes++;
      data.set(key, JSON.parse(JSON.stringify(value)));
      return Promise.resolve();
    },
  };
  return store;
}

describe('PinnedContacts', () => {
  it('pins in order, without duplicates, and unpins', async () => {
    const pinned = new PinnedContacts(memoryStore(), () => 'f1');
    assert.equal(await pinned.pin({ id: 'a', name: 'Ada' }), true);
    assert.equal(await pinned.pin({ id: 'b', name: 'Bob' }), true);
    assert.equal(await pinned.pin({ id: 'a', name: 'Ada' }), true);
    assert.deepEqual(pinned.list(), [
      { id: 'a', name: 'Ada' },
      { id: 'b', name: 'Bob' },
    ]);
    assert.equal(pinned.isPinned('b'), true);
    await pinned.unpin('a');
    assert.deepEqual(
      pinned.list().map((item) => item.id),
      ['b'],
    );
    assert.equal(pinned.isPinned('a'), false);
  });

  it('keeps pins per key fingerprint and survives a new instance on the same store (a restart)', async () => {
    const store = memoryStore();
    let fingerprint: string | undefined = 'f1';
    const pinned = new PinnedContacts(store, () => fingerprint);
    await pinned.pin({ id: 'a', name: 'Ada' });
    fingerprint = 'f2';
    assert.deepEqual(pinned.list(), []);
    await pinned.pin({ id: 'c', name: 'Cy' });
    fingerprint = 'f1';
    assert.deepEqual(new PinnedContacts(store, () => 'f1').list(), [{ id: 'a', name: 'Ada' }]);
    assert.deepEqual(new PinnedContacts(store, () => 'f2').list(), [{ id: 'c', name: 'Cy' }]);
    assert.deepEqual([...store.data.keys()].sort(), ['quo.pinned.f1', 'quo.pinned.f2']);
  });

  it('does nothing without a key', async () => {
    const store = memoryStore();
    const pinned = new PinnedContacts(store, () => undefined);
    assert.equal(await pinned.pin({ id: 'a', name: 'Ada' }), false);
    assert.equal(await pinned.toggle({ id: 'a', name: 'Ada' }), false);
    assert.deepEqual(pinned.list(), []);
    assert.equal(store.writes, 0);
  });

  it('toggles', async () => {
    const pinned = new PinnedContacts(memoryStore(), () => 'f');
    assert.equal(await pinned.toggle({ id: 'a', name: 'Ada' }), true);
    assert.equal(pinned.isPinned('a'), true);
    assert.equal(await pinned.toggle({ id: 'a', name: 'Ada' }), false);
    assert.equal(pinned.isPinned('a'), false);
  });

  it('refuses a pin beyond the limit instead of dropping an old one', async () => {
    const pinned = new PinnedContacts(memoryStore(), () => 'f');
    for (let i = 0; i < MAX_PINNED; i++) {
      assert.equal(await pinned.pin({ id: `id${i}`, name: `n${i}` }), true);
    }
    assert.equal(await pinned.pin({ id: 'one-more', name: 'x' }), false);
    assert.equal(pinned.list().length, MAX_PINNED);
    assert.equal(pinned.list()[0]?.id, 'id0');
  });

  it('renames only when the name changed', async () => {
    const store = memoryStore();
    const pinned = new PinnedContacts(store, () => 'f');
    await pinned.pin({ id: 'a', name: 'Ada' });
    const writes = store.writes;
    await pinned.rename('a', 'Ada');
    await pinned.rename('missing', 'X');
    assert.equal(store.writes, writes);
    await pinned.rename('a', 'Ada Lovelace');
    assert.deepEqual(pinned.list(), [{ id: 'a', name: 'Ada Lovelace' }]);
    assert.equal(store.writes, writes + 1);
  });

  it('tells listeners after each change, with the new list readable', async () => {
    const pinned = new PinnedContacts(memoryStore(), () => 'f');
    const seen: string[][] = [];
    pinned.onDidChange(() => seen.push(pinned.list().map((item) => item.id)));
    await pinned.pin({ id: 'a', name: 'Ada' });
    await pinned.pin({ id: 'b', name: 'Bob' });
    await pinned.unpin('a');
    await pinned.unpin('a');
    assert.deepEqual(seen, [['a'], ['a', 'b'], ['b']]);
  });

  it('ignores corrupt and duplicate stored entries', () => {
    const store = memoryStore();
    store.data.set('quo.pinned.f', [
      { id: 1, name: 'x' },
      'x',
      null,
      { id: '', name: 'empty' },
      { id: 'ok', name: 'Ok' },
      { id: 'ok', name: 'Again' },
      { id: 'long', name: 'n'.repeat(5000) },
    ]);
    assert.deepEqual(new PinnedContacts(store, () => 'f').list(), [{ id: 'ok', name: 'Ok' }]);
    store.data.set('quo.pinned.f', { not: 'an array' });
    assert.deepEqual(new PinnedContacts(store, () => 'f').list(), []);
  });
});
