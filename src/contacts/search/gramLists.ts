/**
 * For the triples of letters and digits people type first (those starting a word of a name, company, an email or a
 * phone number in many contacts) that few contacts hold anywhere, the list of those contacts: a word of three or more
 * characters holding such a triple can only match there. The third keystroke of a name read the text of most
 * contacts otherwise (over 50,000 contacts, `len` is in 1,604, and its keystroke read the text of most of the 46,573
 * that `le` matched, `le` being in every `example`: 4 ms), and masks cannot tell triples apart: there are tens of
 * thousands of them.
 *
 * Triples of digits are listed too, typed where they start or not: a phone number is typed from anywhere, and its
 * fourth digit (`555-8`) read the text of nearly every contact that held the first three. So are the pairs at most
 * 1% of contacts hold: a name's first letters mistyped (`Mr` of `Murphy`, held by one contact of 50,000) read the
 * text of most contacts, the masks' shared bits of pairs being set in nearly all (6 ms; 14,600 postings).
 *
 * Lists are chosen and built when the corpus is sealed, within budgets of postings per contact (about 1,150 lists and
 * 2.1 MB at 50,000 contacts, 0.2 s more to seal on the benchmark's machine); a contact set or removed after that is
 * kept aside and always read, until the next seal. The lists are two bytes per slot in most cases: gaps between
 * slots, ascending.
 */
import * as folding from './folding.js';
import * as gramMasks from './gramMasks.js';
import * as haystackLayout from './haystack.js';
import * as geometry from './haystackGeometry.js';

/** Copied once, for the loops over every character of every stored contact: see contactSearch.ts. */
const { isWordChar } = folding;
const { letterOrDigit } = gramMasks;
const { LAST_MARKER, NAME, PHONE } = haystackLayout;
const { isWordStart } = geometry;

const ALPHABET = 36;
const TRIPLES = ALPHABET * ALPHABET * ALPHABET;
/** Pairs are listed too, after the triples (TRIPLES + pair): those held by at most PAIR_SHARE of the slots. */
const GRAMS = TRIPLES + ALPHABET * ALPHABET;
const PAIR_SHARE = 1 / 100;
const PAIR_POSTINGS_PER_SLOT = 1;
/** A triple starting a word of a name, company, email or phone number in this share of the slots is typed, it is assumed. */
const TYPED_SHARE = 0.001;
/** A triple held by more than this share of the slots is left to the masks: a list would not save reading much. */
const RARE_SHARE = 1 / 8;
/** Postings per slot the lists may take in all. */
const POSTINGS_PER_SLOT = 8;
/** Postings per slot the lists of triples of digits may take in all. */
const DIGIT_POSTINGS_PER_SLOT = 16;
const DIGIT_TRIPLES = 1000;
/** A triple of digits held by more than this share of the slots is left to the masks. */
const DIGIT_SHARE = 1 / 4;
/** A gap that does not fit in two bytes is written as this, then the slot's high and low halves. */
const ESCAPE = 0xffff;

/** Visits every live slot with its haystack range. */
export type EachSlot = (visit: (slot: number, haystack: string, from: number, to: number) => void) => void;

export class GramLists {
  /** List number by triple (alphabet places, base ALPHABET) or pair (TRIPLES + pair). */
  private readonly ids: ReadonlyMap<number, number>;
  /** Slots per list. */
  private readonly counts: Int32Array;
  /** List i's gaps are pool[offsets[i] .. offsets[i + 1]). */
  private readonly offsets: Int32Array;
  private readonly pool: Uint16Array;
  /** Slots set or removed since the lists were built, ascending once `changedSorted`. */
  private changed: number[] = [];
  private changedSorted = true;
  private readonly changedSet = new Set<number>();
  private usable: boolean;

  private constructor(ids: ReadonlyMap<number, number>, counts: Int32Array, offsets: Int32Array, pool: Uint16Array, private readonly slots: number) {
    this.ids = ids;
    this.counts = counts;
    this.offsets = offsets;
    this.pool = pool;
    this.usable = ids.size > 0;
  }

  static none(): GramLists {
    return new GramLists(new Map(), new Int32Array(0), new Int32Array(1), new Uint16Array(0), 0);
  }

  /** Chooses the triples and pairs and lists their slots: two passes over the text of `slots` slots. */
  static build(slots: number, each: EachSlot): GramLists {
    const held = new Int32Array(GRAMS);
    const typed = new Int32Array(TRIPLES);
    const heldStamp = new Int32Array(GRAMS).fill(-1);
    const typedStamp = new Int32Array(TRIPLES).fill(-1);
    let live = 0;
    let scratch: Int32Array = new Int32Array(256);
    each((slot, haystack, from, to) => {
      live++;
      scratch = gramsOf(haystack, from, to, scratch);
      for (let i = 1, n = scratch[0]; i <= n; i++) {
        const gram = scratch[i] & GRAM_MASK;
        if (heldStamp[gram] !== slot) {
          heldStamp[gram] = slot;
          held[gram]++;
        }
        if (scratch[i] !== gram && typedStamp[gram] !== slot) {
          typedStamp[gram] = slot;
          typed[gram]++;
        }
      }
    });
    const least = Math.max(2, Math.ceil(live * TYPED_SHARE));
    const most = Math.floor(live * RARE_SHARE);
    const eligible = Array.from({ length: TRIPLES }, (_, triple) => triple)
      .filter((triple) => typed[triple] >= least && held[triple] <= most)
      // Most typed per posting first: a list costs what its triple is held by, and saves reading where it is typed.
      .sort((a, b) => typed[b] * held[a] - typed[a] * held[b] || a - b);
    const chosen: number[] = [];
    let postings = 0;
    for (const triple of eligible) {
      if (postings + held[triple] <= live * POSTINGS_PER_SLOT) {
        chosen.push(triple);
        postings += held[triple];
      }
    }
    // Numbers are typed from anywhere (`555-0123` of +1 415 555 0123), so triples of digits are listed however they
    // start, the rarest first, within a budget of their own.
    const numbers = Array.from({ length: DIGIT_TRIPLES }, (_, i) => digitTriple(i))
      .filter((triple) => held[triple] > 0 && held[triple] <= live * DIGIT_SHARE && !chosen.includes(triple))
      .sort((a, b) => held[a] - held[b] || a - b);
    let digitPostings = 0;
    for (const triple of numbers) {
      if (digitPostings + held[triple] <= live * DIGIT_POSTINGS_PER_SLOT) {
        chosen.push(triple);
        digitPostings += held[triple];
      }
    }
    // A pair few slots hold is typed as a typo of a name's first letters (`Mr` of `Murphy`), and the masks' shared
    // bits of pairs are set in most slots: the rarest first, within a budget of their own.
    let pairPostings = 0;
    for (let gram = TRIPLES; gram < GRAMS; gram++) {
      if (held[gram] > 0 && held[gram] <= live * PAIR_SHARE && pairPostings + held[gram] <= live * PAIR_POSTINGS_PER_SLOT) {
        chosen.push(gram);
        pairPostings += held[gram];
      }
    }
    postings += digitPostings + pairPostings;
    const ids = new Map(chosen.map((gram, i) => [gram, i]));
    const counts = Int32Array.from(chosen, (gram) => held[gram]);
    const starts = new Int32Array(chosen.length + 1);
    counts.forEach((count, i) => {
      starts[i + 1] = starts[i] + count;
    });
    const fill = starts.slice(0, chosen.length);
    const all = new Int32Array(postings);
    // Per gram, its list's number, or -1: a Map lookup per gram of the whole text took most of the pass.
    const idOf = new Int32Array(GRAMS).fill(-1);
    chosen.forEach((gram, i) => {
      idOf[gram] = i;
    });
    heldStamp.fill(-1);
    each((slot, haystack, from, to) => {
      scratch = gramsOf(haystack, from, to, scratch);
      for (let i = 1, n = scratch[0]; i <= n; i++) {
        const gram = scratch[i] & GRAM_MASK;
        const id = idOf[gram];
        if (id >= 0 && heldStamp[gram] !== slot) {
          heldStamp[gram] = slot;
          all[fill[id]++] = slot;
        }
      }
    });
    return GramLists.encoded(ids, counts, starts, all, slots);
  }

  private static encoded(ids: Map<number, number>, counts: Int32Array, starts: Int32Array, all: Int32Array, slots: number): GramLists {
    // Counted first, then written: a million gaps pushed to an array left megabytes of garbage at every seal.
    let length = 0;
    for (let id = 0; id < counts.length; id++) {
      for (let i = starts[id], previous = -1; i < starts[id + 1]; previous = all[i++]) {
        length += all[i] - previous < ESCAPE ? 1 : 3;
      }
    }
    const pool = new Uint16Array(length);
    const offsets = new Int32Array(counts.length + 1);
    let n = 0;
    for (let id = 0; id < counts.length; id++) {
      for (let i = starts[id], previous = -1; i < starts[id + 1]; previous = all[i++]) {
        const gap = all[i] - previous;
        if (gap < ESCAPE) {
          pool[n++] = gap;
        } else {
          pool.set([ESCAPE, all[i] >>> 16, all[i] & 0xffff], n);
          n += 3;
        }
      }
      offsets[id + 1] = n;
    }
    return new GramLists(ids, counts, offsets, pool, slots);
  }

  /** The slot's text changed (set or removed) after the lists were built: it is read whatever the lists say. */
  noteChanged(slot: number): void {
    if (!this.usable || this.changedSet.has(slot)) {
      return;
    }
    this.changedSet.add(slot);
    this.changed.push(slot);
    this.changedSorted = false;
    // Past this many, a list is no shorter than reading the masks of every candidate.
    if (this.changed.length > Math.max(64, this.slots * RARE_SHARE)) {
      this.usable = false;
    }
  }

  /** The list of a pair or triple of `text` with the fewest slots, or -1 if none of them is listed. */
  bestFor(text: string): number {
    if (!this.usable) {
      return -1;
    }
    let best = -1;
    for (let i = 1; i < text.length; i++) {
      const a = i > 1 ? letterOrDigit(text.charCodeAt(i - 2)) : -1;
      const b = letterOrDigit(text.charCodeAt(i - 1));
      const c = letterOrDigit(text.charCodeAt(i));
      if (b < 0 || c < 0) {
        continue;
      }
      best = this.fewer(best, this.ids.get(TRIPLES + b * ALPHABET + c));
      if (a >= 0) {
        best = this.fewer(best, this.ids.get((a * ALPHABET + b) * ALPHABET + c));
      }
    }
    return best;
  }

  /** Of list `best` (or -1) and list `id` (or none), the one with fewer slots; `best` when they tie. */
  private fewer(best: number, id: number | undefined): number {
    return id !== undefined && (best < 0 || this.counts[id] < this.counts[best]) ? id : best;
  }

  /** How many slots read(id) gives at most. */
  size(id: number): number {
    return this.counts[id] + this.changed.length;
  }

  /** Writes the slots of list `id` and the changed slots, ascending and each once, to `out`; answers how many. */
  read(id: number, out: Int32Array): number {
    if (!this.changedSorted) {
      this.changed.sort((a, b) => a - b);
      this.changedSorted = true;
    }
    const changed = this.changed;
    const pool = this.pool;
    let c = 0;
    let count = 0;
    let slot = -1;
    for (let i = this.offsets[id], end = this.offsets[id + 1]; i < end; i++) {
      const gap = pool[i];
      if (gap === ESCAPE) {
        slot = (pool[i + 1] << 16) | pool[i + 2];
        i += 2;
      } else {
        slot += gap;
      }
      while (c < changed.length && changed[c] < slot) {
        out[count++] = changed[c++];
      }
      if (c < changed.length && changed[c] === slot) {
        c++;
      }
      out[count++] = slot;
    }
    while (c < changed.length) {
      out[count++] = changed[c++];
    }
    return count;
  }
}

/** The triple of digits whose value is `value` (000-999), in alphabet places. */
function digitTriple(value: number): number {
  const digit = (d: number): number => 26 + d;
  return (digit(Math.floor(value / 100)) * ALPHABET + digit(Math.floor(value / 10) % 10)) * ALPHABET + digit(value % 10);
}

/** Set on a triple in gramsOf()'s answer when it starts a word of the name, company, an email or a phone number. */
const TYPED_BIT = 1 << 20;
const GRAM_MASK = TYPED_BIT - 1;

/**
 * The triples and pairs of letters and digits in haystack[from .. to), written to `out` from index 1 (out[0]: how
 * many; `out` or a larger copy is returned): a triple with TYPED_BIT when it starts a word of the name, company, an
 * email or a phone number (what people type first to find someone), a pair as TRIPLES + pair.
 */
function gramsOf(haystack: string, from: number, to: number, out: Int32Array): Int32Array {
  const list = out.length > 2 * (to - from) ? out : new Int32Array(4 * (to - from) + 1);
  let n = 0;
  let marker = NAME;
  let a = -1;
  let b = -1;
  for (let i = from; i < to; i++) {
    const code = haystack.charCodeAt(i);
    if (code <= LAST_MARKER) {
      marker = code;
      a = -1;
      b = -1;
      continue;
    }
    const c = isWordChar(code) ? letterOrDigit(code) : -1;
    if (a >= 0 && b >= 0 && c >= 0) {
      const typed = marker <= PHONE && isWordStart(haystack, i - 2);
      list[++n] = (a * ALPHABET + b) * ALPHABET + c + (typed ? TYPED_BIT : 0);
    }
    if (b >= 0 && c >= 0) {
      list[++n] = TRIPLES + b * ALPHABET + c;
    }
    a = b;
    b = c;
  }
  list[0] = n;
  return list;
}
