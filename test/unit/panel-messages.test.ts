import assert from 'node:assert/strict';
import {
  editedMessage,
  isContactDraft,
  isHostMessage,
  isPanelMessage,
  isSavedEdit,
  MAX_DRAFT_CHARS,
  MAX_DRAFT_CUSTOM_FIELDS,
  MAX_DRAFT_ITEMS,
  MAX_HOST_HTML,
  isPanelWebviewState,
  MAX_MESSAGE_VALUE,
  messageForAction,
  oversizedHostMessage,
  type PanelMessage,
} from '../../src/render/panelMessages.js';
import type { ContactDraft } from '../../src/contacts/edit/contactDraft.js';
import { DRAFT, draftFilledWith, SESSION } from './formFixtures.js';

describe('panel messages', () => {
  it('maps every button action to its message', () => {
    assert.deepEqual(messageForAction('copy', '+12345678901'), { type: 'copy', value: '+12345678901' });
    for (const type of ['copyJson', 'openInQuo', 'refresh', 'togglePin', 'setApiKey', 'retry', 'openInActiveWorkspace'] as const) {
      assert.deepEqual(messageForAction(type, null), { type });
      assert.deepEqual(messageForAction(type, 'ignored'), { type });
    }
  });

  it('maps nothing else', () => {
    for (const [action, value] of [
      ['copy', null],
      ['copy', ''],
      ['copy', 'x'.repeat(MAX_MESSAGE_VALUE + 1)],
      ['openLink', 'https://x.example'],
      ['constructor', null],
      ['__proto__', null],
      ['', null],
      [null, null],
    ] as const) {
      assert.equal(messageForAction(action, value), undefined, `${action}`);
    }
  });

  it('accepts exactly the messages the webview can send', () => {
    const valid: PanelMessage[] = [
      { type: 'copy', value: 'a' },
      { type: 'copyJson' },
      { type: 'openLink', url: 'https://x.example' },
      { type: 'openInQuo' },
      { type: 'refresh' },
      { type: 'togglePin' },
      { type: 'setApiKey' },
      { type: 'retry' },
    ];
    for (const message of valid) {
      assert.equal(isPanelMessage(message), true, JSON.stringify(message));
    }
    for (const message of [
      null,
      undefined,
      'refresh',
      42,
      {},
      { type: 'copy' },
      { type: 'copy', value: 7 },
      { type: 'copy', value: '' },
      { type: 'openLink' },
      { type: 'openLink', url: { href: 'x' } },
      { type: 'openLink', url: 'x'.repeat(MAX_MESSAGE_VALUE + 1) },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'toString' },
      { type: ['refresh'] },
    ]) {
      assert.equal(isPanelMessage(message), false, JSON.stringify(message));
    }
  });

  it('checks the saved webview state', () => {
    assert.equal(isPanelWebviewState({ contactId: '66d0d87e8dc1211467372303' }), true);
    assert.equal(isPanelWebviewState({ contactId: '66d0d87e8dc1211467372303', workspaceId: 'w1a2b3c4d5e6' }), true);
    for (const state of [undefined, null, {}, { contactId: '' }, { contactId: 5 }, 'id', { contactId: 'x', workspaceId: 7 }, { contactId: 'x', workspaceId: '' }]) {
      assert.equal(isPanelWebviewState(state), false, JSON.stringify(state));
    }
  });
});

describe('panel messages for the Activity section', () => {
  const CALL_ID = 'ACca110000000000000000000000000001';

  it('accepts the activity messages the page sends, with a call id only of Quo’s shape', () => {
    for (const message of [{ type: 'ready' }, { type: 'moreActivity' }, { type: 'retryActivity' }, { type: 'expandCall', callId: CALL_ID }]) {
      assert.equal(isPanelMessage(message), true, JSON.stringify(message));
    }
    for (const message of [
      { type: 'expandCall' },
      { type: 'expandCall', callId: '' },
      { type: 'expandCall', callId: 42 },
      { type: 'expandCall', callId: '5ff2d910a1f623871380caa6' },
      { type: 'expandCall', callId: 'AC/../../v1/contacts' },
      { type: 'expandCall', callId: `AC${'a'.repeat(65)}` },
    ]) {
      assert.equal(isPanelMessage(message), false, JSON.stringify(message));
    }
    assert.deepEqual(messageForAction('moreActivity', null), { type: 'moreActivity' });
    assert.deepEqual(messageForAction('retryActivity', null), { type: 'retryActivity' });
    assert.equal(messageForAction('expandCall', CALL_ID), undefined, 'a call is expanded by its <details>, not a button');
  });

  it('checks what the page receives', () => {
    assert.equal(isHostMessage({ type: 'activity', html: '<p>x</p>' }), true);
    assert.equal(isHostMessage({ type: 'callDetails', callId: CALL_ID, html: '' }), true);
    for (const message of [
      null,
      'activity',
      { type: 'activity' },
      { type: 'activity', html: 5 },
      { type: 'activity', html: 'x'.repeat(MAX_HOST_HTML + 1) },
      { type: 'callDetails', html: '' },
      { type: 'callDetails', callId: '"] *', html: '' },
      { type: 'eval', html: 'alert(1)' },
    ]) {
      assert.equal(isHostMessage(message), false, JSON.stringify(message));
    }
  });

  it('tells the page what an update refused only for its size was for, so it can stop waiting for it', () => {
    const huge = 'x'.repeat(MAX_HOST_HTML + 1);
    assert.deepEqual(oversizedHostMessage({ type: 'activity', html: huge }), { type: 'activity' });
    assert.deepEqual(oversizedHostMessage({ type: 'callDetails', callId: CALL_ID, html: huge }), { type: 'callDetails', callId: CALL_ID });
    for (const message of [
      null,
      { type: 'activity', html: 'x'.repeat(MAX_HOST_HTML) },
      { type: 'activity', html: 5 },
      { type: 'callDetails', callId: '"] *', html: huge },
      { type: 'eval', html: huge },
    ]) {
      assert.equal(oversizedHostMessage(message), undefined, JSON.stringify(message).slice(0, 80));
    }
  });

  it('keeps the expanded rows and scroll in the saved state', () => {
    assert.equal(isPanelWebviewState({ contactId: '66d0d87e8dc1211467372303', open: ['call-AC1'], scrollY: 120 }), true);
  });
});

/** What the extension acts on: the message's shape (isPanelMessage), then, in the editor, its draft (editedMessage). */
function accepted(message: unknown): boolean {
  return isPanelMessage(message) && editedMessage(message);
}

describe('panel messages for the edit form', () => {
  const big = 'x'.repeat(MAX_MESSAGE_VALUE + 1);
  const with_ = (change: Partial<Record<keyof ContactDraft, unknown>>): unknown => ({ ...DRAFT, ...change });

  it('accepts the edit form’s messages from the page', () => {
    const valid: PanelMessage[] = [
      { type: 'edit' },
      { type: 'delete' },
      { type: 'save', draft: DRAFT },
      { type: 'save', draft: draftFilledWith('<b>x</b>') },
      { type: 'cancelEdit' },
      { type: 'overwrite' },
      { type: 'keepTheirs' },
      { type: 'cancelSave' },
      { type: 'tryAgain' },
      { type: 'resumeEdit', session: SESSION, draft: DRAFT },
    ];
    for (const message of valid) {
      assert.equal(isPanelMessage(message), true, JSON.stringify(message).slice(0, 80));
    }
    assert.equal(isContactDraft({ ...DRAFT, emails: [], phoneNumbers: [], customFields: [], firstName: '' }), true, 'empty is a draft');
    for (const type of ['edit', 'delete', 'overwrite', 'keepTheirs', 'cancelSave', 'tryAgain'] as const) {
      assert.deepEqual(messageForAction(type, null), { type });
    }
  });

  it('refuses a draft of the wrong shape, with keys it should not have, or too large', () => {
    const item = { id: 'E1', name: 'work', value: 'a@x.example' };
    const custom = (field: unknown): unknown => with_({ customFields: [{ key: 'k', name: 'K', field }] });
    const drafts: unknown[] = [
      undefined,
      null,
      'draft',
      [],
      {},
      with_({ firstName: undefined }),
      with_({ firstName: 5 }),
      with_({ firstName: big }),
      with_({ company: null }),
      with_({ emails: 'a@x.example' }),
      with_({ emails: [{ ...item, value: null }] }),
      with_({ emails: [{ ...item, id: '' }] }),
      with_({ emails: [{ ...item, id: 7 }] }),
      with_({ emails: [{ ...item, value: big }] }),
      with_({ emails: [{ ...item, extra: 'x' }] }),
      with_({ phoneNumbers: Array.from({ length: MAX_DRAFT_ITEMS + 1 }, () => item) }),
      with_({ customFields: Array.from({ length: MAX_DRAFT_CUSTOM_FIELDS + 1 }, (_, i) => ({ key: `k${i}`, name: '', field: { type: 'string', value: '' } })) }),
      with_({ customFields: [{ key: 'k', name: 'K', field: { type: 'string', value: '' } }, { key: 'k', name: 'K', field: { type: 'string', value: '' } }] }),
      with_({ customFields: [{ key: '', name: 'K', field: { type: 'string', value: '' } }] }),
      with_({ customFields: [{ key: 'k', name: 'K', field: { type: 'string', value: '' }, id: '' }] }),
      custom({ type: 'string', value: 5 }),
      custom({ type: 'number', value: 5 }),
      custom({ type: 'boolean', value: 'true' }),
      custom({ type: 'date', value: null }),
      custom({ type: 'multi-select', value: 'vip' }),
      custom({ type: 'multi-select', value: [1] }),
      custom({ type: 'multi-select', value: Array.from({ length: MAX_DRAFT_ITEMS + 1 }, () => 'v') }),
      custom({ type: 'script', value: '' }),
      custom({ type: 'string', value: '', more: 1 }),
      { ...DRAFT, __proto__: { injected: true }, extra: 1 },
      // Each string within its limit, all of them together over the draft's.
      with_({
        customFields: Array.from({ length: MAX_DRAFT_CUSTOM_FIELDS }, (_, i) => ({
          key: `k${i}`,
          name: '',
          field: { type: 'multi-select', value: ['x'.repeat(MAX_MESSAGE_VALUE), 'y'.repeat(MAX_MESSAGE_VALUE)] },
        })),
      }),
    ];
    for (const draft of drafts) {
      assert.equal(isContactDraft(draft), false, JSON.stringify(draft)?.slice(0, 120));
      assert.equal(accepted({ type: 'save', draft }), false);
      assert.equal(accepted({ type: 'resumeEdit', session: SESSION, draft }), false);
      assert.equal(accepted({ type: 'resumeEdit', session: { ...SESSION, draft }, draft: DRAFT }), false);
    }
    assert.ok(MAX_DRAFT_CHARS < 2 * MAX_DRAFT_CUSTOM_FIELDS * MAX_MESSAGE_VALUE);
    for (const message of [
      { type: 'save' },
      { type: 'save', draft: DRAFT, extra: 1 },
      { type: 'resumeEdit', draft: DRAFT },
      { type: 'resumeEdit', session: { ...SESSION, contactId: '' }, draft: DRAFT },
      { type: 'resumeEdit', session: { ...SESSION, baseUpdatedAt: 5 }, draft: DRAFT },
      { type: 'resumeEdit', session: { ...SESSION, extra: 1 }, draft: DRAFT },
    ]) {
      assert.equal(accepted(message), false, JSON.stringify(message).slice(0, 80));
    }
  });

  it('never throws on a draft whose reading throws', () => {
    const throwing = Object.defineProperty({ ...DRAFT }, 'emails', { get: () => { throw new Error('getter'); }, enumerable: true });
    assert.equal(isContactDraft(throwing), false);
    assert.equal(accepted({ type: 'save', draft: throwing }), false);
  });

  it('checks what the page receives for its form', () => {
    for (const message of [
      { type: 'form', html: '<form></form>', session: SESSION },
      { type: 'formProblems', problems: [{ path: 'emails.0.value', message: 'Enter an email address.' }] },
      { type: 'formProblems', problems: [], general: 'Quo refused the change.' },
      { type: 'conflict', html: '<section></section>' },
      { type: 'saving', busy: true },
      { type: 'retryAfter', seconds: 30 },
      { type: 'retryAfter', seconds: 0 },
      { type: 'closeForm' },
    ]) {
      assert.equal(isHostMessage(message), true, JSON.stringify(message));
    }
    for (const message of [
      { type: 'form', html: '<form></form>' },
      { type: 'form', html: 'x'.repeat(MAX_HOST_HTML + 1), session: SESSION },
      { type: 'form', html: '', session: { ...SESSION, base: {} } },
      { type: 'formProblems', problems: 'x' },
      { type: 'formProblems', problems: [{ path: '', message: 'x' }] },
      { type: 'formProblems', problems: [{ path: 'firstName' }] },
      { type: 'formProblems', problems: [], general: 5 },
      { type: 'formProblems', problems: Array.from({ length: 501 }, () => ({ path: 'firstName', message: 'x' })) },
      { type: 'conflict' },
      { type: 'saving', busy: 'yes' },
      { type: 'retryAfter', seconds: -1 },
      { type: 'retryAfter', seconds: Number.NaN },
      { type: 'retryAfter', seconds: Number.POSITIVE_INFINITY },
      { type: 'retryAfter', seconds: '30' },
    ]) {
      assert.equal(isHostMessage(message), false, JSON.stringify(message).slice(0, 80));
    }
  });

  it('keeps an unsaved form in the saved state, and refuses a malformed one', () => {
    const state = { contactId: SESSION.contactId, edit: { session: SESSION, draft: DRAFT } };
    assert.equal(isPanelWebviewState(state), true);
    assert.equal(isSavedEdit(state.edit), true);
    assert.equal(isPanelWebviewState({ ...state, edit: null }), false);
    // The page reads its edit back through isSavedEdit; the extension's serializer does not read the edit at all.
    for (const edit of [null, {}, { session: SESSION }, { session: SESSION, draft: with_({ role: 1 }) }, { session: {}, draft: DRAFT }, { session: SESSION, draft: DRAFT, more: 1 }]) {
      assert.equal(isSavedEdit(edit), false, JSON.stringify(edit).slice(0, 80));
    }
  });
});
