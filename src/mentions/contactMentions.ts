/**
 * What the contact panel needs of the workspace's mentions, without knowing how they are found: the files that
 * mention a contact (from the index, never a read), how far the scan is, and how to open one or show them all.
 * Implemented by the mentions chunk (src/references/), which the panel never loads itself.
 */
import type { Event } from '../common/emitter.js';
import type { Contact } from '../quo/types.js';
import type { FileMentionList, Mention } from './mentionIndex.js';
import type { ScanProgress } from './mentionScanner.js';

export interface ContactMentionsAnswer {
  readonly files: readonly FileMentionList[];
  readonly progress: ScanProgress;
}

export interface ContactMentions {
  /** `quo.mentions.enabled`. */
  readonly enabled: boolean;
  /** The files that mention the contact now; starts the first scan when nothing has. */
  of(contact: Contact): ContactMentionsAnswer;
  /** The index changed (a file changed, the scan went on): answers may differ. */
  readonly onDidChange: Event<void>;
  /** Opens the file with the mention selected. */
  open(uri: string, mention: Mention): Promise<void>;
  /** Shows every mention of the contact in the peek (Quo: Find Mentions). */
  find(contactId: string): Promise<void>;
}
