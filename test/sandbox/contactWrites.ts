/**
 * What the three contact writes do to a contact, once their body has passed the spec: `POST /v1/contacts` builds one,
 * `PATCH /v1/contacts/{id}` changes one. The spec says a `value` of null removes an email or phone item and leaves
 * the rest of `PATCH` open; the sandbox takes the reading NOTES.md advises a client to be ready for:
 *
 * - only the fields sent change; `updatedAt` moves on every PATCH, always strictly later than before;
 * - `emails` and `phoneNumbers`, when sent, replace the contact's: an item whose `id` the contact holds keeps it,
 *   any other item gets a new id (so does one whose id a teammate removed meanwhile), an item with `value: null` is
 *   left out (removed);
 * - `customFields` are merged by definition (`key`, or the field's `id`): each one sent takes the value sent,
 *   `null` clearing it (the field stays, valued null, as Quo serves unset fields), the others stay as they are.
 *   A field no definition has, or a value of the wrong type for its definition, is the 400 "Invalid Custom Field
 *   Item" with the path of the culprit.
 */

import { findCustomFieldDefinition, customFieldOf } from './catalog.js';
import type { Random } from './random.js';
import { checkRequestBody, type WriteOperation } from './requestBodies.js';
import type {
  ApiContact,
  ApiContactCreate,
  ApiContactPatch,
  ApiCustomField,
  ApiCustomFieldDefinition,
  ApiCustomFieldInput,
  ApiErrorDetail,
  ApiLabelledValue,
  ApiLabelledValueInput,
  ApiUser,
} from './wire.js';

/** A write's body as it arrived. */
export interface RequestBody {
  /** The `Content-Type` header, if any. */
  readonly contentType: string | undefined;
  readonly text: string;
  /** More than MAX_BODY_BYTES arrived: `text` is cut. */
  readonly tooLarge?: boolean;
}

/** Larger bodies are refused; a contact is a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface WriteContext {
  readonly definitions: readonly ApiCustomFieldDefinition[];
  readonly users: readonly ApiUser[];
  /** The user a contact created through the API is created by, when the body names none: the key's owner. */
  readonly defaultCreatorId: string;
  /** Epoch milliseconds: the wall clock of `createdAt` and `updatedAt`. */
  readonly clock: () => number;
  /** For new ids (contacts, emails, phone numbers). */
  readonly random: Random;
}

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly ApiErrorDetail[] };

/** Words reserved for Quo's own sources, which `POST` refuses as a `source` (the spec's description says so). */
const RESERVED_SOURCES = new Set(['openphone', 'device', 'csv', 'zapier', 'google-people', 'other']);
const RESERVED_SOURCE_PREFIXES = ['openphone', 'csv'];

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** The body parsed and held to the spec's request body schema for `operation`. */
export function readBody<T>(operation: WriteOperation, body: RequestBody | undefined): Checked<T> {
  const type = body?.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return refuse('', `Expected Content-Type application/json, got ${body?.contentType ?? 'none'}`, body?.contentType, 'string');
  }
  if (body?.tooLarge) {
    return refuse('', `Expected a body of at most ${MAX_BODY_BYTES} bytes`, undefined, 'object');
  }
  let value: unknown;
  try {
    value = JSON.parse(body?.text ?? '');
  } catch {
    return refuse('', 'Expected a JSON body', undefined, 'object');
  }
  const errors = checkRequestBody(operation, value);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: value as T };
}

/**
 * A new contact from a create body that passed the spec: `source` defaults to `public-api` as the spec says,
 * `createdByUserId` to the key's owner; `createdAt` and `updatedAt` are now.
 */
export function buildContact(input: ApiContactCreate, newId: (createdMs: number) => string, context: WriteContext): Checked<ApiContact> {
  const errors: ApiErrorDetail[] = [];
  if (input.createdByUserId !== undefined && !context.users.some((member) => member.id === input.createdByUserId)) {
    errors.push(detail('/createdByUserId', 'Expected the id of a user of the workspace', input.createdByUserId, 'string'));
  }
  if (input.source !== undefined && isReservedSource(input.source)) {
    errors.push(detail('/source', `Expected a source that is not reserved: '${input.source}' is`, input.source, 'string'));
  }
  const fields = applyCustomFields([], input.customFields, context.definitions);
  errors.push(...fields.errors);
  if (errors.length > 0) {
    return { ok: false, errors };
  }
  const createdMs = context.clock();
  const at = new Date(createdMs).toISOString();
  const names = input.defaultFields;
  return {
    ok: true,
    value: {
      id: newId(createdMs),
      externalId: input.externalId ?? null,
      source: input.source ?? 'public-api',
      sourceUrl: input.sourceUrl ?? null,
      defaultFields: {
        firstName: names.firstName,
        lastName: names.lastName ?? null,
        company: names.company ?? null,
        role: names.role ?? null,
        emails: replaceItems([], names.emails ?? [], context.random),
        phoneNumbers: replaceItems([], names.phoneNumbers ?? [], context.random),
      },
      customFields: fields.fields,
      createdAt: at,
      updatedAt: at,
      createdByUserId: input.createdByUserId ?? context.defaultCreatorId,
    },
  };
}

/** `contact` with a patch body that passed the spec applied, `updatedAt` moved on. */
export function patchContact(contact: ApiContact, patch: ApiContactPatch, context: WriteContext): Checked<ApiContact> {
  const fields = applyCustomFields(contact.customFields, patch.customFields, context.definitions);
  if (fields.errors.length > 0) {
    return { ok: false, errors: fields.errors };
  }
  const sent = patch.defaultFields ?? {};
  const current = contact.defaultFields;
  return {
    ok: true,
    value: {
      ...contact,
      externalId: patch.externalId === undefined ? contact.externalId : patch.externalId,
      source: patch.source === undefined ? contact.source : patch.source,
      sourceUrl: patch.sourceUrl === undefined ? contact.sourceUrl : patch.sourceUrl,
      defaultFields: {
        firstName: sent.firstName === undefined ? current.firstName : sent.firstName,
        lastName: sent.lastName === undefined ? current.lastName : sent.lastName,
        company: sent.company === undefined ? current.company : sent.company,
        role: sent.role === undefined ? current.role : sent.role,
        emails: sent.emails === undefined ? current.emails : replaceItems(current.emails, sent.emails, context.random),
        phoneNumbers:
          sent.phoneNumbers === undefined
            ? current.phoneNumbers
            : replaceItems(current.phoneNumbers, sent.phoneNumbers, context.random),
      },
      customFields: fields.fields,
      updatedAt: later(contact.updatedAt, context.clock()),
    },
  };
}

/** Now, or one millisecond after `previous` when the clock has not moved past it: `updatedAt` always moves on. */
export function later(previous: string, nowMs: number): string {
  const before = Date.parse(previous);
  return new Date(Number.isNaN(before) ? nowMs : Math.max(nowMs, before + 1)).toISOString();
}

/** The items sent, in their order: known ids kept, new ids for the rest, `value: null` ones left out. */
function replaceItems(
  current: readonly ApiLabelledValue[],
  sent: readonly ApiLabelledValueInput[],
  random: Random,
): ApiLabelledValue[] {
  const known = new Set(current.flatMap((item) => (item.id === undefined ? [] : [item.id])));
  const taken = new Set(known);
  const used = new Set<string>();
  const result: ApiLabelledValue[] = [];
  for (const item of sent) {
    if (item.value === null) {
      continue;
    }
    let id = item.id;
    if (id === undefined || !known.has(id) || used.has(id)) {
      do {
        id = random.alphanumeric(10);
      } while (taken.has(id));
    }
    taken.add(id);
    used.add(id);
    result.push({ name: item.name, value: item.value, id });
  }
  return result;
}

function applyCustomFields(
  current: readonly ApiCustomField[],
  sent: readonly ApiCustomFieldInput[] | undefined,
  definitions: readonly ApiCustomFieldDefinition[],
): { readonly fields: readonly ApiCustomField[]; readonly errors: readonly ApiErrorDetail[] } {
  if (sent === undefined) {
    return { fields: current, errors: [] };
  }
  const fields = [...current];
  const errors: ApiErrorDetail[] = [];
  sent.forEach((item, i) => {
    const path = `/customFields/${i}`;
    if (item.key === undefined && item.id === undefined) {
      errors.push(detail(`${path}/key`, 'Expected required property', undefined, 'string'));
      return;
    }
    const definition = findCustomFieldDefinition(definitions, item);
    if (!definition) {
      const [name, value] = item.key === undefined ? ['id', item.id] : ['key', item.key];
      errors.push(detail(`${path}/${name}`, 'Expected the key of a custom field of the workspace', value, 'string'));
      return;
    }
    const problem = valueProblem(definition, item.value);
    if (problem) {
      errors.push(detail(`${path}/value`, problem.message, item.value, problem.type));
      return;
    }
    const field = customFieldOf(definition, item.value);
    const at = fields.findIndex((existing) => existing.key === definition.key);
    if (at === -1) {
      fields.push(field);
    } else {
      fields[at] = field;
    }
  });
  return { fields, errors };
}

/** Why `value` does not fit a field of `definition`'s type, or undefined when it does (null always does). */
function valueProblem(definition: ApiCustomFieldDefinition, value: unknown): { message: string; type: string } | undefined {
  if (value === null) {
    return undefined;
  }
  switch (definition.type) {
    case 'address':
    case 'string':
    case 'url':
      return typeof value === 'string' ? undefined : { message: 'Expected string or null', type: 'string' };
    case 'multi-select':
      return Array.isArray(value) && value.every((option) => typeof option === 'string')
        ? undefined
        : { message: 'Expected array of strings or null', type: 'array' };
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { message: 'Expected boolean or null', type: 'boolean' };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : { message: 'Expected number or null', type: 'number' };
    case 'date':
      return typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : { message: "Expected string to match 'date-time' format or null", type: 'string' };
  }
}

function isReservedSource(source: string): boolean {
  const lower = source.toLowerCase();
  return RESERVED_SOURCES.has(lower) || RESERVED_SOURCE_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

function refuse<T>(path: string, message: string, value: unknown, type: string): Checked<T> {
  return { ok: false, errors: [detail(path, message, value, type)] };
}

function detail(path: string, message: string, value: unknown, type: string): ApiErrorDetail {
  return value === undefined ? { path, message, schema: { type } } : { path, message, value, schema: { type } };
}

/** The 400's `message`: each entry's path and text, the body itself called "body". */
export function describeErrors(errors: readonly ApiErrorDetail[]): string {
  return errors.map((error) => `${error.path === '' ? 'body' : error.path.slice(1)}: ${error.message}`).join('; ');
}
