import assert from 'node:assert/strict';
import { keyFormatProblem } from '../../src/auth/keyFormat.js';

describe('API key format', () => {
  it('accepts visible ASCII', () => {
    assert.equal(keyFormatProblem('sk_live_ABC-123.xyz~!'), undefined);
  });

  for (const [name, key] of [
    ['a trailing line feed', 'sk_live_SECRET123\n'],
    ['a carriage return inside', 'sk_live_SEC\rRET123'],
    ['a space', 'sk_live SECRET123'],
    ['a tab', 'sk_live\tSECRET123'],
    ['a non-ASCII letter', 'sk_live_SÉCRET123'],
    ['a zero-width space', 'sk_live_\u200bSECRET123'],
  ] as const) {
    it(`refuses ${name} without repeating the key`, () => {
      const problem = keyFormatProblem(key);
      assert.ok(problem, 'refused');
      assert.doesNotMatch(problem, /SECRET|SEC|RET123/);
      assert.doesNotMatch(problem, /sk_live/);
    });
  }

  it('says where the line break is', () => {
    assert.match(keyFormatProblem('abcd\nefgh') ?? '', /line break at position 5/);
  });
});
