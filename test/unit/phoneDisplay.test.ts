import assert from 'node:assert/strict';
import { marked } from 'marked';
import { clearPhoneMemo, displayPhone, PHONE_MEMO_SIZE } from '../../src/contacts/phone.js';
import { phoneLibrary } from '../../src/contacts/phoneParser.js';
import { renderActivityHoverMarkdown, renderHoverMarkdown } from '../../src/render/hoverMarkdown.js';
import { renderCallDetails } from '../../src/render/activityHtml.js';
import { lineLabel } from '../../src/render/activityText.js';
import { renderPanelHtml } from '../../src/render/panelHtml.js';
import { decodeCall, decodeCallTranscriptResponse } from '../../src/quo/decodeActivity.js';
import { cleanLine } from '../../src/common/text.js';
import type { Contact, PhoneNumber } from '../../src/quo/types.js';
import { sandboxActivity } from '../sandbox/activity.js';
import { ACTIVITY } from '../sandbox/generate.js';
import { parseDocument, parseHtmlFragment, type Dom } from './htmlDom.js';
import { PANEL_PAGE, EMPTY_CONTACT, FULL_CONTACT } from './renderFixtures.js';
import { countPhoneParses, type PhoneParseCount } from './phoneParses.js';

const US = ['+1', '555', '100', '7919'].join('');
const LONDON = ['+44', '20', '7946', '0958'].join('');

describe('displayPhone', () => {
  it('shows a number of quo.defaultCountry in national format', () => {
    assert.equal(displayPhone(US, 'US'), '(555) 100-7919');
    assert.equal(displayPhone(LONDON, 'GB'), '020 7946 0958');
    assert.equal(displayPhone('+33612345678', 'FR'), '06 12 34 56 78');
  });

  it('shows any other number in international format', () => {
    assert.equal(displayPhone(US, 'GB'), '+1 555 100 7919');
    assert.equal(displayPhone(LONDON, 'US'), '+44 20 7946 0958');
    assert.equal(displayPhone('+33612345678', 'DE'), '+33 6 12 34 56 78');
  });

  it('reads every number of the North American plan nationally in each of its members', () => {
    for (const country of ['US', 'CA', 'JM', 'pr']) {
      assert.equal(displayPhone('+14165550123', country), '(416) 555-0123', country);
    }
  });

  it('uses US by default, reads the country in any case, and one libphonenumber does not know shows international', () => {
    assert.equal(displayPhone(US), '(555) 100-7919');
    assert.equal(displayPhone(LONDON, 'gb'), '020 7946 0958');
    assert.equal(displayPhone(LONDON, 'ZZ'), '+44 20 7946 0958');
    assert.equal(displayPhone(US, 'ZZ'), '+1 555 100 7919');
  });

  it('shows a number internationally when its national format would not read back as it (so the search finds it)', () => {
    // Possible but not valid: national input of it would be read as no number.
    assert.equal(displayPhone('+35573701363', 'AL'), '+355 737 01363');
    assert.equal(displayPhone('+441481123456', 'GB'), '+44 1481 123456');
    // libphonenumber reads Gabon's national `02 92 38 22` as +241 02923822.
    assert.equal(displayPhone('+2412923822', 'GA'), '+241 2 92 38 22');
  });

  it('formats a number written another way, read as normalizePhone reads it', () => {
    assert.equal(displayPhone('+1 (555) 100-7919', 'US'), '(555) 100-7919');
    assert.equal(displayPhone(' 555.100.7919 ', 'US'), '(555) 100-7919');
    assert.equal(displayPhone('020 7946 0958', 'GB'), '020 7946 0958');
    assert.equal(displayPhone('00 44 20 7946 0958', 'FR'), '+44 20 7946 0958');
  });

  it('shows anything that is not one number as it was written', () => {
    for (const written of ['', '   ', '12', '555', 'call me', '+44 12', '+999 123 4567', '+1 055 010 2030', '020 7946 0958', 'ext. 12']) {
      assert.equal(displayPhone(written, 'US'), written, JSON.stringify(written));
    }
    // An extension is part of what was written: formatting would drop it.
    assert.equal(displayPhone('+1 555 100 7919 ext. 12', 'US'), '+1 555 100 7919 ext. 12');
    assert.equal(displayPhone('+15551007919<img src=x onerror=alert(1)>', 'US'), '+15551007919<img src=x onerror=alert(1)>');
    assert.equal(displayPhone('+15551007919\n+442079460958', 'US'), '+15551007919\n+442079460958');
  });

  describe('the North American shortcut', () => {
    it('agrees with libphonenumber on +1 numbers, nationally and internationally', () => {
      const numbers: string[] = [];
      for (let area = 200; area <= 999; area += 7) {
        for (const exchange of ['010', '100', '555', '999']) {
          numbers.push(`+1${area}${exchange}${String((area * 31) % 10000).padStart(4, '0')}`);
        }
      }
      for (const country of ['US', 'CA', 'JM', 'GB', 'FR', 'ZZ']) {
        for (const e164 of numbers) {
          assert.equal(displayPhone(e164, country), phoneLibrary().formatPhone(e164, country), `${e164} in ${country}`);
        }
      }
    });

    it('agrees with libphonenumber on numbers of other countries', () => {
      for (const [e164, country] of [
        [LONDON, 'GB'],
        [LONDON, 'US'],
        ['+33612345678', 'FR'],
        ['+4930123456', 'DE'],
        ['+819012345678', 'JP'],
      ] as const) {
        assert.equal(displayPhone(e164, country), phoneLibrary().formatPhone(e164, country), `${e164} in ${country}`);
      }
    });
  });

  describe('memoised', () => {
    let count: PhoneParseCount;
    beforeEach(() => {
      clearPhoneMemo();
      count = countPhoneParses();
    });
    afterEach(() => count.stop());

    it('never asks libphonenumber about +1 numbers', () => {
      displayPhone(US, 'US');
      displayPhone(US, 'GB');
      displayPhone('(415) 555-0123', 'CA');
      assert.equal(count.parses, 0);
    });

    it('asks it once per number and country', () => {
      assert.equal(displayPhone(LONDON, 'GB'), '020 7946 0958');
      const first = count.parses;
      assert.ok(first >= 1);
      assert.equal(displayPhone(LONDON, 'GB'), '020 7946 0958');
      assert.equal(displayPhone(LONDON, 'gb'), '020 7946 0958');
      assert.equal(count.parses, first);
      assert.equal(displayPhone(LONDON, 'US'), '+44 20 7946 0958');
      assert.equal(count.parses, first + 1, 'only the format is asked again: the number was read already');
    });

    it('stays bounded, forgetting the oldest first', () => {
      const number = (i: number): string => `+4420790${String(i).padStart(5, '0')}`;
      displayPhone(number(0), 'GB');
      for (let i = 1; i <= PHONE_MEMO_SIZE; i++) {
        displayPhone(number(i), 'GB');
      }
      const before = count.parses;
      displayPhone(number(PHONE_MEMO_SIZE), 'GB');
      assert.equal(count.parses, before, 'the newest is remembered');
      displayPhone(number(0), 'GB');
      assert.ok(count.parses > before, 'the oldest was forgotten');
    });
  });
});

/** VS Code renders MarkdownString with marked (GFM); render the same way, HTML allowed, to see what would happen. */
function markdown(text: string): Dom {
  return parseHtmlFragment(marked.parse(text, { async: false, gfm: true }));
}

function withPhones(...values: string[]): Contact {
  return {
    ...EMPTY_CONTACT,
    defaultFields: { ...EMPTY_CONTACT.defaultFields, firstName: 'Ada', phoneNumbers: values.map((value) => ({ name: 'work', value })) },
  };
}

const HOVER = { openCommandUri: 'command:quo.openContact?%5B%22x%22%5D', locale: 'en-US', timeZone: 'UTC' };

const PANEL = PANEL_PAGE;

function panel(contact: Contact, defaultCountry: string): Dom {
  return parseDocument(renderPanelHtml({ ...PANEL, state: 'ready', contact, defaultCountry }));
}

const phoneRows = (dom: Dom): string[] =>
  dom.withAttr('class', 'value-row').map((row) => row.text.replace(/\s+/g, ' ').trim()).filter((row) => row.startsWith('work '));

describe('numbers as people read them, on every surface', () => {
  it('the hover card shows the first number in quo.defaultCountry', () => {
    assert.match(markdown(renderHoverMarkdown(FULL_CONTACT, { ...HOVER, defaultCountry: 'US' })).text, /Phone: \(234\) 567-8901 \(mobile\)/);
    assert.match(markdown(renderHoverMarkdown(FULL_CONTACT, { ...HOVER, defaultCountry: 'GB' })).text, /Phone: \+1 234 567 8901 \(mobile\)/);
    assert.match(markdown(renderHoverMarkdown(withPhones(LONDON), { ...HOVER, defaultCountry: 'GB' })).text, /Phone: 020 7946 0958 \(work\)/);
    assert.match(markdown(renderHoverMarkdown(withPhones(LONDON), { ...HOVER, defaultCountry: 'US' })).text, /Phone: \+44 20 7946 0958 \(work\)/);
  });

  it('the panel shows every number formatted and copies E.164', () => {
    const dom = panel(withPhones(US, LONDON), 'GB');
    assert.deepEqual(phoneRows(dom), ['work +1 555 100 7919', 'work 020 7946 0958']);
    const copies = dom.withAttr('data-action', 'copy').map((button) => button.attrs['data-value']);
    assert.ok(copies.includes(US) && copies.includes(LONDON), copies.join(', '));
    assert.deepEqual(phoneRows(panel(withPhones(US, LONDON), 'US')), ['work (555) 100-7919', 'work +44 20 7946 0958']);
  });

  for (const hostile of [
    '+15551007919<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '+44 20 7946 0958"><b>x</b>',
    '[+15551007919](command:workbench.action.terminal.new)',
  ]) {
    it(`shows ${JSON.stringify(hostile)}, which is no number, as written and as text`, () => {
      const dom = panel(withPhones(hostile), 'US');
      assert.deepEqual(phoneRows(dom), [`work ${cleanLine(hostile)}`]);
      assert.deepEqual(dom.all('img').concat(dom.all('b'), dom.all('a')), []);
      assert.ok(dom.withAttr('data-action', 'copy').some((button) => button.attrs['data-value'] === hostile));
      const card = markdown(renderHoverMarkdown(withPhones(hostile), { ...HOVER, defaultCountry: 'US' }));
      assert.deepEqual(new Set(card.elements.map((element) => element.tag)), new Set(['p', 'strong', 'br', 'a']));
      assert.deepEqual(card.all('a').map((a) => a.text), ['Open Contact', 'Open in Quo']);
      assert.ok(card.text.includes(`Phone: ${cleanLine(hostile)} (work)`), card.text);
    });
  }

  it('the activity hover names a number no contact has as people read it', () => {
    const call = decodeCall(sandboxActivity().calls.find((candidate) => candidate.id === ACTIVITY.summarizedCallId));
    const none = (defaultCountry: string): string =>
      markdown(renderActivityHoverMarkdown({ record: { kind: 'call', call }, names: {}, numbers: [LONDON], contacts: [], defaultCountry, locale: 'en-US' })).text;
    assert.match(none('GB'), /020 7946 0958: No contact has this number/);
    assert.match(none('US'), /\+44 20 7946 0958: No contact has this number/);
  });

  it('a line without a name shows its number as people read it; without a country, as Quo formats it', () => {
    const line: PhoneNumber = { id: 'PNline', number: '+14155550142', name: null, formattedNumber: '(415) 555-0142', users: [] };
    assert.equal(lineLabel({ lines: [line] }, 'PNline', 'GB'), '+1 415 555 0142');
    assert.equal(lineLabel({ lines: [line] }, 'PNline', 'US'), '(415) 555-0142');
    assert.equal(lineLabel({ lines: [line] }, 'PNline'), '(415) 555-0142');
    assert.equal(lineLabel({ lines: [{ ...line, name: 'Main line' }] }, 'PNline', 'GB'), 'Main line');
  });

  it('a transcript shows a speaker known only by number as people read it', () => {
    const transcript = decodeCallTranscriptResponse({
      data: {
        callId: 'ACx',
        status: 'completed',
        duration: 10,
        createdAt: '2025-11-12T15:00:00.000Z',
        dialogue: [{ content: 'Hello', start: 0, end: 1, identifier: LONDON, userId: null }],
      },
    });
    const details = (defaultCountry: string): string =>
      parseHtmlFragment(
        renderCallDetails({ summary: { kind: 'not-found' }, transcript: { kind: 'found', value: transcript } }, { defaultCountry }),
      ).text;
    assert.match(details('GB'), /020 7946 0958Hello/);
    assert.match(details('US'), /\+44 20 7946 0958Hello/);
  });
});
