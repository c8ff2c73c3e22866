/**
 * What the contact panel needs of the workspace's mentions, without knowing how they are found or drawn: the
 * "Mentioned in" section for a contact, rendered by the mentions chunk (src/references/) from the index (never a
 * read, never a request), and how to open one of its lines or show them all. The panel never loads the chunk itself:
 * its first call does.
 */
import type { Event } from '../common/emitter.js';
import type { Contact } from '../quo/types.js';

/** The section as drawn for one contact at one moment. */
export interface RenderedMentions {
  /** The whole section, for the page's HTML. */
  readonly section: string;
  /** Its body, for a `mentions` message. */
  readonly body: string;
  /** Opens the line a button of this rendering names (`<file>:<mention>`); a stale or made-up one opens nothing. */
  open(reference: string): Promise<void>;
}

export interface ContactMentions {
  /** `quo.mentions.enabled`. */
  readonly enabled: boolean;
  /**
   * The section for the contact as the index has it now; starts the first scan when nothing has. `resume`: go on
   * with a scan the user stopped (a panel opened), not when only redrawing what changed.
   */
  render(contact: Contact, resume: boolean): RenderedMentions;
  /** The index changed (a file changed, the scan went on): the section may differ. */
  readonly onDidChange: Event<void>;
  /** Shows every mention of the contact in the peek (Quo: Find Mentions). */
  find(contactId: string): Promise<void>;
}
