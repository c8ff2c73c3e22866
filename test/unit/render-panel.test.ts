import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageForAction } from '../../src/render/panelMessages.js';
import { panelTitle, renderPanelHtml, type PanelInput, type PanelState } from '../../src/render/panelHtml.js';
import type { Availability } from '../../src/connection/availability.js';
import { availabilityCopy } from '../../src/connection/availabilityCopy.js';
import { createNonce } from '../../src/render/nonce.js';
import { cleanLine, cleanMultiline } from '../../src/common/text.js';
import type { Contact } from '../../src/quo/types.js';
import { parseDocument, shape, type Dom } from './htmlDom.js';
import { contactFilledWith, EMPTY_CONTACT, FULL_CONTACT, HOSTILE_VALUES } from './renderFixtures.js';
import { shippedCodicons } from './shippedCodicons.js';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const NONCE = 'r4nd0mN0nceV4lue+/AB==';
const BASE: Omit<PanelInput, 'state'> = {
  cspSource: CSP_SOURCE,
  nonce: NONCE,
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/panel.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
  codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
  locale: 'en-US',
  timeZone: 'UTC',
  defaultCountry: 'US',
};
const STATES: readonly PanelState[] = ['loading', 'ready', 'not-found', 'unavailable', 'error', 'workspace-removed'];
const ACTIONS = new Set(['copy', 'copyJson', 'openInQuo', 'refresh', 'togglePin', 'setApiKey', 'openSettings', 'retry', 'openInActiveWorkspace']);
const OFFLINE: Availability = { kind: 'offline', cause: 'Quo did not answer in time.' };

function page(input: Partial<PanelInput> & { state: PanelState }): Dom {
  return parseDocument(renderPanelHtml({ ...BASE, ...input }));
}

function ready(contact: Contact, extra: Partial<PanelInput> = {}): Dom {
  return page({ state: 'ready', contact, ...extra });
}

/** The <dd> text of the field whose <dt> is `label`, in document order. */
function fieldTexts(dom: Dom, label: string): string[] {
  const out: string[] = [];
  dom.elements.forEach((element, index) => {
    if (element.tag === 'dt' && element.text === label) {
      const dd = dom.elements.slice(index + 1).find((e) => e.tag === 'dd');
      out.push(dd?.text ?? '');
    }
  });
  return out;
}

function fieldText(dom: Dom, label: string): string {
  const texts = fieldTexts(dom, label);
  assert.equal(texts.length, 1, `one field "${label}"`);
  return texts[0];
}

/** Checks that hold for every page, whatever its state and data. */
function assertPageIsSafe(html: string): Dom {
  const dom = parseDocument(html);
  const metas = dom.all('meta').filter((m) => m.attrs['http-equiv']?.toLowerCase() === 'content-security-policy');
  assert.equal(metas.length, 1, 'one CSP meta');
  assert.equal(
    metas[0]?.attrs['content'],
    `default-src 'none'; style-src ${CSP_SOURCE}; font-src ${CSP_SOURCE}; img-src ${CSP_SOURCE}; media-src data:; script-src 'nonce-${NONCE}';`,
  );
  const scripts = dom.all('script');
  assert.equal(scripts.length, 1, 'one script');
  assert.deepEqual(scripts[0]?.attrs, { nonce: NONCE, src: BASE.scriptUri });
  assert.equal(scripts[0]?.text, '');
  assert.deepEqual(dom.all('style'), [], 'no <style>');
  for (const element of dom.elements) {
    for (const name of element.attrNames) {
      assert.ok(!/^on/i.test(name), `<${element.tag} ${name}>: event handler attribute`);
      assert.notEqual(name, 'style', `<${element.tag}> has an inline style`);
      assert.notEqual(name, 'srcdoc');
    }
    if ('href' in element.attrs && element.tag === 'a') {
      assert.equal(element.attrs['href'], '#', 'links never navigate the webview');
    }
    if ('data-href' in element.attrs) {
      assert.match(element.attrs['data-href'] ?? '', /^https?:\/\//, 'data-href is http(s) only');
      assert.equal(element.tag, 'a');
    }
    for (const name of ['src', 'action', 'formaction', 'background', 'poster']) {
      if (name in element.attrs && element.tag !== 'script') {
        assert.fail(`<${element.tag} ${name}=...> loads or submits something`);
      }
    }
  }
  for (const tag of ['iframe', 'object', 'embed', 'form', 'img', 'svg', 'base', 'textarea', 'template']) {
    assert.deepEqual(dom.all(tag), [], `no <${tag}>`);
  }
  for (const control of dom.withAttr('data-action')) {
    assert.equal(control.tag, 'button', 'actions are real buttons');
    assert.equal(control.attrs['type'], 'button');
    assert.ok(ACTIONS.has(control.attrs['data-action'] ?? ''), control.attrs['data-action']);
    assert.ok(
      messageForAction(control.attrs['data-action'] ?? null, control.attrs['data-value'] ?? null),
      `the webview script understands ${control.attrs['data-action']}`,
    );
  }
  return dom;
}

function actions(dom: Dom): string[] {
  return dom.withAttr('data-action').map((b) => b.attrs['data-action']);
}

describe('renderPanelHtml: the panel\'s Quo workspace', () => {
  it('names the workspace in the header as text, and saves its id with the page', () => {
    const dom = ready(FULL_CONTACT, { workspaceId: 'w1a2b3c4d5e6', workspaceName: '<img src=x onerror=alert(1)> $(key) Acme' });
    const line = dom.all('p').find((p) => p.attrs['class'] === 'workspace');
    assert.ok(line, 'a workspace line');
    assert.equal(line.text.trim(), '<img src=x onerror=alert(1)> $(key) Acme');
    assert.equal(dom.all('img').length, 0, 'the name is text, never markup');
    assert.equal(dom.one('body').attrs['data-workspace-id'], 'w1a2b3c4d5e6');
  });

  it('says nothing of workspaces while there is one (no name given)', () => {
    const dom = ready(FULL_CONTACT, { workspaceId: 'w1a2b3c4d5e6' });
    assert.equal(dom.all('p').filter((p) => p.attrs['class'] === 'workspace').length, 0);
  });

  it('has no pin button for a contact of a workspace that is not active', () => {
    assert.ok(actions(ready(FULL_CONTACT)).includes('togglePin'));
    assert.ok(!actions(ready(FULL_CONTACT, { canPin: false })).includes('togglePin'));
  });

  it('says a removed workspace\'s contact is not shown, and offers to open the id in the active workspace', () => {
    const dom = page({ state: 'workspace-removed', contactId: FULL_CONTACT.id, workspaceName: 'Acme' });
    assert.match(dom.text, /Workspace removed/);
    assert.deepEqual(actions(dom), ['openInActiveWorkspace']);
    assert.doesNotMatch(dom.text, new RegExp(FULL_CONTACT.defaultFields.lastName ?? '-'));
    assert.equal(panelTitle({ state: 'workspace-removed' }), 'Workspace removed');
  });
});

describe('renderPanelHtml: document', () => {
  for (const state of STATES) {
    it(`is a safe document in the ${state} state`, () => {
      assertPageIsSafe(renderPanelHtml({ ...BASE, state, contact: state === 'ready' ? FULL_CONTACT : undefined }));
    });
  }

  it('loads the codicons and panel stylesheets and the title is the contact name', () => {
    const dom = ready(FULL_CONTACT);
    assert.deepEqual(
      dom.all('link').map((l) => [l.attrs['rel'], l.attrs['href']]),
      [
        ['stylesheet', BASE.codiconsUri],
        ['stylesheet', BASE.styleUri],
      ],
    );
    assert.equal(dom.one('title').text, 'Jane Doe');
    assert.equal(dom.one('html').attrs['lang'], 'en-US');
    assert.equal(dom.one('body').attrs['data-contact-id'], FULL_CONTACT.id);
    assert.equal(dom.one('body').attrs['data-state'], 'ready');
  });

  it('falls back to lang="en" for a missing or invalid locale', () => {
    assert.equal(page({ state: 'loading', locale: undefined }).one('html').attrs['lang'], 'en');
    assert.equal(page({ state: 'loading', locale: 'not a locale!' }).one('html').attrs['lang'], 'en');
    assert.equal(page({ state: 'loading', locale: 'de-de' }).one('html').attrs['lang'], 'de-DE');
  });

  it('refuses a nonce or CSP source that could break out of the policy', () => {
    for (const nonce of ['', 'short', "abcdefghijklmnop' 'unsafe-inline", 'abcdefghijklmnopq"']) {
      assert.throws(() => renderPanelHtml({ ...BASE, nonce, state: 'loading' }), /nonce/);
    }
    for (const cspSource of ['', "https://x 'unsafe-inline'", 'https://x; script-src *', 'https://x">']) {
      assert.throws(() => renderPanelHtml({ ...BASE, cspSource, state: 'loading' }), /cspSource/);
    }
  });

  it("accepts the CSP source of VS Code 1.139, which starts with 'self'", () => {
    const html = renderPanelHtml({ ...BASE, cspSource: "'self' https://*.vscode-cdn.net", state: 'loading' });
    assert.match(html, /style-src 'self' https:\/\/\*\.vscode-cdn\.net/);
  });

  it('accepts nonces from createNonce, different every time', () => {
    const a = createNonce();
    const b = createNonce();
    assert.notEqual(a, b);
    assert.equal(a.length, 24);
    assert.doesNotThrow(() => renderPanelHtml({ ...BASE, nonce: a, state: 'loading' }));
  });
});

describe('renderPanelHtml: contact', () => {
  const dom = ready(FULL_CONTACT, { creatorName: 'Sam Admin' });

  it('shows name, company and role in the header', () => {
    assert.equal(dom.one('h1').text, 'Jane Doe');
    assert.equal(dom.withAttr('class', 'subtitle')[0]?.text, 'Acme Inc · CEO');
  });

  it('shows every default field', () => {
    assert.equal(fieldText(dom, 'First name'), 'Jane');
    assert.equal(fieldText(dom, 'Last name'), 'Doe');
    assert.equal(fieldText(dom, 'Company'), 'Acme Inc');
    assert.equal(fieldText(dom, 'Role'), 'CEO');
  });

  it('lists every phone and email with its label and a copy button', () => {
    const rows = dom.withAttr('class', 'value-row').map((row) => row.text.replace(/\s+/g, ' ').trim());
    // Numbers as people in quo.defaultCountry (US) read them; the copy buttons copy E.164.
    assert.deepEqual(rows, [
      'mobile (234) 567-8901',
      'office (234) 567-8902',
      'work jane@acme.com',
      'home jane@home.example',
    ]);
    const copies = dom.withAttr('data-action', 'copy').map((b) => b.attrs['data-value']);
    for (const value of ['+12345678901', '+12345678902', 'jane@acme.com', 'jane@home.example', FULL_CONTACT.id, 'crm-42']) {
      assert.ok(copies.includes(value), `copy ${value}`);
    }
  });

  it('renders each custom field by type', () => {
    const tags = dom.withAttr('class', 'chip').map((chip) => chip.text);
    assert.deepEqual(tags, ['vip', 'beta', 'west']);
    assert.equal(fieldText(dom, 'Active'), 'Yes');
    assert.equal(fieldText(dom, 'Churned'), 'No');
    const icons = dom.elements.filter((e) => /\bcodicon-(check|close)\b/.test(e.attrs['class'] ?? '')).map((e) => e.attrs['class']);
    assert.deepEqual(icons, ['codicon codicon-check', 'codicon codicon-close']);
    assert.equal(fieldText(dom, 'Birthday'), 'May 17, 1990', 'midnight UTC is a date alone');
    assert.match(fieldText(dom, 'Last call'), /^Jan 2, 2025, 3:30\sPM$/);
    assert.equal(fieldText(dom, 'Seats'), '1,234.5');
    assert.equal(fieldText(dom, 'Website'), 'https://acme.example/about');
    assert.equal(dom.withAttr('data-href', 'https://acme.example/about').length, 1);
    assert.equal(fieldText(dom, 'Office'), '1 Main St\nSpringfield');
    assert.equal(fieldText(dom, 'Notes'), 'Prefers email');
    const types = dom.withAttr('data-type').map((e) => e.attrs['data-type']);
    assert.deepEqual(types, FULL_CONTACT.customFields.map((f) => f.type));
  });

  it('shows source, source URL as a link, external id, timestamps and the creator', () => {
    assert.equal(fieldText(dom, 'Contact id'), FULL_CONTACT.id);
    assert.equal(fieldText(dom, 'External id'), 'crm-42');
    assert.equal(fieldText(dom, 'Source'), 'hubspot');
    assert.equal(fieldText(dom, 'Source URL'), 'https://crm.example.com/people/42');
    assert.equal(dom.withAttr('data-href', 'https://crm.example.com/people/42').length, 1);
    assert.match(fieldText(dom, 'Created'), /^Sep 1, 2024, 12:00\sPM$/);
    assert.match(fieldText(dom, 'Updated'), /^Nov 20, 2025, 8:15\sAM$/);
    assert.deepEqual(
      dom.all('time').map((t) => t.attrs['datetime']),
      ['1990-05-17T00:00:00.000Z', '2025-01-02T15:30:00.000Z', FULL_CONTACT.createdAt, FULL_CONTACT.updatedAt],
    );
    assert.equal(fieldText(dom, 'Created by'), 'Sam Admin');
    assert.equal(fieldText(ready(FULL_CONTACT), 'Created by'), 'USu1Abc', 'the user id until the name is known');
  });

  it('offers refresh, pin, copy JSON and open in Quo', () => {
    for (const action of ['refresh', 'togglePin', 'copyJson', 'openInQuo']) {
      assert.equal(dom.withAttr('data-action', action).length, 1, action);
    }
    const pin = dom.withAttr('data-action', 'togglePin')[0];
    assert.equal(pin.attrs['aria-pressed'], 'false');
    const pinned = ready(FULL_CONTACT, { pinned: true }).withAttr('data-action', 'togglePin')[0];
    assert.equal(pinned.attrs['aria-pressed'], 'true');
    assert.equal(pinned.attrs['title'], 'Unpin');
  });

  it('gives every icon-only button an accessible name', () => {
    for (const button of dom.all('button')) {
      assert.ok((button.attrs['aria-label'] ?? button.text).trim() !== '', JSON.stringify(button.attrs));
    }
  });

  it('formats numbers and dates in the given locale', () => {
    const german = ready(FULL_CONTACT, { locale: 'de-DE' });
    assert.equal(fieldText(german, 'Seats'), '1.234,5');
    assert.equal(fieldText(german, 'Birthday'), '17.05.1990');
  });

  it('handles nulls and empty lists', () => {
    const empty = ready(EMPTY_CONTACT);
    assertPageIsSafe(renderPanelHtml({ ...BASE, state: 'ready', contact: EMPTY_CONTACT }));
    assert.equal(empty.one('h1').text, 'Unnamed contact');
    assert.deepEqual(
      empty.withAttr('class', 'empty').map((e) => e.text),
      ['No phone numbers', 'No emails', 'Not set', 'Not set', 'Not set', 'Not set', 'No custom fields', 'Not set', 'Not set', 'Not set'],
    );
    assert.deepEqual(actions(empty).filter((a) => a === 'copy').length, 1, 'only the contact id can be copied');
    assert.equal(empty.withAttr('data-href').length, 0);
  });

  it('shows custom fields whose value is null or empty as not set', () => {
    const contact: Contact = {
      ...EMPTY_CONTACT,
      customFields: [
        { name: 'S', type: 'string', value: null },
        { name: 'M', type: 'multi-select', value: [] },
        { name: 'B', type: 'boolean', value: null },
        { name: 'N', type: 'number', value: null },
        { name: 'D', type: 'date', value: null },
        { name: 'U', type: 'url', value: '' },
        { name: 'A', type: 'address', value: '   ' },
      ],
    };
    const dom = ready(contact);
    for (const name of ['S', 'M', 'B', 'N', 'D', 'U', 'A']) {
      assert.equal(fieldText(dom, name), 'Not set', name);
    }
  });

  it('shows a value whose type does not match its declared type as text', () => {
    const contact = {
      ...EMPTY_CONTACT,
      customFields: [
        { name: 'N', type: 'number', value: 'many' },
        { name: 'B', type: 'boolean', value: 'yes' },
        { name: 'D', type: 'date', value: 'next week' },
      ],
    } as unknown as Contact;
    const dom = ready(contact);
    assert.equal(fieldText(dom, 'N'), 'many');
    assert.equal(fieldText(dom, 'B'), 'yes');
    assert.equal(fieldText(dom, 'D'), 'next week');
  });
});

describe('renderPanelHtml: hostile values', () => {
  const benign = renderPanelHtml({ ...BASE, state: 'ready', contact: contactFilledWith('benign'), creatorName: 'benign' });

  for (const value of HOSTILE_VALUES) {
    it(`keeps ${JSON.stringify(value)} as text in every field and attribute`, () => {
      const html = renderPanelHtml({ ...BASE, state: 'ready', contact: contactFilledWith(value), creatorName: value });
      const dom = assertPageIsSafe(html);
      // The same elements and attributes as with harmless text: the value added no markup. (A value that is an
      // http(s) URL becomes a link where 'benign' stays a span.)
      const normalized = shape(dom).map((entry) => (entry === 'a[href,data-href,title]' ? 'span[class]' : entry));
      assert.deepEqual(normalized, shape(parseDocument(benign)));
      assert.ok(dom.text.includes(cleanLine(value)), 'shown literally');
      assert.equal(dom.one('h1').text, cleanLine(`${value} ${value}`));
      // A browser reads CR LF in an attribute as LF (input stream preprocessing); otherwise values round-trip.
      const asParsed = value.replace(/\r\n?/g, '\n');
      assert.equal(dom.one('body').attrs['data-contact-id'], asParsed);
      for (const copy of dom.withAttr('data-action', 'copy')) {
        assert.ok([asParsed, cleanLine(value)].includes(copy.attrs['data-value'] ?? ''), 'attribute round-trips');
      }
      assert.equal(fieldTexts(dom, cleanLine(value)).length, 5, 'five custom fields');
      assert.ok(fieldTexts(dom, cleanLine(value)).includes(cleanMultiline(value)), 'multi-line custom value');
    });
  }

  for (const url of [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'command:workbench.action.terminal.new',
    'vscode://file/etc/passwd',
    'file:///etc/passwd',
    '//evil.example/x',
    '/relative/path',
    'https://user:pass@evil.example/',
  ]) {
    it(`does not link ${JSON.stringify(url)} in sourceUrl or a url field`, () => {
      const contact: Contact = {
        ...EMPTY_CONTACT,
        sourceUrl: url,
        customFields: [{ name: 'Site', type: 'url', value: url }],
      };
      const dom = assertPageIsSafe(renderPanelHtml({ ...BASE, state: 'ready', contact }));
      assert.deepEqual(dom.all('a'), []);
      assert.equal(fieldText(dom, 'Source URL'), cleanLine(url));
      assert.equal(fieldText(dom, 'Site'), cleanLine(url));
    });
  }

  it('round-trips quotes in attributes', () => {
    const value = `+1"'><b x="y">&amp;`;
    const contact: Contact = {
      ...EMPTY_CONTACT,
      defaultFields: { ...EMPTY_CONTACT.defaultFields, phoneNumbers: [{ name: 'm', value }] },
      sourceUrl: `https://example.com/?q="'><script>`,
    };
    const dom = assertPageIsSafe(renderPanelHtml({ ...BASE, state: 'ready', contact }));
    assert.equal(dom.withAttr('data-value', value).length, 1);
    assert.deepEqual(dom.all('b'), []);
    const link = dom.one('a');
    assert.equal(link.attrs['data-href'], new URL(`https://example.com/?q="'><script>`).href);
  });
});

describe('renderPanelHtml: states', () => {
  const cases: Array<[PanelState, Availability | undefined, RegExp]> = [
    ['loading', undefined, /Loading contact/],
    ['not-found', undefined, /Contact not found/],
    ['unavailable', { kind: 'no-key' }, /No Quo API key/],
    ['unavailable', { kind: 'key-refused' }, /Quo refused the API key/],
    ['unavailable', { kind: 'bad-config', message: 'quo.apiBaseUrl must use https' }, /cannot be reached with these settings/],
    ['unavailable', OFFLINE, /Quo is unreachable/],
    ['unavailable', { kind: 'rate-limited' }, /Rate limited by Quo/],
    ['error', undefined, /Could not load the contact/],
  ];
  for (const [state, availability, title] of cases) {
    const kind = availability?.kind ?? state;
    it(`shows its own message for ${kind}`, () => {
      const dom = page({ state, contactId: 'abc123', ...(availability ? { availability } : {}) });
      assert.match(dom.one('h1').text, title);
      assert.equal(dom.one('body').attrs['data-state'], kind);
      assert.equal(dom.withAttr('class', `status status-${kind}`).length, 1);
      const retry = actions(dom).filter((a) => a === 'retry').length;
      assert.equal(retry, state === 'loading' ? 0 : 1, 'retry, except while loading');
      assert.equal(actions(dom).includes('setApiKey'), kind === 'no-key' || kind === 'key-refused');
      assert.equal(actions(dom).includes('openSettings'), kind === 'bad-config');
      if (availability) {
        assert.equal(dom.one('h1').text, availabilityCopy(availability).title, 'the copy table\'s title');
        assert.equal(panelTitle({ state, availability }), availabilityCopy(availability).title);
      }
    });
  }

  it('titles a refused key as refused, not as a missing key', () => {
    assert.equal(panelTitle({ state: 'unavailable', availability: { kind: 'key-refused' } }), 'Quo refused the API key');
    assert.doesNotMatch(page({ state: 'unavailable', availability: { kind: 'key-refused' } }).text, /No Quo API key/);
  });

  it('announces loading politely and failures as alerts', () => {
    assert.equal(page({ state: 'loading' }).withAttr('role', 'status').length, 1);
    assert.equal(page({ state: 'unavailable', availability: OFFLINE }).withAttr('role', 'alert').length, 1);
  });

  it('names the id that was not found', () => {
    assert.match(page({ state: 'not-found', contactId: 'cid<b>' }).text, /no contact with the id “cid<b>”/);
  });

  it('shows the error message escaped, keeping its lines', () => {
    const dom = page({ state: 'error', errorMessage: 'HTTP 500 <b>Unknown</b>\ntrace: t-123' });
    assert.equal(dom.withAttr('class', 'status-message')[0]?.text, 'HTTP 500 <b>Unknown</b>\ntrace: t-123');
    assert.deepEqual(dom.all('b'), []);
  });

  it('keeps showing a contact under a banner when a refresh fails', () => {
    const dom = page({ state: 'unavailable', availability: OFFLINE, contact: FULL_CONTACT });
    assert.equal(dom.one('h1').text, 'Jane Doe');
    assert.equal(dom.withAttr('class', 'status status-offline status-banner').length, 1);
    assert.match(dom.text, /Showing the details loaded before/);
    assert.equal(fieldText(dom, 'Company'), 'Acme Inc');
  });

  it('treats "ready" without a contact as an error rather than an empty page', () => {
    const dom = page({ state: 'ready' });
    assert.equal(dom.one('body').attrs['data-state'], 'error');
    assert.deepEqual(actions(dom), ['retry']);
  });
});

describe('codicons', () => {
  it('uses only icons that exist in the bundled codicons', () => {
    const codicons = readFileSync(join(__dirname, '..', '..', 'node_modules', '@vscode', 'codicons', 'dist', 'codicon.css'), 'utf8');
    const html = [
      renderPanelHtml({ ...BASE, state: 'ready', contact: FULL_CONTACT, pinned: true }),
      renderPanelHtml({ ...BASE, state: 'ready', contact: FULL_CONTACT, pinned: false }),
      ...STATES.map((state) => renderPanelHtml({ ...BASE, state, availability: OFFLINE, contact: FULL_CONTACT })),
    ].join('');
    const classes = [...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => (m[1]).split(' '));
    const icons = new Set(classes.filter((name) => name.startsWith('codicon-')).map((name) => name.slice('codicon-'.length)));
    assert.ok(icons.size >= 10, [...icons].join());
    const missing = [...icons].filter(
      (icon) => !codicons.includes(`.codicon-${icon}:before`) && !codicons.includes(`.codicon-${icon} {`),
    );
    assert.deepEqual(missing, []);
  });

  it('uses only icons that the cut-down codicons the build ships still draw', function () {
    this.timeout(20_000);
    const html = [
      renderPanelHtml({ ...BASE, state: 'ready', contact: FULL_CONTACT, pinned: true }),
      renderPanelHtml({ ...BASE, state: 'ready', contact: FULL_CONTACT, pinned: false }),
      ...STATES.map((state) => renderPanelHtml({ ...BASE, state, contact: FULL_CONTACT })),
      ...STATES.map((state) => renderPanelHtml({ ...BASE, state, availability: OFFLINE, contact: FULL_CONTACT })),
      ...(
        [
          { kind: 'starting' },
          { kind: 'no-key' },
          { kind: 'bad-config', message: 'x' },
          { kind: 'ready' },
          { kind: 'key-invalid', reason: 'x' },
          { kind: 'key-refused' },
          OFFLINE,
          { kind: 'rate-limited' },
        ] satisfies Availability[]
      ).map((availability) => renderPanelHtml({ ...BASE, state: 'unavailable', availability })),
    ].join('');
    const codicons = shippedCodicons();
    assert.ok(codicons.glyphRules < 300, `the font is cut down: ${codicons.glyphRules} icons`);
    assert.deepEqual(codicons.missingFrom(html), []);
  });
});

describe('media/panel.css', () => {
  const css = readFileSync(join(__dirname, '..', '..', 'media', 'panel.css'), 'utf8');

  it('loads nothing and hard-codes no colours: everything comes from the theme', () => {
    assert.doesNotMatch(css, /url\(|@import/);
    assert.doesNotMatch(css, /#[0-9a-f]{3,8}\b/i);
    assert.doesNotMatch(css, /\b(?:rgb|hsl)a?\(/i);
    for (const variable of ['--vscode-foreground', '--vscode-editor-background', '--vscode-font-family', '--vscode-textLink-foreground', '--vscode-badge-background', '--vscode-contrastBorder', '--vscode-focusBorder']) {
      assert.ok(css.includes(`var(${variable}`), variable);
    }
  });

  it('styles every class the renderer uses', () => {
    const html = [
      renderPanelHtml({ ...BASE, state: 'ready', contact: FULL_CONTACT, pinned: true }),
      ...STATES.map((state) => renderPanelHtml({ ...BASE, state, availability: OFFLINE, contact: FULL_CONTACT, errorMessage: 'x' })),
    ].join('');
    const classes = new Set([...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => (m[1]).split(' ')));
    const unstyled = [...classes].filter(
      (name) => !name.startsWith('codicon') && !name.startsWith('field-') && !css.includes(`.${name}`),
    );
    assert.deepEqual(unstyled, []);
  });
});
