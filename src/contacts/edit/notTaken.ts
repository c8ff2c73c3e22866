/**
 * Whether Quo took what was sent. A 200 says the request was accepted, not that every field was kept: a value may be
 * ignored (a custom field's key that does not exist, an integration that owns a field) or changed. Comparing the
 * answer with the body names, for the user, each field that did not come back as sent. Only what was sent is checked:
 * whatever else the answer holds is the teammates' or Quo's.
 */
import type { CreateContactBody, CustomFieldWrite, LabelledValueWrite, UpdateContactBody } from '../../quo/client.js';
import type { Contact, CustomField, LabelledValue } from '../../quo/types.js';
import { DEFAULT_COUNTRY, normalizeEmail, normalizePhone } from '../phone.js';
import type { ContactDraft } from './contactDraft.js';
import { customField, customFieldPath, fieldLabel, ITEM_FIELDS, TEXT_FIELDS, type DraftField, type ItemField } from './draftFields.js';

export interface NotTakenField {
  readonly field: DraftField;
  /** The field's name for the user. */
  readonly label: string;
}

export interface NotTakenOptions {
  readonly country?: string;
  /** The draft that was saved: its custom fields' names label them when the answer has no such field. */
  readonly draft?: ContactDraft;
}

export function notTaken(
  sent: UpdateContactBody | CreateContactBody,
  answer: Contact,
  options: NotTakenOptions = {},
): NotTakenField[] {
  const country = options.country ?? DEFAULT_COUNTRY;
  const missed: NotTakenField[] = [];
  const named = (field: DraftField): NotTakenField => ({ field, label: fieldLabel(field) });
  const fields = sent.defaultFields ?? {};
  for (const field of TEXT_FIELDS) {
    const value = fields[field];
    if (value !== undefined && (value ?? '').trim() !== (answer.defaultFields[field] ?? '').trim()) {
      missed.push(named(field));
    }
  }
  for (const kind of ITEM_FIELDS) {
    const items = fields[kind];
    if (items !== undefined && !items.every((item) => itemTaken(kind, item, answer.defaultFields[kind], country))) {
      missed.push(named(kind));
    }
  }
  for (const field of sent.customFields ?? []) {
    const held = answer.customFields.find((candidate) => candidate.key === field.key) ??
      (field.id === undefined ? undefined : answer.customFields.find((candidate) => candidate.id === field.id));
    if (!customTaken(field, held)) {
      const label = (options.draft && customField(options.draft, field.key)?.name) ?? held?.name ?? field.key;
      missed.push({ field: customFieldPath(field.key), label });
    }
  }
  return missed;
}

function itemTaken(kind: ItemField, sent: LabelledValueWrite, held: readonly LabelledValue[], country: string): boolean {
  if (sent.value === null) {
    // A removal: the item is gone (or was never there).
    return sent.id === undefined || !held.some((item) => item.id === sent.id && item.value !== null);
  }
  const want = valueKey(kind, sent.value, country);
  // The label only when one was given: Quo may name an unnamed item itself.
  return held.some(
    (item) =>
      item.value !== null &&
      valueKey(kind, item.value, country) === want &&
      (sent.name.trim() === '' || item.name.trim() === sent.name.trim()),
  );
}

function valueKey(kind: ItemField, value: string, country: string): string {
  return kind === 'phoneNumbers' ? (normalizePhone(value, country) ?? value.trim()) : normalizeEmail(value);
}

function customTaken(sent: CustomFieldWrite, held: CustomField | undefined): boolean {
  const value = held?.value ?? null;
  if (sent.value === null) {
    return value === null || value === '' || (Array.isArray(value) && value.length === 0);
  }
  if (Array.isArray(sent.value)) {
    const want = [...new Set(sent.value)].sort();
    const have = Array.isArray(value) ? [...new Set(value as readonly string[])].sort() : [];
    return want.length === have.length && want.every((choice, i) => choice === have[i]);
  }
  if (typeof sent.value === 'string' && typeof value === 'string') {
    // A date may come back spelled otherwise (`…T00:00:00Z`): the same instant is the same date.
    if (held?.type === 'date') {
      return Date.parse(sent.value) === Date.parse(value);
    }
    return sent.value.trim() === value.trim();
  }
  return sent.value === value;
}
