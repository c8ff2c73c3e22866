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
  | 'getUserById_v1';

export interface SpecValidator {
  /** The schema's complaints about `body` as the `status` answer of `operation`; empty when it conforms. */
  check(operation: OperationId, status: number, body: unknown): string[];
}

type Schemas = Readonly<Record<string, Readonly<Record<string, object>>>>;

interface ExtractFile {
  readonly operations: Readonly<Record<string, { readonly responses: Readonly<Record<string, object>> }>>;
}

interface OpenApiResponse {
  readonly content: Readonly<Record<string, { readonly schema: object }>>;
}

interface OpenApiYaml {
  readonly paths: Readonly<Record<string, { readonly get: { readonly responses: Readonly<Record<string, OpenApiResponse>> } }>>;
}

/** Response schemas per operation and status, from both spec files. */
export function loadResponseSchemas(): Schemas {
  const read = (file: string): string => {
    try {
      return readFileSync(path.join(SPEC_DIR, file), 'utf8');
    } catch (error) {
      throw new Error(`cannot read ${file} from ${SPEC_DIR}: run from the repository root (${String(error)})`);
    }
  };
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
    schemas[operation] = { ...responses };
  }
  return schemas;
}

export function createSpecValidator(): SpecValidator {
  const schemas = loadResponseSchemas();
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  // OpenAPI's singular `example` is not JSON Schema; declaring it keeps strict mode on for every real typo.
  ajv.addKeyword({ keyword: 'example', schemaType: ['string', 'number', 'boolean', 'array', 'object', 'null'] });
  const compiled = new Map<string, ValidateFunction>();
  return {
    check(operation, status, body) {
      const id = `${operation} ${status}`;
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
