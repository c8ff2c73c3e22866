/**
 * The mentions of contacts in one text: every contact id and link the editor's detector finds, and every phone
 * number and email address, each kept as the hash of its key with its line, character and length. No text is kept:
 * answering later needs no read.
 *
 * The scan is a generator that yields after each chunk of about 64K characters, so its caller can give the event loop
 * back between chunks: a 5 MB file on one line takes far longer to scan than a host may be blocked. A chunk that does
 * not end at a line break is read with a margin either side, and a mention is kept only by the chunk it starts in
 * and only when it does not touch a cut edge of what was read, so cutting changes nothing that is found.
 */
import type { ContactPoint, ContactPointOptions } from '../detect/contactPoints.js';
import type { Detector } from '../detect/detector.js';
import { isContactReference } from '../detect/match.js';
import { hashKey } from './keyHash.js';
import { mentionKeyText, type MentionKind } from './mentionKeys.js';

/** Numbers kept per mention: the key's hash (two halves), its kind, line, character and length. */
export const MENTION_FIELDS = 6;
/** The kinds, as numbers in a file's mentions. */
export const KIND_CODES: readonly MentionKind[] = ['id', 'phone', 'email'];

/** One mention found in a piece of text; offsets are the caller's `offset` plus indices into it. */
export interface FoundMention {
  readonly kind: MentionKind;
  /** The key's value: a contact id, an E.164 number, a lower-case address. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** Finds the mentions in `text`, in any order; `offset` is added to their positions. */
export type MentionFinder = (text: string, offset: number) => FoundMention[];

/** Characters scanned between two chances to yield. */
export const CHUNK_CHARS = 64 * 1024;
/**
 * Read either side of a chunk cut inside a line: longer than any mention (an email is at most 318 characters, a
 * link a few hundred), so a cut never hides one.
 */
const MARGIN = 1024;

export type FindPoints = (text: string, options: ContactPointOptions) => ContactPoint[];

/**
 * The editor's detection as a finder: ids, links and custom patterns (not call, message, line, teammate or webhook
 * ids), numbers, emails.
 */
export function mentionFinder(detector: Detector, findPoints: FindPoints, defaultCountry: string): MentionFinder {
  return (text, offset) => {
    const found: FoundMention[] = [];
    for (const id of detector.findAll(text, offset)) {
      if (isContactReference(id)) {
        found.push({ kind: 'id', value: id.id, start: id.start, end: id.end });
      }
    }
    for (const point of findPoints(text, { defaultCountry, offset })) {
      found.push({ kind: point.kind, value: point.normalized, start: point.start, end: point.end });
    }
    return found;
  };
}

/**
 * Scans `text`, yielding after each chunk; returns the mentions, MENTION_FIELDS numbers each, in text order. Lines
 * are counted at `\n` (a `\r\n` file reads the same; a file of lone `\r` breaks reads as one line).
 */
export function* scanText(text: string, find: MentionFinder, chunkChars = CHUNK_CHARS): Generator<void, Int32Array> {
  const out: number[] = [];
  let line = 0;
  let lineStart = 0;
  /** The first line break at or after lineStart (the text's length when there is none): each is looked for once. */
  let nextBreak = breakAfter(text, 0);
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + chunkChars);
    if (end < text.length) {
      // Looked for within the chunk only: lastIndexOf would search a long line back to the text's start, once per
      // chunk (quadratic on a 5 MB line).
      let lineBreak = end - 1;
      while (lineBreak >= start && text.charCodeAt(lineBreak) !== 10) {
        lineBreak--;
      }
      if (lineBreak >= start) {
        end = lineBreak + 1;
      }
    }
    const cutAtStart = start > 0 && text.charCodeAt(start - 1) !== 10;
    const cutAtEnd = end < text.length && text.charCodeAt(end - 1) !== 10;
    const from = cutAtStart ? Math.max(0, start - MARGIN) : start;
    const to = cutAtEnd ? Math.min(text.length, end + MARGIN) : end;
    const kept = find(text.slice(from, to), from).filter(
      (mention) =>
        mention.start >= start &&
        mention.start < end &&
        // Only a cut inside a line can hide a longer token; a chunk that starts after a line break keeps column 0.
        !(cutAtStart && from > 0 && mention.start === from) &&
        !(cutAtEnd && to < text.length && mention.end === to),
    );
    kept.sort((a, b) => a.start - b.start);
    for (const mention of kept) {
      while (nextBreak < mention.start) {
        line++;
        lineStart = nextBreak + 1;
        nextBreak = breakAfter(text, lineStart);
      }
      const hash = hashKey(mentionKeyText(mention));
      out.push(hash.high, hash.low, KIND_CODES.indexOf(mention.kind), line, mention.start - lineStart, mention.end - mention.start);
    }
    start = end;
    if (start < text.length) {
      yield;
    }
  }
  return Int32Array.from(out);
}

function breakAfter(text: string, from: number): number {
  const at = text.indexOf('\n', from);
  return at === -1 ? text.length : at;
}

/** Runs a scan to its end at once (tests, and texts too short to be worth slicing). */
export function scanTextNow(text: string, find: MentionFinder): Int32Array {
  const scan = scanText(text, find);
  for (;;) {
    const step = scan.next();
    if (step.done === true) {
      return step.value;
    }
  }
}
