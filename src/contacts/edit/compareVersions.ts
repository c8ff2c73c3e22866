/**
 * A teammate changed the contact while the user edited it (Quo has no ETag: the re-read before a save shows a newer
 * `updatedAt`). Three drafts say what happened: `base`, what the form started from; `theirs`, the contact as Quo has
 * it now; `mine`, the form. compareVersions lists, field by field, who changed what, for the panel to show; and
 * overwriteBody is the save the user's "Overwrite" sends: the fields the user changed and nothing else, so a
 * teammate's other changes stay.
 */
import type { UpdateContactBody } from '../../quo/client.js';
import { DEFAULT_COUNTRY } from '../phone.js';
import { changesOf } from './changeSet.js';
import type { ContactDraft, DraftCustomField, DraftItem } from './contactDraft.js';
import {
  customField,
  customFieldKey,
  fieldLabel,
  fieldsOf,
  fieldValue,
  isBlankNewItem,
  ITEM_FIELDS,
  sameField,
  sameItem,
  type DraftField,
  type DraftFieldValue,
  type ItemField,
} from './draftFields.js';
import { patchBodyOf, type BodyOptions, type BuiltBody, type ItemRow } from './requestBody.js';

export interface FieldComparison {
  readonly field: DraftField;
  /** The field's name for the user ("Company", a custom field's name). */
  readonly label: string;
  /** Changed in Quo since the form opened (`theirs`), in the form (`mine`), or in both: a conflict. */
  readonly changedBy: 'theirs' | 'mine' | 'both';
  /** Both changed it to the same value: nothing to choose between. */
  readonly same: boolean;
  readonly base: DraftFieldValue;
  readonly theirs: DraftFieldValue;
  readonly mine: DraftFieldValue;
}

/** Every field either side changed, in the form's order; fields nobody changed are left out. */
export function compareVersions(
  base: ContactDraft,
  theirs: ContactDraft,
  mine: ContactDraft,
  country: string = DEFAULT_COUNTRY,
): FieldComparison[] {
  const comparisons: FieldComparison[] = [];
  for (const field of fieldsOf(base, theirs, mine)) {
    const byThem = !sameField(field, base, theirs, country);
    const byMe = !sameField(field, base, mine, country);
    if (!byThem && !byMe) {
      continue;
    }
    comparisons.push({
      field,
      label: fieldLabel(field, mine, theirs, base),
      changedBy: byThem && byMe ? 'both' : byThem ? 'theirs' : 'mine',
      same: byThem && byMe && sameField(field, theirs, mine, country),
      base: fieldValue(base, field),
      theirs: fieldValue(theirs, field),
      mine: fieldValue(mine, field),
    });
  }
  return comparisons;
}

/**
 * The PATCH body that puts the user's changes over `theirs`: only the fields the user changed (from `base`), each with
 * the user's value. A list the user changed is merged item by item (by id) with the teammate's version, and sent
 * computed against `theirs`:
 * - an item only the teammate changed keeps the teammate's value; one the user changed has the user's;
 * - an item the teammate added stays; an item the user added is added;
 * - an item the user removed is sent with `value: null`, if Quo still has it;
 * - an item the teammate removed stays removed, unless the user changed it, when it is added again as a new one.
 * Problems (a phone number that does not read) are at the user's rows, as for a plain save.
 */
export function overwriteBody(
  base: ContactDraft,
  theirs: ContactDraft,
  mine: ContactDraft,
  options: BodyOptions = {},
): BuiltBody<UpdateContactBody> {
  const country = options.country ?? DEFAULT_COUNTRY;
  const changed = new Set(changesOf(base, mine, country));
  const rows: Record<ItemField, readonly ItemRow[]> = { emails: [], phoneNumbers: [] };
  for (const kind of ITEM_FIELDS) {
    rows[kind] = changed.has(kind) ? mergedRows(kind, base[kind], theirs[kind], mine[kind], country) : theirs[kind].map((item) => ({ item }));
  }
  const target: ContactDraft = {
    firstName: changed.has('firstName') ? mine.firstName : theirs.firstName,
    lastName: changed.has('lastName') ? mine.lastName : theirs.lastName,
    company: changed.has('company') ? mine.company : theirs.company,
    role: changed.has('role') ? mine.role : theirs.role,
    emails: rows.emails.map((row) => row.item),
    phoneNumbers: rows.phoneNumbers.map((row) => row.item),
    customFields: mergedCustomFields(changed, theirs, mine),
  };
  return patchBodyOf(theirs, target, rows, country);
}

function mergedRows(
  kind: ItemField,
  base: readonly DraftItem[],
  theirs: readonly DraftItem[],
  mine: readonly DraftItem[],
  country: string,
): ItemRow[] {
  const baseById = byId(base);
  const theirsById = byId(theirs);
  const mineIds = new Set(mine.flatMap((item) => (item.id === undefined ? [] : [item.id])));
  const rows: ItemRow[] = [];
  mine.forEach((item, row) => {
    if (isBlankNewItem(item)) {
      return;
    }
    if (item.id === undefined) {
      rows.push({ item, row });
      return;
    }
    const was = baseById.get(item.id);
    const touched = was === undefined || !sameItem(kind, was, item, country);
    const now = theirsById.get(item.id);
    if (now) {
      rows.push({ item: touched ? item : now, row });
    } else if (touched) {
      // The teammate removed what the user changed: the user's change wins, as a new item (the id is gone).
      rows.push({ item: { name: item.name, value: item.value }, row });
    }
  });
  for (const item of theirs) {
    if (item.id !== undefined && !baseById.has(item.id) && !mineIds.has(item.id)) {
      rows.push({ item });
    }
  }
  return rows;
}

function byId(items: readonly DraftItem[]): Map<string, DraftItem> {
  return new Map(items.flatMap((item) => (item.id === undefined ? [] : [[item.id, item] as const])));
}

/** Theirs, with the user's value for each custom field the user changed (and a field only the form has). */
function mergedCustomFields(changed: ReadonlySet<DraftField>, theirs: ContactDraft, mine: ContactDraft): DraftCustomField[] {
  const fields = theirs.customFields.map((field) => {
    const own = changed.has(`customFields.${field.key}`) ? customField(mine, field.key) : undefined;
    return own ? { ...own, ...(field.id === undefined ? {} : { id: field.id }) } : field;
  });
  for (const field of changed) {
    const key = customFieldKey(field);
    const own = key === undefined ? undefined : customField(mine, key);
    if (own && !customField(theirs, own.key)) {
      fields.push(own);
    }
  }
  return fields;
}
