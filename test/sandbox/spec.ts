/**
 * Validates bodies against the spec files copied into ./spec, so a test can check any response (or fixture) against
 * what Quo documents. OpenAPI 3.1 schemas are JSON Schema 2020-12 plus the `example` keyword.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** Relative to the repository root, where npm scripts and mocha run. */
export const SPEC_DIR = path.resolve('test', 'sandbox', 'spec');

export type OperationId =
  | 'getContactById_v1'
  | 'listContacts_v1'
  | 'getContactCustomFields_v1'
  | 'listPhoneNumbers_v1'
  | 'listUsers_v1'
  | 'getUserById_v1'
  | 'listCalls_v1'
  | 'getCallById_v1'
  | 'listMessages_v1'
  | 'getMessageById_v1'
  | 'getCallSummary_v1'
  | 'getCallTranscript_v1'
  | 'getPhoneNumberById_v1'
  | 'getCallRecordings_v1'
  | 'getCallVoicemails_v1'
  | 'listWebhooks_v1'
  | 'getWebhookById_v1'
  | 'createContact_v1'
  | 'updateContactById_v1'
  | 'deleteContact_v1';

export interface SpecValidator {
  /**
   * The schema's complaints about `body` as the `status` answer of `operation`; empty when it conforms. A status the
   * spec documents without a body (deleteContact_v1's 204) conforms only with no body at all (`undefined`).
   */
  check(operation: OperationId, status: number, body: unknown): string[];
  /**
   * The spec's complaints about a request's query string for `operation`: a required parameter missing, one it does
   * not document, a value its schema refuses (arrays as repeated keys, as Quo reads them). Empty when it conforms.
   */
  checkQuery(operation: OperationId, query: URLSearchParams): string[];
}

interface Parameter {
  readonly in: string;
  readonly name: string;
  readonly required?: boolean;
  readonly schema: { readonly type?: string } & Record<string, unknown>;
}

type Schemas = Readonly<Record<string, Readonly<Record<string, object>>>>;

interface ExtractFile {
  readonly operations: Readonly<
    Record<
      string,
      {
        readonly parameters?: readonly Parameter[];
        /** The application/json request body's schema, for the writes. */
        readonly requestBody?: object;
        /** null: the status is documented without a body. */
        readonly responses: Readonly<Record<string, object | null>>;
      }
    >
  >;
}

interface OpenApiResponse {
  readonly content: Readonly<Record<string, { readonly schema: object }>>;
}

interface OpenApiYaml {
  readonly paths: Readonly<Record<string, { readonly get: { readonly responses: Readonly<Record<string, OpenApiResponse>> } }>>;
}

function read(file: string): string {
  try {
    return readFileSync(path.join(SPEC_DIR, file), 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file} from ${SPEC_DIR}: run from the repository root (${String(error)})`);
  }
}

/** Query parameters per operation of the extract (get-contact-by-id takes none). */
export function loadQueryParameters(): Readonly<Record<string, readonly Parameter[]>> {
  const extract = JSON.parse(read('openapi-v1.extract.json')) as ExtractFile;
  return Object.fromEntries(
    Object.entries(extract.operations).map(([operation, { parameters }]) => [
      operation,
      (parameters ?? []).filter((parameter) => parameter.in === 'query'),
    ]),
  );
}

/** "Null for incoming messages.", "Null if never updated.": a description saying when the field is null. */
const NULL_WHEN = /\bNull (?:for|if|when)\b/;

/**
 * Makes a string property nullable where its description says when it is null but its schema forgot to: the
 * message's `userId` ("Null for incoming messages.") is typed a plain string, and Quo sends null there. A body is
 * held to the whole spec, descriptions included, so the sandbox can send what Quo sends and still be checked.
 */
function nullableWhereDescribed(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(nullableWhereDescribed);
  }
  if (typeof schema !== 'object' || schema === null) {
    return schema;
  }
  const entries = Object.entries(schema).map(([key, value]) => [key, nullableWhereDescribed(value)] as const);
  const copy: Record<string, unknown> = Object.fromEntries(entries);
  const properties = copy['properties'];
  if (typeof properties === 'object' && properties !== null) {
    copy['properties'] = Object.fromEntries(
      Object.entries(properties).map(([name, property]: [string, { type?: unknown; description?: unknown }]) => [
        name,
        property.type === 'string' && typeof property.description === 'string' && NULL_WHEN.test(property.description)
          ? { anyOf: [property, { type: 'null' }] }
          : property,
      ]),
    );
  }
  return copy;
}

/** Response schemas per operation and status, from both spec files, nullable where their descriptions say so. */
export function loadResponseSchemas(): Schemas {
  const seed = parse(read('get-contact-by-id.openapi.yaml')) as OpenApiYaml;
  const getContact = seed.paths['/v1/contacts/{id}']?.get.responses ?? {};
  const extract = JSON.parse(read('openapi-v1.extract.json')) as ExtractFile;
  const schemas: Record<string, Record<string, object>> = {
    getContactById_v1: Object.fromEntries(
      Object.entries(getContact).map(([status, response]) => [
        status,
        response.content['application/json']?.schema ?? {},
      ]),
    ),
  };
  for (const [operation, { responses }] of Object.entries(extract.operations)) {
    schemas[operation] = Object.fromEntries(
      Object.entries(responses).filter((entry): entry is [string, object] => entry[1] !== null),
    );
  }
  return nullableWhereDescribed(schemas) as Schemas;
}

/** `operation status` for each status the extract documents without a body, such as deleteContact_v1's 204. */
export function loadBodilessResponses(): ReadonlySet<string> {
  const extract = JSON.parse(read('openapi-v1.extract.json')) as ExtractFile;
  return new Set(
    Object.entries(extract.operations).flatMap(([operation, { responses }]) =>
      Object.entries(responses)
        .filter(([, schema]) => schema === null)
        .map(([status]) => `${operation} ${status}`),
    ),
  );
}

export function createSpecValidator(): SpecValidator {
  const schemas = loadResponseSchemas();
  const bodiless = loadBodilessResponses();
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  // OpenAPI's singular `example` is not JSON Schema; declaring it keeps strict mode on for every real typo.
  ajv.addKeyword({ keyword: 'example', schemaType: ['string', 'number', 'boolean', 'array', 'object', 'null'] });
  const compiled = new Map<string, ValidateFunction>();
  const parameters = loadQueryParameters();
  const compiledParameters = new Map<string, ValidateFunction>();
  const validateParameter = (operation: string, parameter: Parameter): ValidateFunction => {
    const id = `${operation} ?${parameter.name}`;
    let validate = compiledParameters.get(id);
    if (!validate) {
      validate = ajv.compile(parameter.schema);
      compiledParameters.set(id, validate);
    }
    return validate;
  };
  return {
    checkQuery(operation, query) {
      const documented = parameters[operation] ?? [];
      const problems: string[] = [];
      for (const name of new Set(query.keys())) {
        if (!documented.some((parameter) => parameter.name === name)) {
          problems.push(`?${name} is not a parameter of ${operation}`);
        }
      }
      for (const parameter of documented) {
        const values = query.getAll(parameter.name);
        if (values.length === 0) {
          if (parameter.required) {
            problems.push(`?${parameter.name} is required`);
          }
          continue;
        }
        const type = parameter.schema.type;
        if (type !== 'array' && values.length > 1) {
          problems.push(`?${parameter.name} is given ${values.length} times`);
          continue;
        }
        const raw = values[0];
        const value = type === 'array' ? values : type === 'integer' || type === 'number' ? Number(raw) : raw;
        const validate = validateParameter(operation, parameter);
        if (!validate(value)) {
          for (const error of validate.errors ?? []) {
            problems.push(`?${parameter.name}${error.instancePath} ${error.message ?? 'is invalid'}`);
          }
        }
      }
      return problems;
    },
    check(operation, status, body) {
      const id = `${operation} ${status}`;
      if (bodiless.has(id)) {
        return body === undefined ? [] : [`the spec documents the ${status} answer of ${operation} without a body`];
      }
      let validate = compiled.get(id);
      if (!validate) {
        const schema = schemas[operation]?.[String(status)];
        if (!schema) {
          return [`the spec documents no ${status} answer for ${operation}`];
        }
        validate = ajv.compile(schema);
        compiled.set(id, validate);
      }
      return validate(body)
        ? []
        : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
    },
  };
}
