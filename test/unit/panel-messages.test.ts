import assert from 'node:assert/strict';
import {
  isHostMessage,
  isPanelMessage,
  MAX_HOST_HTML,
  isPanelWebviewState,
  MAX_MESSAGE_VALUE,
  messageForAction,
  oversizedHostMessage,
  type PanelMessage,
} from '../../src/render/panelMessages.js';

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
