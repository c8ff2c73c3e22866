/**
 * Every Quo id in a webhook payload (issue 29), in a real VS Code: hovers on a pasted `call.completed` payload show
 * the line, the teammate, the webhook and the contacts; any number of line ids cost one list of lines; a recording
 * plays in the panel (its audio downloaded without the key, handed to the page as data:) and a recording that cannot
 * be played says why.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QuoTestApi } from '../../src/testApi.js';
import { ACTIVITY } from '../sandbox/activity.js';
import { LINE_IDS, USER_IDS } from '../sandbox/catalog.js';
import { RESOURCES, WEBHOOK_KEYS } from '../sandbox/resources.js';
import type { Sandbox } from '../sandbox/server.js';
import { WELL_KNOWN } from '../sandbox/special.js';
import { activateForTest, eventually, HARNESS_KEY, hoverText, openDocument, startFromReady, startSuiteSandbox } from './helpers.js';

const PAYLOAD = JSON.stringify(
  {
    id: 'EVc0ffee00000000000000000000000000',
    type: 'call.completed',
    webhookId: RESOURCES.webhookIds.calls,
    data: {
      object: {
        id: ACTIVITY.summarizedCallId,
        phoneNumberId: LINE_IDS.main,
        userId: USER_IDS.alan,
        conversationId: 'CNabc1234567',
        contactIds: [WELL_KNOWN.contactId, WELL_KNOWN.thirdContactId],
        otherLine: LINE_IDS.support,
        unknownLine: RESOURCES.missingLineId,
        notAnId: 'USERNAME',
      },
    },
  },
  null,
  2,
);

describe('Quo ids in a webhook payload', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;
  const answered: { route: string; url: string }[] = [];
  const count = (route: string): number => answered.filter((entry) => entry.route === route).length;

  /** The hover text on the first character after `written` in the payload. */
  async function hoverOn(document: vscode.TextDocument, written: string): Promise<string> {
    const at = document.getText().indexOf(written);
    assert.ok(at >= 0, written);
    // Markdown escapes (`alan\\@quo\\-sandbox`) dropped: the text as the card reads.
    return (await hoverText(document, document.positionAt(at + 2))).replace(/\\(.)/g, '$1');
  }

  before(async () => {
    sandbox = await startSuiteSandbox({
      contacts: 40,
      recordingsBaseUrl: (url) => `${url}/media`,
      onRequest: (entry) => answered.push(entry),
    });
    api = await activateForTest(sandbox.url);
    await vscode.workspace.getConfiguration('quo').update('inlineNames.enabled', false, vscode.ConfigurationTarget.Global);
  });

  beforeEach(async () => {
    await startFromReady(api, sandbox);
    answered.length = 0;
  });

  after(async () => {
    await vscode.workspace.getConfiguration('quo').update('inlineNames.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });

  it('shows the line, the teammate, the webhook and the contacts; every line id from one list of lines', async () => {
    const document = await openDocument(PAYLOAD, 'json');
    const line = await hoverOn(document, LINE_IDS.main);
    assert.match(line, /Main line/);
    assert.match(line, /Grace Hopper, Alan Turing/);
    assert.match(await hoverOn(document, LINE_IDS.support), /Katherine Johnson/);
    assert.match(await hoverOn(document, RESOURCES.missingLineId), /not a Quo line of this workspace/);
    await hoverOn(document, LINE_IDS.main);
    assert.equal(count('listPhoneNumbers'), 1, 'three line ids, hovered four times: one list of lines');

    const teammate = await hoverOn(document, USER_IDS.alan);
    assert.match(teammate, /Alan Turing/);
    assert.match(teammate, /Admin/);
    assert.match(teammate, /alan@quo-sandbox\.example/);
    await hoverOn(document, USER_IDS.alan);
    assert.equal(count('getUser'), 1, 'a teammate once per cache period');

    const webhook = await hoverOn(document, RESOURCES.webhookIds.calls);
    assert.match(webhook, /Webhook without a label/);
    assert.match(webhook, /every line/);
    for (const key of Object.values(WEBHOOK_KEYS)) {
      assert.ok(!webhook.includes(key), 'the signing key is never shown');
    }

    assert.match(await hoverOn(document, WELL_KNOWN.thirdContactId), /Mary Somerville/);
    assert.equal(await hoverOn(document, 'CNabc1234567'), '', 'a conversation id has no endpoint: no card');
    assert.equal(await hoverOn(document, 'USERNAME'), '');
    assert.ok(!answered.some((entry) => entry.url.includes('CNabc') || entry.url.includes('USERNAME')));
  });

  it('plays a recording in the panel: downloaded without the key, given to the page as data:; others say why not', async () => {
    const id = ACTIVITY.historyContactId;
    await vscode.commands.executeCommand('quo.openContact', id);
    await eventually(() => (api.panelActivityHtml(id)?.includes(`call-${ACTIVITY.summarizedCallId}`) ? true : undefined), 300, 100);
    await api.panelPost(id, { type: 'expandCall', callId: RESOURCES.recordedCallId });
    const details = api.panelCallDetailsHtml(id, RESOURCES.recordedCallId) ?? '';
    assert.match(details, /Recording, part 1/);
    assert.match(details, /data-action="playRecording" data-value="[^"]+:1"/);
    assert.equal(count('media'), 0, 'nothing downloaded before Play');

    await api.panelPost(id, { type: 'playRecording', value: `${RESOURCES.recordedCallId}:0` });
    const audio = await eventually(() =>
      api.panelMessages(id).find((message) => message.type === 'recordingAudio'),
    );
    assert.ok('src' in audio && audio.src.startsWith('data:audio/wav;base64,UklGR'), 'a WAV as data:');
    assert.equal(count('media'), 1);
    assert.equal(sandbox.stats.mediaWithAuthorization, 0, 'the key never went to the storage host');
    const everything = JSON.stringify(api.panelMessages(id)) + (api.panelHtml(id) ?? '');
    assert.ok(!everything.includes(HARNESS_KEY), 'the key is in no page');
    assert.ok(!everything.includes('/media/recordings/'), 'the storage address is in no page');

    await api.panelPost(id, { type: 'expandCall', callId: RESOURCES.plainHttpRecordingCallId });
    assert.match(api.panelCallDetailsHtml(id, RESOURCES.plainHttpRecordingCallId) ?? '', /its address is not https/);
    await api.panelPost(id, { type: 'expandCall', callId: RESOURCES.forbiddenRecordingCallId });
    const forbidden = api.panelCallDetailsHtml(id, RESOURCES.forbiddenRecordingCallId) ?? '';
    assert.match(forbidden, /Recordings are not part of this workspace’s plan/);
    assert.match(forbidden, /Voicemail/);
    await api.panelPost(id, { type: 'expandCall', callId: RESOURCES.processingRecordingCallId });
    assert.match(api.panelCallDetailsHtml(id, RESOURCES.processingRecordingCallId) ?? '', /still processing/);
    // A reference the page was not sent plays nothing.
    const before = count('media');
    await api.panelPost(id, { type: 'playRecording', value: `${ACTIVITY.missingCallId}:0` });
    assert.equal(count('media'), before);
  });
});
