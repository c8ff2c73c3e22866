/**
 * The form's starting values from a contact as Quo has it. Custom fields follow the workspace's definitions, one each
 * (a definition the contact has no value for is an empty field the user can fill), then the contact's own fields that
 * no definition names, so that nothing the contact holds is hidden by a definition list that is stale or missing.
 */
import type { Contact, CustomField, CustomFieldType, LabelledValue } from '../../quo/types.js';
import type { ContactDraft, DraftCustomField, DraftCustomValue, DraftItem, FieldDefinition } from './contactDraft.js';

export function draftOf(contact: Contact, definitions: readonly FieldDefinition[] = []): ContactDraft {
  const fields = contact.defaultFields;
  return {
    firstName: fields.firstName ?? '',
    lastName: fields.lastName ?? '',
    company: fields.company ?? '',
    role: fields.role ?? '',
    emails: fields.emails.map(draftItem),
    phoneNumbers: fields.phoneNumbers.map(draftItem),
    customFields: draftCustomFields(contact.customFields, definitions),
  };
}

function draftItem(item: LabelledValue): DraftItem {
  return { ...(item.id === undefined ? {} : { id: item.id }), name: item.name, value: item.value ?? '' };
}

function draftCustomFields(fields: readonly CustomField[], definitions: readonly FieldDefinition[]): DraftCustomField[] {
  const used = new Set<CustomField>();
  const drafted: DraftCustomField[] = [];
  for (const definition of definitions) {
    // By key; a field Quo sent without one can only be matched by the name it shows.
    const field =
      fields.find((candidate) => !used.has(candidate) && candidate.key === definition.key) ??
      fields.find((candidate) => !used.has(candidate) && candidate.key === undefined && candidate.name === definition.name);
    if (field) {
      used.add(field);
    }
    drafted.push({
      key: definition.key,
      name: definition.name,
      field: draftCustomValue(definition.type, field?.value ?? null),
      ...(field?.id === undefined ? {} : { id: field.id }),
    });
  }
  const keys = new Set(drafted.map((field) => field.key));
  for (const field of fields) {
    // A field without a key and no definition is named by its name: the only handle it has.
    const key = field.key ?? field.name;
    if (used.has(field) || keys.has(key)) {
      continue;
    }
    keys.add(key);
    drafted.push({
      key,
      name: field.name,
      field: draftCustomValue(field.type, field.value),
      ...(field.id === undefined ? {} : { id: field.id }),
    });
  }
  return drafted;
}

/**
 * A value as the form holds it for a field of `type`. The value may be of another type than the definition's (a
 * definition changed after the value was set): what can be read is kept, the rest starts empty.
 */
export function draftCustomValue(type: CustomFieldType, value: unknown): DraftCustomValue {
  switch (type) {
    case 'address':
    case 'string':
    case 'url':
      return { type, value: typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '' };
    case 'number':
      return { type, value: typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '' };
    case 'boolean':
      return { type, value: typeof value === 'boolean' ? value : null };
    case 'date':
      return { type, value: typeof value === 'string' ? utcDay(value) : '' };
    case 'multi-select':
      return {
        type,
        value: Array.isArray(value)
          ? value.filter((choice): choice is string => typeof choice === 'string')
          : typeof value === 'string' && value !== ''
            ? [value]
            : [],
      };
  }
}

/** `YYYY-MM-DD` of an ISO date-time, in UTC (Quo keeps a date as midnight UTC); '' when it is not a date. */
function utcDay(value: string): string {
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : '';
}
