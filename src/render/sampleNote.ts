/**
 * The note the walkthrough's "Hover a contact id" step opens. A person who installed the extension from the
 * Marketplace has no demo workspace: the note lists contact ids of their own workspace when the extension knows some
 * (pinned, recent, or from the sidebar's index), and otherwise says where ids are found and where to paste one.
 */
import * as l10n from '@vscode/l10n';
import { QUO_WEB_ORIGIN } from './urls.js';

/** How many contact ids the note lists. */
export const SAMPLE_NOTE_IDS = 3;

export interface SampleNoteInput {
  /** Whether an API key is set: without one, a hover can only say so. */
  readonly hasKey: boolean;
  /** Contact ids the extension knows, best first (pinned, recent, then the index); repeats are dropped. */
  readonly contactIds: readonly string[];
}

export interface SampleNote {
  readonly text: string;
  /** Where the cursor goes (0-based): inside the first id, or on the line that waits for one. */
  readonly cursor: { readonly line: number; readonly character: number };
}

/** Ids that stay on one line in a list item; anything else (a line break, a 10,000-character value) is left out. */
function listable(id: string): boolean {
  return id.length > 0 && id.length <= 200 && !/[\s`]/.test(id);
}

export function sampleNote(input: SampleNoteInput): SampleNote {
  const ids = [...new Set(input.contactIds.filter(listable))].slice(0, SAMPLE_NOTE_IDS);
  const lines = [`# ${l10n.t('Quo Contacts: a sample note')}`, ''];
  if (!input.hasKey) {
    lines.push(l10n.t('Set your Quo API key first (the first step of the walkthrough): without it, a hover can only say that no key is set.'), '');
  }
  if (ids.length > 0) {
    lines.push(l10n.t('Hover a contact id below to see who it is. These are contacts of your Quo workspace that you pinned, opened recently or have in the Quo sidebar.'), '');
    const first = lines.length;
    lines.push(...ids.map((id) => `- ${id}`), '');
    lines.push(l10n.t('Ids like these turn up in code, logs, tickets and notes. Paste one of yours on a line of its own and hover it too.'), '');
    return { text: lines.join('\n'), cursor: { line: first, character: 3 } };
  }
  lines.push(
    l10n.t('Where to find a contact id: in Quo, open a contact; the address of its page ends with its id ({0}), and the whole link works too. Once your key is set, the Quo sidebar lists every contact of your workspace: right-click one and choose Copy Contact Id.', `${QUO_WEB_ORIGIN}/contacts/<id>`),
    '',
    l10n.t('Paste one on the line below, then hover it to see who it is:'),
    '',
  );
  const pasteLine = lines.length - 1;
  lines.push('');
  return { text: lines.join('\n'), cursor: { line: pasteLine, character: 0 } };
}
