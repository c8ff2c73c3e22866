/**
 * Where contacts are mentioned across the workspace: per file, the mentions textMentions.ts found (hashes and
 * positions, no text), and when the file last changed. Answering a contact is a pass over these arrays for the
 * hashes of its keys: a few milliseconds for ten thousand files, and nothing per distinct key is held (a log folder
 * has hundreds of thousands of id-shaped strings that name no contact).
 */
import { hashKey } from './keyHash.js';
import { mentionKeyText, type MentionKey, type MentionKind } from './mentionKeys.js';
import { KIND_CODES, MENTION_FIELDS } from './textMentions.js';

export interface Mention {
  readonly kind: MentionKind;
  /** Zero-based line, UTF-16 character in it, and length: a range VS Code can show. */
  readonly line: number;
  readonly character: number;
  readonly length: number;
}

export interface FileMentionList {
  /** The file's URI as a string (its identity in the index). */
  readonly uri: string;
  /** When the file last changed (its mtime, or when an unsaved edit was seen), ms since the epoch. */
  readonly changedAt: number;
  readonly mentions: readonly Mention[];
}

interface FileEntry {
  readonly changedAt: number;
  readonly mentions: Int32Array;
}

const NONE = new Int32Array(0);
/** The fewest slots of the query table: a power of two well above the keys of one contact. */
const MIN_SLOTS = 256;

export class MentionIndex {
  private readonly files = new Map<string, FileEntry>();

  /** Files scanned (with or without mentions). */
  get size(): number {
    return this.files.size;
  }

  /** Mentions held, over every file. */
  get mentionCount(): number {
    let count = 0;
    for (const entry of this.files.values()) {
      count += entry.mentions.length / MENTION_FIELDS;
    }
    return count;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  /** `mentions`: as scanText returns them. Replaces what the file had. */
  set(uri: string, mentions: Int32Array, changedAt: number): void {
    this.files.set(uri, { changedAt, mentions: mentions.length === 0 ? NONE : mentions });
  }

  /** Whether the file was there. */
  delete(uri: string): boolean {
    return this.files.delete(uri);
  }

  /** Drops every file under a folder (a deleted or renamed folder): how many there were. */
  deleteUnder(folderUri: string): number {
    const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
    let dropped = 0;
    for (const uri of [...this.files.keys()]) {
      if (uri.startsWith(prefix)) {
        this.files.delete(uri);
        dropped++;
      }
    }
    return dropped;
  }

  clear(): void {
    this.files.clear();
  }

  uris(): IterableIterator<string> {
    return this.files.keys();
  }

  /** Every file that mentions any of `keys`, newest change first, its mentions in text order. */
  find(keys: readonly MentionKey[]): FileMentionList[] {
    const wanted = keys.map((key) => hashKey(mentionKeyText(key)));
    if (wanted.length === 0) {
      return [];
    }
    // Which query key a hash's high half may be: a small open-addressed table, so that each mention costs one read
    // and, almost always, one comparison with an empty slot, however many keys the contact has.
    const highs = Int32Array.from(wanted, (hash) => hash.high | 0);
    const lows = Int32Array.from(wanted, (hash) => hash.low | 0);
    let size = MIN_SLOTS;
    while (size < highs.length * 4) {
      size *= 2;
    }
    const mask = size - 1;
    const slots = new Int32Array(size).fill(-1);
    highs.forEach((high, key) => {
      let slot = high & mask;
      while (slots[slot] !== -1) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = key;
    });
    // Imported bindings are read through getters where modules are not bundled (tsx: the tests and the benchmark):
    // read once, not per mention.
    const fields = MENTION_FIELDS;
    const kinds = KIND_CODES;
    const found: FileMentionList[] = [];
    for (const [uri, entry] of this.files) {
      const data = entry.mentions;
      let mentions: Mention[] | undefined;
      for (let at = 0; at < data.length; at += fields) {
        const high = data[at] ?? 0;
        for (let slot = high & mask, key = slots[slot] ?? -1; key !== -1; slot = (slot + 1) & mask, key = slots[slot] ?? -1) {
          if (highs[key] === high && lows[key] === data[at + 1]) {
            (mentions ??= []).push({
              kind: kinds[data[at + 2] ?? 0] ?? 'id',
              line: data[at + 3] ?? 0,
              character: data[at + 4] ?? 0,
              length: data[at + 5] ?? 0,
            });
            break;
          }
        }
      }
      if (mentions) {
        found.push({ uri, changedAt: entry.changedAt, mentions });
      }
    }
    return found.sort((a, b) => b.changedAt - a.changedAt || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }
}
