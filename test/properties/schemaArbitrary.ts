/**
 * fast-check arbitraries built from the spec's response schemas (test/sandbox/spec, read through the sandbox's own
 * loader, which also makes a string nullable where its description says when it is null). A body the decoders must
 * take is whatever the schema allows: required fields always, optional ones sometimes absent, nullable ones sometimes
 * null, extra fields where the schema does not forbid them.
 */
import fc from 'fast-check';
import { loadResponseSchemas } from '../sandbox/spec.js';

type Schema = Readonly<Record<string, unknown>>;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

const dateTime = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

function stringFor(schema: Schema): fc.Arbitrary<string> {
  const minLength = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const maxLength = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : undefined;
  const lengthOk = (value: string): boolean => value.length >= minLength && (maxLength === undefined || value.length <= maxLength);
  switch (schema['format']) {
    case 'date-time':
      return dateTime;
    case 'email':
      return fc.emailAddress().filter(lengthOk);
    case 'uri':
      return fc.webUrl().filter(lengthOk);
    case 'uri-reference':
      // A recording's url: absolute, or relative (which is also not https).
      return fc.oneof(fc.webUrl(), fc.webPath(), fc.webUrl().map((url) => url.replace(/^https?:/, 'ftp:'))).filter(lengthOk);
  }
  if (typeof schema['pattern'] === 'string') {
    return fc.stringMatching(new RegExp(schema['pattern'], 'u')).filter(lengthOk);
  }
  return fc.string({ minLength, maxLength: maxLength ?? 40 });
}

/** Objects of several `allOf` parts are merged; the spec uses allOf only that way. */
function merge(parts: readonly unknown[]): Record<string, unknown> {
  return Object.assign({}, ...parts.filter(isSchema)) as Record<string, unknown>;
}

/** Property names an object schema, or any of its parts, declares. */
function declared(schema: unknown): string[] {
  if (!isSchema(schema)) {
    return [];
  }
  const own = isSchema(schema['properties']) ? Object.keys(schema['properties']) : [];
  const parts = [schema['allOf'], schema['anyOf']].flatMap((list) => (Array.isArray(list) ? list.flatMap(declared) : []));
  return [...own, ...parts];
}

/**
 * `extras`: whether fields the schema does not name may be added. Off inside `allOf`, where one part's extra field
 * could be another part's declared one, of the wrong type: the merged object gets its extras once, checked against
 * every part.
 */
export function arbitraryFor(schema: unknown, extras = true): fc.Arbitrary<unknown> {
  if (!isSchema(schema)) {
    return fc.jsonValue();
  }
  if ('const' in schema) {
    return fc.constant(schema['const']);
  }
  if (Array.isArray(schema['enum'])) {
    return fc.constantFrom(...(schema['enum'] as unknown[]));
  }
  if (Array.isArray(schema['anyOf'])) {
    return fc.oneof(...(schema['anyOf'] as unknown[]).map((part) => arbitraryFor(part, extras)));
  }
  if (Array.isArray(schema['allOf'])) {
    const merged = fc.tuple(...(schema['allOf'] as unknown[]).map((part) => arbitraryFor(part, false))).map(merge);
    return extras ? withExtras(merged, new Set(declared(schema))) : merged;
  }
  const type = schema['type'];
  if (Array.isArray(type)) {
    return fc.oneof(...type.map((one: unknown) => arbitraryFor({ ...schema, type: one }, extras)));
  }
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer();
    case 'number':
      return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'string':
      return stringFor(schema);
    case 'array': {
      const minLength = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
      const maxLength = Math.max(minLength, Math.min(typeof schema['maxItems'] === 'number' ? schema['maxItems'] : 4, 4));
      return fc.array(arbitraryFor(schema['items']), { minLength, maxLength });
    }
    case 'object':
    case undefined:
      return objectFor(schema, extras);
  }
  throw new Error(`no arbitrary for schema type ${JSON.stringify(type)}`);
}

function objectFor(schema: Schema, extras: boolean): fc.Arbitrary<unknown> {
  const properties = isSchema(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
  const model = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, arbitraryFor(property)]));
  const record = fc.record(model, { requiredKeys: required.filter((name) => name in model) });
  return extras && schema['additionalProperties'] !== false ? withExtras(record, new Set(declared(schema))) : record;
}

/** What a newer server adds: fields this version of the spec does not name, of any JSON type. */
function withExtras(known: fc.Arbitrary<unknown>, names: ReadonlySet<string>): fc.Arbitrary<unknown> {
  const extra = fc.dictionary(
    fc.string({ minLength: 1, maxLength: 8 }).filter((key) => !names.has(key) && key !== '__proto__'),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 2 },
  );
  return fc.tuple(known, extra).map(([fields, more]) => ({ ...more, ...(fields as object) }));
}

const schemas = loadResponseSchemas();

/** Bodies the spec allows as `operation`'s 200 answer, through JSON as the client reads them. */
export function specBody(operation: string): fc.Arbitrary<unknown> {
  const schema = schemas[operation]?.['200'];
  if (schema === undefined) {
    throw new Error(`no 200 schema for ${operation} in the spec extract`);
  }
  return arbitraryFor(schema).map((body) => JSON.parse(JSON.stringify(body)) as unknown);
}
