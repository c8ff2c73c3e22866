import assert from 'node:assert/strict';
import { findResourceIds } from '../../src/detect/resourceIds.js';
import { LINE_IDS, USER_IDS } from '../sandbox/generate.js';
import { WEBHOOK_IDS } from '../sandbox/resources.js';

function found(text: string, offset = 0): string[] {
  return findResourceIds(text, offset).map((match) => `${match.kind}:${match.id}@${match.start}-${match.end}`);
}

const ids = (text: string): string[] => findResourceIds(text).map((match) => match.id);

describe('findResourceIds: Quo line, user and webhook ids', () => {
  it('finds every example of the spec, each as its kind', () => {
    for (const [id, kind] of [
      ['US123abc', 'user'],
      ['USlHhXmRMz', 'user'],
      ['PN123bc', 'line'],
      ['PNlja6rrtI', 'line'],
      ['WH12345', 'webhook'],
      ['WHabcd1234', 'webhook'],
    ] as const) {
      assert.deepEqual(found(id), [`${kind}:${id}@0-${id.length}`], id);
    }
  });

  it('finds the sandbox’s lines, users and webhooks', () => {
    const all = [...Object.values(LINE_IDS), ...Object.values(USER_IDS), ...Object.values(WEBHOOK_IDS)];
    assert.deepEqual(ids(all.join(' ')), all);
  });

  it('reads a call.completed payload: the line and the user, not the call, the conversation or the contact', () => {
    const payload = JSON.stringify({
      type: 'call.completed',
      data: {
        object: {
          id: 'ACca1100000000000000000000000001',
          conversationId: 'CN0a1b2c3d4e',
          phoneNumberId: LINE_IDS.main,
          userId: USER_IDS.owner,
          contactIds: ['66d0d87e8dc1211467372303'],
        },
      },
    });
    assert.deepEqual(
      findResourceIds(payload).map((match) => [match.kind, match.id, payload.slice(match.start, match.end)]),
      [
        ['line', LINE_IDS.main, LINE_IDS.main],
        ['user', USER_IDS.owner, USER_IDS.owner],
      ],
    );
  });

  it('finds an id in a Quo inbox link and after punctuation', () => {
    assert.deepEqual(ids(`https://my.quo.com/inbox/${LINE_IDS.main}/c/CN0a1b2c3d4e`), [LINE_IDS.main]);
    assert.deepEqual(ids(`(${USER_IDS.alan}), "${WEBHOOK_IDS.messages}"; <PN12345>`), [USER_IDS.alan, WEBHOOK_IDS.messages, 'PN12345']);
    assert.deepEqual(ids('x-US12345.y'), ['US12345']);
  });

  it('adds the offset to every position', () => {
    assert.deepEqual(found('see PN123bc and US123abc', 100), ['line:PN123bc@104-111', 'user:US123abc@116-124']);
  });

  it('takes 5 to 16 characters after the prefix, no fewer, no more', () => {
    assert.deepEqual(ids('PN1234'), []);
    assert.deepEqual(ids('PN12345'), ['PN12345']);
    assert.deepEqual(ids(`US${'a1'.repeat(8)}`), [`US${'a1'.repeat(8)}`]);
    assert.deepEqual(ids(`US${'a1'.repeat(8)}x`), []);
  });

  it('does not take Twilio’s PN ids (32 hex digits), upper-case words or other prefixes', () => {
    for (const text of [
      'PN0123456789abcdef0123456789abcdef',
      'PNe4a0e1cf4a3d2f5f8e6e1f7f6a3b2c1d',
      'USERNAME',
      'USERS',
      'PNGFILE',
      'WHATEVER',
      'USUALLY',
      'UNITEDSTATES',
      'us123abc',
      'Us123abc',
      'uS123abc',
      'CN123abc',
      'AC123abc',
      'OR1223abc',
      'VMaaff8f317e0c4e',
    ]) {
      assert.deepEqual(ids(text), [], text);
    }
  });

  it('takes an upper-case word once it has a digit and is long enough (cheap until hovered)', () => {
    assert.deepEqual(ids('USA12345 USB3000'), ['USA12345', 'USB3000']);
    // Only 3 characters after the prefix: too short.
    assert.deepEqual(ids('USA12'), []);
  });

  it('needs a whole word: nothing touching an ASCII letter, digit or underscore on either side', () => {
    for (const text of ['xPN123bc', '1PN123bc', '_PN123bc', 'PN123bc_', 'PN123bc_backup', 'user_US123abc']) {
      assert.deepEqual(ids(text), [], text);
    }
    // The prefix itself may repeat: `US123abc` is the tail here.
    assert.deepEqual(ids('USUS123abc'), ['USUS123abc']);
    // Non-ASCII letters are not word characters here, as for the other ids.
    assert.deepEqual(ids('éPN123bcé'), ['PN123bc']);
  });

  it('finds ids side by side and on every line', () => {
    assert.deepEqual(ids('PN123bc,US123abc\nWH12345\r\nWHabcd1234'), ['PN123bc', 'US123abc', 'WH12345', 'WHabcd1234']);
  });

  it('runs again from the start on each call (the global regex keeps no state between calls)', () => {
    const text = 'a PN123bc b';
    assert.deepEqual(found(text), found(text));
    assert.deepEqual(found('PN123bc'), ['line:PN123bc@0-7']);
  });

  it('scans megabytes of look-alikes in linear time', () => {
    const texts = [
      'US'.repeat(1_000_000),
      `${'USAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA '.repeat(60_000)}`,
      'PN0123456789abcdef0123456789abcdef '.repeat(60_000),
      'a'.repeat(2_000_000),
    ];
    for (const text of texts) {
      const started = performance.now();
      assert.deepEqual(findResourceIds(text), []);
      assert.ok(performance.now() - started < 1500, `${text.slice(0, 20)}…: ${Math.round(performance.now() - started)} ms`);
    }
  });
});
