/**
 * The opt-in copy of the contact index on disk (`quo.index.persist`), so the sidebar and reverse lookup have every
 * contact at start-up instead of after paging through them all again. It holds customer data, so: off by default,
 * one file per key (named by its fingerprint) in the extension's global storage, the files of other keys deleted when
 * the key changes, everything deleted when the setting is turned off, and what is read back is decoded like an API
 * answer, never trusted.
 *
 * Saves and deletions of one window run one at a time: a deletion that overtook a save still being written would
 * leave customer data on disk after the user turned persistence off. Every save writes its own temporary file, so
 * two windows (which share the global storage) never write into the same one.
 */
import { decodeContact } from '../quo/decodeContacts.js';
import type { Logger } from '../quo/log.js';
import type { Contact } from '../quo/types.js';

const FORMAT = 'quo-contact-index';
const VERSION = 1;
/** A file larger than this was not written by us (10,000 contacts take about 10 MB). */
const MAX_FILE_BYTES = 200 * 1024 * 1024;
const FINGERPRINT = /^[A-Za-z0-9_-]{1,64}$/;
/** The folder of the saved copies in the extension's global storage. */
export const SAVED_INDEX_FOLDER = 'contact-index';

interface StoredIndex {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  readonly savedAt: string;
  readonly contacts: readonly Contact[];
}

/**
 * The folder the index files live in, by file name: `contact-index` in the extension's global storage
 * (storage/globalStorageFolder.ts); a real folder on disk in the unit tests of the races between saves and deletions.
 */
export interface IndexFolder {
  /** The file's size in bytes, or undefined if there is no such file. */
  size(name: string): Promise<number | undefined>;
  read(name: string): Promise<Uint8Array>;
  /** Creates the folder if needed. */
  write(name: string, data: Uint8Array): Promise<void>;
  /** Replaces `to` if it exists. */
  rename(from: string, to: string): Promise<void>;
  /** The names in the folder; none if it does not exist. */
  list(): Promise<string[]>;
  /** Succeeds if there is no such file. */
  delete(name: string): Promise<void>;
}

interface PendingSave {
  readonly fingerprint: string;
  /** Set by deleteAll: the user no longer wants this key's copy, whatever state the save is in. */
  cancelled: boolean;
}

export class IndexPersistence {
  /** The tail of this window's saves and deletions; each starts when the one before has settled. */
  private queue: Promise<void> = Promise.resolve();
  private readonly pending = new Set<PendingSave>();
  /** Counts save requests: a save that a newer one overtook while it waited is skipped, the newer one writes. */
  private requested = 0;

  constructor(
    private readonly folder: IndexFolder,
    private readonly log: Logger,
  ) {}

  /** The contacts saved for this key, or undefined if there are none (or they cannot be read). */
  async load(fingerprint: string): Promise<Contact[] | undefined> {
    const name = fileName(fingerprint);
    if (!name) {
      return undefined;
    }
    try {
      const size = await this.folder.size(name);
      if (size === undefined) {
        return undefined;
      }
      if (size > MAX_FILE_BYTES) {
        this.log.warn(`Ignoring the saved contact index: ${size} bytes is more than it can be.`);
        return undefined;
      }
      const parsed = JSON.parse(new TextDecoder().decode(await this.folder.read(name))) as Partial<StoredIndex>;
      if (parsed.format !== FORMAT || parsed.version !== VERSION || !Array.isArray(parsed.contacts)) {
        return undefined;
      }
      const contacts: Contact[] = [];
      let dropped = 0;
      for (const item of parsed.contacts as unknown[]) {
        try {
          contacts.push(decodeContact(item));
        } catch {
          dropped++;
        }
      }
      if (dropped > 0) {
        this.log.warn(`The saved contact index held ${dropped} unreadable contacts; they were skipped.`);
      }
      return contacts;
    } catch (error) {
      this.log.warn(`Could not read the saved contact index: ${messageOf(error)}`);
      return undefined;
    }
  }

  /**
   * Saves this key's contacts, after any save or deletion already asked for. `stillWanted` is asked again once the
   * file is in place, because the user may have turned persistence off or changed key while it was written; if it
   * says no, the file is deleted.
   */
  save(fingerprint: string, contacts: Iterable<Contact>, stillWanted: () => boolean = () => true): Promise<void> {
    const name = fileName(fingerprint);
    if (!name) {
      return Promise.resolve();
    }
    // Written out now, one contact at a time: the index holds them packed and changes in place, so the list may not
    // read the same later, and unpacking them all at once would hold the workspace twice.
    const texts = Array.from(contacts, (contact) => JSON.stringify(contact));
    const ticket = ++this.requested;
    const save: PendingSave = { fingerprint, cancelled: false };
    this.pending.add(save);
    return this.serially(async () => {
      try {
        if (ticket === this.requested && !save.cancelled && stillWanted()) {
          await this.write(name, texts, () => !save.cancelled && stillWanted());
        }
      } finally {
        this.pending.delete(save);
      }
    });
  }

  /**
   * Deletes every saved index but those of the keys in `except` (the workspaces still stored), once the save being
   * written (if any) is in place; saves of other keys asked for before are dropped.
   */
  deleteAll(except: readonly string[] = []): Promise<void> {
    for (const save of this.pending) {
      if (!except.includes(save.fingerprint)) {
        save.cancelled = true;
      }
    }
    return this.serially(() => this.deleteNow(except));
  }

  /**
   * Deletes the saved index of one key (a removed workspace's), once the save being written (if any) is in place; a
   * save of that key asked for before is dropped.
   */
  forget(fingerprint: string): Promise<void> {
    const name = fileName(fingerprint);
    if (!name) {
      return Promise.resolve();
    }
    for (const save of this.pending) {
      if (save.fingerprint === fingerprint) {
        save.cancelled = true;
      }
    }
    return this.serially(() => this.deleteQuietly(name));
  }

  private serially(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** `contacts`: each contact as JSON. */
  private async write(name: string, contacts: readonly string[], stillWanted: () => boolean): Promise<void> {
    const stored: StoredIndex = { format: FORMAT, version: VERSION, savedAt: new Date().toISOString(), contacts: [] };
    const text = `${JSON.stringify(stored).slice(0, -'[]}'.length)}[${contacts.join(',')}]}`;
    // Written beside and renamed over, so a crash mid-write leaves the previous copy, not half a file. The random
    // part keeps another window's save of the same key out of this file.
    const partial = `${name}.${globalThis.crypto.randomUUID()}.partial`;
    try {
      await this.folder.write(partial, new TextEncoder().encode(text));
      if (!stillWanted()) {
        await this.folder.delete(partial);
        return;
      }
      await this.folder.rename(partial, name);
    } catch (error) {
      this.log.warn(`Could not save the contact index: ${messageOf(error)}`);
      await this.deleteQuietly(partial);
      return;
    }
    if (!stillWanted()) {
      this.log.debug('Persistence was turned off or the key changed while the contact index was saved; deleted it.');
      await this.deleteQuietly(name);
      return;
    }
    this.log.debug(`Saved ${contacts.length} contacts to the contact index on disk.`);
  }

  private async deleteNow(except: readonly string[]): Promise<void> {
    let names: string[];
    try {
      names = await this.folder.list();
    } catch {
      return;
    }
    const keep = new Set(except.map(fileName));
    for (const name of names) {
      if (!keep.has(name)) {
        await this.deleteQuietly(name);
      }
    }
  }

  private async deleteQuietly(name: string): Promise<void> {
    try {
      await this.folder.delete(name);
    } catch (error) {
      this.log.warn(`Could not delete ${name} from the contact index on disk: ${messageOf(error)}`);
    }
  }
}

function fileName(fingerprint: string): string | undefined {
  return FINGERPRINT.test(fingerprint) ? `${fingerprint}.json` : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
