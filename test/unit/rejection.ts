import assert from 'node:assert/strict';
import { DecodeError } from '../../src/quo/decodeJson.js';
import { QuoError } from '../../src/quo/errors.js';

/** The QuoError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<QuoError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof QuoError, `expected a QuoError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the promise to reject');
}

/** The DecodeError a decoder throws; fails the test if it returns or throws anything else. */
export function decodeFailure(decode: () => unknown): DecodeError {
  try {
    decode();
  } catch (error) {
    assert.ok(error instanceof DecodeError, `expected a DecodeError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a DecodeError');
}
