/**
 * The opt-in copy of the contact index on disk (`quo.index.persist`), so the sidebar and reverse lookup have every
 * contact at start-up instead of after paging through them all again. It holds customer data, so: off by default,
 * one file per key (named by its fingerprint) in the extension's global storage, the files of other keys deleted when
 * the key changes, everything deleted when the setting is turned off, and what is read back is decoded like an API
 * answer, never trusted.
 */
import * as vscode from 'vscode';
import { decodeContact } from '../quo/decode.js';
import type { Logger } from '../quo/log.js';
import type { Contact } from '../quo/types.js';

const FORMAT = 'quo-contact-index';
const VERSION = 1;
/** A file larger than this was not written by us (10,000 contacts take about 10 MB). */
const MAX_FILE_BYTES = 200 * 1024 * 1024;
const FINGERPRINT = /^[A-Za-z0-9_-]{1,64}$/;

interface StoredIndex {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  readonly savedAt: string;
  readonly contacts: readonly Contact[];
}

export class IndexPersistence {
  private readonly folder: vscode.Uri;

  constructor(
    globalStorage: vscode.Uri,
    private readonly log: Logger,
  ) {
    this.folder = vscode.Uri.joinPath(globalStorage, 'contact-index');
  }

  /** The contacts saved for this key, or undefined if there are none (or they cannot be read). */
  async load(fingerprint: string): Promise<Contact[] | undefined> {
    const file = this.fileFor(fingerprint);
    if (!file) {
      return undefined;
    }
    try {
      const stat = await vscode.workspace.fs.stat(file);
      if (stat.size > MAX_FILE_BYTES) {
        this.log.warn(`Ignoring the saved contact index: ${stat.size} bytes is more than it can be.`);
        return undefined;
      }
      const parsed = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Partial<StoredIndex>;
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
      if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) {
        this.log.warn(`Could not read the saved contact index: ${messageOf(error)}`);
      }
      return undefined;
    }
  }

  async save(fingerprint: string, contacts: readonly Contact[]): Promise<void> {
    const file = this.fileFor(fingerprint);
    if (!file) {
      return;
    }
    const stored: StoredIndex = { format: FORMAT, version: VERSION, savedAt: new Date().toISOString(), contacts };
    try {
      await vscode.workspace.fs.createDirectory(this.folder);
      // Written beside and renamed over: a crash mid-write leaves the previous copy, not half a file.
      const partial = vscode.Uri.joinPath(this.folder, `${fingerprint}.json.partial`);
      await vscode.workspace.fs.writeFile(partial, new TextEncoder().encode(JSON.stringify(stored)));
      await vscode.workspace.fs.rename(partial, file, { overwrite: true });
      this.log.debug(`Saved ${contacts.length} contacts to the contact index on disk.`);
    } catch (error) {
      this.log.warn(`Could not save the contact index: ${messageOf(error)}`);
    }
  }

  /** Deletes every saved index, or every one but this key's. */
  async deleteAll(except?: string): Promise<void> {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(this.folder);
    } catch {
      return;
    }
    const keep = except === undefined ? undefined : `${except}.json`;
    for (const [name] of entries) {
      if (name === keep) {
        continue;
      }
      try {
        await vscode.workspace.fs.delete(vscode.Uri.joinPath(this.folder, name), { useTrash: false });
      } catch (error) {
        this.log.warn(`Could not delete ${name} from the contact index on disk: ${messageOf(error)}`);
      }
    }
  }

  private fileFor(fingerprint: string): vscode.Uri | undefined {
    return FINGERPRINT.test(fingerprint) ? vscode.Uri.joinPath(this.folder, `${fingerprint}.json`) : undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
