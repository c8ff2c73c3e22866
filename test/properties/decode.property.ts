import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decodeCallPage,
  decodeCallResponse,
  decodeCallSummaryResponse,
  decodeCallTranscriptResponse,
  decodeMessagePage,
  decodeMessageResponse,
} from '../../src/quo/decodeActivity.js';
import {
  decodeContactPage,
  decodeContactResponse,
  decodeCustomFieldDefinitions,
} from '../../src/quo/decodeContacts.js';
import { DecodeError } from '../../src/quo/decodeJson.js';
import { decodePhoneNumbers, decodeUserResponse } from '../../src/quo/decodeWorkspace.js';
import { createSpecValidator, type OperationId } from '../sandbox/spec.js';
import { propertySuite } from './harness.js';
import { specBody } from './schemaArbitrary.js';

/** Each operation the client reads, with the decoder its answer goes through. */
const DECODERS: ReadonlyArray<readonly [OperationId, (body: unknown) => unknown]> = [
  ['getContactById_v1', decodeContactResponse],
  ['listContacts_v1', decodeContactPage],
  ['getContactCustomFields_v1', decodeCustomFieldDefinitions],
  ['listPhoneNumbers_v1', decodePhoneNumbers],
  ['getUserById_v1', decodeUserResponse],
  ['listCalls_v1', decodeCallPage],
  ['getCallById_v1', decodeCallResponse],
  ['listMessages_v1', decodeMessagePage],
  ['getMessageById_v1', decodeMessageResponse],
  ['getCallSummary_v1', decodeCallSummaryResponse],
  ['getCallTranscript_v1', decodeCallTranscriptResponse],
];

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

function decodesOrNamesAPath(decode: (body: unknown) => unknown, body: unknown): void {
  try {
    decode(body);
  } catch (error) {
    assert.ok(error instanceof DecodeError, `threw ${String(error)}`);
    assert.match(error.path, /^(?:body|data|nextPageToken)\b/);
    assert.ok(error.message.startsWith(`${error.path}: expected `));
  }
}

const decoderIndex = fc.nat({ max: DECODERS.length - 1 });

propertySuite('Properties: decoders', [
  {
    name: 'every decoder returns a value or throws a DecodeError naming a path on any JSON, never a TypeError or RangeError',
    runs: 3000,
    property: () => fc.property(decoderIndex, fc.oneof(fc.jsonValue(), fc.record({ data: fc.jsonValue() }), fc.record({ data: fc.array(fc.jsonValue()) })), (index, body) => {
      decodesOrNamesAPath(DECODERS[index][1], body);
    }),
  },
  {
    name: 'every decoder returns a value or throws a DecodeError naming a path on a spec-valid body with one value replaced',
    runs: 1500,
    property: () => fc.property(
      decoderIndex.chain((index) => fc.tuple(fc.constant(index), specBody(DECODERS[index][0]))),
      fc.jsonValue({ maxDepth: 2 }),
      fc.nat(),
      ([index, body], replacement, pick) => {
        decodesOrNamesAPath(DECODERS[index][1], mutated(body, replacement, pick));
      },
    ),
  },
  ...DECODERS.map(([operation, decode]) => ({
    name: `every spec-valid ${operation} body decodes, the fields its descriptions say may be null set to null included`,
    runs: 300,
    property: () => fc.property(specBody(operation), (body) => {
      assert.deepEqual(validator.check(operation, 200, body), [], 'the generator made a body the spec refuses');
      decode(body);
    }),
  })),
]);
