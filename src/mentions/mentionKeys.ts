/**
 * What a mention is keyed by: the contact id, or a number or address in the one spelling the contact list keys it by
 * (E.164, lower case). A contact's keys are its id and every number and address it has, so a file that names the
 * contact any of these ways is found.
 */
import { normalizeEmail, normalizePhone } from '../contacts/phone.js';
import type { Contact } from '../quo/types.js';

export type MentionKind = 'id' | 'phone' | 'email';

/** One way a contact is written, as the index keys it. */
export interface MentionKey {
  readonly kind: MentionKind;
  /** The contact id, an E.164 number or a lower-case address. */
  readonly value: string;
}

const PREFIX: Record<MentionKind, string> = { id: 'i:', phone: 'p:', email: 'e:' };

/** The text the index hashes: kinds never collide (`i:` + an id is never `p:` + a number). */
export function mentionKeyText(key: MentionKey): string {
  return PREFIX[key.kind] + key.value;
}

/**
 * The contact's id, numbers (read in `defaultCountry`) and addresses, each once. A number the contact shares with
 * others (a front desk's) is one of its numbers too: whether another contact has it depends on whether the list is
 * loaded, and an answer that changed with that would be no answer.
 */
export function contactMentionKeys(contact: Contact, defaultCountry: string): MentionKey[] {
  const keys: MentionKey[] = [{ kind: 'id', value: contact.id }];
  const seen = new Set<string>();
  for (const phone of contact.defaultFields.phoneNumbers) {
    const value = phone.value === null ? undefined : normalizePhone(phone.value, defaultCountry);
    if (value !== undefined && !seen.has(`p${value}`)) {
      seen.add(`p${value}`);
      keys.push({ kind: 'phone', value });
    }
  }
  for (const email of contact.defaultFields.emails) {
    const value = email.value === null ? '' : normalizeEmail(email.value);
    if (value.includes('@') && !seen.has(`e${value}`)) {
      seen.add(`e${value}`);
      keys.push({ kind: 'email', value });
    }
  }
  return keys;
}

/**
 * What Find All References looks for from what is under the cursor: on a contact id or link, every way the contact
 * is written; on a number or address, the same when exactly one contact has it, and when several share it (a front
 * desk's number) only that number or address: the mentions of one contact would be a guess.
 */
export function referenceKeys(
  target:
    | { readonly kind: 'contact'; readonly contact: Contact }
    | { readonly kind: 'point'; readonly key: MentionKey; readonly contacts: readonly Contact[] },
  defaultCountry: string,
): MentionKey[] {
  if (target.kind === 'contact') {
    return contactMentionKeys(target.contact, defaultCountry);
  }
  const only = target.contacts.length === 1 ? target.contacts[0] : undefined;
  if (only) {
    return contactMentionKeys(only, defaultCountry);
  }
  return target.contacts.length > 1 ? [target.key] : [];
}
