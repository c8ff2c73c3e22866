/** A removed workspace's saved contact index is deleted with it, even while a save of it is being written. */
import assert from 'node:assert/strict';
import { silentLogger } from '../../src/quo/log.js';
import { IndexPersistence, type IndexFolder } from '../../src/contacts/savedIndex.js';
import { makeContact } from './contactFixtures.js';

class MemoryFolder implements IndexFolder {
  readonly files = new Map<string, Uint8Array>();
  /** Holds writes open until released. */
  gate: Promise<void> = Promise.resolve();
  size(name: string) {
    return Promise.resolve(this.files.get(name)?.length);
  }
  read(name: string) {
    const data = this.files.get(name);
    return data ? Promise.resolve(data) : Promise.reject(new Error('no such file'));
  }
  async write(name: string, data: Uint8Array) {
    await this.gate;
    this.files.set(name, data);
  }
  rename(from: string, to: string) {
    const data = this.files.get(from);
    if (data) this.files.set(to, data);
    this.files.delete(from);
    return Promise.resolve();
  }
  list() {
    return Promise.resolve([...this.files.keys()]);
  }
  delete(name: string) {
    this.files.delete(name);
    return Promise.resolve();
  }
}

describe('IndexPersistence.forget', () => {
  it('deletes one key\'s saved index and keeps the others', async () => {
    const folder = new MemoryFolder();
    const store = new IndexPersistence(folder, silentLogger);
    await store.save('aaaa', [makeContact('c1')]);
    await store.save('bbbb', [makeContact('c2')]);
    await store.forget('aaaa');
    assert.deepEqual([...folder.files.keys()], ['bbbb.json']);
  });

  it('deletes a save of that key still being written', async () => {
    const folder = new MemoryFolder();
    const store = new IndexPersistence(folder, silentLogger);
    let release = (): void => undefined;
    folder.gate = new Promise((resolve) => (release = resolve));
    const saving = store.save('aaaa', [makeContact('c1')]);
    const forgetting = store.forget('aaaa');
    release();
    await Promise.all([saving, forgetting]);
    assert.deepEqual([...folder.files.keys()], []);
  });
});
