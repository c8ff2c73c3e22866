import assert from 'node:assert/strict';
import type { IndexState } from '../../src/contacts/contactIndex.js';
import type { Known } from '../../src/contacts/known.js';
import { chooseFill, LIST_FOR_IDS, NameFiller, type NameFillStore } from '../../src/contacts/nameFill.js';
import { WorkspaceSession } from '../../src/session/workspaceSession.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { apiKey, LOG, settingsFor } from './sessionFixtures.js';

const EMPTY: IndexState = { status: 'empty', loadedCount: 0, complete: false };
const LOADING: IndexState = { status: 'loading', loadedCount: 100, complete: false };
const COMPLETE: IndexState = { status: 'complete', loadedCount: 5000, complete: true };

/** A store that knows nothing and counts what it was asked to do. */
class CountingStore implements NameFillStore {
  asked: string[] = [];
  listings = 0;
  constructor(public listState: IndexState = EMPTY) {}
  know(): Known {
    return { kind: 'unknown', notFoundBefore: false };
  }
  knowOrAskInBackground(id: string): Known {
    this.asked.push(id);
    return this.know();
  }
  startListing(): void {
    this.listings++;
  }
}

const fillNames = (store: NameFillStore, list: string[], maxAsks: number): ReturnType<NameFiller['fill']> => new NameFiller().fill(store, list, maxAsks);
const ids = (count: number): string[] => Array.from({ length: count }, (_, i) => i.toString(16).padStart(24, '0'));

describe('names on screen: one request per id, or the workspace listed (issue 30)', () => {
  it('asks each id of a screen of a few, and never lists for them', () => {
    const store = new CountingStore();
    const fill = fillNames(store, ids(3), 50);
    assert.equal(fill.choice, 'ask');
    assert.equal(store.asked.length, 3);
    assert.equal(store.listings, 0);
  });

  it('lists the workspace for a screen of LIST_FOR_IDS unknown ids or more, asking none of them', () => {
    const store = new CountingStore();
    const fill = fillNames(store, [...ids(200), ...ids(200)], 50);
    assert.equal(fill.choice, 'list');
    assert.equal(store.listings, 1);
    assert.deepEqual(store.asked, []);
    assert.equal(fill.known.size, 200, 'each id once');
    assert.equal(fill.waiting, true);
    assert.equal(fillNames(new CountingStore(), ids(LIST_FOR_IDS - 1), 50).choice, 'ask');
    assert.equal(fillNames(new CountingStore(), ids(LIST_FOR_IDS), 50).choice, 'list');
  });

  it('waits for a listing under way instead of asking ids it is about to answer; asks what a whole list lacks', () => {
    assert.equal(chooseFill(150, LOADING), 'wait');
    assert.equal(chooseFill(3, LOADING), 'ask', 'a few ids do not wait for a listing someone else started');
    assert.equal(chooseFill(3, LOADING, true), 'wait', 'the rest of a screen waits for the listing it started');
    assert.equal(chooseFill(150, COMPLETE), 'ask');
    const store = new CountingStore(LOADING);
    fillNames(store, ids(150), 50);
    assert.deepEqual([store.asked.length, store.listings], [0, 0]);
  });

  it('asks at most the pass’s bound, and none of the ids Quo said are no contact', () => {
    const store = new CountingStore();
    store.know = (): Known => ({ kind: 'unknown', notFoundBefore: store.asked.length > 10 });
    fillNames(store, ids(60), 20);
    assert.ok(store.asked.length <= 20);
  });
});

describe('names on screen against the sandbox (issue 30)', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox({ contacts: 1_000 });
  });
  afterEach(() => sandbox.close());

  /** Passes as the editor makes them (a redraw on each answer) until every id is named; the requests it cost. */
  async function fillScreen(count: number): Promise<{ requests: number; choice: string }> {
    const session = new WorkspaceSession(apiKey(sandbox.key, 'A'), settingsFor(sandbox, { maxRequestsPerSecond: 50 }), LOG);
    session.open();
    try {
      const screen = sandbox.contacts.slice(0, count).map((contact) => contact.id);
      const filler = new NameFiller();
      const first = filler.fill(session.contacts, screen, 50).choice;
      for (let pass = 0; pass < 200; pass++) {
        const fill = filler.fill(session.contacts, screen, 50);
        if (!fill.waiting) {
          return { requests: sandbox.stats.total, choice: first };
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('the names never all came');
    } finally {
      session.dispose();
    }
  }

  it('200 ids among 1,000 contacts: the 20 pages of the list, not 200 requests', async () => {
    const { requests, choice } = await fillScreen(200);
    assert.equal(choice, 'list');
    assert.equal(sandbox.stats.byRoute.getContact ?? 0, 0);
    assert.ok(requests <= 21, `${requests} requests`);
  });

  it('3 ids: 3 requests, no listing', async () => {
    const { requests, choice } = await fillScreen(3);
    assert.equal(choice, 'ask');
    assert.equal(sandbox.stats.byRoute.listContacts ?? 0, 0);
    assert.equal(requests, 3);
  });
});
