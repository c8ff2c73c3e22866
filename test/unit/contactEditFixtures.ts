/**
 * A contact with every kind of field, its definitions, and a check of write bodies against the spec's request body
 * schemas (the project's copy of the spec, test/sandbox/spec/openapi-v1.extract.json), for the edit model's tests.
 */
import assert from 'node:assert/strict';
import type { FieldDefinition } from '../../src/contacts/edit/contactDraft.js';
import type { Contact } from '../../src/quo/types.js';
import { checkRequestBody } from '../sandbox/requestBodies.js';
import extract from '../sandbox/spec/openapi-v1.extract.json';

export const DEFINITIONS: readonly FieldDefinition[] = [
  { key: 'street', name: 'Street', type: 'address' },
  { key: 'notes', name: 'Notes', type: 'string' },
  { key: 'site', name: 'Website', type: 'url' },
  { key: 'tier', name: 'Tier', type: 'number' },
  { key: 'vip', name: 'VIP', type: 'boolean' },
  { key: 'renewal', name: 'Renewal', type: 'date' },
  { key: 'tags', name: 'Tags', type: 'multi-select' },
  { key: 'source-system', name: 'Source system', type: 'string' },
];

/** Every custom field type, one field Quo sent without a key (matched by name), one no definition names. */
export function fullContact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: '66d0d87e8dc1211467372303',
    externalId: null,
    source: null,
    sourceUrl: null,
    defaultFields: {
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines',
      role: null,
      emails: [
        { id: 'e1', name: 'work', value: 'ada@engines.example' },
        { id: 'e2', name: 'home', value: 'ada@home.example' },
      ],
      phoneNumbers: [
        { id: 'p1', name: 'mobile', value: '+15551007919' },
        { id: 'p2', name: 'office', value: '+442079460958' },
      ],
    },
    customFields: [
      { id: 'c1', key: 'street', name: 'Street', type: 'address', value: '1 Infinite Loop' },
      { id: 'c2', key: 'notes', name: 'Notes', type: 'string', value: null },
      { id: 'c3', key: 'site', name: 'Website', type: 'url', value: 'https://engines.example' },
      { id: 'c4', key: 'tier', name: 'Tier', type: 'number', value: 2.5 },
      { id: 'c5', key: 'vip', name: 'VIP', type: 'boolean', value: true },
      { id: 'c6', key: 'renewal', name: 'Renewal', type: 'date', value: '2026-05-04T00:00:00.000Z' },
      { id: 'c7', key: 'tags', name: 'Tags', type: 'multi-select', value: ['gold', 'beta'] },
      // No key: matched to its definition by name.
      { id: 'c8', name: 'Source system', type: 'string', value: 'hubspot' },
      // No definition names it: kept.
      { id: 'c9', key: 'legacy', name: 'Legacy id', type: 'string', value: 'L-7' },
    ],
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-02T00:00:00.000Z',
    createdByUserId: 'US1',
    ...overrides,
  };
}

interface Schema {
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly items?: Schema;
  readonly anyOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly allOf?: readonly Schema[];
}

const OPERATIONS = { create: 'createContact_v1', update: 'updateContactById_v1' } as const;

function variants(schema: Schema): readonly Schema[] {
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
}

/** The property names a schema (or any of its variants) declares. */
function names(schema: Schema | undefined): string[] {
  return schema === undefined ? [] : [...new Set([...Object.keys(schema.properties ?? {}), ...variants(schema).flatMap(names)])];
}

function child(schema: Schema | undefined, key: string): Schema | undefined {
  return schema === undefined ? undefined : (schema.properties?.[key] ?? variants(schema).map((variant) => child(variant, key)).find(Boolean));
}

/**
 * The keys each body's objects may hold, as the spec names them: it sets no `additionalProperties`, so a body with a
 * key the spec does not name would pass its schema.
 */
function knownKeys(operation: keyof typeof OPERATIONS): { body: string[]; defaultFields: string[]; item: string[]; customField: string[] } {
  const body = (extract as unknown as { operations: Record<string, { requestBody: Schema }> }).operations[OPERATIONS[operation]]?.requestBody;
  const defaultFields = child(body, 'defaultFields');
  return {
    body: names(body),
    defaultFields: names(defaultFields),
    item: names(child(defaultFields, 'emails')?.items),
    customField: names(child(body, 'customFields')?.items),
  };
}

function unknownKeys(value: unknown, known: readonly string[], where: string): string[] {
  const keys = Object.keys(value as object);
  return keys.filter((key) => !known.includes(key)).map((key) => `${where}.${key}`);
}

/** Fails unless `body` is valid for the operation's request schema and holds no key the spec does not name. */
export function assertSpecBody(operation: 'create' | 'update', body: unknown): void {
  const problems = checkRequestBody(OPERATIONS[operation], body);
  assert.deepEqual(problems, [], `${operation} body invalid\n${JSON.stringify(body)}`);
  const known = knownKeys(operation);
  const record = body as { defaultFields?: Record<string, unknown>; customFields?: unknown[] };
  const extra = [...unknownKeys(body, known.body, 'body')];
  if (record.defaultFields) {
    extra.push(...unknownKeys(record.defaultFields, known.defaultFields, 'defaultFields'));
    for (const list of ['emails', 'phoneNumbers'] as const) {
      for (const item of (record.defaultFields[list] as unknown[] | undefined) ?? []) {
        extra.push(...unknownKeys(item, known.item, list));
      }
    }
  }
  for (const field of record.customFields ?? []) {
    extra.push(...unknownKeys(field, known.customField, 'customFields'));
  }
  assert.deepEqual(extra, [], `${operation} body holds keys the spec does not name`);
}
