/**
 * What a refresh of a full index of 50,000 contacts holds besides the index: the peak of the heap and array buffers while the listing
 * runs and is applied, minus what they held before it. The refresh lists the same workspace with 1% of it edited, 100
 * contacts deleted and 100 created, as a day's refresh of a busy workspace would.
 *
 * The heap is read after a full garbage collection at every 25th page and when the refresh completes (after it was
 * applied, while the listing is still referenced), so garbage of decoded pages does not count, only what is held.
 */
import { ContactIndex } from '../src/contacts/contactIndex.js';
import { decodeContactPage } from '../src/quo/decodeContacts.js';
import type { ContactPage } from '../src/quo/types.js';
import { generateContacts } from '../test/sandbox/generate.js';
import type { ApiContact } from '../test/sandbox/wire.js';
import { SEED } from './inputs.js';
import { below, collectGarbage, hasGc, heldBytes, notMeasured, settledHeldBytes, round, type Figure } from './measure.js';

const CONTACTS = 50_000;
const PAGE_SIZE = 50;
const SAMPLE_EVERY = 25;

function pagesOf(contacts: readonly ApiContact[]): string[] {
  const pages: string[] = [];
  for (let i = 0; i < contacts.length; i += PAGE_SIZE) {
    pages.push(JSON.stringify({ data: contacts.slice(i, i + PAGE_SIZE), totalItems: contacts.length, nextPageToken: null }));
  }
  return pages;
}

function pager(pages: readonly string[], onPage: (page: number) => void): { listAllContacts(): AsyncGenerator<ContactPage> } {
  return {
    async *listAllContacts(): AsyncGenerator<ContactPage> {
      for (let i = 0; i < pages.length; i++) {
        onPage(i);
        yield decodeContactPage(JSON.parse(pages[i]));
      }
    },
  };
}

export async function refreshPeak(indexMb: number | undefined): Promise<Figure[]> {
  const name = 'sync_peak_mb_50k';
  const target = below(indexMb === undefined ? 20 : round(indexMb / 2, 2));
  if (!hasGc()) {
    return [notMeasured(name, 'MB', target, 'needs node --expose-gc')];
  }
  const first = generateContacts(CONTACTS, SEED);
  // The generator puts its well-known contacts in every workspace: only the others are new here.
  const known = new Set(first.map((contact) => contact.id));
  const created = generateContacts(200, SEED + 99).filter((contact) => !known.has(contact.id)).slice(0, 100);
  const edited = first.slice(100).map((contact, i) =>
    i % 100 === 0 ? { ...contact, defaultFields: { ...contact.defaultFields, role: 'Edited today' }, updatedAt: new Date(Date.UTC(2026, 11, 7)).toISOString() } : contact,
  );
  const firstPages = pagesOf(first);
  const refreshPages = pagesOf([...edited, ...created]);
  let sampling = false;
  let peak = 0;
  const sample = (): void => {
    if (sampling) {
      collectGarbage();
      peak = Math.max(peak, heldBytes());
    }
  };
  let pages = firstPages;
  const index = new ContactIndex({
    client: () => pager(pages, (page) => (page % SAMPLE_EVERY === 0 ? sample() : undefined)),
  });
  index.onDidChange(({ state }) => (state.status === 'complete' ? sample() : undefined));
  await index.sync();
  pages = refreshPages;
  const before = await settledHeldBytes();
  sampling = true;
  peak = before;
  const state = await index.sync();
  sampling = false;
  if (state.status !== 'complete' || index.size !== CONTACTS) {
    throw new Error(`the refresh ended ${state.status} with ${index.size} contacts`);
  }
  if (index.byId(first[0]?.id ?? '') !== undefined || index.byId(created[0]?.id ?? '') === undefined) {
    throw new Error('the refresh did not apply its deletions and creations');
  }
  const edits = Math.ceil((CONTACTS - 100) / 100);
  return [
    {
      name,
      value: round((peak - before) / (1024 * 1024), 2),
      unit: 'MB',
      target,
      note:
        `peak of the heap and array buffers over a refresh of ${CONTACTS} contacts (${edits} edited, 100 deleted, 100 created), after a full ` +
        `garbage collection every ${SAMPLE_EVERY} pages and at the end, minus the heap before it; the target is half ` +
        `of index_mb_50k${indexMb === undefined ? ' (not measured in this run: 20 MB assumed)' : ''}`,
    },
  ];
}
