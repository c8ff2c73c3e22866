import assert from 'node:assert/strict';
import { createDetector, type DetectedId } from '../../src/detect/detector.js';
import { compileCustomPattern, countCaptureGroups, hasNestedRepetition } from '../../src/detect/customPattern.js';
import { CUSTOM_WINDOW_OVERLAP, CUSTOM_WINDOW_SIZE } from '../../src/detect/customPatternRunner.js';
import { scanVisibleTexts } from '../../src/detect/visibleText.js';
import { CURSOR_RADIUS, slidingWindows, windowAround } from '../../src/detect/window.js';

const ID = '66d0d87e8dc1211467372303';
const ID2 = '5f9b2c1a0e4d3b2a1c0f9e8d';
const SHA1 = '3b18e512dba79e4c8300dd08aeb37f8e728b8dad';

const { detector } = createDetector();

/** `kind:id@start-end` for compact, exact assertions. */
function found(text: string, offset?: number): string[] {
  return detector.findAll(text, offset).map((m) => `${m.kind}:${m.id}@${m.start}-${m.end}`);
}

function ids(text: string): string[] {
  return detector.findAll(text).map((m) => m.id);
}

describe('detector: bare ids', () => {
  it('finds a lone id with its exact range', () => {
    assert.deepEqual(found(ID), [`id:${ID}@0-24`]);
    const [match] = detector.findAll(`x = ${ID};`);
    assert.deepEqual(match, { kind: 'id', id: ID, start: 4, end: 28, idStart: 4, idEnd: 28 });
  });

  it('reports several ids in order and adds the offset', () => {
    assert.deepEqual(found(`${ID},${ID2} ${ID}`, 100), [
      `id:${ID}@100-124`,
      `id:${ID2}@125-149`,
      `id:${ID}@150-174`,
    ]);
  });

  it('finds the id in minified JSON', () => {
    const json = `{"contactId":"${ID}","other":{"ids":["${ID2}"]}}`;
    assert.deepEqual(found(json), [`id:${ID}@14-38`, `id:${ID2}@57-81`]);
  });

  it('finds ids in a one-line log among timestamps, hashes and uuids', () => {
    const log =
      `2025-11-26T21:54:03.123Z level=info trace=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ` +
      `commit=${SHA1} req=123e4567-e89b-12d3-a456-426614174000 contact=${ID} dur=12ms|contactId:${ID2}`;
    assert.deepEqual(ids(log), [ID, ID2]);
  });

  it('does not take part of a longer hex run: 25 hex digits, a git SHA, a SHA-256', () => {
    assert.deepEqual(ids(`${ID}a`), []);
    assert.deepEqual(ids(`0${ID}`), []);
    assert.deepEqual(ids(SHA1), []);
    assert.deepEqual(ids(`${SHA1} ${SHA1.slice(0, 24)}x`), []);
    assert.deepEqual(ids('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'), []);
  });

  it('does not match uuids, dashed or not', () => {
    assert.deepEqual(ids('123e4567-e89b-12d3-a456-426614174000'), []);
    assert.deepEqual(ids('123e4567e89b12d3a456426614174000'), []);
  });

  it('needs exactly 24 digits', () => {
    assert.deepEqual(ids(ID.slice(0, 23)), []);
    assert.deepEqual(ids(`${ID.slice(0, 23)} ${ID}`), [ID]);
  });

  it('rejects upper-case and mixed-case hex (real ids are lower case)', () => {
    assert.deepEqual(ids(ID.toUpperCase()), []);
    assert.deepEqual(ids(`66D0d87e8dc1211467372303`), []);
    assert.deepEqual(ids(`F${ID}`), []);
  });

  it('treats letters and digits as joined but _ - . / : as separators', () => {
    assert.deepEqual(ids(`x${ID}`), []);
    assert.deepEqual(ids(`${ID}g`), []);
    assert.deepEqual(ids(`0x${ID}`), []);
    for (const separator of ['_', '-', '.', '/', ':', '=', '"', "'", '`', '(', '[', '\t']) {
      assert.deepEqual(ids(`contact${separator}${ID}${separator}v2`), [ID], `separator ${JSON.stringify(separator)}`);
    }
  });

  it('finds an id right at the start and the end of the text', () => {
    assert.deepEqual(found(`${ID} ${ID2}`), [`id:${ID}@0-24`, `id:${ID2}@25-49`]);
  });
});

describe('detector: links', () => {
  const hosts = [
    'https://my.quo.com',
    'https://quo.com',
    'https://openphone.co',
    'https://app.openphone.com',
    'https://my.openphone.com',
    'http://my.quo.com',
    'https://api.quo.com/v1',
    'https://api.openphone.com/v1',
    'https://my.quo.com:443',
    'my.quo.com',
    'HTTPS://MY.QUO.COM',
  ];
  for (const host of hosts) {
    it(`reads ${host}/contacts/<id>`, () => {
      const text = `see ${host}/contacts/${ID} now`;
      assert.deepEqual(found(text), [`link:${ID}@4-${4 + host.length + 10 + 24}`]);
    });
  }

  it('reports the id range inside the link', () => {
    const [match] = detector.findAll(`[open](https://my.quo.com/contacts/${ID})`);
    assert.deepEqual(match, { kind: 'link', id: ID, start: 7, end: 59, idStart: 35, idEnd: 59 });
  });

  it('takes any opaque id segment, up to / ? # or whitespace', () => {
    assert.deepEqual(ids('https://my.quo.com/contacts/CT_ab-12.x/edit'), ['CT_ab-12.x']);
    assert.deepEqual(ids('https://my.quo.com/contacts/abc?tab=notes'), ['abc']);
    assert.deepEqual(ids('https://my.quo.com/contacts/abc#top'), ['abc']);
    assert.deepEqual(ids('https://my.quo.com/contacts/abc\tdef'), ['abc']);
  });

  it('stops at quotes, brackets and sentence punctuation', () => {
    assert.deepEqual(ids(`"https://my.quo.com/contacts/abc"`), ['abc']);
    assert.deepEqual(ids(`<https://my.quo.com/contacts/abc>`), ['abc']);
    assert.deepEqual(ids(`(https://my.quo.com/contacts/abc).`), ['abc']);
    assert.deepEqual(ids(`See https://my.quo.com/contacts/abc.`), ['abc']);
    assert.deepEqual(ids(`https://my.quo.com/contacts/abc, https://my.quo.com/contacts/def!`), ['abc', 'def']);
  });

  it('percent-decodes the id but reports where it is written', () => {
    const [match] = detector.findAll('https://my.quo.com/contacts/a%2Fb%20c');
    assert.equal(match?.id, 'a/b c');
    assert.equal(match?.idEnd, 'https://my.quo.com/contacts/a%2Fb%20c'.length);
    assert.deepEqual(ids('https://my.quo.com/contacts/bad%zz'), ['bad%zz']);
  });

  it('reports a 24-hex id inside a link once, as the link', () => {
    assert.deepEqual(found(`https://my.quo.com/contacts/${ID}`), [`link:${ID}@0-52`]);
  });

  it('ignores other hosts, look-alike hosts and other paths', () => {
    assert.deepEqual(ids('https://example.com/contacts/abc'), []);
    assert.deepEqual(ids('https://notquo.com/contacts/abc'), []);
    assert.deepEqual(ids('https://quo.com.evil.io/contacts/abc'), []);
    assert.deepEqual(ids('mailto:me@quo.com/contacts/abc'), []);
    assert.deepEqual(ids('https://my.quo.com/contact/abc'), []);
    assert.deepEqual(ids('https://my.quo.com/inbox/PN123/c/CN456'), []);
    assert.deepEqual(ids('https://my.quo.com/contacts/'), []);
    assert.deepEqual(ids('https://my.quo.com/contacts/ next'), []);
    assert.deepEqual(ids(`fetch('/v1/contacts/' + id)`), []);
  });

  it('still finds a bare id in a link to another host', () => {
    assert.deepEqual(found(`https://example.com/contacts/${ID}`), [`id:${ID}@29-53`]);
  });
});

describe('detector: custom patterns', () => {
  it('finds ids with a valid pattern and reports the group range', () => {
    const { detector: custom, problems } = createDetector({ patterns: ['\\bcust_([A-Z0-9]{8})\\b'] });
    assert.deepEqual(problems, []);
    const matches = custom.findAll(`a cust_AB12CD34 b cust_AB12CD345 ${ID}`);
    assert.deepEqual(
      matches.map((m) => [m.kind, m.id, m.start, m.end, m.idStart, m.idEnd]),
      [
        ['custom', 'AB12CD34', 2, 15, 7, 15],
        ['id', ID, 33, 57, 33, 57],
      ],
    );
  });

  it('accepts a named group and extra non-capturing groups', () => {
    const { detector: custom, problems } = createDetector({ patterns: ['(?:contact|person)[:=](?<id>\\d{4,})'] });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      custom.findAll('person=12345 contact:99').map((m) => m.id),
      ['12345'],
    );
  });

  it('reports each bad pattern once and keeps the good ones', () => {
    const { detector: custom, problems } = createDetector({
      patterns: ['(unclosed', 'no-group', '(two)(groups)', '(\\d*)', '', 42, 'ok=(\\d+)'],
    });
    assert.equal(problems.length, 6);
    assert.match(problems[0], /"\(unclosed" ignored: it is not a valid regular expression/);
    assert.match(problems[1], /"no-group".*exactly one capture group.*has 0/);
    assert.match(problems[2], /"\(two\)\(groups\)".*exactly one capture group.*has 2/);
    assert.match(problems[3], /"\(\\\\d\*\)".*empty string/);
    assert.match(problems[4], /is empty/);
    assert.match(problems[5], /"42".*not a string/);
    assert.deepEqual(custom.findAll('ok=7').map((m) => m.id), ['7']);
  });

  it('refuses patterns that can match an empty string only in context', () => {
    const check = compileCustomPattern('(?<=id: )(\\w*)');
    assert.equal(check.ok, false);
  });

  it('skips empty captures and zero-length matches at run time', () => {
    const { detector: custom, problems } = createDetector({ patterns: ['ref(?:=(\\w+))?;'] });
    assert.deepEqual(problems, []);
    assert.deepEqual(custom.findAll('ref; ref=abc;').map((m) => m.id), ['abc']);
  });

  it('refuses nested repetition like (a+)+$ before it ever runs', () => {
    const { problems } = createDetector({ patterns: ['(a+)+$'] });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /exponential/);
  });

  it('de-duplicates identical patterns', () => {
    const { detector: custom } = createDetector({ patterns: ['id=(\\d+)', 'id=(\\d+)'] });
    custom.findAll('id=1');
    assert.equal(custom.stats.customWindows, 1);
  });

  it('scans a 1 MB line in bounded windows and finds matches at window seams exactly once', () => {
    const { detector: custom } = createDetector({ patterns: ['ticket-(\\d{6})'] });
    const step = CUSTOM_WINDOW_SIZE - CUSTOM_WINDOW_OVERLAP;
    // One match inside the overlap (both windows see it whole), one across the first window's hard end.
    const inOverlap = step + 8;
    const acrossEnd = CUSTOM_WINDOW_SIZE - 5;
    let text = 'x'.repeat(1_000_000);
    for (const at of [inOverlap, acrossEnd]) {
      text = `${text.slice(0, at)}ticket-123456${text.slice(at + 13)}`;
    }
    assert.deepEqual(
      custom.findAll(text).map((m) => [m.id, m.start]),
      [
        ['123456', inOverlap],
        ['123456', acrossEnd],
      ],
    );
    const windows = Math.ceil((text.length - CUSTOM_WINDOW_OVERLAP) / step);
    assert.equal(custom.stats.customWindows, windows);
    assert.equal(custom.stats.largestCustomWindow, CUSTOM_WINDOW_SIZE);
    assert.ok(custom.stats.customChars <= text.length + windows * CUSTOM_WINDOW_OVERLAP);
  });

  it('stops a pattern that backtracks forever on a 1 MB line, reports it once and never runs it again', () => {
    const reported: string[] = [];
    // Alternation, not nesting: passes the static check, and takes exponential time on a run of digits without '!'.
    const { detector: custom, problems } = createDetector({
      patterns: ['(\\w|\\d)+!', 'id=(\\d+)'],
      customPatternTimeoutMs: 50,
      onProblem: (problem) => reported.push(problem),
    });
    assert.deepEqual(problems, []);
    const text = `${'1'.repeat(1_000_000)} id=42 ${ID}`;
    assert.deepEqual(
      custom.findAll(text).map((m) => `${m.kind}:${m.id}`),
      ['custom:42', `id:${ID}`],
    );
    assert.equal(reported.length, 1);
    assert.match(reported[0], /"\(\\\\w\|\\\\d\)\+!" disabled/);
    assert.equal(custom.stats.disabledPatterns, 1);
    // The runaway pattern got its first window twice (in its batch, then alone, to tell a stalled machine from
    // backtracking) before it was stopped; the healthy one scanned the line once.
    const healthyWindows = Math.ceil((text.length - CUSTOM_WINDOW_OVERLAP) / (CUSTOM_WINDOW_SIZE - CUSTOM_WINDOW_OVERLAP));
    assert.equal(custom.stats.customWindows, 2 + healthyWindows);

    const before = custom.stats.customWindows;
    custom.findAll(text);
    assert.equal(custom.stats.customWindows - before, healthyWindows);
    assert.equal(reported.length, 1);
  });
});

describe('findAllIn', () => {
  it('gives the same results as findAll on each text, with one guarded run per pattern', () => {
    const { detector: custom } = createDetector({ patterns: ['ref=(\\d+)', 'cust_([a-z]+)'] });
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ref=${i} ${i % 7 === 0 ? ID : 'cust_abc'} end`);
    lines.push('', 'x'.repeat(5000) + ' ref=9');
    const batched = custom.findAllIn(lines);
    assert.equal(custom.stats.customRuns, 2);
    assert.deepEqual(
      batched,
      lines.map((line) => custom.findAll(line)),
    );
    assert.equal(batched[7]?.length, 2);
    assert.deepEqual(batched[100], []);
    assert.deepEqual(batched[101]?.map((m) => [m.id, m.start]), [['9', 5001]]);
  });
});

describe('hasNestedRepetition', () => {
  const nested = ['(a+)+$', '(a*)*', '(?:\\w+\\s?)+', '((ab)+c)*', '(x{1,3})+', '(?:[a-z]+\\.){2,}', '(?<n>a+)*'];
  const flat = [
    '(a+)',
    '(\\d{3}-)+',
    '(?:foo|bar)+',
    '([a-z]+)\\.(?:[a-z]+){1,3}',
    '[(a+)+]',
    '\\(a+\\)+',
    '(https?://x)+',
    '(?:a+){1,5}',
    '(\\w+)',
  ];
  for (const source of nested) {
    it(`flags ${source}`, () => assert.equal(hasNestedRepetition(source), true));
  }
  for (const source of flat) {
    it(`accepts ${source}`, () => assert.equal(hasNestedRepetition(source), false));
  }
});

describe('countCaptureGroups', () => {
  it('counts plain and named groups but not (?:) or lookarounds', () => {
    assert.equal(countCaptureGroups('a'), 0);
    assert.equal(countCaptureGroups('(a)(?<b>b)(?:c)(?=d)(?<=e)\\(f\\)[(]'), 2);
  });
});

describe('findAt', () => {
  const line = `prefix ${ID} middle https://my.quo.com/contacts/${ID2} end`;

  it('returns the match under the position, including its first and last character', () => {
    assert.equal(detector.findAt(line, 7)?.id, ID);
    assert.equal(detector.findAt(line, 30)?.id, ID);
    const link = line.indexOf('https');
    assert.equal(detector.findAt(line, link)?.kind, 'link');
    assert.equal(detector.findAt(line, link + 40)?.id, ID2);
  });

  it('returns the match ending at the position, for a cursor just after an id', () => {
    assert.equal(detector.findAt(line, 31)?.id, ID);
  });

  it('returns undefined away from any id', () => {
    assert.equal(detector.findAt(line, 2), undefined);
    assert.equal(detector.findAt(line, 33), undefined);
    assert.equal(detector.findAt('', 0), undefined);
  });

  it('reads only a bounded window of a 1 MB line', () => {
    const { detector: custom } = createDetector({ patterns: ['ref=(\\d+)'] });
    const long = `${'a,'.repeat(250_000)}ref=77 ${ID} ${'b,'.repeat(250_000)}`;
    const at = long.indexOf(ID) + 3;
    const match: DetectedId | undefined = custom.findAt(long, at);
    assert.equal(match?.id, ID);
    assert.equal(match?.start, long.indexOf(ID));
    assert.equal(custom.findAt(long, long.indexOf('ref=') + 5)?.id, '77');
    assert.ok(custom.stats.customChars <= 2 * 2 * CURSOR_RADIUS, `scanned ${custom.stats.customChars}`);
  });
});

describe('windowAround', () => {
  it('returns at most 2 * radius characters of a 1 MB line, with the right offset', () => {
    const long = 'word '.repeat(200_000);
    const window = windowAround(long, 500_000, 256);
    assert.ok(window.text.length <= 512);
    assert.ok(window.text.length >= 512 - 2 * 64);
    assert.equal(long.slice(window.offset, window.offset + window.text.length), window.text);
    assert.ok(window.offset <= 500_000 && 500_000 <= window.offset + window.text.length);
  });

  it('does not start with the tail of a hash cut in two', () => {
    // Place the cut so that the window would begin with exactly 24 hex digits of a 40-hex SHA.
    const line = `${'x '.repeat(200)}${SHA1} ${'y '.repeat(300)}`;
    const shaStart = line.indexOf(SHA1);
    const column = shaStart + 16 + 256;
    const window = windowAround(line, column, 256);
    assert.ok(window.offset >= shaStart + SHA1.length, `window starts at ${window.offset}`);
    assert.deepEqual(ids(window.text), []);
  });

  it('keeps a hard edge when no separator is near (one huge token)', () => {
    const token = 'z'.repeat(5000);
    const window = windowAround(token, 2500, 100);
    assert.deepEqual([window.offset, window.text.length], [2400, 200]);
  });

  it('clamps the column and handles the line ends', () => {
    assert.deepEqual(windowAround('abc', 99, 10), { text: 'abc', offset: 0 });
    assert.deepEqual(windowAround('abc', -5, 10), { text: 'abc', offset: 0 });
    assert.deepEqual(windowAround('', 0), { text: '', offset: 0 });
  });
});

describe('slidingWindows', () => {
  it('owns every position exactly once and never exceeds the size', () => {
    for (const length of [0, 1, 100, 2048, 2049, 5000, 100_000]) {
      const windows = slidingWindows(length, 2048, 256);
      let next = 0;
      for (const window of windows) {
        assert.ok(window.end - window.start <= 2048);
        assert.ok(window.ownEnd <= window.end);
        assert.ok(window.end - window.ownEnd === 0 || window.end - window.ownEnd === 256);
        assert.equal(window.start, next);
        next = window.ownEnd;
      }
      assert.equal(next, length);
    }
  });

  it('refuses an overlap as large as the window', () => {
    assert.throws(() => slidingWindows(10, 5, 5), RangeError);
  });
});

describe('scanVisibleTexts: the whole detection of visible text', () => {
  const lines = [
    `contact ${ID} called from (415) 555-0123`,
    'London 020 7946 0958, ada@x.example',
    `https://my.quo.com/contacts/${ID2} Paris 06 12 34 56 78`,
  ];

  it('finds ids and links, and with a country phone numbers and emails, per text', () => {
    const scan = scanVisibleTexts(lines, detector, 'GB');
    assert.deepEqual(
      scan.ids.map((found) => found.map((match) => match.id)),
      [[ID], [], [ID2]],
    );
    assert.deepEqual(
      scan.points.map((found) => found.map((point) => point.normalized)),
      [[], ['+442079460958', 'ada@x.example'], []],
    );
    assert.deepEqual(
      scanVisibleTexts(lines, detector, 'US').points.map((found) => found.map((point) => point.normalized)),
      [['+14155550123'], ['ada@x.example'], []],
    );
    assert.deepEqual(
      scanVisibleTexts(lines, detector, 'FR').points.map((found) => found.map((point) => point.normalized)),
      [[], ['ada@x.example'], ['+33612345678']],
    );
  });

  it('finds ids only without a country', () => {
    const scan = scanVisibleTexts(lines, detector);
    assert.equal(scan.ids.flat().length, 2);
    assert.deepEqual(scan.points, []);
  });
});
