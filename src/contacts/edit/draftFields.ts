/**
 * The fields of a draft as a change is counted: the four names, each list as a whole, each custom field by its key;
 * their names for the user, and when two values of one field are the same. Sameness is what the user would say, not
 * what the text says: spaces at either end, a phone number's spelling (`(555) 100-7919` is `+15551007919`), a number's
 * (`3.50` is `3.5`) and the order of a multi-select's choices change nothing Quo keeps.
 */
import * as l10n from '@vscode/l10n';
import { DEFAULT_COUNTRY, normalizePhone } from '../phone.js';
import type { ContactDraft, DraftCustomField, DraftCustomValue, DraftItem, DraftPath } from './contactDraft.js';

export const TEXT_FIELDS = ['firstName', 'lastName', 'company', 'role'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export const ITEM_FIELDS = ['emails', 'phoneNumbers'] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

/** A field as a change is counted: `company`, `emails` (the whole list), `customFields.<key>`. Also a DraftPath. */
export type DraftField = TextField | ItemField | `customFields.${string}`;

const CUSTOM_PREFIX = 'customFields.';

export function customFieldPath(key: string): DraftField {
  return `customFields.${key}`;
}

/** The key a `customFields.<key>` field names, or undefined for another field. */
export function customFieldKey(field: DraftPath): string | undefined {
  return field.startsWith(CUSTOM_PREFIX) ? field.slice(CUSTOM_PREFIX.length) : undefined;
}

export function isTextField(field: string): field is TextField {
  return (TEXT_FIELDS as readonly string[]).includes(field);
}

export function isItemField(field: string): field is ItemField {
  return (ITEM_FIELDS as readonly string[]).includes(field);
}

/** A field's value in a draft: text, a list of items, a custom field's value, or undefined for a key it lacks. */
export type DraftFieldValue = string | readonly DraftItem[] | DraftCustomValue | undefined;

export function fieldValue(draft: ContactDraft, field: DraftField): DraftFieldValue {
  const key = customFieldKey(field);
  if (key !== undefined) {
    return customField(draft, key)?.field;
  }
  return isTextField(field) ? draft[field] : draft[field as ItemField];
}

export function customField(draft: ContactDraft, key: string): DraftCustomField | undefined {
  return draft.customFields.find((field) => field.key === key);
}

/**
 * A field's name as the form labels it ("Company"), for a custom field its definition's name, found in the first of
 * `drafts` that has it (its key when none does).
 */
export function fieldLabel(field: DraftField, ...drafts: readonly ContactDraft[]): string {
  const key = customFieldKey(field);
  if (key !== undefined) {
    for (const draft of drafts) {
      const found = customField(draft, key);
      if (found) {
        return found.name;
      }
    }
    return key;
  }
  switch (field as TextField | ItemField) {
    case 'firstName':
      return l10n.t('First name');
    case 'lastName':
      return l10n.t('Last name');
    case 'company':
      return l10n.t('Company');
    case 'role':
      return l10n.t('Role');
    case 'emails':
      return l10n.t('Emails');
    case 'phoneNumbers':
      return l10n.t('Phone numbers');
  }
}

/** A row the user added with no value (a label alone names nothing): not a change, and nothing to send. */
export function isBlankNewItem(item: DraftItem): boolean {
  return item.id === undefined && item.value.trim() === '';
}

/** An item's value as Quo would keep it: trimmed, a phone number in E.164 when it reads as one. */
export function itemValueKey(kind: ItemField, value: string, country: string = DEFAULT_COUNTRY): string {
  const trimmed = value.trim();
  return kind === 'phoneNumbers' ? (normalizePhone(trimmed, country) ?? trimmed) : trimmed;
}

export function sameItem(kind: ItemField, a: DraftItem, b: DraftItem, country: string = DEFAULT_COUNTRY): boolean {
  return a.id === b.id && a.name.trim() === b.name.trim() && itemValueKey(kind, a.value, country) === itemValueKey(kind, b.value, country);
}

/** The same items in the same order, rows added and left empty aside. */
export function sameItems(
  kind: ItemField,
  a: readonly DraftItem[],
  b: readonly DraftItem[],
  country: string = DEFAULT_COUNTRY,
): boolean {
  const left = a.filter((item) => !isBlankNewItem(item));
  const right = b.filter((item) => !isBlankNewItem(item));
  return left.length === right.length && left.every((item, i) => sameItem(kind, item, right[i], country));
}

/** A custom value reduced to what it means, for comparing two of them. */
function customKey(value: DraftCustomValue | undefined): string {
  if (value === undefined) {
    return 'empty';
  }
  switch (value.type) {
    case 'boolean':
      return value.value === null ? 'empty' : String(value.value);
    case 'multi-select': {
      const choices = [...new Set(value.value.map((choice) => choice.trim()).filter((choice) => choice !== ''))].sort();
      return choices.length === 0 ? 'empty' : JSON.stringify(choices);
    }
    case 'number': {
      const text = value.value.trim();
      const number = text === '' ? undefined : Number(text);
      return text === '' ? 'empty' : number !== undefined && Number.isFinite(number) ? `n:${number}` : `t:${text}`;
    }
    case 'address':
    case 'string':
    case 'url':
    case 'date': {
      const text = value.value.trim();
      return text === '' ? 'empty' : `t:${text}`;
    }
  }
}

/** Two values of one custom field mean the same; a field a draft lacks counts as empty. */
export function sameCustomValue(a: DraftCustomValue | undefined, b: DraftCustomValue | undefined): boolean {
  return customKey(a) === customKey(b);
}

/** Whether `field` holds the same in both drafts. */
export function sameField(field: DraftField, a: ContactDraft, b: ContactDraft, country: string = DEFAULT_COUNTRY): boolean {
  const key = customFieldKey(field);
  if (key !== undefined) {
    return sameCustomValue(customField(a, key)?.field, customField(b, key)?.field);
  }
  if (isTextField(field)) {
    return a[field].trim() === b[field].trim();
  }
  const kind = field as ItemField;
  return sameItems(kind, a[kind], b[kind], country);
}

/** Every field of either draft, in the form's order: the names, the lists, then the custom fields. */
export function fieldsOf(...drafts: readonly ContactDraft[]): DraftField[] {
  const keys = new Set<string>();
  for (const draft of drafts) {
    for (const field of draft.customFields) {
      keys.add(field.key);
    }
  }
  return [...TEXT_FIELDS, ...ITEM_FIELDS, ...[...keys].map(customFieldPath)];
}
