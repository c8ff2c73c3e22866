import assert from 'node:assert/strict';
import { forInline, forTitle, MAX_INLINE_CHARS, MAX_TITLE_CHARS } from '../../src/render/nameLengths.js';
import { renderPanelHtml } from '../../src/render/panelHtml.js';
import { parseDocument } from './htmlDom.js';
import { EMPTY_CONTACT } from './renderFixtures.js';

describe('Name lengths on each surface', () => {
  const huge = 'N'.repeat(1_000_000);

  it('shortens a title or tooltip to 200 characters and an inline name to 80', () => {
    assert.ok(forTitle(huge).length <= MAX_TITLE_CHARS);
    assert.ok(forInline(huge).length <= MAX_INLINE_CHARS);
    assert.equal(forTitle('Ada Lovelace'), 'Ada Lovelace');
    assert.equal(forInline('Ada Lovelace'), 'Ada Lovelace');
  });

  it('keeps the whole name in the panel body, and a short one in its <title>', () => {
    const contact = { ...EMPTY_CONTACT, defaultFields: { ...EMPTY_CONTACT.defaultFields, firstName: huge } };
    const dom = parseDocument(
      renderPanelHtml({
        state: 'ready',
        contact,
        cspSource: 'https://example.invalid',
        nonce: 'nonce-abcdefghijklmnop',
        scriptUri: 'https://example.invalid/panel.js',
        styleUri: 'https://example.invalid/panel.css',
        codiconsUri: 'https://example.invalid/codicon.css',
      }),
    );
    assert.ok(dom.one('title').text.length <= MAX_TITLE_CHARS, `title of ${dom.one('title').text.length}`);
    assert.ok(dom.one('h1').text.includes(huge), 'the body has every character');
  });
});
