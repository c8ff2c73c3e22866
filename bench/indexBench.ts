/**
 * The local index: how much memory 10,000 contacts take, and how long the search takes per keystroke.
 */
import { ContactIndex } from '../src/contacts/contactIndex.js';
import type { Contact } from '../src/quo/types.js';
import { contactPagesJson, pagerOver, SEED, typingSequences } from './inputs.js';
import { below, hasGc, notMeasured, settledHeldBytes, quantile, round, type Figure } from './measure.js';

const CONTACTS = 10_000;
const ROUNDS = 3;
const SEQUENCES = 300;

async function filledIndex(pagesJson: readonly string[]): Promise<ContactIndex> {
  const pager = pagerOver(pagesJson);
  const index = new ContactIndex({ client: () => pager });
  const state = await index.sync();
  if (state.status !== 'complete') {
    throw new Error(`the index did not fill: ${state.error?.message ?? state.status}`);
  }
  return index;
}

/**
 * Memory growth (heap and array buffers) from an index of 10,000 contacts, from JSON pages as Quo sends them to the index holding them all. A
 * small index is built first, so that compiled code and lazily made runtime structures are not counted as data.
 */
export async function indexMemory(contacts = CONTACTS): Promise<Figure> {
  const name = contacts === CONTACTS ? 'index_mb_10k' : `index_mb_${contacts / 1000}k`;
  const target = below(contacts === CONTACTS ? 15 : 40);
  if (!hasGc()) {
    return notMeasured(name, 'MB', target, 'needs node --expose-gc');
  }
  const pages = contactPagesJson(contacts, SEED);
  const warmUp = await filledIndex(contactPagesJson(200, SEED + 1));
  warmUp.search('warm up');
  warmUp.dispose();
  const before = await settledHeldBytes();
  const index = await filledIndex(pages);
  const after = await settledHeldBytes();
  if (index.size !== contacts) {
    throw new Error(`expected ${contacts} contacts, got ${index.size}`);
  }
  return {
    name,
    value: round((after - before) / (1024 * 1024), 2),
    unit: 'MB',
    target,
    note: `${index.size} contacts, from ${round(pages.reduce((sum, page) => sum + page.length, 0) / 1e6, 1)} MB of JSON`,
  };
}

/**
 * Search time per keystroke: each sequence typed one character at a time into its own search session, as a quick
 * pick does, over 10,000 contacts. p99 of all keystrokes after a warm-up, in three rounds over different sequences;
 * the median round is reported, so that one round disturbed by another process on the machine does not decide it.
 */
export async function searchLatency(count = CONTACTS): Promise<Figure[]> {
  const pages = contactPagesJson(count, SEED);
  const index = await filledIndex(pages);
  const contacts: readonly Contact[] = [...index.all()];
  for (const sequence of typingSequences(contacts, 40, SEED + 7)) {
    type(index, sequence, []);
  }
  const rounds: { p99: number; p50: number; max: number; keystrokes: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const samples: number[] = [];
    for (const sequence of typingSequences(contacts, SEQUENCES, SEED + 8 + round)) {
      type(index, sequence, samples);
    }
    rounds.push({
      p99: quantile(samples, 0.99),
      p50: quantile(samples, 0.5),
      max: Math.max(...samples),
      keystrokes: samples.length,
    });
  }
  const byP99 = [...rounds].sort((a, b) => a.p99 - b.p99);
  const middle = byP99[Math.floor(byP99.length / 2)];
  return [
    {
      name: count === CONTACTS ? 'search_p99_ms' : `search_p99_ms_${count / 1000}k`,
      value: round(middle.p99, 3),
      unit: 'ms',
      target: below(count === CONTACTS ? 2 : 5),
      note:
        `median of ${ROUNDS} rounds of ${SEQUENCES} typed sequences (${middle.keystrokes} keystrokes): ` +
        `p50 ${round(middle.p50, 3)} ms, max ${round(middle.max, 2)} ms; ` +
        `round p99s ${rounds.map((r) => round(r.p99, 3)).join(', ')} ms`,
    },
  ];
}

function type(index: ContactIndex, text: string, samples: number[]): void {
  const session = index.createSearch();
  for (let length = 1; length <= text.length; length++) {
    const query = text.slice(0, length);
    const started = performance.now();
    session.search(query);
    samples.push(performance.now() - started);
  }
}
