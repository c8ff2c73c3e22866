/**
 * A contact of the workspace index held as one JSON string, and made a Contact again when something reads it.
 *
 * Measured on 50,000 sandbox contacts: about 1 KB each as objects (without pointer compression, every object, array
 * and property is 8 bytes a field plus headers, and a contact is some fifteen of them), against about 400 bytes as
 * a packed string. The index holds a whole workspace, so it holds strings; the few contacts a surface shows at once
 * are unpacked when asked for (a couple of microseconds each, JSON.parse being native).
 *
 * Strings that repeat across contacts (labels, sources, names, companies, roles, creators, custom field definitions
 * and their short values) are kept once in a table the packer shares with every record and written as their number
 * in it; timestamps that are exact ISO dates are written as their milliseconds; a source URL built around the
 * contact's own id is written as the two pieces around it. Anything else is written as it is, so every contact,
 * however odd, unpacks to exactly what was packed (a property test checks that on generated contacts).
 */
import type { Contact, CustomField, LabelledValue } from '../quo/types.js';

/** Longer strings rarely repeat (addresses, URLs); interning them would only grow the table. */
const MAX_INTERNED_LENGTH = 48;

/** Where each part of a contact sits in its record. */
const ID = 0;
const EXTERNAL_ID = 1;
const SOURCE = 2;
const SOURCE_URL = 3;
const FIRST_NAME = 4;
const LAST_NAME = 5;
const COMPANY = 6;
const ROLE = 7;
const EMAILS = 8;
const PHONES = 9;
const CUSTOM = 10;
const CREATED = 11;
const UPDATED = 12;
const CREATED_BY = 13;

/** A string written as its number in the table, or as itself; null stays null. */
type Ref = number | string | null;
type Record = unknown[];

/**
 * Values numbered in the order first seen, by a key. The lookup by key is needed only while contacts are packed:
 * forget() drops it, and it is made again from the values on the next use.
 */
class Numbering<T> {
  readonly values: T[] = [];
  private numbers: Map<string, number> | undefined;

  constructor(private readonly keyOf: (value: T) => string) {}

  number(value: T): number {
    const numbers = (this.numbers ??= new Map(this.values.map((known, i) => [this.keyOf(known), i])));
    const key = this.keyOf(value);
    let number = numbers.get(key);
    if (number === undefined) {
      number = this.values.length;
      this.values.push(value);
      numbers.set(key, number);
    }
    return number;
  }

  forget(): void {
    this.numbers = undefined;
  }
}

/** The strings and custom field definitions the records of one index share, by number. */
export class PackTable {
  private readonly stringNumbering = new Numbering<string>((text) => text);
  private readonly fieldNumbering = new Numbering<FieldDefinition>(fieldKey);
  readonly strings: readonly string[] = this.stringNumbering.values;
  readonly fields: readonly FieldDefinition[] = this.fieldNumbering.values;

  /** Drops the lookups that only packing needs (the table itself stays: the records point into it). */
  forget(): void {
    this.stringNumbering.forget();
    this.fieldNumbering.forget();
  }

  intern(value: string): number {
    return this.stringNumbering.number(value);
  }

  /**
   * The table's own copy of a short string, for values kept beside the records (a name, a company): contacts that
   * share one then share one string, however each was decoded. A long one is answered as it is.
   */
  shared(value: string): string {
    return value.length > MAX_INTERNED_LENGTH ? value : (this.strings[this.intern(value)] ?? value);
  }

  field(definition: FieldDefinition): number {
    return this.fieldNumbering.number(definition);
  }
}

/** A custom field without its value: what every contact of a workspace shares. */
export interface FieldDefinition {
  readonly name: string;
  readonly key?: string;
  readonly id?: string;
  readonly type: CustomField['type'];
}

function fieldKey(definition: FieldDefinition): string {
  // Absent key or id differs from an empty one: 0 cannot be confused with a string.
  return JSON.stringify([definition.name, definition.key ?? 0, definition.id ?? 0, definition.type]);
}

export function packContact(contact: Contact, table: PackTable): string {
  const fields = contact.defaultFields;
  const record: Record = [
    contact.id,
    contact.externalId,
    ref(contact.source, table),
    sourceUrl(contact, table),
    ref(fields.firstName, table),
    ref(fields.lastName, table),
    ref(fields.company, table),
    ref(fields.role, table),
    labelled(fields.emails, table),
    labelled(fields.phoneNumbers, table),
    custom(contact.customFields, table),
    timestamp(contact.createdAt),
    contact.updatedAt === contact.createdAt ? null : timestamp(contact.updatedAt),
    ref(contact.createdByUserId, table),
  ];
  return JSON.stringify(record);
}

export function unpackContact(packed: string, table: PackTable): Contact {
  const record = JSON.parse(packed) as Record;
  const createdAt = fromTimestamp(record[CREATED]);
  const updated = record[UPDATED];
  return {
    id: record[ID] as string,
    externalId: record[EXTERNAL_ID] as string | null,
    source: fromRef(record[SOURCE], table),
    sourceUrl: fromSourceUrl(record[SOURCE_URL], record[ID] as string, table),
    defaultFields: {
      firstName: fromRef(record[FIRST_NAME], table),
      lastName: fromRef(record[LAST_NAME], table),
      company: fromRef(record[COMPANY], table),
      role: fromRef(record[ROLE], table),
      emails: fromLabelled(record[EMAILS], table),
      phoneNumbers: fromLabelled(record[PHONES], table),
    },
    customFields: fromCustom(record[CUSTOM], table),
    createdAt,
    updatedAt: updated === null ? createdAt : fromTimestamp(updated),
    createdByUserId: fromRef(record[CREATED_BY], table) as string,
  };
}

/** The id of a packed contact without unpacking it (records start with it). */
export function packedId(packed: string): string {
  let end = 2;
  while (packed.charCodeAt(end) !== 34 /* " */) {
    end += packed.charCodeAt(end) === 92 /* backslash */ ? 2 : 1;
  }
  return JSON.parse(packed.slice(1, end + 1)) as string;
}

/** Whether this record is the contact with this id, without unpacking it. */
export function isPackedId(packed: string, id: string): boolean {
  const quoted = JSON.stringify(id);
  return packed.startsWith(quoted, 1) && packed.charCodeAt(quoted.length + 1) === 44 /* , */;
}

function ref(value: string | null, table: PackTable): Ref {
  if (value === null || value.length > MAX_INTERNED_LENGTH) {
    return value;
  }
  return table.intern(value);
}

function fromRef(value: unknown, table: PackTable): string | null {
  return typeof value === 'number' ? (table.strings[value]) : (value as string | null);
}

/** A URL containing the contact's id (a CRM's link to its record) as the pieces before and after it. */
function sourceUrl(contact: Contact, table: PackTable): Ref | Ref[] {
  const url = contact.sourceUrl;
  const at = url === null || contact.id === '' ? -1 : url.indexOf(contact.id);
  if (url === null || at < 0) {
    return url;
  }
  return [ref(url.slice(0, at), table), ref(url.slice(at + contact.id.length), table)];
}

function fromSourceUrl(value: unknown, id: string, table: PackTable): string | null {
  if (Array.isArray(value)) {
    return `${fromRef(value[0], table) as string}${id}${fromRef(value[1], table) as string}`;
  }
  return value as string | null;
}

/** Label, value and id of each, one after another; an absent id is 0. Empty lists are 0. */
function labelled(values: readonly LabelledValue[], table: PackTable): Ref[] | 0 {
  if (values.length === 0) {
    return 0;
  }
  const out: Ref[] = [];
  for (const item of values) {
    out.push(ref(item.name, table), item.value, item.id ?? 0);
  }
  return out;
}

const NO_VALUES: readonly LabelledValue[] = Object.freeze([]);
const NO_FIELDS: readonly CustomField[] = Object.freeze([]);

function fromLabelled(value: unknown, table: PackTable): readonly LabelledValue[] {
  if (!Array.isArray(value)) {
    return NO_VALUES;
  }
  const out: LabelledValue[] = [];
  for (let i = 0; i < value.length; i += 3) {
    const name = fromRef(value[i], table) as string;
    const item = value[i + 1] as string | null;
    const id = value[i + 2] as string | 0;
    // Two literal shapes, so that every labelled value has one of two hidden classes.
    out.push(id === 0 ? { name, value: item } : { name, value: item, id });
  }
  return out;
}

/**
 * Definition number and value of each field. A value is written by its type: a short string as a table number, a
 * date as milliseconds when that is exact, anything else as it is.
 */
function custom(fields: readonly CustomField[], table: PackTable): unknown[] | 0 {
  if (fields.length === 0) {
    return 0;
  }
  const out: unknown[] = [];
  for (const field of fields) {
    const definition: FieldDefinition = {
      name: field.name,
      ...(field.key === undefined ? {} : { key: field.key }),
      ...(field.id === undefined ? {} : { id: field.id }),
      type: field.type,
    };
    out.push(table.field(definition), fieldValue(field, table));
  }
  return out;
}

function fieldValue(field: CustomField, table: PackTable): unknown {
  const value = field.value;
  if (Object.is(value, -0)) {
    // JSON writes -0 as 0.
    return '-0';
  }
  if (typeof value !== 'string') {
    return value;
  }
  return field.type === 'date' ? timestamp(value) : ref(value, table);
}

function fromCustom(value: unknown, table: PackTable): readonly CustomField[] {
  if (!Array.isArray(value)) {
    return NO_FIELDS;
  }
  const out: CustomField[] = [];
  for (let i = 0; i < value.length; i += 2) {
    const definition = table.fields[value[i] as number];
    const packed: unknown = value[i + 1];
    let fieldValue: unknown = packed;
    if (definition.type === 'date') {
      fieldValue = packed === null ? null : fromTimestamp(packed);
    } else if (definition.type === 'number') {
      fieldValue = packed === '-0' ? -0 : packed;
    } else if (typeof packed === 'number') {
      fieldValue = table.strings[packed];
    }
    out.push(customField(definition, fieldValue));
  }
  return out;
}

function customField(definition: FieldDefinition, value: unknown): CustomField {
  // One property order whatever the definition holds; absent key and id stay absent (consumers may test with `in`).
  const { name, key, id, type } = definition;
  if (key !== undefined && id !== undefined) {
    return { name, key, id, type, value } as CustomField;
  }
  const field: { [name: string]: unknown } = { name };
  if (key !== undefined) {
    field['key'] = key;
  }
  if (id !== undefined) {
    field['id'] = id;
  }
  field['type'] = type;
  field['value'] = value;
  return field as unknown as CustomField;
}

/** An ISO time as its milliseconds when writing them back gives the very same text, else the text. */
function timestamp(value: string): number | string {
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).toISOString() === value ? ms : value;
}

function fromTimestamp(value: unknown): string {
  return typeof value === 'number' ? new Date(value).toISOString() : (value as string);
}
