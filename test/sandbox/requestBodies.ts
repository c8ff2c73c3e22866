/**
 * Checks the bodies of writes against the spec's request body schemas (`requestBody` in openapi-v1.extract.json) and
 * words what is wrong as Quo's validator (TypeBox) does: `errors: [{ path, message, value, schema: { type } }]`, one
 * entry per field, at the deepest path that is wrong. The extract is imported rather than read from disk, so the
 * sandbox validates wherever it runs: an extension host's bundle, any working directory.
 */

import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import extract from './spec/openapi-v1.extract.json';
import type { ApiErrorDetail } from './wire.js';

export type WriteOperation = 'createContact_v1' | 'updateContactById_v1';

/** At most this many entries in `errors`: a body of a thousand bad items needs no thousand-entry answer. */
const MAX_ERRORS = 50;

interface ExtractOperations {
  readonly operations: Readonly<Record<string, { readonly requestBody?: object }>>;
}

let validators: Map<WriteOperation, ValidateFunction> | undefined;

/** Compiled on the first write, so a sandbox that is only read from starts as fast as before. */
function validatorFor(operation: WriteOperation): ValidateFunction {
  validators ??= new Map();
  let validate = validators.get(operation);
  if (!validate) {
    const schema = (extract as unknown as ExtractOperations).operations[operation]?.requestBody;
    if (!schema) {
      throw new Error(`the spec extract has no request body for ${operation}`);
    }
    // verbose: each error carries the value and the schema it failed, for `value` and `schema.type`.
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, verbose: true });
    addFormats(ajv);
    validate = ajv.compile(schema);
    validators.set(operation, validate);
  }
  return validate;
}

/** The spec's complaints about `body` as the request body of `operation`; empty when it conforms. */
export function checkRequestBody(operation: WriteOperation, body: unknown): ApiErrorDetail[] {
  const validate = validatorFor(operation);
  return validate(body) ? [] : toDetails(validate.errors ?? []);
}

interface Finding {
  readonly path: string;
  readonly kind: 'required' | 'type' | 'union' | 'other';
  readonly message: string;
  readonly value: unknown;
  readonly type: string;
  /** For `type` findings: the types the schema accepts there. */
  readonly expected?: readonly string[];
}

/** One entry per path, the most specific wording for it, and only the deepest paths: what a client can mark. */
export function toDetails(errors: readonly ErrorObject[]): ApiErrorDetail[] {
  const groups = new Map<string, Finding[]>();
  for (const error of errors) {
    const finding = findingOf(error);
    const group = groups.get(finding.path);
    if (group) {
      group.push(finding);
    } else {
      groups.set(finding.path, [finding]);
    }
  }
  const paths = [...groups.keys()];
  const deepest = paths.filter((path) => !paths.some((other) => other !== path && other.startsWith(`${path}/`)));
  return deepest.slice(0, MAX_ERRORS).map((path) => detailOf(path, groups.get(path) ?? []));
}

function detailOf(path: string, findings: readonly Finding[]): ApiErrorDetail {
  const pick =
    findings.find((finding) => finding.kind === 'required') ?? findings.find((finding) => finding.kind === 'other');
  if (pick) {
    return detail(path, pick.message, pick.value, pick.type);
  }
  const types = [...new Set(findings.flatMap((finding) => finding.expected ?? []))];
  const first = findings[0];
  if (types.length === 0 || first === undefined) {
    return detail(path, 'Expected union value', first?.value, first?.type ?? 'unknown');
  }
  return detail(path, `Expected ${words(types)}`, first.value, types.find((type) => type !== 'null') ?? types[0] ?? 'unknown');
}

function detail(path: string, message: string, value: unknown, type: string): ApiErrorDetail {
  return value === undefined ? { path, message, schema: { type } } : { path, message, value, schema: { type } };
}

/** ['string', 'null'] → "string or null"; three or more → "a, b or c". */
function words(list: readonly string[]): string {
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

function findingOf(error: ErrorObject): Finding {
  const params = error.params as Record<string, unknown>;
  const type = schemaType(error.parentSchema);
  switch (error.keyword) {
    case 'required': {
      const missing = String(params['missingProperty']);
      const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
      return {
        path: `${error.instancePath}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        kind: 'required',
        message: 'Expected required property',
        value: undefined,
        type: schemaType(properties?.[missing]),
      };
    }
    case 'type': {
      const expected = Array.isArray(params['type']) ? (params['type'] as string[]) : [String(params['type'])];
      return { path: error.instancePath, kind: 'type', message: '', value: error.data, type, expected };
    }
    case 'anyOf':
    case 'oneOf':
      return { path: error.instancePath, kind: 'union', message: 'Expected union value', value: error.data, type };
    case 'minLength':
      return other(error, type, `Expected string length greater or equal to ${String(params['limit'])}`);
    case 'maxLength':
      return other(error, type, `Expected string length less or equal to ${String(params['limit'])}`);
    case 'pattern':
      return other(error, type, `Expected string to match '${String(params['pattern'])}'`);
    case 'format':
      return other(error, type, `Expected string to match '${String(params['format'])}' format`);
    default:
      return other(error, type, `Expected value to satisfy '${error.keyword}': ${error.message ?? 'invalid'}`);
  }
}

function other(error: ErrorObject, type: string, message: string): Finding {
  return { path: error.instancePath, kind: 'other', message, value: error.data, type };
}

/** The JSON type a schema stands for: its `type`, or the first non-null type among its branches. */
function schemaType(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) {
    return 'unknown';
  }
  const record = schema as Record<string, unknown>;
  if (typeof record['type'] === 'string') {
    return record['type'];
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const branches = record[key];
    if (Array.isArray(branches)) {
      const types = branches.map(schemaType).filter((type) => type !== 'null' && type !== 'unknown');
      if (types[0] !== undefined) {
        return types[0];
      }
    }
  }
  return 'unknown';
}
