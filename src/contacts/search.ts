/**
 * Ranked search over the contacts of the local index, fast enough to run on every keystroke of a quick pick over a
 * whole workspace (the benchmark's bar: p99 under 2 ms over 10,000 contacts).
 *
 * How it stays cheap:
 * - Each contact has one precomputed haystack: its searchable fields folded (lower case, no accents) and joined, each
 *   preceded by a marker character naming the field; the marker in front of a hit says which field it is in.
 *   Haystacks are stored back to back, one block per page, and a query word is found with one indexOf per
 *   occurrence in a block rather than one per contact.
 * - Fields sit in the haystack in ranking order (name first), so the first word-start hit is the best one, and the
 *   first hit at all bounds how well a contact can score: most matches of a short query are dismissed from that
 *   bound without working out their score.
 * - Typing narrows: when the new query extends the last one, only the last query's matches are searched again.
 * - Typo tolerance never scans text. The distinct words of names, companies, roles and text custom fields form a
 *   vocabulary; a query word is compared with the vocabulary once (one edit, prefix-aware), and the contacts holding
 *   the words that came close are found through an inverted list.
 * - Nothing is allocated per contact: buffers live as long as the search session.
 */
import type { Contact, CustomField } from '../quo/types.js';
import { phoneDigits } from './phone.js';

export type SearchField = 'name' | 'company' | 'email' | 'phone' | 'externalId' | 'role' | 'customField';

/** Marker characters, in haystack (and ranking) order. Control characters never survive folding, so they are free. */
const NAME = 1;
const COMPANY = 2;
const EMAIL = 3;
const PHONE = 4;
const EXTERNAL_ID = 5;
const ROLE = 6;
const CUSTOM = 7;
const LAST_MARKER = CUSTOM;

const FIELD_OF_MARKER: readonly SearchField[] = [
  'name', // unused slot 0
  'name',
  'company',
  'email',
  'phone',
  'externalId',
  'role',
  'customField',
];

/** Query words shorter than this must match exactly: a typo in a short word matches too much. */
export const MIN_TYPO_LENGTH = 5;
export const DEFAULT_SEARCH_LIMIT = 50;

/** Score classes, best first. A score is class·1000 plus per-word bonuses (field weight, whole word). */
const CLASS_NAME_EXACT = 5;
const CLASS_NAME_PREFIX = 4;
const QUALITY_WORD_START = 3;
const QUALITY_SUBSTRING = 2;
const QUALITY_TYPO = 1;
const WHOLE_WORD_BONUS = 5;
/** Bonuses never reach the next class, however many words a query has. */
const MAX_BONUS = 999;

/** Vocabulary words shorter than this cannot be one edit away from a typo-tolerant query word. */
const MIN_VOCABULARY_WORD = MIN_TYPO_LENGTH - 1;

/**
 * Text as the search compares it: lower case, accents and other combining marks removed (`Zoë` → `zoe`), letters
 * that do not decompose spelt as people type them without the key (`ł` → `l`, `ß` → `ss`), apostrophes dropped
 * (`O'Brien` → `obrien`), control characters and odd spaces turned into plain spaces.
 */
export function foldText(text: string): string {
  let folded = text;
  if (NON_ASCII.test(folded)) {
    folded = narrow(
      folded.normalize('NFKD').replace(COMBINING_MARKS, '').replace(UNDECOMPOSED, (c) => SPELLED_OUT[c] ?? c),
    );
  }
  folded = folded.toLowerCase();
  if (NEEDS_CLEANING.test(folded)) {
    folded = folded.replace(APOSTROPHES, '').replace(CONTROL_OR_SPACE, ' ');
  }
  return folded;
}

const NON_ASCII = /[^\x00-\x7f]/;
const BEYOND_LATIN1 = /[^\x00-\xff]/;

/**
 * V8 keeps a string two bytes per character once any step made it so, and NFKD does, even when the accents it split
 * off are then removed. One such name makes its whole haystack block two-byte: measured, that doubled the search
 * text of 10,000 sandbox contacts. Text that fits in Latin-1 is rebuilt, which V8 stores one byte per character.
 */
function narrow(text: string): string {
  if (BEYOND_LATIN1.test(text)) {
    return text;
  }
  const codes = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) {
    codes[i] = text.charCodeAt(i);
  }
  return String.fromCharCode(...codes);
}
const COMBINING_MARKS = /\p{M}+/gu;
const UNDECOMPOSED = /[łŁøØđĐßæÆœŒıþÞ]/g;
const SPELLED_OUT: Readonly<Record<string, string>> = {
  ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ı: 'i', þ: 'th',
  Þ: 'TH',
};
const NEEDS_CLEANING = /[\x00-\x1f\x7f'’\s]/;
const APOSTROPHES = /['’]/g;
/** Plain spaces are left alone; everything else that separates (tabs, newlines, no-break spaces) becomes one. */
const CONTROL_OR_SPACE = /[\x00-\x1f\x7f]|[^\S ]/g;

function isWordChar(code: number): boolean {
  // Anything beyond ASCII counts as a letter: folding has already removed the marks and spaces that would not.
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || code >= 128;
}

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || code >= 128;
}

/** A custom field's value as searchable text, or undefined for values nobody types (booleans, empty values). */
function customFieldText(field: CustomField): string | undefined {
  switch (field.type) {
    case 'multi-select':
      return field.value && field.value.length > 0 ? field.value.join(' ') : undefined;
    case 'date':
      // The calendar date is what people know; the time of day is noise.
      return field.value ? field.value.slice(0, 10) : undefined;
    case 'number':
      return field.value === null ? undefined : String(field.value);
    case 'boolean':
      return undefined;
    default:
      return field.value ? field.value : undefined;
  }
}

/** Custom fields whose words join the typo vocabulary: prose, not URLs, dates or numbers. */
function isWordyCustomField(field: CustomField): boolean {
  return field.type === 'string' || field.type === 'address' || field.type === 'multi-select';
}

/** The person's or company's name as searched: the display name without its fallbacks to email and phone. */
function searchName(contact: Contact): string {
  const fields = contact.defaultFields;
  const first = fields.firstName?.trim() ?? '';
  const last = fields.lastName?.trim() ?? '';
  if (first !== '' || last !== '') {
    return first !== '' && last !== '' ? `${first} ${last}` : first || last;
  }
  return fields.company?.trim() ?? '';
}

interface Haystack {
  readonly text: string;
  /** Folded text whose words join the typo vocabulary. */
  readonly wordy: readonly string[];
}

function buildHaystack(contact: Contact): Haystack {
  const fields = contact.defaultFields;
  const parts: string[] = [];
  const wordy: string[] = [];
  const add = (marker: number, text: string, words: boolean): void => {
    const folded = foldText(text);
    parts.push(String.fromCharCode(marker), folded);
    if (words) {
      wordy.push(folded);
    }
  };
  const name = searchName(contact);
  add(NAME, name, true);
  const company = fields.company?.trim() ?? '';
  // A contact with no person's name is listed under its company; the company need not be there twice.
  if (company !== '' && company !== name) {
    add(COMPANY, company, true);
  }
  for (const email of fields.emails) {
    if (email.value) {
      add(EMAIL, email.value, false);
    }
  }
  for (const phone of fields.phoneNumbers) {
    if (phone.value) {
      // Digits only, so that any way of writing the number matches; a value without digits is kept as written.
      const digits = phoneDigits(phone.value);
      add(PHONE, digits === '' ? phone.value : digits, false);
    }
  }
  if (contact.externalId) {
    add(EXTERNAL_ID, contact.externalId, false);
  }
  if (fields.role?.trim()) {
    add(ROLE, fields.role, true);
  }
  for (const field of contact.customFields) {
    const text = customFieldText(field);
    if (text !== undefined) {
      add(CUSTOM, text, isWordyCustomField(field));
    }
  }
  // join() builds one flat string; `+=` would leave a rope that V8 flattens (and copies) on the first search.
  return { text: parts.join(''), wordy };
}

/** Where a hit lies, as shown in the quick pick's description. */
interface FieldValue {
  readonly field: SearchField;
  readonly value: string;
  readonly label?: string;
}

/** The `ordinal`-th field with `marker` of `contact`, counted exactly as buildHaystack adds them. */
function fieldValue(contact: Contact, marker: number, ordinal: number): FieldValue {
  const fields = contact.defaultFields;
  const field = FIELD_OF_MARKER[marker] ?? 'name';
  switch (marker) {
    case COMPANY:
      return { field, value: fields.company ?? '' };
    case EMAIL: {
      const email = fields.emails.filter((item) => item.value)[ordinal];
      return { field, value: email?.value ?? '', ...(email ? { label: email.name } : {}) };
    }
    case PHONE: {
      const phone = fields.phoneNumbers.filter((item) => item.value)[ordinal];
      return { field, value: phone?.value ?? '', ...(phone ? { label: phone.name } : {}) };
    }
    case EXTERNAL_ID:
      return { field, value: contact.externalId ?? '' };
    case ROLE:
      return { field, value: fields.role ?? '' };
    case CUSTOM: {
      const custom = contact.customFields.filter((item) => customFieldText(item) !== undefined)[ordinal];
      return custom
        ? { field, value: customFieldText(custom) ?? '', label: custom.name }
        : { field, value: '' };
    }
    default:
      return { field: 'name', value: searchName(contact) };
  }
}

/**
 * The searchable form of a set of contacts, addressed by slot (0..size-1). Filled by the index as pages arrive.
 * Holds only derived text and numbers; the contacts themselves stay with the index.
 *
 * Haystacks are stored back to back in blocks (one per batch, i.e. per page), not one string per contact: a query
 * word is then found with one indexOf per occurrence across many contacts instead of one per contact, which is what
 * makes rare words (a phone number's digits, a misspelt name) cheap; and 10,000 string headers are saved.
 */
export class SearchCorpus {
  private readonly blocks: string[] = [];
  /** Haystacks set since the last flush, and their slots. */
  private pending: string[] = [];
  private pendingSlots: number[] = [];
  private count = 0;
  /** Slot s's haystack is blocks[blockOf[s]].slice(startOf[s], endOf[s]). */
  private blockOf = new Int32Array(256);
  private startOf = new Int32Array(256);
  private endOf = new Int32Array(256);
  /** Per slot, which characters start a word in its haystack (wordStartBit), to bound scores cheaply. */
  private startsOf = new Int32Array(256);
  private readonly vocabulary = new Map<string, number>();
  /** Vocabulary word by number. */
  readonly words: string[] = [];
  /** Every slot's word numbers, back to back; slot s owns wordPool[wordFrom[s] .. wordTo[s]). */
  private wordPool = new Int32Array(4096);
  private poolLength = 0;
  private wordFrom = new Int32Array(256);
  private wordTo = new Int32Array(256);
  private changes = 0;
  private inverted: Postings | undefined;

  get size(): number {
    return this.count;
  }

  /** Changes whenever a slot is added or replaced; searches cached for one version are invalid in the next. */
  get version(): number {
    return this.changes;
  }

  /**
   * Adds (slot === size) or replaces the searchable form of the contact in `slot`. Searchable after flush(), which
   * a search does itself; the index calls it once per page.
   */
  set(slot: number, contact: Contact): void {
    if (slot < 0 || slot > this.count) {
      throw new RangeError(`slot ${slot} is out of range 0..${this.count}`);
    }
    const haystack = buildHaystack(contact);
    if (slot === this.count) {
      this.count++;
      this.ensureSlots(this.count);
    }
    this.pending.push(haystack.text);
    this.pendingSlots.push(slot);
    // A replaced slot's old text and words stay where they were, unused: that happens only for a contact listed
    // twice, so compacting is not worth its code.
    const from = this.poolLength;
    for (const text of haystack.wordy) {
      this.addWords(text, from);
    }
    this.wordFrom[slot] = from;
    this.wordTo[slot] = this.poolLength;
    this.changes++;
  }

  /** Makes everything set so far searchable, as one new block. */
  flush(): void {
    if (this.pending.length === 0) {
      return;
    }
    const block = this.blocks.length;
    // join() builds one flat string; `+=` would leave a rope that V8 flattens (and copies) on the first search.
    this.blocks.push(this.pending.join(''));
    let offset = 0;
    this.pending.forEach((text, i) => {
      const slot = this.pendingSlots[i] as number;
      this.blockOf[slot] = block;
      this.startOf[slot] = offset;
      offset += text.length;
      this.endOf[slot] = offset;
      this.startsOf[slot] = wordStartMask(text);
    });
    this.pending = [];
    this.pendingSlots = [];
  }

  /** The haystack of one slot (a view into its block; V8 does not copy slices of 13 characters or more). */
  haystack(slot: number): string {
    this.flush();
    return this.blocks[this.blockOf[slot] as number]?.slice(this.startOf[slot], this.endOf[slot]) ?? '';
  }

  /** For the search loop: where slot s's haystack is. Valid after flush(). */
  block(index: number): string {
    return this.blocks[index] as string;
  }

  blockIndex(slot: number): number {
    return this.blockOf[slot] as number;
  }

  start(slot: number): number {
    return this.startOf[slot] as number;
  }

  end(slot: number): number {
    return this.endOf[slot] as number;
  }

  /** The characters that start a word in the slot's haystack, as wordStartBit bits. */
  wordStarts(slot: number): number {
    return this.startsOf[slot] as number;
  }

  /**
   * The slots whose words include vocabulary word `word`, calling `visit` for each: the inverse of the word lists,
   * built on first use for this version (one pass over the lists) and kept until the corpus changes.
   */
  forEachSlotWithWord(word: number, visit: (slot: number) => void): void {
    const postings = this.postings();
    for (let i = postings.offsets[word] as number, end = postings.offsets[word + 1] as number; i < end; i++) {
      visit(postings.slots[i] as number);
    }
  }

  private postings(): Postings {
    if (this.inverted?.version === this.changes) {
      return this.inverted;
    }
    const offsets = new Int32Array(this.words.length + 1);
    for (let slot = 0; slot < this.count; slot++) {
      for (let i = this.wordFrom[slot] as number, end = this.wordTo[slot] as number; i < end; i++) {
        offsets[(this.wordPool[i] as number) + 1]++;
      }
    }
    for (let w = 0; w < this.words.length; w++) {
      offsets[w + 1] = (offsets[w + 1] as number) + (offsets[w] as number);
    }
    const fill = offsets.slice(0, this.words.length);
    const slots = new Int32Array(offsets[this.words.length] as number);
    for (let slot = 0; slot < this.count; slot++) {
      for (let i = this.wordFrom[slot] as number, end = this.wordTo[slot] as number; i < end; i++) {
        const word = this.wordPool[i] as number;
        slots[fill[word] as number] = slot;
        fill[word] = (fill[word] as number) + 1;
      }
    }
    this.inverted = { version: this.changes, offsets, slots };
    return this.inverted;
  }

  /** The word numbers of a slot: `pool()[from(slot) .. to(slot))`. */
  pool(): Int32Array {
    return this.wordPool;
  }

  from(slot: number): number {
    return this.wordFrom[slot] as number;
  }

  to(slot: number): number {
    return this.wordTo[slot] as number;
  }

  /**
   * Trims the growth slack off the arrays once no more contacts will come (a complete sync), so an index that stops
   * growing keeps no unused capacity.
   */
  seal(): void {
    this.flush();
    this.wordPool = this.wordPool.slice(0, this.poolLength);
    this.wordFrom = this.wordFrom.slice(0, this.count);
    this.wordTo = this.wordTo.slice(0, this.count);
    this.blockOf = this.blockOf.slice(0, this.count);
    this.startOf = this.startOf.slice(0, this.count);
    this.endOf = this.endOf.slice(0, this.count);
    this.startsOf = this.startsOf.slice(0, this.count);
  }

  private addWords(text: string, slotStart: number): void {
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      const letter = i < text.length && isLetter(text.charCodeAt(i));
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        if (i - start >= MIN_VOCABULARY_WORD) {
          this.addWord(text.slice(start, i), slotStart);
        }
        start = -1;
      }
    }
  }

  private addWord(word: string, slotStart: number): void {
    let number = this.vocabulary.get(word);
    if (number === undefined) {
      number = this.words.length;
      this.vocabulary.set(word, number);
      this.words.push(word);
    }
    for (let i = slotStart; i < this.poolLength; i++) {
      if (this.wordPool[i] === number) {
        return;
      }
    }
    if (this.poolLength === this.wordPool.length) {
      this.wordPool = grow(this.wordPool, this.wordPool.length * 2);
    }
    this.wordPool[this.poolLength++] = number;
  }

  private ensureSlots(count: number): void {
    if (count <= this.wordFrom.length) {
      return;
    }
    const capacity = Math.max(count, this.wordFrom.length * 2);
    this.wordFrom = grow(this.wordFrom, capacity);
    this.wordTo = grow(this.wordTo, capacity);
    this.blockOf = grow(this.blockOf, capacity);
    this.startOf = grow(this.startOf, capacity);
    this.endOf = grow(this.endOf, capacity);
    this.startsOf = grow(this.startsOf, capacity);
  }
}

interface Postings {
  readonly version: number;
  /** Word w's slots are slots[offsets[w] .. offsets[w + 1]). */
  readonly offsets: Int32Array;
  readonly slots: Int32Array;
}

function grow(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(capacity);
  grown.set(array);
  return grown;
}

/** What a search reads besides the corpus: the contacts by slot and their order by name. */
export interface SearchableContacts {
  readonly corpus: SearchCorpus;
  contactAt(slot: number): Contact;
  /** Slots in display-name order: the order of equal scores, and of the empty query. */
  nameOrder(): readonly number[];
  /** Each slot's position in nameOrder(). */
  nameRanks(): Int32Array;
}

export interface SearchOptions {
  /** Most hits returned (default 50). */
  readonly limit?: number;
}

export interface SearchHit {
  readonly contact: Contact;
  /** Higher is better; only the order is meaningful. */
  readonly score: number;
  /** Where the query's longest word matched best. */
  readonly field: SearchField;
  /** That field's value as the contact holds it (a custom field's as text), for the quick pick's description. */
  readonly value: string;
  /** The label of the matched email or phone number, or the custom field's name. */
  readonly label?: string;
  /** Whether a query word matched only with a typo. */
  readonly typo: boolean;
}

export interface SearchResult {
  /** Best first; at most `limit`. */
  readonly hits: readonly SearchHit[];
  /** How many contacts matched in all. */
  readonly matchCount: number;
}

interface Term {
  /** Folded; for a phone-like word, its digits. */
  readonly text: string;
  /**
   * For a phone-like word, the word as typed, which matches too: `2026-12-10` is a date in a custom field as much as
   * it is digits of a phone number.
   */
  readonly alt?: string;
  /** At least MIN_TYPO_LENGTH letters: may match with one typo. */
  readonly typo: boolean;
}

interface Query {
  readonly terms: readonly Term[];
  /** The folded words joined by single spaces, compared with the whole name. */
  readonly joined: string;
}

/** Digits with the punctuation people write numbers with: `+1 (415) 555-0123`, `415.555.0123`. */
const PHONE_LIKE = /^[\d\s+().\-/]*\d[\d\s+().\-/]*$/;

export function parseQuery(query: string): Query {
  const folded = foldText(query).trim();
  if (folded === '') {
    return { terms: [], joined: '' };
  }
  // A whole query that reads as a phone number is one number, whatever its spaces: `415 555 0123`.
  if (PHONE_LIKE.test(folded)) {
    return { terms: [phoneTerm(folded)], joined: folded };
  }
  const words = folded.split(/\s+/).filter((word) => word.length > 0);
  const terms = words.map((word): Term => {
    if (PHONE_LIKE.test(word)) {
      return phoneTerm(word);
    }
    let letters = word.length >= MIN_TYPO_LENGTH;
    for (let i = 0; letters && i < word.length; i++) {
      letters = isLetter(word.charCodeAt(i));
    }
    return { text: word, typo: letters };
  });
  return { terms, joined: words.join(' ') };
}

function phoneTerm(typed: string): Term {
  const digits = phoneDigits(typed);
  return digits === typed ? { text: digits, typo: false } : { text: digits, alt: typed, typo: false };
}

/**
 * Whether `query` is within one edit (substitution, insertion, deletion or transposition of neighbours) of a prefix
 * of `word`: of the prefix of the query's length, one longer or one shorter. Prefix-aware so that a typo shows its
 * matches while the word is still being typed (`lovle` finds Lovelace). Allocates nothing.
 */
export function withinOneEditOfPrefix(query: string, word: string): boolean {
  const length = query.length;
  if (word.length < length - 1) {
    return false;
  }
  let same = 0;
  const limit = Math.min(length, word.length);
  while (same < limit && query.charCodeAt(same) === word.charCodeAt(same)) {
    same++;
  }
  if (same === length) {
    return true;
  }
  // Insertion in the query: it has one extra character at `same`.
  if (equalRange(query, same + 1, word, same, length - same - 1)) {
    return true;
  }
  if (word.length >= length) {
    // Substitution at `same`.
    if (equalRange(query, same + 1, word, same + 1, length - same - 1)) {
      return true;
    }
    // Transposition of `same` and the character after it.
    if (
      same + 1 < length &&
      query.charCodeAt(same) === word.charCodeAt(same + 1) &&
      query.charCodeAt(same + 1) === word.charCodeAt(same) &&
      equalRange(query, same + 2, word, same + 2, length - same - 2)
    ) {
      return true;
    }
  }
  // Deletion in the query: it lacks the word's character at `same`.
  return word.length >= length + 1 && equalRange(query, same, word, same + 1, length - same);
}

function equalRange(a: string, aStart: number, b: string, bStart: number, count: number): boolean {
  if (count <= 0) {
    return true;
  }
  if (bStart + count > b.length || aStart + count > a.length) {
    return false;
  }
  for (let i = 0; i < count; i++) {
    if (a.charCodeAt(aStart + i) !== b.charCodeAt(bStart + i)) {
      return false;
    }
  }
  return true;
}

/** The marker of the field containing `position`. */
function markerAt(haystack: string, position: number): number {
  for (let i = position; i >= 0; i--) {
    const code = haystack.charCodeAt(i);
    if (code <= LAST_MARKER) {
      return code;
    }
  }
  return NAME;
}

function isWordStart(haystack: string, position: number): boolean {
  if (position === 0) {
    return true;
  }
  const before = haystack.charCodeAt(position - 1);
  if (before <= LAST_MARKER || !isWordChar(before)) {
    return true;
  }
  // A North American number is stored as 1 + ten digits; its national part starts a "word" too (`415…`).
  return before === 49 && position >= 2 && haystack.charCodeAt(position - 2) === PHONE;
}

/**
 * One bit per character that can start a word, or 0 for characters the bound does not track (beyond ASCII): a query
 * word starting with one of those is assumed to start a word. Shared bits only make a bound looser, never wrong.
 */
function wordStartBit(code: number): number {
  if (code >= 97 && code <= 122) {
    return 1 << (code - 97);
  }
  // Digits share six bits: 0 with 6, 1 with 7, 2 with 8, 3 with 9; 4 and 5 have their own. Beyond ASCII: none.
  return code >= 48 && code <= 57 ? 1 << (26 + ((code - 48) % 6)) : 0;
}

function wordStartMask(haystack: string): number {
  let mask = 0;
  for (let i = 0; i < haystack.length; i++) {
    const code = haystack.charCodeAt(i);
    if (isWordChar(code) && isWordStart(haystack, i)) {
      mask |= wordStartBit(code);
    }
  }
  return mask;
}

function isWordEnd(haystack: string, position: number): boolean {
  return position >= haystack.length || !isWordChar(haystack.charCodeAt(position));
}

/** Field weight: name 7 … custom fields 1, from the marker order. */
function fieldWeight(marker: number): number {
  return LAST_MARKER + 1 - marker;
}

interface LastSearch {
  readonly corpus: SearchCorpus;
  readonly version: number;
  readonly terms: readonly Term[];
  /** The slots it matched are matchBuffer[0 .. matchCount). */
  readonly matchCount: number;
}

/**
 * A search session, e.g. one quick pick: remembers the last query's matches so that each keystroke that extends the
 * query searches only those. Reusable across index changes; a changed corpus is noticed and searched in full.
 */
export class ContactSearch {
  private last: LastSearch | undefined;
  private matchBuffer = new Int32Array(0);
  /** Per vocabulary word: bit t set if the word is one edit from term t. */
  private typoFlags: Uint8Array = new Uint8Array(0);
  /** Per slot: bit t set if the contact holds a word one edit from term t. */
  private typoSlots: Uint8Array = new Uint8Array(0);
  private topSlots = new Int32Array(DEFAULT_SEARCH_LIMIT);
  private topScores = new Float64Array(DEFAULT_SEARCH_LIMIT);
  private topTypo = new Uint8Array(DEFAULT_SEARCH_LIMIT);

  search(source: SearchableContacts, query: string, options: SearchOptions = {}): SearchResult {
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_SEARCH_LIMIT));
    const corpus = source.corpus;
    const parsed = parseQuery(query);
    if (parsed.terms.length === 0) {
      this.last = undefined;
      const hits = source
        .nameOrder()
        .slice(0, limit)
        .map((slot): SearchHit => {
          const contact = source.contactAt(slot);
          return { contact, score: 0, field: 'name', value: searchName(contact), typo: false };
        });
      return { hits, matchCount: corpus.size };
    }
    const terms = parsed.terms;
    // Longest first: the most selective word rejects most contacts with the fewest indexOf calls.
    const order = terms.map((_, i) => i).sort((a, b) => (terms[b]?.text.length ?? 0) - (terms[a]?.text.length ?? 0));
    const typoBits = this.markTypoWords(corpus, terms);
    const typoSlots = this.typoSlots;
    const ranks = source.nameRanks();

    // Matches are written over the candidates they came from (never ahead of the one being read), so one buffer per
    // session serves every keystroke: allocating one per keystroke made V8 collect its whole heap now and then.
    const last = this.narrowable(corpus, terms) ? this.last : undefined;
    const narrowed = last !== undefined;
    const candidateCount = last ? last.matchCount : corpus.size;
    if (!narrowed && this.matchBuffer.length < corpus.size) {
      this.matchBuffer = new Int32Array(Math.max(corpus.size, this.matchBuffer.length * 2));
    }
    const matches = this.matchBuffer;
    let matchCount = 0;
    this.ensureTop(limit);
    let topCount = 0;
    const topSlots = this.topSlots;
    const topScores = this.topScores;
    const topTypo = this.topTypo;
    const joined = parsed.joined;

    corpus.flush();
    // Per term text, the next occurrence found in a block: candidates come in block order, so one indexOf serves
    // every contact up to that occurrence, and a rare word costs about one call per contact that has it.
    const cursors = new Int32Array(terms.length * 2 * CURSOR_FIELDS).fill(-1);
    // Per term, for the candidate at hand: where it first occurs (-1: matched by a typo) and which text matched.
    const firstAt = new Int32Array(terms.length);
    const usedAlt = new Uint8Array(terms.length);
    for (let c = 0; c < candidateCount; c++) {
      const slot = narrowed ? (matches[c] as number) : c;
      const blockIndex = corpus.blockIndex(slot);
      const block = corpus.block(blockIndex);
      const start = corpus.start(slot);
      const end = corpus.end(slot);
      // First only whether every word matches. Most candidates stop here.
      let typoUsed = false;
      let matched = true;
      for (let o = 0; o < order.length; o++) {
        const termIndex = order[o] as number;
        const term = terms[termIndex] as Term;
        // Words hold no marker characters, so an occurrence that starts inside the slot also ends inside it.
        let at = nextOccurrence(cursors, termIndex * 2, block, blockIndex, start, term.text);
        if (at < end) {
          firstAt[termIndex] = at;
          usedAlt[termIndex] = 0;
          continue;
        }
        if (term.alt !== undefined) {
          at = nextOccurrence(cursors, termIndex * 2 + 1, block, blockIndex, start, term.alt);
          if (at < end) {
            firstAt[termIndex] = at;
            usedAlt[termIndex] = 1;
            continue;
          }
        }
        if (((typoSlots[slot] as number) & (1 << termIndex)) !== 0) {
          firstAt[termIndex] = -1;
          typoUsed = true;
          continue;
        }
        matched = false;
        break;
      }
      if (!matched) {
        continue;
      }
      matches[matchCount++] = slot;
      if (limit === 0) {
        continue;
      }
      let nameClass = 0;
      if (block.startsWith(joined, start + 1)) {
        // The next character ends the name: a marker, or the end of the block.
        const after = start + 1 + joined.length;
        nameClass = after >= block.length || block.charCodeAt(after) <= LAST_MARKER ? CLASS_NAME_EXACT : CLASS_NAME_PREFIX;
      }
      const rank = ranks[slot] as number;
      if (topCount === limit) {
        // Most matches of a short query cannot make the list. Bound their score cheaply before working it out: a
        // word can only start a word if its first character starts one somewhere in the contact, and no occurrence
        // lies in a better field than the first one (fields are in ranking order).
        const worstScore = topScores[limit - 1] as number;
        const worstRank = ranks[topSlots[limit - 1] as number] as number;
        const starts = corpus.wordStarts(slot);
        let classBound = nameClass > 0 ? nameClass : typoUsed ? QUALITY_TYPO : QUALITY_WORD_START;
        let bonusBound = 0;
        for (let t = 0; t < terms.length; t++) {
          const at = firstAt[t] as number;
          if (at < 0) {
            continue;
          }
          const text = (usedAlt[t] === 1 ? (terms[t] as Term).alt : (terms[t] as Term).text) as string;
          const head = text.charCodeAt(0);
          const bit = wordStartBit(head);
          const canStartWord = bit === 0 || (starts & bit) !== 0;
          if (!canStartWord && nameClass === 0 && classBound > QUALITY_SUBSTRING) {
            classBound = QUALITY_SUBSTRING;
          }
          bonusBound += fieldWeight(markerAt(block, at)) * 10 + (canStartWord ? WHOLE_WORD_BONUS : 0);
        }
        const bound = classBound * 1000 + Math.min(bonusBound, MAX_BONUS);
        if (bound < worstScore || (bound === worstScore && rank > worstRank)) {
          continue;
        }
      }
      // Then how well it matches: word starts, which field, whole words. Works in the block, copying nothing.
      let bonus = 0;
      let worst = typoUsed ? QUALITY_TYPO : QUALITY_WORD_START;
      for (let t = 0; t < terms.length; t++) {
        const first = firstAt[t] as number;
        if (first < 0) {
          continue; // matched with a typo
        }
        const text = (usedAlt[t] === 1 ? (terms[t] as Term).alt : (terms[t] as Term).text) as string;
        let position = first;
        let quality = QUALITY_SUBSTRING;
        for (let at = first; at >= 0 && at < end; at = block.indexOf(text, at + 1)) {
          if (isWordStart(block, at)) {
            quality = QUALITY_WORD_START;
            position = at;
            break;
          }
        }
        bonus += fieldWeight(markerAt(block, position)) * 10;
        if (quality === QUALITY_WORD_START && isWordEnd(block, position + text.length)) {
          bonus += WHOLE_WORD_BONUS;
        }
        if (quality < worst) {
          worst = quality;
        }
      }
      const score = (nameClass > 0 ? nameClass : worst) * 1000 + Math.min(bonus, MAX_BONUS);
      // Keep the best `limit` in order; equal scores go by name order.
      if (topCount === limit) {
        const lastSlot = topSlots[limit - 1] as number;
        const lastScore = topScores[limit - 1] as number;
        if (score < lastScore || (score === lastScore && rank > (ranks[lastSlot] as number))) {
          continue;
        }
      } else {
        topCount++;
      }
      let i = topCount - 1;
      while (i > 0) {
        const aboveScore = topScores[i - 1] as number;
        if (aboveScore > score || (aboveScore === score && (ranks[topSlots[i - 1] as number] as number) < rank)) {
          break;
        }
        topSlots[i] = topSlots[i - 1] as number;
        topScores[i] = aboveScore;
        topTypo[i] = topTypo[i - 1] as number;
        i--;
      }
      topSlots[i] = slot;
      topScores[i] = score;
      topTypo[i] = typoUsed ? 1 : 0;
    }

    this.last = { corpus, version: corpus.version, terms, matchCount };
    const primary = terms[order[0] as number] as Term;
    const hits: SearchHit[] = [];
    for (let i = 0; i < topCount; i++) {
      const slot = topSlots[i] as number;
      const contact = source.contactAt(slot);
      const where = this.locate(corpus, slot, contact, primary, typoBits !== 0 ? 1 << (order[0] as number) : 0);
      hits.push({ contact, score: topScores[i] as number, ...where, typo: topTypo[i] === 1 });
    }
    return { hits, matchCount };
  }

  /** Forgets the remembered matches (e.g. when the quick pick closes). */
  reset(): void {
    this.last = undefined;
  }

  /**
   * The last query's matches are a superset of this one's if every word of the last query is the start of the word in
   * the same place now: substrings only narrow, and a typo match of a longer word implies one of its prefix. A word
   * that has just become long enough for typos is the exception: it may match what its shorter form did not.
   */
  private narrowable(corpus: SearchCorpus, terms: readonly Term[]): boolean {
    const last = this.last;
    if (!last || last.corpus !== corpus || last.version !== corpus.version || terms.length < last.terms.length) {
      return false;
    }
    for (let i = 0; i < last.terms.length; i++) {
      const before = last.terms[i] as Term;
      const now = terms[i] as Term;
      // A phone-like word matches by its digits or as typed; each must extend its counterpart.
      if (
        !now.text.startsWith(before.text) ||
        !(now.alt ?? now.text).startsWith(before.alt ?? before.text) ||
        (now.typo && !before.typo)
      ) {
        return false;
      }
    }
    return true;
  }

  /**
   * Flags, per vocabulary word, the typo-tolerant terms (one bit each) it is one edit away from, and then, through
   * the word's slots, the contacts that hold such a word. Returns the bits of the terms that found any.
   */
  private markTypoWords(corpus: SearchCorpus, terms: readonly Term[]): number {
    const words = corpus.words;
    this.typoFlags = cleared(this.typoFlags, words.length);
    this.typoSlots = cleared(this.typoSlots, corpus.size);
    const flags = this.typoFlags;
    const slots = this.typoSlots;
    let used = 0;
    // Eight bits: the ninth long word of a query and later ones match exactly only.
    for (let t = 0; t < terms.length && t < 8; t++) {
      const term = terms[t] as Term;
      if (!term.typo) {
        continue;
      }
      const bit = 1 << t;
      for (let w = 0; w < words.length; w++) {
        const word = words[w] as string;
        // A word that starts with the term needs no typo: its contacts match exactly anyway.
        if (!word.startsWith(term.text) && withinOneEditOfPrefix(term.text, word)) {
          flags[w] = (flags[w] as number) | bit;
          used |= bit;
          corpus.forEachSlotWithWord(w, (slot) => {
            slots[slot] = (slots[slot] as number) | bit;
          });
        }
      }
    }
    return used;
  }

  /** Which field the primary term matched in, for the description. Runs for the returned hits only. */
  private locate(corpus: SearchCorpus, slot: number, contact: Contact, term: Term, bit: number): FieldValue {
    const haystack = corpus.haystack(slot);
    const text = term.alt !== undefined && !haystack.includes(term.text) ? term.alt : term.text;
    let position = -1;
    for (let at = haystack.indexOf(text); at >= 0; at = haystack.indexOf(text, at + 1)) {
      if (position < 0) {
        position = at;
      }
      if (isWordStart(haystack, at)) {
        position = at;
        break;
      }
    }
    if (position < 0 && bit !== 0) {
      const pool = corpus.pool();
      for (let w = corpus.from(slot), end = corpus.to(slot); w < end && position < 0; w++) {
        const word = pool[w] as number;
        if (((this.typoFlags[word] as number) & bit) !== 0) {
          position = findWord(haystack, corpus.words[word] as string);
        }
      }
    }
    if (position < 0) {
      return { field: 'name', value: searchName(contact) };
    }
    const marker = markerAt(haystack, position);
    let ordinal = 0;
    for (let i = haystack.lastIndexOf(String.fromCharCode(marker), position) - 1; i >= 0; i--) {
      if (haystack.charCodeAt(i) === marker) {
        ordinal++;
      }
    }
    return fieldValue(contact, marker, ordinal);
  }

  private ensureTop(limit: number): void {
    if (this.topSlots.length < limit) {
      this.topSlots = new Int32Array(limit);
      this.topScores = new Float64Array(limit);
      this.topTypo = new Uint8Array(limit);
    }
  }
}

/** Per cursor: the block it is in, the position it searched from, the occurrence it found. */
const CURSOR_FIELDS = 3;

/**
 * The first occurrence of `text` at or after `start` in `block` (block.length if none), reusing what cursor `k`
 * found last when that answers the question too.
 */
function nextOccurrence(
  cursors: Int32Array,
  k: number,
  block: string,
  blockIndex: number,
  start: number,
  text: string,
): number {
  const at = k * CURSOR_FIELDS;
  const found = cursors[at + 2] as number;
  if (cursors[at] === blockIndex && (cursors[at + 1] as number) <= start && found >= start) {
    return found;
  }
  const next = block.indexOf(text, start);
  const occurrence = next < 0 ? block.length : next;
  cursors[at] = blockIndex;
  cursors[at + 1] = start;
  cursors[at + 2] = occurrence;
  return occurrence;
}

/** `array` if long enough, zeroed up to `length`; else a new, larger one. */
function cleared(array: Uint8Array, length: number): Uint8Array {
  if (array.length < length) {
    return new Uint8Array(Math.max(length, array.length * 2));
  }
  array.fill(0, 0, length);
  return array;
}

/** The position of `word` where it starts a word in `haystack`, or -1. */
function findWord(haystack: string, word: string): number {
  for (let at = haystack.indexOf(word); at >= 0; at = haystack.indexOf(word, at + 1)) {
    if (isWordStart(haystack, at)) {
      return at;
    }
  }
  return -1;
}
