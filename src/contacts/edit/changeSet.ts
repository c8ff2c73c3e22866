/**
 * What the user changed: the fields of `draft` that differ from `base`, the draft the form started from. A change is
 * counted as the request will carry it: a name as a whole, each list (emails, phone numbers) as a whole, each custom
 * field by its key. Sameness is draftFields.ts's: retyping a value as it was is no change.
 */
import { DEFAULT_COUNTRY } from '../phone.js';
import type { ContactDraft } from './contactDraft.js';
import { fieldsOf, sameField, type DraftField } from './draftFields.js';

/** The changed fields in the form's order; empty when nothing changed (a Save then sends nothing). */
export function changesOf(base: ContactDraft, draft: ContactDraft, country: string = DEFAULT_COUNTRY): DraftField[] {
  return fieldsOf(base, draft).filter((field) => !sameField(field, base, draft, country));
}

export function hasChanges(base: ContactDraft, draft: ContactDraft, country: string = DEFAULT_COUNTRY): boolean {
  return changesOf(base, draft, country).length > 0;
}
