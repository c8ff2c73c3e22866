/**
 * Copies decoded contacts into the smallest form V8 keeps them in, for the index that holds a whole workspace.
 * Measured on 10,000 sandbox contacts decoded from JSON: 26 MB as decoded, 12 MB as copied here. Two things make
 * the difference: every object is built from a literal with all its properties in one order, so all contacts share
 * a few hidden classes in fast mode (the decoder's object spreads do not), and strings that repeat across contacts
 * (labels, custom field names and keys, first names, companies, roles, sources, creators) are kept once instead of
 * once per contact, as JSON.parse leaves them.
 */
import type { Contact, CustomField, LabelledValue } from '../quo/types.js';

/** Longer strings rarely repeat (addresses, URLs); interning them would only grow the table. */
const MAX_INTERNED_LENGTH = 48;

const NO_VALUES: readonly LabelledValue[] = Object.freeze([]);
const NO_FIELDS: readonly CustomField[] = Object.freeze([]);

/**
 * A key naming a custom field by everything it holds, for values likely to repeat across contacts; undefined for
 * the rest (long text, dates, amounts), where sharing would rarely pay for the key.
 */
function shareableKey(field: CustomField): string | undefined {
  const value = field.value;
  let shown: string;
  if (value === null || typeof value === 'boolean') {
    shown = String(value);
  } else if (typeof value === 'string') {
    if (field.type === 'date' || value.length > MAX_INTERNED_LENGTH) {
      return undefined;
    }
    shown = `"${value}"`;
  } else if (Array.isArray(value)) {
    shown = JSON.stringify(value);
    if (shown.length > MAX_INTERNED_LENGTH * 2) {
      return undefined;
    }
  } else {
    return undefined;
  }
  // JSON.stringify of the parts cannot be confused across fields: every part is quoted or a literal.
  return JSON.stringify([field.name, field.key ?? null, field.id ?? null, field.type]) + shown;
}

export class ContactCompactor {
  private readonly strings = new Map<string, string>();
  private readonly fields = new Map<string, CustomField>();

  /** Forgets the interned strings (the contacts keep theirs); call when a batch of contacts is complete. */
  reset(): void {
    this.strings.clear();
    this.fields.clear();
  }

  compact(contact: Contact): Contact {
    const fields = contact.defaultFields;
    return {
      id: contact.id,
      externalId: contact.externalId,
      source: this.intern(contact.source),
      sourceUrl: contact.sourceUrl,
      defaultFields: {
        firstName: this.intern(fields.firstName),
        lastName: this.intern(fields.lastName),
        company: this.intern(fields.company),
        role: this.intern(fields.role),
        emails: fields.emails.length === 0 ? NO_VALUES : fields.emails.map((item) => this.labelled(item)),
        phoneNumbers:
          fields.phoneNumbers.length === 0 ? NO_VALUES : fields.phoneNumbers.map((item) => this.labelled(item)),
      },
      customFields:
        contact.customFields.length === 0 ? NO_FIELDS : contact.customFields.map((field) => this.customField(field)),
      createdAt: contact.createdAt,
      // Often never edited since it was created: one string for both.
      updatedAt: contact.updatedAt === contact.createdAt ? contact.createdAt : contact.updatedAt,
      createdByUserId: this.intern(contact.createdByUserId),
    };
  }

  private labelled(item: LabelledValue): LabelledValue {
    // Two literal shapes, not a spread, so that every labelled value shares one of two hidden classes.
    return item.id === undefined
      ? { name: this.intern(item.name), value: item.value }
      : { name: this.intern(item.name), value: item.value, id: item.id };
  }

  private customField(field: CustomField): CustomField {
    // Fields whose value repeats across contacts (null, booleans, a picked option, an account manager's name) are
    // the same object in every contact that has them: frozen, so a careless write fails loudly instead of
    // changing every contact at once.
    const sharedKey = shareableKey(field);
    if (sharedKey !== undefined) {
      const known = this.fields.get(sharedKey);
      if (known !== undefined) {
        return known;
      }
    }
    const name = this.intern(field.name);
    const key = field.key === undefined ? undefined : this.intern(field.key);
    const id = field.id === undefined ? undefined : this.intern(field.id);
    let value: CustomField['value'] = field.value;
    if (typeof value === 'string' && field.type !== 'date') {
      value = this.intern(value);
    } else if (Array.isArray(value)) {
      value = Object.freeze(value.map((item: string) => this.intern(item)));
    }
    let copy: CustomField;
    // Absent key and id stay absent: consumers may tell "no key" from "key: undefined" with `in`.
    if (key === undefined || id === undefined) {
      const partial: Record<string, unknown> = { name, type: field.type, value };
      if (key !== undefined) {
        partial['key'] = key;
      }
      if (id !== undefined) {
        partial['id'] = id;
      }
      copy = partial as unknown as CustomField;
    } else {
      copy = { name, key, id, type: field.type, value } as CustomField;
    }
    if (sharedKey !== undefined) {
      Object.freeze(copy);
      this.fields.set(sharedKey, copy);
    }
    return copy;
  }

  private intern<T extends string | null>(value: T): T {
    if (value === null || value.length > MAX_INTERNED_LENGTH) {
      return value;
    }
    const known = this.strings.get(value);
    if (known !== undefined) {
      return known as T;
    }
    this.strings.set(value, value);
    return value;
  }
}
