import assert from 'node:assert/strict';
import { findContactPoints } from '../../src/detect/contactPoints.js';
import { createDetector } from '../../src/detect/detector.js';
import { enabledGlobs, excludeMatcher, excludePattern } from '../../src/mentions/excludePattern.js';
import { hashKey } from '../../src/mentions/keyHash.js';
import { MentionIndex } from '../../src/mentions/mentionIndex.js';
import { contactMentionKeys, referenceKeys, type MentionKey } from '../../src/mentions/mentionKeys.js';
import { mentionFinder, scanText, scanTextNow, MENTION_FIELDS } from '../../src/mentions/textMentions.js';
import { hexId, makeContact } from './contactFixtures.js';

const { detector } = createDetector();
const finder = mentionFinder(detector, findContactPoints, 'US');
const ada = makeContact(hexId(0xada), { first: 'Ada', phones: ['+14155550123'], emails: ['Ada@Example.com'] });

/** [kind, line, character, length] of each mention, in order. */
function positions(mentions: Int32Array): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  for (let at = 0; at < mentions.length; at += MENTION_FIELDS) {
    out.push([mentions[at + 2] ?? -1, mentions[at + 3] ?? -1, mentions[at + 4] ?? -1, mentions[at + 5] ?? -1]);
  }
  return out;
}

function indexOf(files: Record<string, string>): MentionIndex {
  const index = new MentionIndex();
  let changedAt = 1;
  for (const [uri, text] of Object.entries(files)) {
    index.set(uri, scanTextNow(text, finder), changedAt++);
  }
  return index;
}

describe('mentions: one text', () => {
  it('finds the id, a link, a national number, an E.164 number and an address, at their lines and characters', () => {
    const id = ada.id;
    const text = [
      `{"contactId": "${id}"}`,
      'Call (415) 555-0123 back',
      'log: from=+14155550123 ok',
      'cc ada@example.com',
      `see https://my.quo.com/contacts/${id} now`,
    ].join('\r\n');
    assert.deepEqual(positions(scanTextNow(text, finder)), [
      [0, 0, 15, 24],
      [1, 1, 5, 14],
      [1, 2, 10, 12],
      [2, 3, 3, 15],
      [0, 4, 4, 52],
    ]);
  });

  it('skips call and message ids: they name no contact', () => {
    const text = 'call AC0123456789abcdef0123456789abcdef done';
    assert.equal(scanTextNow(text, finder).length, 0);
  });

  it('finds the same mentions however the text is cut into chunks, on one long line too', () => {
    const parts: string[] = [];
    for (let i = 0; i < 400; i++) {
      parts.push(`x${i} ${hexId(i)} (415) 555-${String(1000 + i)} u${i}@example.com`);
    }
    for (const separator of [' ', '\n']) {
      const text = parts.join(separator);
      const whole = scanTextNow(text, finder);
      assert.equal(whole.length / MENTION_FIELDS, 1200);
      for (const chunk of [50, 97, 1000, 4096]) {
        const scan = scanText(text, finder, chunk);
        let yields = 0;
        let step = scan.next();
        while (step.done !== true) {
          yields++;
          step = scan.next();
        }
        assert.deepEqual(step.value, whole, `chunks of ${chunk}, separator ${JSON.stringify(separator)}`);
        assert.ok(yields > text.length / chunk / 2, `yielded ${yields} times`);
      }
    }
  });

  it('keeps a mention at column 0 of a line a chunk starts with (a cut at a line break hides nothing)', () => {
    const line = `${'x'.repeat(199)}\n`;
    const text = `${line}${ada.id} first\n${line}ada@example.com second\n`;
    const whole = scanTextNow(text, finder);
    assert.equal(whole.length / MENTION_FIELDS, 2);
    const scan = scanText(text, finder, 210);
    let step = scan.next();
    while (step.done !== true) {
      step = scan.next();
    }
    assert.deepEqual(step.value, whole);
  });

  it('hashes keys to 64 bits that tell close keys apart', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const hash = hashKey(`i:${hexId(i)}`);
      seen.add(`${hash.high}:${hash.low}`);
    }
    assert.equal(seen.size, 20_000);
  });
});

describe('mentions: the index', () => {
  const files = {
    'file:///w/payload.json': `{"contact": "${ada.id}", "other": "${hexId(7)}"}`,
    'file:///w/note.md': 'Spoke to (415) 555-0123 today.',
    'file:///w/app.log': 'from=+14155550123\nto=+14155550199',
    'file:///w/ticket.txt': 'Reporter: ADA@example.com',
    'file:///w/sub/links.md': `[Ada](https://my.quo.com/contacts/${ada.id})`,
    'file:///w/none.txt': 'nothing here',
  };

  it('answers every file that names the contact by any of its keys, newest change first', () => {
    const index = indexOf(files);
    const found = index.find(contactMentionKeys(ada, 'US'));
    assert.deepEqual(
      found.map((file) => file.uri),
      ['file:///w/sub/links.md', 'file:///w/ticket.txt', 'file:///w/app.log', 'file:///w/note.md', 'file:///w/payload.json'],
    );
    assert.deepEqual(found.find((file) => file.uri.endsWith('app.log'))?.mentions, [{ kind: 'phone', line: 0, character: 5, length: 12 }]);
    assert.equal(index.size, 6);
  });

  it('follows a change, a deletion, a rename and a deleted folder', () => {
    const index = indexOf(files);
    const keys = contactMentionKeys(ada, 'US');
    index.set('file:///w/note.md', scanTextNow('Nobody today.', finder), 100);
    assert.ok(!index.find(keys).some((file) => file.uri.endsWith('note.md')));
    index.set('file:///w/none.txt', scanTextNow(`now ${ada.id}`, finder), 101);
    assert.equal(index.find(keys)[0]?.uri, 'file:///w/none.txt');
    assert.equal(index.delete('file:///w/payload.json'), true);
    // A rename is a deletion and a creation.
    const moved = scanTextNow('ada@example.com', finder);
    index.delete('file:///w/ticket.txt');
    index.set('file:///w/tickets/1.txt', moved, 102);
    assert.equal(index.deleteUnder('file:///w/sub'), 1);
    assert.deepEqual(
      index.find(keys).map((file) => file.uri),
      ['file:///w/tickets/1.txt', 'file:///w/none.txt', 'file:///w/app.log'],
    );
  });

  it('answers nothing for no keys and nothing for keys nobody wrote', () => {
    const index = indexOf(files);
    assert.deepEqual(index.find([]), []);
    assert.deepEqual(index.find([{ kind: 'email', value: 'nobody@example.com' }]), []);
  });
});

describe('mentions: what references look for', () => {
  const frontDesk: MentionKey = { kind: 'phone', value: '+14155550100' };
  const bob = makeContact(hexId(0xb0b), { first: 'Bob', phones: ['+14155550100', '(415) 555-0177'] });
  const carol = makeContact(hexId(0xca401), { first: 'Carol', phones: ['+14155550100'] });

  it('on a contact: its id, each number in E.164 and each address in lower case, once each', () => {
    const twice = makeContact(hexId(1), { phones: ['+14155550123', '(415) 555-0123', 'not a number'], emails: ['A@B.io', 'a@b.io'] });
    assert.deepEqual(referenceKeys({ kind: 'contact', contact: twice }, 'US'), [
      { kind: 'id', value: hexId(1) },
      { kind: 'phone', value: '+14155550123' },
      { kind: 'email', value: 'a@b.io' },
    ]);
  });

  it('on a number one contact has: every key of that contact', () => {
    assert.deepEqual(referenceKeys({ kind: 'point', key: frontDesk, contacts: [bob] }, 'US'), [
      { kind: 'id', value: bob.id },
      { kind: 'phone', value: '+14155550100' },
      { kind: 'phone', value: '+14155550177' },
    ]);
  });

  it('on a number several contacts share: that number only; on a number nobody has: nothing', () => {
    assert.deepEqual(referenceKeys({ kind: 'point', key: frontDesk, contacts: [bob, carol] }, 'US'), [frontDesk]);
    assert.deepEqual(referenceKeys({ kind: 'point', key: frontDesk, contacts: [] }, 'US'), []);
  });
});

describe('mentions: which files are left out', () => {
  it('search.exclude globs that are on, and quo.exclude, in one pattern', () => {
    assert.equal(
      excludePattern({ '**/node_modules': true, '**/bower_components': true, '**/*.code-search': true, '**/off': false }, ['**/secrets/**']),
      '{**/node_modules,**/bower_components,**/*.code-search,**/secrets/**}',
    );
  });

  it('skips a `when` clause, a glob with braces of its own and anything not an object; nothing left is no pattern', () => {
    assert.equal(excludePattern({ '**/*.js': { when: '$(basename).ts' }, '**/{a,b}': true, '**/c': true }, []), '{**/c}');
    assert.equal(excludePattern('**/node_modules', []), undefined);
    assert.equal(excludePattern(undefined, []), undefined);
    assert.equal(excludePattern({}, ['']), undefined);
  });
});

describe('mentions: what the file watcher reports, left out as findFiles would', () => {
  it('matches VS Code globs: **, *, ?, braces and classes, a folder excluding what is in it', () => {
    const excluded = excludeMatcher(['**/node_modules', '**/*.code-search', 'build/**', '**/{tmp,cache}', 'logs/202?-*.log', '**/[Oo]ut']);
    for (const path of [
      'node_modules/a/b.json',
      'packages/x/node_modules/y.js',
      'notes.code-search',
      'build/out.js',
      'src/tmp/a.txt',
      'cache/b',
      'logs/2024-01.log',
      'Out/x',
      'deep/out/y',
    ]) {
      assert.equal(excluded(path), true, path);
    }
    for (const path of ['src/node_modules_old/a.js', 'mentions/app.log', 'logs/2024.log', 'rebuild/out.js.map', 'src/template.md', 'about/x']) {
      assert.equal(excluded(path), false, path);
    }
    assert.equal(excludeMatcher([])('node_modules/a'), false);
  });

  it('reads the enabled globs of an exclude setting', () => {
    assert.deepEqual(enabledGlobs({ '**/node_modules': true, '**/off': false, '**/*.js': { when: '$(basename).ts' } }), ['**/node_modules']);
    assert.deepEqual(enabledGlobs(null), []);
  });
});

describe('mentions: a contact with very many numbers', () => {
  it('finds each of 600 keys (more than the query table starts with)', () => {
    const phones = Array.from({ length: 600 }, (_, i) => `+1415555${String(i).padStart(4, '0')}`);
    const index = new MentionIndex();
    index.set('file:///w/all.txt', scanTextNow(phones.join('\n'), finder), 1);
    const found = index.find(phones.map((value) => ({ kind: 'phone' as const, value })));
    assert.equal(found[0]?.mentions.length, 600);
  });
});
