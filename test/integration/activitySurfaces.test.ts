/**
 * A contact's activity where people see it, in a real VS Code against the suite's own sandbox: the contact panel's
 * Activity section (filled in by postMessage; the test API reads what the extension last sent the page), the hover's
 * "Last contact", and Quo call and message ids (`AC…`) in files. Requests are counted at the sandbox.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QuoTestApi } from '../../src/testApi.js';
import { ACTIVITY } from '../sandbox/generate.js';
import type { RequestLogEntry, Sandbox } from '../sandbox/server.js';
import { activateForTest, eventually, hoverText, openDocument, startFromReady, startSuiteSandbox } from './helpers.js';

const quo = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('quo');

/** Shaped like Quo's ids (and Twilio's account ids), never served: 404 on both endpoints. */
const TWILIO_LIKE_ID = 'AC0123456789abcdef0123456789abcdef';

/** Markdown escapes every punctuation character: read the card as a person does. */
const unescaped = (markdown: string): string => markdown.replace(/\\(.)/g, '$1');

describe('Contact activity on the surfaces', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;
  const answered: RequestLogEntry[] = [];
  const routes = (): string[] => answered.map((entry) => entry.route);
  const lists = (): RequestLogEntry[] => answered.filter((entry) => entry.route === 'listCalls' || entry.route === 'listMessages');

  /** The panel's Activity section once its first answer is in (not loading, not checking more). */
  async function settledActivity(id: string): Promise<string> {
    return eventually(
      () => {
        const html = api.panelActivityHtml(id);
        const done = html !== undefined && /activity-list|activity-empty|activity-error/.test(html) && !html.includes('activity-loading');
        return done ? html : undefined;
      },
      300,
      100,
    );
  }

  async function openPanel(id: string): Promise<string> {
    await vscode.commands.executeCommand('quo.openContact', id);
    return settledActivity(id);
  }

  before(async () => {
    sandbox = await startSuiteSandbox({ contacts: 60, onRequest: (entry) => answered.push(entry) });
    api = await activateForTest(sandbox.url);
    await quo().update('inlineNames.enabled', false, vscode.ConfigurationTarget.Global);
    for (const setting of ['activity.enabled', 'activity.detectIds', 'activity.maxItems']) {
      await quo().update(setting, undefined, vscode.ConfigurationTarget.Global);
    }
  });

  beforeEach(async () => {
    await startFromReady(api, sandbox);
    answered.length = 0;
  });

  after(async () => {
    sandbox.setFaults({});
    for (const setting of ['inlineNames.enabled', 'activity.enabled', 'activity.detectIds', 'activity.maxItems']) {
      await quo().update(setting, undefined, vscode.ConfigurationTarget.Global);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });

  describe('the contact panel’s Activity section', () => {
    it('shows the latest message, a teammate’s call on a shared line and a call on a second line, newest first', async () => {
      const html = await openPanel(ACTIVITY.historyContactId);
      const page = api.panelHtml(ACTIVITY.historyContactId) ?? '';
      assert.ok(page.includes('Lovelace') && page.includes('id="section-activity"'), 'the fields, and the section below them');
      const keys = [...html.matchAll(/data-key="([^"]+)"/g)].map((match) => match[1]);
      assert.equal(keys[0], `message-${ACTIVITY.latestMessageId}`, 'the newest item first');
      assert.ok(html.includes('Thanks, the invoice arrived. Could we move Thursday’s call to 3 pm?'));
      const row = (key: string): string => {
        const start = html.indexOf(`data-key="${key}"`);
        assert.ok(start >= 0, key);
        return html.slice(start, html.indexOf('</li>', start));
      };
      assert.match(row(`call-${ACTIVITY.teammateCallId}`), /Incoming call[\s\S]*Main line · Alan Turing[\s\S]*Completed · 3:05/);
      assert.match(row(`call-${ACTIVITY.planLimitedCallId}`), /Grace&#39;s direct line · Grace Hopper[\s\S]*No answer/);
      assert.match(row(`message-${ACTIVITY.latestMessageId}`), /<time class="activity-time" datetime="2025-11-14T16:42:00.000Z" title="[^"]+">[^<]+<\/time>/);
      assert.equal(lists().length, 24, 'one budget');
      assert.equal(routes().filter((route) => route === 'listPhoneNumbers').length, 1);
      assert.equal(answered.filter((entry) => entry.status === 400).length, 0);
    });

    it('says how much a contact with more lines than the budget was checked, and checks the rest on the button', async () => {
      const html = await openPanel(ACTIVITY.overBudgetContactId);
      assert.match(html, /3 of 5 lines checked: checking a contact sends at most 24 requests at a time\./);
      assert.match(html, /data-action="moreActivity"[^>]*>.*Check the other lines/);
      answered.length = 0;
      await api.panelPost(ACTIVITY.overBudgetContactId, { type: 'moreActivity' });
      const more = await settledActivity(ACTIVITY.overBudgetContactId);
      assert.doesNotMatch(more, /lines checked/);
      assert.doesNotMatch(more, /data-action="moreActivity"/, 'everything checked');
      assert.equal(lists().length, 9, 'the 8 lists left and the main line’s older messages');
      assert.match(more, /Messages on Legal: this API key may not see this line\./, 'the 403 line, by name');
      assert.equal(
        [...more.matchAll(/data-key="message-[^"]+"/g)].length,
        ACTIVITY.mainLineMessageCount + 1,
        'every message on the main line and the one on support',
      );
    });

    it('says "No calls or messages yet" for a contact without history, and names the line the key may not see', async () => {
      const html = await openPanel(ACTIVITY.quietContactId);
      assert.match(html, /No calls or messages yet/);
      assert.match(html, /Messages on Legal: this API key may not see this line\./);
      assert.match(html, /Calls on Legal: this API key may not see this line\./);
      assert.doesNotMatch(html, /data-action="moreActivity"/);
      assert.equal(api.connectionState(), 'ready', 'a 403 on a line says nothing about the connection');
    });

    it('shows a call’s summary and transcript on expand, once; absent, in progress and 403 each get a line', async () => {
      const id = ACTIVITY.historyContactId;
      await openPanel(id);
      answered.length = 0;
      await api.panelPost(id, { type: 'expandCall', callId: ACTIVITY.summarizedCallId });
      const summarized = api.panelCallDetailsHtml(id, ACTIVITY.summarizedCallId) ?? '';
      assert.match(summarized, /Ada asked for the November invoice to be split by engine\./);
      assert.match(summarized, /Send the corrected invoice by Friday\./);
      assert.match(summarized, /Grace Hopper<\/span><span class="transcript-text multiline">Hello Ada, Grace from Analytical Engines\./);
      // With its recording and voicemail (issue 29): four requests on the first expand, none after.
      assert.deepEqual(routes().sort(), ['getCallRecordings', 'getCallSummary', 'getCallTranscript', 'getCallVoicemail']);
      await api.panelPost(id, { type: 'expandCall', callId: ACTIVITY.summarizedCallId });
      assert.equal(answered.length, 4, 'expanded again: from the panel’s memory');

      await api.panelPost(id, { type: 'expandCall', callId: ACTIVITY.planLimitedCallId });
      assert.match(api.panelCallDetailsHtml(id, ACTIVITY.planLimitedCallId) ?? '', /Call summaries are not part of this workspace’s Quo plan \(Quo answered 403\)\./);
      await api.panelPost(id, { type: 'expandCall', callId: ACTIVITY.inProgressCallId });
      assert.match(api.panelCallDetailsHtml(id, ACTIVITY.inProgressCallId) ?? '', /Quo is still writing the summary of this call\./);
      await api.panelPost(id, { type: 'expandCall', callId: ACTIVITY.teammateCallId });
      assert.match(api.panelCallDetailsHtml(id, ACTIVITY.teammateCallId) ?? '', /There is no summary of this call\./);

      answered.length = 0;
      await api.panelPost(id, { type: 'expandCall', callId: ACTIVITY.missingCallId });
      assert.deepEqual(answered, [], 'a call the page was not sent is not asked about');
    });

    it('keeps a hostile message inert', async () => {
      const html = await openPanel(ACTIVITY.hostileContactId);
      assert.ok(html.includes(`data-key="message-${ACTIVITY.hostileMessageId}"`));
      assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
      assert.doesNotMatch(html, /<img|<script|onerror=alert\(1\)>/);
    });

    it('asks nothing with quo.activity.enabled off, and only for the visible panel once it is on', async () => {
      await quo().update('activity.enabled', false, vscode.ConfigurationTarget.Global);
      try {
        await vscode.commands.executeCommand('quo.openContact', ACTIVITY.quietContactId);
        await eventually(() => (api.panelHtml(ACTIVITY.quietContactId)?.includes('Babbage') ? true : undefined));
        await vscode.commands.executeCommand('quo.openContact', ACTIVITY.historyContactId);
        await eventually(() => (api.panelHtml(ACTIVITY.historyContactId)?.includes('Lovelace') ? true : undefined));
        for (const id of [ACTIVITY.quietContactId, ACTIVITY.historyContactId]) {
          assert.doesNotMatch(api.panelHtml(id) ?? '', /section-activity/);
          assert.equal(api.panelActivityHtml(id), undefined);
        }
        assert.deepEqual(lists(), []);
        // VS Code tells the extension host that a panel went behind another one a moment later.
        await eventually(() => (api.panelVisible(ACTIVITY.quietContactId) === false ? true : undefined));

        await quo().update('activity.enabled', true, vscode.ConfigurationTarget.Global);
        await settledActivity(ACTIVITY.historyContactId);
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.equal(lists().length, 24, 'the visible panel’s budget, nothing for the hidden one');
        assert.match(api.panelActivityHtml(ACTIVITY.quietContactId) ?? '', /Loading calls and messages/);

        await vscode.commands.executeCommand('quo.openContact', ACTIVITY.quietContactId);
        assert.match(await settledActivity(ACTIVITY.quietContactId), /No calls or messages yet/, 'shown, it loads');
      } finally {
        await quo().update('activity.enabled', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });

  describe('the hover’s last contact', () => {
    it('shows "Last contact" only once this window has loaded the contact’s activity, and never asks for it', async () => {
      const document = await openDocument(`owner ${ACTIVITY.historyContactId} (renewal)`);
      const position = new vscode.Position(0, 12);
      const before = await hoverText(document, position);
      assert.match(before, /Lovelace/);
      assert.doesNotMatch(before, /Last contact/);
      // The hover's one contact request (none when the index already had the contact), nothing else.
      assert.ok(routes().every((route) => route === 'getContact') && routes().length <= 1, JSON.stringify(routes()));

      await api.activity(ACTIVITY.historyContactId);
      answered.length = 0;
      const after = unescaped(await hoverText(document, position));
      // Her latest is an incoming message: Quo gives it no teammate (userId null), so none is named.
      assert.match(after, /^Last contact: [^\n]+, message$/m);
      assert.deepEqual(answered, [], 'from memory: the contact and its activity were both known');
    });
  });

  describe('call and message ids in files', () => {
    before(async () => {
      // The contact of a call comes from the local index, as for a phone number.
      await vscode.commands.executeCommand('quo.refreshContacts');
      await api.sidebar.syncIndex();
    });

    it('shows the call and the contact’s name on a call id, asking calls first and once', async () => {
      const document = await openDocument(`webhook call.completed id=${ACTIVITY.summarizedCallId} status=ok`);
      const position = new vscode.Position(0, 35);
      const text = unescaped(await hoverText(document, position));
      assert.match(text, /Outgoing call/);
      assert.match(text, /Main line · Grace Hopper/);
      assert.match(text, /Completed · 12:34/);
      assert.match(text, /With \[Ada Lovelace\]\(command:quo\.openContact/);
      assert.deepEqual(routes().filter((route) => route === 'getCall' || route === 'getMessage'), ['getCall']);
      answered.length = 0;
      await hoverText(document, position);
      assert.deepEqual(answered, [], 'the second hover is free');
    });

    it('names the contact on the first hover of a call id in a fresh window, waiting for the first listing', async () => {
      // Another server is another set of contacts: nothing listed, nothing cached, as in a window just opened.
      const fresh = await startSuiteSandbox({ contacts: 180 });
      try {
        await quo().update('apiBaseUrl', fresh.url, vscode.ConfigurationTarget.Global);
        await eventually(() => (api.cachedContacts() === 0 && api.sidebar.indexState().size === 0 ? true : undefined));
        const document = await openDocument(`webhook call.completed id=${ACTIVITY.summarizedCallId} status=ok`);
        const text = unescaped(await hoverText(document, new vscode.Position(0, 35)));
        assert.match(text, /With \[Ada Lovelace\]/, text);
        assert.ok(fresh.stats.byRoute.listContacts > 0, 'the hover started the listing');
      } finally {
        await quo().update('apiBaseUrl', sandbox.url, vscode.ConfigurationTarget.Global);
        await fresh.close();
        await vscode.commands.executeCommand('quo.refreshContacts');
        await api.sidebar.syncIndex();
      }
    });

    it('shows a message on a message id: calls asked, then messages, and remembered', async () => {
      const document = await openDocument(`message.received ${ACTIVITY.latestMessageId}`);
      const position = new vscode.Position(0, 25);
      const text = unescaped(await hoverText(document, position));
      assert.match(text, /Incoming message/);
      assert.match(text, /Could we move Thursday’s call to 3 pm\?/);
      assert.match(text, /With \[Ada Lovelace\]/);
      assert.deepEqual(routes().filter((route) => route === 'getCall' || route === 'getMessage'), ['getCall', 'getMessage']);
      answered.length = 0;
      await hoverText(document, position);
      assert.deepEqual(answered, []);
    });

    it('opens the contact a call was with on Quo: Open Contact', async () => {
      const document = await openDocument(`see ${ACTIVITY.teammateCallId} for the recording`);
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(0, 10, 0, 10);
      await vscode.commands.executeCommand('quo.openContact');
      assert.ok(api.openPanelIds().includes(ACTIVITY.historyContactId), JSON.stringify(api.openPanelIds()));
    });

    it('costs at most 2 requests for a Twilio-like AC id that is not Quo’s, and shows nothing', async () => {
      const document = await openDocument(`AccountSid=${TWILIO_LIKE_ID}`);
      const position = new vscode.Position(0, 20);
      for (let i = 0; i < 3; i++) {
        assert.doesNotMatch(await hoverText(document, position), /call|message|Quo/i);
      }
      await Promise.all(Array.from({ length: 5 }, () => hoverText(document, position)));
      assert.deepEqual(routes(), ['getCall', 'getMessage']);
    });

    it('names no AC id inline: a log full of them costs nothing', async () => {
      await quo().update('inlineNames.enabled', true, vscode.ConfigurationTarget.Global);
      try {
        const ids = [ACTIVITY.summarizedCallId, ACTIVITY.latestMessageId, TWILIO_LIKE_ID, ACTIVITY.missingCallId];
        const document = await openDocument(ids.map((id, i) => `2025-11-14T09:1${i}:00Z call.completed id=${id}`).join('\n'));
        const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>(
          'vscode.executeInlayHintProvider',
          document.uri,
          new vscode.Range(0, 0, ids.length, 0),
        );
        assert.deepEqual(hints, []);
        const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
        assert.equal(links.filter((link) => link.target?.scheme === 'command').length, 0, 'no Ctrl+click link either');
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.deepEqual(answered, []);
      } finally {
        await quo().update('inlineNames.enabled', false, vscode.ConfigurationTarget.Global);
      }
    });

    it('shows nothing and asks nothing with quo.activity.detectIds off', async () => {
      await quo().update('activity.detectIds', false, vscode.ConfigurationTarget.Global);
      try {
        const document = await openDocument(`id=${ACTIVITY.summarizedCallId}`);
        assert.doesNotMatch(await hoverText(document, new vscode.Position(0, 10)), /Outgoing call/);
        assert.deepEqual(answered, []);
      } finally {
        await quo().update('activity.detectIds', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('keeps a hostile message and its contact’s name inert in the card', async () => {
      const document = await openDocument(`id=${ACTIVITY.hostileMessageId}`);
      const text = await hoverText(document, new vscode.Position(0, 10));
      assert.match(unescaped(text), /<img src=x onerror=alert\(1\)>/, 'shown as written');
      assert.doesNotMatch(text, /(?<!\\)<img/, 'every < is escaped');
      assert.doesNotMatch(text, /\]\(command:workbench/);
      assert.match(text, /command:quo\.openContact/, 'the hostile contact is still linked, through Open Contact');
    });
  });
});
