/**
 * The walkthrough's "Open a Sample Note": an untitled Markdown note with contact ids of the user's own workspace when
 * the extension knows some, the cursor inside the first one so that a hover (mouse or keyboard) shows its card.
 */
import * as vscode from 'vscode';
import type { ContactRef } from '../contacts/storedContactList.js';
import { sampleNote, SAMPLE_NOTE_IDS } from '../render/sampleNote.js';

export interface SampleNoteSources {
  readonly hasKey: () => boolean;
  readonly pinned: () => readonly ContactRef[];
  readonly recent: () => readonly ContactRef[];
  /** Contacts of the sidebar's index, in its order (empty until it has listed them). */
  /** The index's contacts in name order (only the first few are read). */
  readonly indexed: () => { slice(start: number, end: number): readonly { readonly id: string }[] };
}

export async function openSampleNote(sources: SampleNoteSources): Promise<void> {
  const hasKey = sources.hasKey();
  const known = hasKey ? [...new Set([...sources.pinned(), ...sources.recent()].map((contact) => contact.id))] : [];
  // The index is read only when the short lists leave room: it may hold tens of thousands of contacts.
  const contactIds = known.length >= SAMPLE_NOTE_IDS || !hasKey ? known : [...known, ...sources.indexed().slice(0, SAMPLE_NOTE_IDS).map((contact) => contact.id)];
  const note = sampleNote({ hasKey, contactIds });
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: note.text });
  const at = new vscode.Position(note.cursor.line, note.cursor.character);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at) });
}
