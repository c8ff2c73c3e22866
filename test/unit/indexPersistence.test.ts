import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContactIndex, type ContactPager } from '../../src/contacts/contactIndex.js';
import { silentLogger } from '../../src/quo/log.js';
import type { Contact, ContactPage } from '../../src/quo/types.js';
import { ListingSchedule, PagerSwitch, type SavedIndex } from '../../src/contacts/listingSchedule.js';
import { IndexPersistence, type IndexFolder } from '../../src/contacts/savedIndex.js';
import { FakeClock, flushPromises } from './fakeClock.js';
import { hexId, makeContact } from './contactFixtures.js';

/** The index folder on the real disk, as vscode.workspace.fs would give it, with hooks to hold an operation open. */
class DiskFolder implements IndexFolder {
  /** Runs before a write completes; a test makes it wait to keep a save in flight. */
  beforeWrite: (name: string) => Promise<void> = async () => undefined;
  /** Runs after a rename is done. */
  afterRename: (to: string) => void = () => undefined;

  constructor(readonly path: string) {}

  async size(name: string): Promise<number | undefined> {
    try {
      return (await stat(join(this.path, name))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
  }

  async read(name: string): Promise<Uint8Array> {
    return readFile(join(this.path, name));
  }

  async write(name: string, data: Uint8Array): Promise<void> {
    await mkdir(this.path, { recursive: true });
    // Written in chunks like a large index, so concurrent writers of one file interleave as they do on a real disk.
    const chunk = 4096;
    await writeFile(join(this.path, name), data.subarray(0, chunk));
    await this.beforeWrite(name);
    for (let offset = chunk; offset < data.length; offset += chunk) {
      await writeFile(join(this.path, name), data.subarray(offset, offset + chunk), { flag: 'a' });
    }
  }

  async rename(from: string, to: string): Promise<void> {
    await rename(join(this.path, from), join(this.path, to));
    this.afterRename(to);
  }

  async list(): Promise<string[]> {
    try {
      return await readdir(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return [];
      }
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    await rm(join(this.path, name), { force: true });
  }

  async files(): Promise<string[]> {
    return (await this.list()).sort();
  }
}

function contacts(count: number, first = 'Ada'): Contact[] {
  return Array.from({ length: count }, (_, i) => makeContact(hexId(i + 1), { first: `${first} ${i}` }));
}

/** A promise the test settles, and one that settles when the code under test reaches the gate. */
function gate(): { reached: Promise<void>; open: () => void; wait: () => Promise<void> } {
  let reach!: () => void;
  let open!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    reached,
    open,
    wait: () => {
      reach();
      return opened;
    },
  };
}

describe('IndexPersistence on disk', () => {
  let root: string;
  let folder: DiskFolder;
  let store: IndexPersistence;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'quo-index-'));
    folder = new DiskFolder(join(root, 'contact-index'));
    store = new IndexPersistence(folder, silentLogger);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('40 concurrent saves leave one valid file, the last one asked for, and no temporary files', async () => {
    // Different sizes: a shorter write over a longer one is what left half-overwritten files.
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.save('f1', contacts(40 - i))));
    assert.deepEqual(await folder.files(), ['f1.json']);
    const saved = JSON.parse(await readFile(join(folder.path, 'f1.json'), 'utf8')) as { contacts: unknown[] };
    assert.equal(saved.contacts.length, 1);
    assert.equal((await store.load('f1'))?.length, 1);
  });

  it('two windows saving the same key at once never share a temporary file', async () => {
    const other = new IndexPersistence(folder, silentLogger);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? store : other).save('f1', contacts(20 + i))),
    );
    assert.deepEqual(await folder.files(), ['f1.json']);
    const loaded = await store.load('f1');
    assert.ok(loaded !== undefined && loaded.length >= 20, 'a complete copy from one of the windows');
  });

  it('deleteAll while a save is being written leaves nothing on disk', async () => {
    const held = gate();
    folder.beforeWrite = () => held.wait();
    const saving = store.save('f1', contacts(500));
    await held.reached;
    const deleting = store.deleteAll();
    held.open();
    await Promise.all([saving, deleting]);
    assert.deepEqual(await folder.files(), []);
    assert.equal(await store.load('f1'), undefined);
  });

  it('deleteAll drops saves of other keys that are still waiting, and keeps the key it was told to', async () => {
    await store.save('f1', contacts(3));
    const held = gate();
    folder.beforeWrite = () => held.wait();
    const first = store.save('f1', contacts(500));
    await held.reached;
    folder.beforeWrite = async () => undefined;
    const waiting = store.save('old', contacts(2));
    const deleting = store.deleteAll(['f1']);
    held.open();
    await Promise.all([first, waiting, deleting]);
    assert.deepEqual(await folder.files(), ['f1.json']);
    assert.equal((await store.load('f1'))?.length, 500);
  });

  it('deletes the file after the rename when persistence was turned off meanwhile', async () => {
    let enabled = true;
    folder.afterRename = () => {
      enabled = false;
    };
    await store.save('f1', contacts(5), () => enabled);
    assert.deepEqual(await folder.files(), []);
  });

  it('does not rename a file into place once it is no longer wanted', async () => {
    let enabled = true;
    const renames: string[] = [];
    folder.beforeWrite = async () => {
      enabled = false;
    };
    folder.afterRename = (to) => renames.push(to);
    await store.save('f1', contacts(5), () => enabled);
    assert.deepEqual(renames, []);
    assert.deepEqual(await folder.files(), []);
  });

  it('keeps the file when the check still holds', async () => {
    await store.save('f1', contacts(5), () => true);
    assert.deepEqual(await folder.files(), ['f1.json']);
    assert.equal((await store.load('f1'))?.length, 5);
  });
});

describe('ListingSchedule: the check after a save', () => {
  class OnePage implements ContactPager {
    async *listAllContacts(): AsyncGenerator<ContactPage> {
      yield { contacts: contacts(2), totalItems: 2, nextPageToken: null };
    }
  }

  class RecordingStore implements SavedIndex {
    checks: Array<() => boolean> = [];
    async load(): Promise<readonly Contact[] | undefined> {
      return undefined;
    }
    async save(_fingerprint: string, _contacts: readonly Contact[], stillWanted?: () => boolean): Promise<void> {
      assert.ok(stillWanted, 'the controller passes the check');
      this.checks.push(stillWanted);
    }
    async deleteAll(): Promise<void> {}
  }

  it('says no once persistence is turned off or the key is removed, and yes after a switch', async () => {
    const state = { persist: true, kept: ['f1', 'f2'] };
    const store = new RecordingStore();
    const clock = new FakeClock();
    const pager = new PagerSwitch(() => new OnePage());
    const controller = new ListingSchedule({
      index: new ContactIndex({ client: pager.current, clock }),
      pager,
      refreshMs: () => 0,
      fingerprint: 'f1',
      keptFingerprints: () => state.kept,
      persist: { enabled: () => state.persist, store },
      clock,
      log: silentLogger,
    });
    await controller.start();
    controller.startIfNeeded();
    await flushPromises();
    const check = store.checks[0];
    assert.ok(check, 'saved after the sync');
    assert.equal(check(), true);
    assert.equal(check(), true, 'another workspace being active keeps the copy');
    state.kept = ['f2'];
    assert.equal(check(), false, 'the key was removed');
    state.kept = ['f1', 'f2'];
    state.persist = false;
    assert.equal(check(), false, 'persistence off');
    controller.dispose();
  });
});
