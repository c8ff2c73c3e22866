import assert from 'node:assert/strict';
import { MAX_FILES_SHOWN, MAX_LINES_SHOWN, renderMentionsBody, renderMentionsSection, type MentionsView } from '../../src/render/mentionsHtml.js';
import { isHostMessage, isPanelMessage, messageForAction } from '../../src/render/panelMessages.js';
import { parseHtmlFragment } from './htmlDom.js';

const file = (path: string, lines: number[]): MentionsView['files'][number] => ({
  path,
  mentions: lines.map((line, index) => ({ line, kind: (['id', 'phone', 'email'] as const)[index % 3] ?? 'id' })),
});

describe('Mentioned in: the panel section', () => {
  it('lists each file with its lines (one-based), each a button naming file and line, and Show All', () => {
    const html = renderMentionsSection({ state: 'ready', scanned: 3, total: 3, files: [file('notes/call.md', [2, 9]), file('app.log', [0])] });
    const page = parseHtmlFragment(html);
    const buttons = page.withAttr('data-action', 'openMention');
    assert.deepEqual(
      buttons.map((button) => [button.tag, button.attrs['data-value'], button.text]),
      [
        ['button', '0:0', 'Line 3contact id or link'],
        ['button', '0:1', 'Line 10phone number'],
        ['button', '1:0', 'Line 1contact id or link'],
      ],
    );
    assert.equal(buttons[1]?.attrs['aria-label'], 'notes/call.md, Line 10, phone number');
    assert.equal(page.withAttr('data-action', 'findMentions').length, 1);
    assert.equal(page.withAttr('data-mentions-body')[0]?.attrs['aria-busy'], 'false');
  });

  it('escapes a hostile path everywhere it is written', () => {
    const hostile = '<img src=x onerror=alert(1)>"\'/`.md';
    const html = renderMentionsBody({ state: 'ready', scanned: 1, total: 1, files: [file(hostile, [0])] });
    assert.ok(!html.includes('<img'));
    const page = parseHtmlFragment(html);
    assert.deepEqual(page.all('img'), []);
    assert.ok(page.elements.every((element) => element.attrNames.every((name) => !name.startsWith('on'))));
    assert.ok(page.all('span').some((span) => span.text === hostile));
    assert.ok(page.withAttr('data-action', 'openMention')[0]?.attrs['aria-label']?.startsWith(hostile));
  });

  it('says it is searching, with the files done so far, then what a stopped search covered, then that nobody mentions the contact', () => {
    const searching = renderMentionsSection({ state: 'searching', scanned: 120, total: 400, files: [] });
    assert.match(searching, /Searching the workspace… 120 of 400 files/);
    assert.match(searching, /aria-busy="true"/);
    assert.ok(!searching.includes('No file'));
    assert.match(renderMentionsBody({ state: 'stopped', scanned: 120, total: 400, files: [] }), /stopped after 120 of 400 files[\s\S]*No file in this workspace mentions this contact/);
    assert.match(renderMentionsBody({ state: 'ready', scanned: 4, total: 4, files: [] }), /No file in this workspace mentions this contact/);
  });

  it('cuts long lists and counts the rest', () => {
    const many = Array.from({ length: MAX_FILES_SHOWN + 5 }, (_, index) => file(`f${index}.txt`, Array.from({ length: MAX_LINES_SHOWN + 3 }, (_, line) => line)));
    const page = parseHtmlFragment(renderMentionsBody({ state: 'ready', scanned: 1, total: 1, files: many }));
    assert.equal(page.withAttr('class', 'mention-file').length, MAX_FILES_SHOWN);
    assert.equal(page.withAttr('data-action', 'openMention').length, MAX_FILES_SHOWN * MAX_LINES_SHOWN);
    assert.match(page.text, /and 3 more in this file/);
    assert.match(page.text, /and 5 more files/);
  });
});

describe('Mentioned in: messages', () => {
  it('a line posts its place in the list, and nothing else passes for one', () => {
    assert.deepEqual(messageForAction('openMention', '3:12'), { type: 'openMention', value: '3:12' });
    assert.deepEqual(messageForAction('findMentions', null), { type: 'findMentions' });
    for (const value of [null, '', '3', '3:', ':1', '-1:0', '1:0:0', '12345:0', 'file:///etc/passwd', '1:0 ']) {
      assert.equal(messageForAction('openMention', value), undefined, String(value));
      assert.equal(isPanelMessage({ type: 'openMention', value }), false, String(value));
    }
    assert.equal(isPanelMessage({ type: 'openMention', value: '0:0' }), true);
    assert.equal(isPanelMessage({ type: 'openMention', value: '0:0', uri: 'file:///etc/passwd' }), false);
    assert.equal(isHostMessage({ type: 'mentions', html: '<ul></ul>' }), true);
    assert.equal(isHostMessage({ type: 'mentions' }), false);
  });
});
