/** Writes of this window shown at once in the contact list, also while a listing runs. */
import assert from 'node:assert/strict';
import { ContactIndex, type ContactPager } from '../../src/contacts/contactIndex.js';
import type { ContactPage } from '../../src/quo/types.js';
import { hexId, makeContact } from './contactFixtures.js';

/** Pages through `pages`, one at a time: each waits until the test lets it go. */
function gatedPager(pages: readonly ContactPage['contacts'][]): ContactPager & { next(): void } {
  let release: () => void = () => undefined;
  return {
    next: () => release(),
    listAllContacts: async function* () {
      for (const [i, contacts] of pages.entries()) {
        await new Promise<void>((resolve) => (release = resolve));
        yield { contacts, totalItems: 0, nextPageToken: i === pages.length - 1 ? null : String(i + 1) };
      }
    },
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ContactIndex writes', () => {
  it('shows a create and a delete made during the first listing on every page after, and in the end', async () => {
    const a1 = makeContact(hexId(1), { first: 'Ada' });
    const a2 = makeContact(hexId(2), { first: 'Bob' });
    const a3 = makeContact(hexId(3), { first: 'Cy' });
    const a4 = makeContact(hexId(4), { first: 'Dee' });
    const created = makeContact(hexId(9), { first: 'Nia', phones: ['+14155550199'] });
    const pager = gatedPager([[a1, a2], [a3], [a4]]);
    const index = new ContactIndex({ client: () => pager });
    const done = index.sync();
    await settle();
    pager.next();
    for (let i = 0; i < 50 && index.state.loadedCount < 2; i++) {
      await settle();
    }
    assert.deepEqual([...index.all()].map((contact) => contact.id).sort(), [a1.id, a2.id]);
    index.apply({ kind: 'deleted', id: a1.id });
    index.apply({ kind: 'saved', contact: created });
    assert.equal(index.byId(a1.id), undefined);
    assert.equal(index.byPhone('+14155550199')[0]?.id, created.id);
    pager.next();
    for (let i = 0; i < 50 && index.state.loadedCount < 3; i++) {
      await settle();
    }
    assert.equal(index.state.loadedCount, 3, 'the second page arrived');
    assert.equal(index.state.status, 'loading');
    // The second page arrived: the list shown is still the one with the writes.
    assert.equal(index.byId(a1.id), undefined, 'the deleted contact stays deleted while the listing grows');
    assert.equal(index.byPhone('+14155550199')[0]?.id, created.id, 'the created one stays findable by number');
    assert.ok(index.byId(a3.id));
    pager.next();
    await done;
    assert.deepEqual([...index.all()].map((contact) => contact.id).sort(), [a2.id, a3.id, a4.id, created.id].sort());
  });

  it('replays writes made during a refresh on its result, and shows them at once meanwhile', async () => {
    const a1 = makeContact(hexId(1), { first: 'Ada' });
    const a2 = makeContact(hexId(2), { first: 'Bob' });
    let pages: ContactPage['contacts'][] = [[a1, a2]];
    let pager = gatedPager(pages);
    const index = new ContactIndex({ client: () => pager });
    const first = index.sync();
    await settle();
    pager.next();
    await first;
    pages = [[a1, a2]];
    pager = gatedPager(pages);
    const refresh = index.sync();
    await settle();
    const renamed = makeContact(hexId(2), { first: 'Bobby' });
    index.apply({ kind: 'saved', contact: renamed });
    assert.equal(index.byId(a2.id)?.defaultFields.firstName, 'Bobby');
    pager.next();
    await refresh;
    assert.equal(index.byId(a2.id)?.defaultFields.firstName, 'Bobby', 'the refresh listed Bob before the save; the save is replayed');
  });
});
