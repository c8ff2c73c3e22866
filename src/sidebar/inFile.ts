/**
 * "In this file": which contacts a text mentions and on which lines. Plain (no vscode), so the part that decides what
 * the sidebar lists is tested in Node; the vscode side only reads the document (capped) and reveals lines.
 *
 * A mention is a contact id or link (the editor's detector, custom patterns included), a phone number or an email
 * address. Ids resolve through what is known (the cache and the index); phones and emails through the index, where a
 * number shared by several contacts lists all of them.
 */
import { findContactPoints } from '../detect/contactPoints.js';
import type { DetectedId, Detector } from '../detect/detector.js';
import { isContactReference as namesContact } from '../detect/match.js';
import type { Contact } from '../quo/types.js';

export type MentionKind = 'id' | 'link' | 'custom' | 'phone' | 'email';

export interface Mention {
  readonly kind: MentionKind;
  /** The contact id, the E.164 number or the lower-cased address. */
  readonly key: string;
  /** As written. */
  readonly text: string;
  /** Offsets in the text scanned, `end` exclusive. */
  readonly start: number;
  readonly end: number;
  /** Zero-based line and UTF-16 column of `start`, as VS Code counts them (`\r\n`, `\n` and `\r` end a line). */
  readonly line: number;
  readonly character: number;
}

export interface MentionScan {
  readonly mentions: readonly Mention[];
  /** Whether the scan stopped at MAX_MENTIONS (the text mentions more). */
  readonly truncated: boolean;
}

/** More mentions than anyone reads in a sidebar; a generated file of numbers stops here. */
export const MAX_MENTIONS = 5000;
/** Mentions kept per contact for its line list; the count goes on. */
export const MAX_MENTIONS_PER_CONTACT = 100;
/** Contacts listed for one file. */
export const MAX_FILE_CONTACTS = 500;

export interface ScanOptions {
  readonly defaultCountry?: string;
  /** The text is the start of a longer document: a mention touching its end may be cut and is dropped. */
  readonly cutAtEnd?: boolean;
}

function isContactReference(id: DetectedId): id is DetectedId & { readonly kind: 'id' | 'link' | 'custom' } {
  return namesContact(id);
}

/** Every mention in `text`, in text order. Linear in the text: the detector's scans and one line-start pass. */
export function findMentions(
  text: string,
  detector: Pick<Detector, 'findAll'>,
  options: ScanOptions = {},
): MentionScan {
  // Call and message ids name no contact without up to two requests each: not mentions.
  const ids = detector.findAll(text).filter(isContactReference);
  const points = findContactPoints(text, {
    limit: MAX_MENTIONS,
    ...(options.defaultCountry === undefined ? {} : { defaultCountry: options.defaultCountry }),
  });
  const lines = new LineIndex(text);
  const mentions: Mention[] = [];
  let i = 0;
  let j = 0;
  let reached = 0;
  // Both lists are sorted by start. Merged; where an id and a point overlap (an email in a contact link's query,
  // say) the one starting first wins.
  while (mentions.length < MAX_MENTIONS) {
    const id = ids[i];
    const point = points[j];
    let candidate: Omit<Mention, 'line' | 'character'>;
    if (id !== undefined && (point === undefined || id.start <= point.start)) {
      i++;
      candidate = { kind: id.kind, key: id.id, text: text.slice(id.start, id.end), start: id.start, end: id.end };
    } else if (point !== undefined) {
      j++;
      candidate = { kind: point.kind, key: point.normalized, text: point.text, start: point.start, end: point.end };
    } else {
      break;
    }
    if (candidate.start < reached || (options.cutAtEnd === true && candidate.end === text.length)) {
      continue;
    }
    reached = candidate.end;
    mentions.push({ ...candidate, ...lines.positionOf(candidate.start) });
  }
  const truncated = mentions.length >= MAX_MENTIONS;
  return { mentions, truncated };
}

/** Line starts found once, then each offset placed by binary search. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let at = 0; at < text.length; ) {
      const newline = text.indexOf('\n', at);
      const carriage = text.indexOf('\r', at);
      if (newline < 0 && carriage < 0) {
        break;
      }
      let next: number;
      if (carriage >= 0 && (newline < 0 || carriage < newline)) {
        next = text.charCodeAt(carriage + 1) === 10 ? carriage + 2 : carriage + 1;
      } else {
        next = newline + 1;
      }
      this.starts.push(next);
      at = next;
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionOf(offset: number): { line: number; character: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((this.starts[middle]) <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return { line: low, character: offset - (this.starts[low]) };
  }
}

/** What is known about a mention's key, without asking Quo. */
export interface MentionResolver {
  /** The contact; null if the id is known not to be one; undefined if not known (yet). */
  byId(id: string): Contact | null | undefined;
  byPhone(e164: string): readonly Contact[];
  byEmail(email: string): readonly Contact[];
}

export interface FileContact {
  readonly contact: Contact;
  /** In text order, at most MAX_MENTIONS_PER_CONTACT. */
  readonly mentions: readonly Mention[];
  /** All mentions of the contact, including those not kept. */
  readonly mentionCount: number;
}

export interface ResolvedMentions {
  /** In the order of their first mention. */
  readonly contacts: readonly FileContact[];
  /** Ids mentioned that are not known yet: ask Quo in the background, then resolve again. */
  readonly unknownIds: readonly string[];
  /** Whether contacts beyond MAX_FILE_CONTACTS were left out. */
  readonly truncated: boolean;
}

export function resolveMentions(mentions: readonly Mention[], resolver: MentionResolver): ResolvedMentions {
  const byKey = new Map<string, readonly Contact[]>();
  const unknown = new Set<string>();
  const found = new Map<string, { contact: Contact; mentions: Mention[]; mentionCount: number }>();
  let truncated = false;
  for (const mention of mentions) {
    const cacheKey = `${mention.kind === 'phone' || mention.kind === 'email' ? mention.kind : 'id'}:${mention.key}`;
    let contacts = byKey.get(cacheKey);
    if (contacts === undefined) {
      contacts = lookUp(mention, resolver, unknown);
      byKey.set(cacheKey, contacts);
    }
    for (const contact of contacts) {
      let entry = found.get(contact.id);
      if (entry === undefined) {
        if (found.size >= MAX_FILE_CONTACTS) {
          truncated = true;
          continue;
        }
        entry = { contact, mentions: [], mentionCount: 0 };
        found.set(contact.id, entry);
      }
      entry.mentionCount++;
      if (entry.mentions.length < MAX_MENTIONS_PER_CONTACT) {
        entry.mentions.push(mention);
      }
    }
  }
  return { contacts: [...found.values()], unknownIds: [...unknown], truncated };
}

function lookUp(mention: Mention, resolver: MentionResolver, unknown: Set<string>): readonly Contact[] {
  switch (mention.kind) {
    case 'phone':
      return resolver.byPhone(mention.key);
    case 'email':
      return resolver.byEmail(mention.key);
    default: {
      const contact = resolver.byId(mention.key);
      if (contact === undefined) {
        unknown.add(mention.key);
      }
      return contact ? [contact] : [];
    }
  }
}

/** The distinct lines of a contact's mentions, one-based as shown to people. */
export function mentionLines(mentions: readonly Mention[]): number[] {
  const lines: number[] = [];
  for (const mention of mentions) {
    const line = mention.line + 1;
    if (lines[lines.length - 1] !== line) {
      lines.push(line);
    }
  }
  return lines;
}
