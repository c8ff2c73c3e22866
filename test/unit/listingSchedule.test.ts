import assert from 'node:assert/strict';
import { ContactIndex, type ContactPager } from '../../src/contacts/contactIndex.js';
import { silentLogger } from '../../src/quo/log.js';
import { QuoError } from '../../src/quo/errors.js';
import type { Contact, ContactPage } from '../../src/quo/types.js';
import {
  FIRST_RETRY_MS,
  ListingSchedule,
  MAX_RETRY_MS,
  PagerSwitch,
  type SavedIndex,
} from '../../src/contacts/listingSchedule.js';
import { FakeClock, flushPromises } from './fakeClock.js';
import { hexId, makeContact } from './contactFixtures.js';

const MINUTE = 60_000;

/** Pages through contacts in memory, or fails the way it is told to; counts listings. */
class FakeQuo implements ContactPager {
  listings = 0;
  failWith: QuoError | undefined;
  contacts: Contact[] = [makeContact(hexId(1), { first: 'Ada' }), makeContact(hexId(2), { first: 'Bob' })];

  async *listAllContacts(): AsyncGenerator<ContactPage> {
    this.listings++;
    if (this.failWith) {
      throw this.failWith;
    }
    yield { contacts: this.contacts, totalItems: this.contacts.length, nextPageToken: null };
  }
}

class MemorySaved implements SavedIndex {
  readonly files = new Map<string, readonly Contact[]>();
  deletes: (readonly string[] | undefined)[] = [];
  loads = 0;

  async load(fingerprint: string): Promise<readonly Contact[] | undefined> {
    this.loads++;
    return this.files.get(fingerprint);
  }

  async save(fingerprint: string, contacts: readonly Contact[]): Promise<void> {
    this.files.set(fingerprint, [...contacts]);
  }

  async deleteAll(except?: readonly string[]): Promise<void> {
    this.deletes.push(except);
    for (const key of [...this.files.keys()]) {
      if (!(except ?? []).includes(key)) {
        this.files.delete(key);
      }
    }
  }
}

interface Setup {
  readonly quo: FakeQuo;
  readonly index: ContactIndex;
  readonly controller: ListingSchedule;
  readonly clock: FakeClock;
  readonly saved: MemorySaved;
  visible: boolean;
  refreshMs: number;
  persist: boolean;
  /** The fingerprints of every workspace. */
  kept: string[];
  hasKey: boolean;
}

function setup(overrides: Partial<Pick<Setup, 'visible' | 'refreshMs' | 'persist'>> = {}): Setup {
  const clock = new FakeClock();
  const quo = new FakeQuo();
  const saved = new MemorySaved();
  const settings = {
    refreshMs: overrides.refreshMs ?? 30 * MINUTE,
    persist: overrides.persist ?? false,
    kept: ['f1'],
    hasKey: true,
  };
  const pager = new PagerSwitch(() => (settings.hasKey ? quo : undefined));
  const index = new ContactIndex({ client: pager.current, clock });
  const controller = new ListingSchedule({
    index,
    pager,
    refreshMs: () => settings.refreshMs,
    fingerprint: 'f1',
    keptFingerprints: () => settings.kept,
    persist: { enabled: () => settings.persist, store: saved },
    clock,
    log: silentLogger,
  });
  let visible = overrides.visible ?? true;
  controller.setShown(visible);
  const result = Object.assign(settings, { quo, index, controller, clock, saved, visible });
  // The view says whether the list is shown (an accessor: Object.assign would copy a getter's value).
  Object.defineProperty(result, 'visible', {
    get: () => visible,
    set: (shown: boolean) => {
      visible = shown;
      controller.setShown(shown);
    },
  });
  return result;
}

describe('ListingSchedule', () => {
  it('lists nothing until someone looks, then once', async () => {
    const s = setup();
    await s.controller.start();
    await s.clock.advance(60 * MINUTE);
    assert.equal(s.quo.listings, 0);
    assert.equal(s.index.state.status, 'empty');
    s.controller.startIfNeeded();
    await flushPromises();
    assert.equal(s.quo.listings, 1);
    assert.equal(s.index.state.status, 'complete');
    s.controller.startIfNeeded();
    s.controller.startIfNeeded();
    await flushPromises();
    assert.equal(s.quo.listings, 1);
  });

  it('does not list without a key', async () => {
    const s = setup();
    s.hasKey = false;
    s.controller.startIfNeeded();
    await flushPromises();
    assert.equal(s.quo.listings, 0);
    assert.equal(s.index.state.status, 'empty');
  });

  it('refreshes on schedule while visible, and when shown again after coming due while hidden', async () => {
    const s = setup({ refreshMs: 30 * MINUTE });
    s.controller.startIfNeeded();
    await flushPromises();
    await s.clock.advance(30 * MINUTE);
    assert.equal(s.quo.listings, 2);
    s.visible = false;
    await s.clock.advance(60 * MINUTE);
    assert.equal(s.quo.listings, 2);
    s.visible = true;
    s.controller.startIfNeeded();
    await flushPromises();
    assert.equal(s.quo.listings, 3);
  });

  it('never refreshes on its own when the interval is 0, but does on demand', async () => {
    const s = setup({ refreshMs: 0 });
    s.controller.startIfNeeded();
    await flushPromises();
    await s.clock.advance(24 * 60 * MINUTE);
    assert.equal(s.quo.listings, 1);
    assert.equal(s.clock.pendingTimers, 0);
    const state = await s.controller.refresh();
    assert.equal(state.status, 'complete');
    assert.equal(s.quo.listings, 2);
  });

  it('retries a passing failure with growing backoff, and stops once it succeeds', async () => {
    const s = setup({ refreshMs: 0 });
    s.quo.failWith = new QuoError({ kind: 'network', message: 'offline' });
    const scheduleChanges: boolean[] = [];
    s.controller.onDidChangeSchedule(() => scheduleChanges.push(s.controller.retryScheduled));
    s.controller.startIfNeeded();
    await flushPromises();
    assert.equal(s.index.state.status, 'error');
    assert.equal(s.controller.retryScheduled, true);
    await s.clock.advance(FIRST_RETRY_MS - 1);
    assert.equal(s.quo.listings, 1);
    await s.clock.advance(1);
    assert.equal(s.quo.listings, 2);
    // The second retry waits twice as long.
    await s.clock.advance(FIRST_RETRY_MS);
    assert.equal(s.quo.listings, 2);
    s.quo.failWith = undefined;
    await s.clock.advance(FIRST_RETRY_MS);
    assert.equal(s.quo.listings, 3);
    assert.equal(s.index.state.status, 'complete');
    assert.equal(s.controller.retryScheduled, false);
    assert.ok(scheduleChanges.includes(true) && scheduleChanges.at(-1) === false);
  });

  it('caps the backoff', async () => {
    const s = setup({ refreshMs: 0 });
    s.quo.failWith = new QuoError({ kind: 'http', status: 503, message: 'unavailable' });
    s.controller.startIfNeeded();
    await flushPromises();
    for (let i = 0; i < 8; i++) {
      await s.clock.advance(MAX_RETRY_MS);
    }
    const listings = s.quo.listings;
    await s.clock.advance(MAX_RETRY_MS);
    assert.equal(s.quo.listings, listings + 1);
  });

  it('completes an index holding a 130,000-character accented field (folding used to throw a RangeError)', async () => {
    const s = setup();
    s.quo.contacts = [makeContact(hexId(1), { first: 'Zoé '.repeat(32_500) }), makeContact(hexId(2), { first: 'Bob' })];
    s.controller.startIfNeeded();
    await flushPromises();
    assert.equal(s.index.state.status, 'complete');
    assert.equal([...s.index.all()].length, 2);
  });

  it('backs off after a failure that is not passing: hovers and views within the backoff list nothing again', async () => {
    const s = setup({ refreshMs: 0 });
    s.quo.failWith = new QuoError({ kind: 'decode', message: 'data[0].restrictions: expected object, got null' });
    s.controller.startIfNeeded();
    await flushPromises();
    assert.equal(s.index.state.status, 'error');
    assert.equal(s.controller.retryScheduled, true);
    // Three phone hovers, each of which asks the index to start if it needs to.
    for (let i = 0; i < 3; i++) {
      s.controller.startIfNeeded();
      await flushPromises();
      await s.clock.advance(1_000);
    }
    assert.equal(s.quo.listings, 1);
    await s.clock.advance(FIRST_RETRY_MS);
    assert.equal(s.quo.listings, 2);
  });

  it('does not retry a refused key, even when shown again', async () => {
    const s = setup();
    s.quo.failWith = new QuoError({ kind: 'http', status: 401, message: 'Unauthorized' });
    s.controller.startIfNeeded();
    await flushPromises();
    assert.equal(s.controller.retryScheduled, false);
    s.controller.startIfNeeded();
    await s.clock.advance(60 * MINUTE);
    assert.equal(s.quo.listings, 1);
  });

  it('retries at once when Quo answers again', async () => {
    const s = setup();
    s.quo.failWith = new QuoError({ kind: 'network', message: 'offline' });
    s.controller.startIfNeeded();
    await flushPromises();
    s.quo.failWith = undefined;
    s.controller.connectionRecovered();
    await flushPromises();
    assert.equal(s.quo.listings, 2);
    assert.equal(s.index.state.status, 'complete');
    assert.equal(s.controller.retryScheduled, false);
  });

  describe('saved copy', () => {
    it('shows the saved copy at start-up without asking Quo, then lists afresh when someone looks, and saves', async () => {
      const s = setup({ persist: true });
      s.saved.files.set('f1', [makeContact(hexId(9), { first: 'Saved' })]);
      await s.controller.start();
      await flushPromises();
      assert.equal(s.quo.listings, 0);
      assert.deepEqual(
        [...s.index.all()].map((contact) => contact.id),
        [hexId(9)],
      );
      s.controller.startIfNeeded();
      await flushPromises();
      assert.equal(s.quo.listings, 1);
      assert.equal(s.index.size, 2);
      assert.deepEqual(
        s.saved.files.get('f1')?.map((contact) => contact.id),
        [hexId(1), hexId(2)],
      );
    });

    it('lists afresh right after restoring when the sidebar is already open', async () => {
      const s = setup({ persist: true });
      s.saved.files.set('f1', [makeContact(hexId(9), { first: 'Saved' })]);
      s.controller.startIfNeeded();
      await s.controller.start();
      await flushPromises();
      assert.equal(s.quo.listings, 1);
      assert.equal(s.index.size, 2);
    });

    it('writes nothing when persistence is off, and deletes what an earlier session left', async () => {
      const s = setup({ persist: false });
      s.saved.files.set('f1', [makeContact(hexId(9))]);
      await s.controller.start();
      assert.equal(s.saved.files.size, 0);
      s.controller.startIfNeeded();
      await flushPromises();
      assert.equal(s.saved.files.size, 0);
      assert.equal(s.index.size, 2);
    });
  });
});
