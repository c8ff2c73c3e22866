import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findResourceIds, type ResourceIdKind } from '../../src/detect/resourceIds.js';
import { DecodeError } from '../../src/quo/decodeJson.js';
import {
  decodeCallRecordingsResponse,
  decodeCallVoicemailResponse,
  decodePhoneNumberResponse,
  decodeTeammateResponse,
  decodeWebhookResponse,
  decodeWebhooks,
} from '../../src/quo/decodeResources.js';
import type { Webhook } from '../../src/quo/resourceTypes.js';
import { createSpecValidator, type OperationId } from '../sandbox/spec.js';
import { hostileText } from './arbitraries.js';
import { propertySuite } from './harness.js';
import { specBody } from './schemaArbitrary.js';

type Json = Record<string, unknown>;

/** Each operation of issue 29 the client will read, its decoder, and what the decoded value must keep of the body. */
const DECODERS: ReadonlyArray<readonly [OperationId, (body: unknown) => unknown, (body: Json, decoded: unknown) => void]> = [
  [
    'getPhoneNumberById_v1',
    decodePhoneNumberResponse,
    (body, decoded) => {
      const line = body['data'] as Json;
      const read = decoded as { id: string; number: string; name: string | null; users: { id: string }[] };
      assert.deepEqual(
        [read.id, read.number, read.name, read.users.map((user) => user.id)],
        [line['id'], line['number'], line['name'], (line['users'] as Json[]).map((user) => user['id'])],
      );
    },
  ],
  [
    'getUserById_v1',
    decodeTeammateResponse,
    (body, decoded) => {
      const user = body['data'] as Json;
      const read = decoded as Json;
      for (const key of ['id', 'firstName', 'lastName', 'email', 'role']) {
        assert.equal(read[key], user[key], key);
      }
    },
  ],
  ['getWebhookById_v1', decodeWebhookResponse, (body, decoded) => checkWebhook(body['data'] as Json, decoded as Webhook)],
  [
    'listWebhooks_v1',
    decodeWebhooks,
    (body, decoded) => {
      const items = body['data'] as Json[];
      const read = decoded as Webhook[];
      assert.equal(read.length, items.length);
      items.forEach((item, i) => checkWebhook(item, read[i]));
    },
  ],
  [
    'getCallRecordings_v1',
    decodeCallRecordingsResponse,
    (body, decoded) => {
      const segments = body['data'] as Json[];
      const read = decoded as Json[];
      assert.equal(read.length, segments.length);
      segments.forEach((segment, i) => {
        for (const key of ['id', 'url', 'type', 'duration', 'status', 'startTime']) {
          assert.equal(read[i]?.[key], segment[key], key);
        }
      });
    },
  ],
  [
    'getCallVoicemails_v1',
    decodeCallVoicemailResponse,
    (body, decoded) => {
      const voicemail = body['data'] as Json;
      const read = decoded as Json;
      for (const key of ['status', 'transcript', 'recordingUrl', 'duration', 'id']) {
        assert.equal(read[key], voicemail[key], key);
      }
    },
  ],
];

/** What a decoded webhook holds: exactly these fields, as Quo sent them. Never the key. */
const WEBHOOK_FIELDS = ['deletedAt', 'events', 'id', 'label', 'resourceIds', 'status', 'url'];

function checkWebhook(sent: Json, read: Webhook): void {
  assert.deepEqual(Object.keys(read).sort(), WEBHOOK_FIELDS);
  assert.deepEqual(
    [read.id, read.label, read.url, read.events, read.status, read.resourceIds, read.deletedAt],
    [sent['id'], sent['label'], sent['url'], sent['events'], sent['status'], sent['resourceIds'], sent['deletedAt']],
  );
}

const validator = createSpecValidator();

/** A spec-valid body with one value somewhere in it replaced by any JSON: the drift a server could send. */
function mutated(body: unknown, replacement: unknown, pick: number): unknown {
  const slots: Array<(value: unknown) => void> = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        slots.push((next) => {
          (value as Record<string, unknown>)[key] = next;
        });
        visit((value as Record<string, unknown>)[key]);
      }
    }
  };
  visit(body);
  if (slots.length > 0) {
    slots[pick % slots.length](replacement);
  }
  return body;
}

function decodesOrNamesAPath(decode: (body: unknown) => unknown, body: unknown): unknown {
  try {
    return decode(body);
  } catch (error) {
    assert.ok(error instanceof DecodeError, `threw ${String(error)}`);
    assert.match(error.path, /^(?:body|data)\b/);
    assert.ok(error.message.startsWith(`${error.path}: expected `));
    return undefined;
  }
}

const decoderIndex = fc.nat({ max: DECODERS.length - 1 });

/** The reference: split on everything that is not `[A-Za-z0-9_]`, keep the words of the shape. */
const WHOLE_WORD = /^(PN|US|WH)[A-Za-z0-9]{5,16}$/;
const KIND_OF: Readonly<Record<string, ResourceIdKind>> = { PN: 'line', US: 'user', WH: 'webhook' };

function reference(text: string): { kind: ResourceIdKind; id: string; start: number; end: number }[] {
  const found: { kind: ResourceIdKind; id: string; start: number; end: number }[] = [];
  const word = /[A-Za-z0-9_]+/g;
  let match: RegExpExecArray | null;
  while ((match = word.exec(text)) !== null) {
    const shaped = WHOLE_WORD.exec(match[0]);
    const prefix = shaped?.[1];
    if (prefix !== undefined && /[a-z0-9]/.test(match[0].slice(2))) {
      found.push({ kind: KIND_OF[prefix], id: match[0], start: match.index, end: match.index + match[0].length });
    }
  }
  return found;
}

const ALNUM = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];

/** An id of the shape: a prefix, then 5 to 16 letters or digits with at least one digit or lower-case letter. */
const resourceId: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('PN', 'US', 'WH'),
    fc.array(fc.constantFrom(...ALNUM), { minLength: 4, maxLength: 15 }),
    fc.constantFrom(...'abcxyz0189'),
    fc.nat(),
  )
  .map(([prefix, rest, needed, at]) => {
    const tail = [...rest];
    tail.splice(at % (tail.length + 1), 0, needed);
    return prefix + tail.join('');
  });

/** Words that look like ids and are not, or are only with what is around them. */
const lookAlike: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('USERNAME', 'PNGFILE', 'WHATEVER', 'USA', 'US', 'PN', 'WH', 'us123abc', 'CN123abc', 'AC123abc', 'USERS_1'),
  fc.stringMatching(/^PN[0-9a-f]{32}$/),
  fc.stringMatching(/^(PN|US|WH)[A-Z]{5,16}$/),
  fc.stringMatching(/^(PN|US|WH)[A-Za-z0-9]{0,4}$/),
  fc.stringMatching(/^(PN|US|WH)[A-Za-z0-9]{17,24}$/),
);

const separator = fc.constantFrom(' ', '\n', '"', ',', ':', '/', '_', '-', '.', '(', ')', 'é', '\u00a0', '', 'x', '9');

/** Text of ids, look-alikes, hostile pieces and separators, some of which glue words together. */
const idText: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.oneof(resourceId, lookAlike, hostileText), separator), { maxLength: 30 })
  .map((pieces) => pieces.map(([piece, sep]) => piece + sep).join(''));

propertySuite('Properties: issue 29 decoders and id shapes', [
  {
    name: 'every resource decoder returns a value or throws a DecodeError naming a path on any JSON',
    runs: 2000,
    property: () => fc.property(decoderIndex, fc.oneof(fc.jsonValue(), fc.record({ data: fc.jsonValue() }), fc.record({ data: fc.array(fc.jsonValue()) })), (index, body) => {
      decodesOrNamesAPath(DECODERS[index][1], body);
    }),
  },
  {
    name: 'every resource decoder returns a value or throws a DecodeError naming a path on a spec-valid body with one value replaced',
    runs: 1000,
    property: () => fc.property(
      decoderIndex.chain((index) => fc.tuple(fc.constant(index), specBody(DECODERS[index][0]))),
      fc.jsonValue({ maxDepth: 2 }),
      fc.nat(),
      ([index, body], replacement, pick) => {
        decodesOrNamesAPath(DECODERS[index][1], mutated(body, replacement, pick));
      },
    ),
  },
  ...DECODERS.map(([operation, decode, keeps]) => ({
    name: `every spec-valid ${operation} body decodes and keeps what the extension reads${operation.includes('Webhook') ? ', never the key' : ''}`,
    runs: 300,
    property: () => fc.property(specBody(operation), (body) => {
      assert.deepEqual(validator.check(operation, 200, body), [], 'the generator made a body the spec refuses');
      const decoded = decode(body);
      // Unknown enum values read as `unknown`; the generator only makes known ones, so every kept field is as sent.
      keeps(body as Json, decoded);
    }),
  })),
  {
    name: 'findResourceIds finds exactly the whole words of the shape, each with its kind and range',
    runs: 1500,
    property: () => fc.property(idText, (text) => {
      const found = findResourceIds(text);
      assert.deepEqual(found, reference(text));
      for (const match of found) {
        assert.equal(text.slice(match.start, match.end), match.id);
      }
    }),
  },
  {
    name: 'findResourceIds finds every id of the shape standing alone, and shifts by the offset given',
    runs: 1000,
    property: () => fc.property(resourceId, fc.constantFrom(' ', '"', '/', '\n', '(', ''), fc.nat({ max: 1_000_000 }), (id, around, offset) => {
      const text = `${around}${id}${around}`;
      assert.deepEqual(findResourceIds(text, offset), [
        { kind: KIND_OF[id.slice(0, 2)], id, start: offset + around.length, end: offset + around.length + id.length },
      ]);
    }),
  },
  {
    name: 'findResourceIds never takes a look-alike, nor an id glued to a letter, digit or underscore',
    runs: 1000,
    property: () => fc.property(lookAlike, resourceId, fc.constantFrom('a', 'Z', '0', '_'), fc.boolean(), (alike, id, glue, before) => {
      const lone = /[a-z0-9]/.test(alike.slice(2)) && WHOLE_WORD.test(alike);
      assert.deepEqual(findResourceIds(` ${alike} `).length, lone ? 1 : 0, alike);
      // After the id, a letter or digit could make a longer id of the shape: glue it to one already 16 long.
      const longest = `${id}${'a'.repeat(18 - id.length)}`;
      assert.deepEqual(findResourceIds(before ? `${glue}${id}` : `${longest}${glue}`), []);
      assert.deepEqual(findResourceIds(`${id}_`), []);
    }),
  },
]);
