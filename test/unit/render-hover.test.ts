import assert from 'node:assert/strict';
import { marked } from 'marked';
import {
  escapeMarkdown,
  renderActivityHoverMarkdown,
  renderHoverError,
  renderHoverMarkdown,
  type LastContact,
} from '../../src/render/hoverMarkdown.js';
import { decodeCall, decodeMessage } from '../../src/quo/decodeActivity.js';
import { decodePhoneNumbers } from '../../src/quo/decodeWorkspace.js';
import { sandboxActivity } from '../sandbox/activity.js';
import { ACTIVITY, SANDBOX_PHONE_NUMBERS, TERMINAL_COMMAND_LINK } from '../sandbox/generate.js';
import { markdownLinkTarget } from '../../src/render/markdown.js';
import { cleanLine } from '../../src/common/text.js';
import type { Contact } from '../../src/quo/types.js';
import { parseHtmlFragment, type Dom } from './htmlDom.js';
import { contactFilledWith, EMPTY_CONTACT, FULL_CONTACT, HOSTILE_VALUES } from './renderFixtures.js';

/** VS Code renders MarkdownString with marked (GFM); render the same way, HTML allowed, to see what would happen. */
function render(markdown: string): Dom {
  return parseHtmlFragment(marked.parse(markdown, { async: false, gfm: true }));
}

function openUri(id: string): string {
  return `command:quo.openContact?${encodeURIComponent(JSON.stringify([id]))}`;
}

const OPTIONS = { openCommandUri: openUri(FULL_CONTACT.id), locale: 'en-US', timeZone: 'UTC', defaultCountry: 'US' };

describe('escapeMarkdown', () => {
  for (const value of HOSTILE_VALUES) {
    it(`renders ${JSON.stringify(value)} as plain text`, () => {
      const dom = render(escapeMarkdown(value));
      assert.deepEqual(
        dom.elements.map((e) => e.tag),
        ['p'],
      );
      assert.equal(dom.text.trim(), cleanLine(value));
    });
  }

  it('escapes every ASCII punctuation character and nothing else', () => {
    assert.equal(escapeMarkdown('a!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~z'), 'a\\!\\"\\#\\$\\%\\&\\\'\\(\\)\\*\\+\\,\\-\\.\\/\\:\\;\\<\\=\\>\\?\\@\\[\\\\\\]\\^\\_\\`\\{\\|\\}\\~z');
    assert.equal(escapeMarkdown('Jane Ünïcødé 山田 42'), 'Jane Ünïcødé 山田 42');
  });

  it('keeps theme icons from rendering', () => {
    assert.equal(escapeMarkdown('$(zap)'), '\\$\\(zap\\)');
  });
});

describe('markdownLinkTarget', () => {
  it('percent-encodes what could end a link target', () => {
    assert.equal(markdownLinkTarget('command:x?[") (\'<>\\`]'), 'command:x?%5B%22%29%20%28%27%3C%3E%5C%60%5D');
  });
});

describe('renderHoverMarkdown', () => {
  it('renders the compact card', () => {
    assert.equal(
      renderHoverMarkdown(FULL_CONTACT, OPTIONS),
      [
        '**Jane Doe**  ',
        'Acme Inc · CEO  ',
        'Phone: \\(234\\) 567\\-8901 (mobile)  ',
        'Email: jane\\@acme\\.com (work)  ',
        'Tags: vip\\, beta\\, west  ',
        'Active: Yes  ',
        'Churned: No',
        '',
        `[Open Contact](${markdownLinkTarget(openUri(FULL_CONTACT.id))}) · ` +
          '[Open in Quo](https://my.quo.com/contacts/66d0d87e8dc1211467372303)',
      ].join('\n'),
    );
  });

  it('renders to bold name, text lines and exactly the two links', () => {
    const dom = render(renderHoverMarkdown(FULL_CONTACT, OPTIONS));
    assert.equal(dom.one('strong').text, 'Jane Doe');
    assert.deepEqual(
      dom.all('a').map((a) => [a.text, a.attrs['href']]),
      [
        ['Open Contact', openUri(FULL_CONTACT.id)],
        ['Open in Quo', 'https://my.quo.com/contacts/66d0d87e8dc1211467372303'],
      ],
    );
    assert.match(dom.text, /Phone: \(234\) 567-8901 \(mobile\)/);
    assert.match(dom.text, /Email: jane@acme\.com \(work\)/);
  });

  it('formats each custom field type', () => {
    const contact: Contact = { ...FULL_CONTACT, customFields: FULL_CONTACT.customFields.slice(3) };
    const text = render(renderHoverMarkdown(contact, { ...OPTIONS, maxCustomFields: 6 })).text;
    assert.match(text, /Birthday: May 17, 1990\n/);
    assert.match(text, /Last call: Jan 2, 2025, 3:30\sPM\n/);
    assert.match(text, /Seats: 1,234\.5\n/);
    assert.match(text, /Website: https:\/\/acme\.example\/about\n/);
    assert.match(text, /Office: 1 Main St Springfield\n/);
    assert.match(text, /Notes: Prefers email/);
    assert.equal(render(renderHoverMarkdown(contact, { ...OPTIONS, maxCustomFields: 6 })).all('a').length, 2);
  });

  it('shows at most maxCustomFields custom fields, skipping those without a value', () => {
    const contact: Contact = {
      ...FULL_CONTACT,
      customFields: [
        { name: 'A', type: 'string', value: null },
        { name: 'B', type: 'multi-select', value: [] },
        { name: 'C', type: 'string', value: '  ' },
        { name: 'D', type: 'number', value: 0 },
        { name: 'E', type: 'boolean', value: false },
        { name: 'F', type: 'string', value: 'f' },
        { name: 'G', type: 'string', value: 'g' },
      ],
    };
    const names = (max?: number): string[] =>
      [...render(renderHoverMarkdown(contact, { ...OPTIONS, maxCustomFields: max })).text.matchAll(/^([A-G]): /gm)].map(
        (m) => m[1],
      );
    assert.deepEqual(names(), ['D', 'E', 'F']);
    assert.deepEqual(names(0), []);
    assert.deepEqual(names(10), ['D', 'E', 'F', 'G']);
  });

  it('renders a contact with nothing but an id', () => {
    const markdown = renderHoverMarkdown(EMPTY_CONTACT, { openCommandUri: openUri(EMPTY_CONTACT.id) });
    assert.equal(
      markdown,
      `**Unnamed contact**\n\n[Open Contact](${markdownLinkTarget(openUri(EMPTY_CONTACT.id))}) · ` +
        `[Open in Quo](https://my.quo.com/contacts/${EMPTY_CONTACT.id})`,
    );
  });

  it('skips phone and email entries without a value', () => {
    const contact: Contact = {
      ...EMPTY_CONTACT,
      defaultFields: {
        ...EMPTY_CONTACT.defaultFields,
        phoneNumbers: [
          { name: 'old', value: null },
          { name: '', value: '+15550001111' },
        ],
        emails: [{ name: 'x', value: null }],
      },
    };
    const text = render(renderHoverMarkdown(contact, OPTIONS)).text;
    assert.match(text, /Phone: \(555\) 000-1111\n/);
    assert.doesNotMatch(text, /Email:/);
    assert.doesNotMatch(text, /\(\)/);
  });

  it('leaves out "Open in Quo" when asked to, and never links a non-http URL', () => {
    for (const quoWebUrl of [null, 'javascript:alert(1)', 'command:workbench.action.terminal.new', 'data:text/html,x']) {
      const dom = render(renderHoverMarkdown(FULL_CONTACT, { ...OPTIONS, quoWebUrl }));
      assert.deepEqual(
        dom.all('a').map((a) => a.text),
        ['Open Contact'],
        String(quoWebUrl),
      );
    }
    const custom = render(renderHoverMarkdown(FULL_CONTACT, { ...OPTIONS, quoWebUrl: 'https://quo.example/c/1' }));
    assert.equal(custom.all('a')[1]?.attrs['href'], 'https://quo.example/c/1');
  });

  it('truncates long values', () => {
    const contact: Contact = {
      ...EMPTY_CONTACT,
      defaultFields: { ...EMPTY_CONTACT.defaultFields, company: 'x'.repeat(10_000) },
    };
    const text = render(renderHoverMarkdown(contact, OPTIONS)).text;
    assert.ok(text.includes(`${'x'.repeat(119)}…`));
    assert.ok(!text.includes('x'.repeat(120)));
  });

  for (const value of HOSTILE_VALUES) {
    it(`keeps ${JSON.stringify(value)} as text in every field`, () => {
      const contact = contactFilledWith(value);
      const markdown = renderHoverMarkdown(contact, {
        openCommandUri: openUri(contact.id),
        maxCustomFields: 10,
        locale: 'en-US',
      });
      const dom = render(markdown);
      assert.deepEqual(new Set(dom.elements.map((e) => e.tag)), new Set(['p', 'strong', 'br', 'a']));
      const links = dom.all('a');
      assert.deepEqual(
        links.map((a) => a.text),
        ['Open Contact', 'Open in Quo'],
      );
      const commandHref = links[0]?.attrs['href'] ?? '';
      assert.ok(commandHref.startsWith('command:quo.openContact?'), commandHref);
      assert.deepEqual(JSON.parse(decodeURIComponent(commandHref.slice('command:quo.openContact?'.length))), [value]);
      assert.equal(
        decodeURIComponent(links[1]?.attrs['href'] ?? ''),
        `https://my.quo.com/contacts/${value}`,
      );
      assert.ok(dom.text.includes(cleanLine(value).slice(0, 100)), dom.text);
    });
  }
});

describe('renderHoverError', () => {
  it('is one escaped line', () => {
    const markdown = renderHoverError('Bad [x](command:workbench.action.terminal.new)\n# <b>boom</b>');
    assert.ok(!markdown.includes('\n'));
    const dom = render(markdown);
    assert.deepEqual(
      dom.elements.map((e) => e.tag),
      ['p'],
    );
    assert.equal(dom.text.trim(), 'Quo: Bad [x](command:workbench.action.terminal.new) # <b>boom</b>');
  });

  it('is short', () => {
    const text = render(renderHoverError('e'.repeat(5000))).text.trim();
    assert.ok(text.length <= 'Quo: '.length + 200, `length ${text.length}`);
    assert.ok(text.endsWith('…'));
  });
});

describe('the last contact on a contact card', () => {
  const NOW = Date.parse('2025-11-17T16:42:00.000Z');

  it('says when and with which teammate, from what the caller knows', () => {
    const text = (lastContact: LastContact): string =>
      render(renderHoverMarkdown(FULL_CONTACT, { ...OPTIONS, lastContact, now: NOW })).text;
    assert.match(text({ kind: 'call', at: '2025-11-14T16:42:00.000Z', teammate: 'Alice' }), /Last contact: 3 days ago, call with Alice\n/);
    assert.match(text({ kind: 'message', at: '2025-11-16T16:42:00.000Z', teammate: 'Alice' }), /Last contact: yesterday, message with Alice\n/);
    assert.match(text({ kind: 'call', at: '2025-11-17T16:12:00.000Z' }), /Last contact: 30 minutes ago, call\n/);
    assert.doesNotMatch(render(renderHoverMarkdown(FULL_CONTACT, OPTIONS)).text, /Last contact/, 'none without activity');
  });

  it('keeps a hostile teammate name as text', () => {
    for (const value of HOSTILE_VALUES) {
      const dom = render(renderHoverMarkdown(FULL_CONTACT, { ...OPTIONS, lastContact: { kind: 'call', at: value, teammate: value }, now: NOW }));
      assert.deepEqual(dom.all('a').map((a) => a.text), ['Open Contact', 'Open in Quo'], value);
    }
  });
});

describe('renderActivityHoverMarkdown', () => {
  const lines = decodePhoneNumbers({ data: SANDBOX_PHONE_NUMBERS });
  const data = sandboxActivity();
  const NOW = Date.parse('2025-11-17T16:42:00.000Z');
  const call = decodeCall(data.calls.find((candidate) => candidate.id === ACTIVITY.summarizedCallId));
  const message = decodeMessage(data.messages.find((candidate) => candidate.id === ACTIVITY.hostileMessageId));
  const base = { names: { lines }, locale: 'en-US', timeZone: 'UTC', defaultCountry: 'US', now: NOW };

  it('shows the call (direction, line, teammate, time, status and duration) and the contact it was with', () => {
    const dom = render(
      renderActivityHoverMarkdown({
        ...base,
        record: { kind: 'call', call },
        numbers: ['+14155550123'],
        contacts: [{ contact: FULL_CONTACT, openCommandUri: openUri(FULL_CONTACT.id) }],
      }),
    );
    assert.equal(dom.one('strong').text, 'Outgoing call');
    assert.match(dom.text, /Main line · Grace Hopper\n/);
    assert.match(dom.text, /Nov 12, 2025, 3:00\sPM · 5 days ago\n/);
    assert.match(dom.text, /Completed · 12:34/);
    assert.deepEqual(dom.all('a').map((a) => [a.text, a.attrs['href']]), [['Jane Doe', openUri(FULL_CONTACT.id)]]);
    assert.match(dom.text, /With Jane Doe/);
  });

  it('lists every contact with the number, or the number with "No contact has this number"', () => {
    const several = render(
      renderActivityHoverMarkdown({
        ...base,
        record: { kind: 'call', call },
        numbers: ['+14155550100'],
        contacts: [FULL_CONTACT, EMPTY_CONTACT].map((contact) => ({ contact, openCommandUri: openUri(contact.id) })),
      }),
    );
    assert.deepEqual(several.all('a').map((a) => a.text), ['Jane Doe', 'Unnamed contact']);
    const none = render(renderActivityHoverMarkdown({ ...base, record: { kind: 'call', call }, numbers: ['+14155550123'], contacts: [] }));
    assert.match(none.text, /\(415\) 555-0123: No contact has this number/);
    assert.equal(none.all('a').length, 0);
  });

  it('says it is still looking, not that no contact has the number, while the contact list is being loaded', () => {
    const looking = render(
      renderActivityHoverMarkdown({ ...base, record: { kind: 'call', call }, numbers: ['+14155550123'], contacts: [], stillListing: true }),
    );
    assert.match(looking.text, /Still looking for the contact/);
    assert.doesNotMatch(looking.text, /No contact has this number/);
  });

  it('shows a hostile message’s text as text: no link, image, HTML or theme icon', () => {
    const dom = render(
      renderActivityHoverMarkdown({
        ...base,
        record: { kind: 'message', message },
        numbers: ['+17025550177'],
        contacts: [{ contact: contactFilledWith(TERMINAL_COMMAND_LINK), openCommandUri: openUri('x') }],
      }),
    );
    assert.equal(dom.one('strong').text, 'Incoming message');
    assert.deepEqual(new Set(dom.elements.map((e) => e.tag)), new Set(['p', 'strong', 'br', 'a']));
    assert.deepEqual(dom.all('a').map((a) => a.attrs['href']), [openUri('x')], 'only the Open Contact link');
    assert.ok(dom.text.includes('<img src=x onerror=alert(1)> $(terminal) **bold**'));
  });
});
