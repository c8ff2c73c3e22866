/**
 * The request bodies of a save (`PATCH /v1/contacts/{id}`) and of a create (`POST /v1/contacts`) from drafts.
 *
 * A PATCH carries only what the user changed (changeSet.ts), so that a field nobody touched is never written back
 * over a teammate's newer value. The spec does not say whether PATCH replaces a list (emails, phone numbers) or merges
 * it by item id, so a changed list is sent in a form both readings apply the same way: whole, in the user's order,
 * each kept item with its id, and each item the user removed as `{ id, name, value: null }`, which the spec documents
 * as removing it. Items the user did not touch are sent as they are, so a replace keeps them too.
 *
 * Beside each body, where each of its items came from in the draft (`origins`), so that a 400 naming
 * `defaultFields.phoneNumbers[1].value` marks the row the user typed it in (errorPaths.ts).
 */
import * as l10n from '@vscode/l10n';
import type { CreateContactBody, CustomFieldWrite, DefaultFieldsWrite, LabelledValueWrite, UpdateContactBody } from '../../quo/client.js';
import { DEFAULT_COUNTRY } from '../phone.js';
import { changesOf } from './changeSet.js';
import type { ContactDraft, DraftCustomField, DraftItem, DraftPath, DraftProblem } from './contactDraft.js';
import { customField, customFieldKey, customFieldPath, isBlankNewItem, isTextField, ITEM_FIELDS, type ItemField } from './draftFields.js';
import { draftCustomValue } from './draftOf.js';
import { customWriteValue, itemWriteValue, textWriteValue } from './writeValues.js';

/** A body path (`defaultFields.emails.0`, `customFields.2`) → the draft path it came from (`emails.3`, `customFields.tier`). */
export type BodyOrigins = Readonly<Record<string, DraftPath>>;

/** What was sent: kept with the request, to read Quo's answer (notTaken.ts) and its errors (errorPaths.ts). */
export interface SentBody<B> {
  readonly body: B;
  readonly origins: BodyOrigins;
}

/** A body to send, or why there is none: the problems, each at its field, and nothing is sent. */
export type BuiltBody<B> = ({ readonly ok: true } & SentBody<B>) | { readonly ok: false; readonly problems: readonly DraftProblem[] };

export interface BodyOptions {
  /** `quo.defaultCountry`: how a phone number typed without `+` is read. */
  readonly country?: string;
}

/** A list item to send, and its row in the draft the user edits (none for one only Quo has, e.g. a teammate's). */
export interface ItemRow {
  readonly item: DraftItem;
  readonly row?: number;
}

export type ItemRows = Readonly<Record<ItemField, readonly ItemRow[]>>;

/** The PATCH body of what `draft` changes from `base`; `{}` when nothing changed. */
export function patchBody(base: ContactDraft, draft: ContactDraft, options: BodyOptions = {}): BuiltBody<UpdateContactBody> {
  return patchBodyOf(base, draft, rowsOf(draft), options.country ?? DEFAULT_COUNTRY);
}

export function rowsOf(draft: ContactDraft): ItemRows {
  const rows = (items: readonly DraftItem[]): ItemRow[] => items.map((item, row) => ({ item, row }));
  return { emails: rows(draft.emails), phoneNumbers: rows(draft.phoneNumbers) };
}

/**
 * The PATCH body that takes a contact from `base` (what Quo has) to `target`, whose lists are `rows` (where each item
 * came from, for problems and origins).
 */
export function patchBodyOf(base: ContactDraft, target: ContactDraft, rows: ItemRows, country: string): BuiltBody<UpdateContactBody> {
  const built = new BodyBuilder(country);
  const defaultFields: Mutable<DefaultFieldsWrite> = {};
  const customFields: CustomFieldWrite[] = [];
  for (const field of changesOf(base, target, country)) {
    const key = customFieldKey(field);
    if (key !== undefined) {
      // A field the target lacks (a definition gone) is emptied; its id is base's.
      const written = built.custom(customField(target, key) ?? emptied(customField(base, key)), customFields.length, 'patch');
      if (written) {
        customFields.push(written);
      }
    } else if (isTextField(field)) {
      defaultFields[field] = textWriteValue(target[field]);
    } else {
      const kind = field as ItemField;
      defaultFields[kind] = built.list(kind, rows[kind], base[kind], true);
    }
  }
  return built.result({
    ...(Object.keys(defaultFields).length > 0 ? { defaultFields } : {}),
    ...(customFields.length > 0 ? { customFields } : {}),
  });
}

/** The POST body of a new contact: every field with a value, no ids. A first name is required (the spec's only must). */
export function createBody(draft: ContactDraft, country: string = DEFAULT_COUNTRY): BuiltBody<CreateContactBody> {
  const built = new BodyBuilder(country);
  const firstName = textWriteValue(draft.firstName);
  if (firstName === null) {
    built.problem('firstName', l10n.t('A contact needs a first name.'));
  }
  const defaultFields: Mutable<CreateContactBody['defaultFields']> = { firstName };
  for (const field of ['lastName', 'company', 'role'] as const) {
    const value = textWriteValue(draft[field]);
    if (value !== null) {
      defaultFields[field] = value;
    }
  }
  const rows = rowsOf(draft);
  for (const kind of ITEM_FIELDS) {
    const items = built.list(kind, rows[kind], [], false);
    if (items.length > 0) {
      defaultFields[kind] = items;
    }
  }
  const customFields: CustomFieldWrite[] = [];
  for (const field of draft.customFields) {
    const written = built.custom(field, customFields.length, 'create');
    if (written) {
      customFields.push(written);
    }
  }
  return built.result({
    defaultFields,
    ...(customFields.length > 0 ? { customFields } : {}),
  });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function emptied(field: DraftCustomField | undefined): DraftCustomField | undefined {
  return field && { ...field, field: draftCustomValue(field.field.type, null) };
}

/** Gathers a body's problems and origins while its parts are converted. */
class BodyBuilder {
  private readonly problems: DraftProblem[] = [];
  private readonly origins: Record<string, DraftPath> = {};

  constructor(private readonly country: string) {}

  problem(path: DraftPath, message: string): void {
    this.problems.push({ path, message });
  }

  /**
   * A list as sent: each row with a value, in order (with its id when `withIds`), then each of `removedFrom`'s items
   * that no row keeps, with `value: null`. A row emptied by the user is sent with `value: null` too.
   */
  list(kind: ItemField, rows: readonly ItemRow[], removedFrom: readonly DraftItem[], withIds: boolean): LabelledValueWrite[] {
    const sent: LabelledValueWrite[] = [];
    const kept = new Set<string>();
    for (const { item, row } of rows) {
      if (isBlankNewItem(item)) {
        continue;
      }
      const where: DraftPath = row === undefined ? kind : `${kind}.${row}`;
      const value = itemWriteValue(kind, item.value, this.country);
      if (!value.ok) {
        this.problem(row === undefined ? where : `${where}.value`, value.problem);
        continue;
      }
      const id = withIds ? item.id : undefined;
      if (value.value === null && id === undefined) {
        continue;
      }
      if (id !== undefined) {
        if (kept.has(id)) {
          continue;
        }
        kept.add(id);
      }
      this.origins[`defaultFields.${kind}.${sent.length}`] = where;
      sent.push({ ...(id === undefined ? {} : { id }), name: item.name.trim(), value: value.value });
    }
    for (const item of removedFrom) {
      if (item.id !== undefined && !kept.has(item.id)) {
        kept.add(item.id);
        this.origins[`defaultFields.${kind}.${sent.length}`] = kind;
        sent.push({ id: item.id, name: item.name, value: null });
      }
    }
    return sent;
  }

  /**
   * A custom field as sent at `index` of the body's list; undefined when its value is a problem, or for a create
   * when it has none (a new contact's empty field is no field).
   */
  custom(field: DraftCustomField | undefined, index: number, request: 'patch' | 'create'): CustomFieldWrite | undefined {
    if (!field) {
      return undefined;
    }
    const path = customFieldPath(field.key);
    const value = customWriteValue(field.field);
    if (!value.ok) {
      this.problem(path, value.problem);
      return undefined;
    }
    if (request === 'create' && value.value === null) {
      return undefined;
    }
    this.origins[`customFields.${index}`] = path;
    return { key: field.key, ...(request === 'patch' && field.id !== undefined ? { id: field.id } : {}), value: value.value };
  }

  result<B>(body: B): BuiltBody<B> {
    return this.problems.length > 0 ? { ok: false, problems: this.problems } : { ok: true, body, origins: this.origins };
  }
}
