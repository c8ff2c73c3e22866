/**
 * The one name shown for a contact everywhere (hover title, inline hint, panel title, tree label), so every surface
 * agrees, and a contact with no name still shows something recognisable.
 */
import * as l10n from '@vscode/l10n';
import type { Contact, LabelledValue, User } from '../quo/types.js';
import { cleanLine, truncate } from '../common/text.js';

/**
 * "First Last", else the company, else the first email, else the first phone number, else "Unnamed contact".
 * Always one clean line of plain text (no line breaks, controls or bidi overrides); escape it for where it goes.
 * A part with nothing visible (a zero width space, a Hangul filler) counts as missing, so the name falls back to the
 * next candidate instead of looking blank; cleanLine makes it ''.
 */
export function contactDisplayName(contact: Contact): string {
  const fields = contact.defaultFields;
  const name = [fields.firstName, fields.lastName].map(clean).filter((part) => part !== '').join(' ');
  return (
    [name, clean(fields.company), firstValue(fields.emails), firstValue(fields.phoneNumbers)].find(
      (candidate) => candidate !== '',
    ) ?? l10n.t('Unnamed contact')
  );
}

/** A teammate's name: "Grace Hopper", or the email of a user who never filled in a name; '' when neither is set. */
export function userDisplayName(user: Pick<User, 'firstName' | 'lastName' | 'email'>): string {
  return [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email || '';
}

/** How much of a company or role a one-line label (a tree group, a quick pick's description) shows. */
export const MAX_COMPANY_LABEL = 60;

/**
 * "Company · Role", cleaned (no line breaks, controls or bidi overrides) and shortened; empty if neither is set.
 * Plain text: escape it for where it goes.
 */
export function companyAndRole(contact: Contact): string {
  const { company, role } = contact.defaultFields;
  return [company, role]
    .map((value) => (value === null ? '' : truncate(cleanLine(value), MAX_COMPANY_LABEL)))
    .filter((value) => value !== '')
    .join(' · ');
}

/** The first labelled value that has a non-blank value, cleaned, or '' if none. */
export function firstValue(values: readonly LabelledValue[]): string {
  const first = firstLabelled(values);
  return first ? clean(first.value) : '';
}

/** The first labelled value with a non-blank value. */
export function firstLabelled(values: readonly LabelledValue[]): LabelledValue | undefined {
  return values.find((entry) => clean(entry.value) !== '');
}

function clean(value: string | null | undefined): string {
  return typeof value === 'string' ? cleanLine(value) : '';
}
