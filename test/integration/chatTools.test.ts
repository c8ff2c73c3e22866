/**
 * The Quo language model tools, invoked through `vscode.lm.invokeTool` as another extension (or an agent) would: no
 * chat model is needed, and `toolInvocationToken` is undefined. What comes back is what a model would read.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QuoTestApi } from '../../src/testApi.js';
import { ACTIVITY, WELL_KNOWN } from '../sandbox/generate.js';
import type { Sandbox } from '../sandbox/server.js';
import { activateForTest, eventually, HARNESS_KEY, startFromReady, startSuiteSandbox } from './helpers.js';

const quo = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('quo');

interface Answer {
  readonly summary: string;
  readonly data: Record<string, unknown> | undefined;
  readonly text: string;
}

async function invoke(name: string, input: object, token?: vscode.CancellationToken): Promise<Answer> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, token);
  const text = result.content
    .map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : ''))
    .join('');
  const [summary = '', json] = text.split('\n');
  return { summary, data: json === undefined ? undefined : (JSON.parse(json) as Record<string, unknown>), text };
}

interface FoundEntry {
  readonly asked: string;
  readonly kind: string;
  readonly contacts?: readonly { readonly id: string; readonly name: string }[];
  readonly answer?: string;
}

describe('Language model tools', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;

  before(async () => {
    sandbox = await startSuiteSandbox({ contacts: 60 });
    api = await activateForTest(sandbox.url);
  });

  beforeEach(() => startFromReady(api, sandbox));

  after(async () => {
    sandbox.setFaults({});
    await quo().update('chat.shareConversations', undefined, vscode.ConfigurationTarget.Global);
    await quo().update('chat.enabled', undefined, vscode.ConfigurationTarget.Global);
    await sandbox.close();
  });

  it('are registered under their three names', () => {
    const names = vscode.lm.tools.map((tool) => tool.name);
    for (const name of ['quo_lookupContactsInText', 'quo_searchContacts', 'quo_getContactActivity']) {
      assert.ok(names.includes(name), `${name} in ${JSON.stringify(names)}`);
    }
  });

  it('resolve an id, a national phone number and an email in a note to their three contacts', async () => {
    const note = [
      `Escalation from ${WELL_KNOWN.contactId} (see CRM).`,
      'She forwarded it to (617) 555-0131 yesterday,',
      'and cc: Charles@Analytical-Engines.example.',
    ].join('\n');
    const answer = await invoke('quo_lookupContactsInText', { text: note });
    const found = answer.data?.['found'] as FoundEntry[];
    assert.deepEqual(
      found.map((entry) => [entry.kind, entry.contacts?.map((contact) => contact.name)]),
      [
        ['contact-id', ['Ada Lovelace']],
        ['phone', ['Mary Somerville']],
        ['email', ['Charles Babbage']],
      ],
      answer.text,
    );
    assert.match(answer.summary, /3 of 3/);
    assert.ok(!answer.text.includes(HARNESS_KEY), 'the key never appears');
  });

  it('say "not a contact" and "no contact has this number", and stop at 20 things', async () => {
    const ids = Array.from({ length: 22 }, (_, i) => `aaaaaaaaaaaaaaaaaaaaaa${String(i).padStart(2, '0')}`);
    const answer = await invoke('quo_lookupContactsInText', { text: `${WELL_KNOWN.missingContactId} +1 202 555 0199 ${ids.join(' ')}` });
    const found = answer.data?.['found'] as FoundEntry[];
    assert.equal(found.length, 20);
    assert.equal(found[0]?.answer, 'not a contact');
    assert.equal(found[1]?.answer, 'no contact has this number');
    assert.match(answer.summary, /4 more were not looked up/);
    assert.ok((sandbox.stats.byRoute.getContact ?? 0) <= 19, `${sandbox.stats.byRoute.getContact} contact requests`);
    assert.equal(sandbox.stats.byStatus[429], undefined);
  });

  it('search the contact list the sidebar uses, typos included', async () => {
    const answer = await invoke('quo_searchContacts', { query: 'lovlace', limit: 3 });
    const contacts = answer.data?.['contacts'] as { id: string }[];
    assert.equal(contacts[0]?.id, WELL_KNOWN.contactId, answer.text);
    assert.ok(contacts.length <= 3);
  });

  it('answer malformed input with a sentence', async () => {
    const answer = await invoke('quo_searchContacts', { query: 'ada', limit: 500 });
    assert.match(answer.text, /"limit" must be a whole number from 1 to 50/);
    assert.equal(answer.data, undefined);
  });

  it('send message text only when the user shares conversations', async () => {
    const withheld = await invoke('quo_getContactActivity', { contactId: ACTIVITY.historyContactId, limit: 5 });
    const items = withheld.data?.['items'] as { kind: string; text?: string }[];
    assert.ok(items.some((item) => item.kind === 'message'), withheld.text);
    assert.ok(items.every((item) => item.text === undefined), 'no message text by default');
    assert.match(withheld.summary, /Message text is not shared/);
    const activityRequests = (sandbox.stats.byRoute.listCalls ?? 0) + (sandbox.stats.byRoute.listMessages ?? 0);
    assert.ok(activityRequests <= 24, `${activityRequests} list requests, the budget is 24`);

    await quo().update('chat.shareConversations', true, vscode.ConfigurationTarget.Global);
    try {
      const shared = await invoke('quo_getContactActivity', { contactId: ACTIVITY.historyContactId, limit: 5 });
      const sharedItems = shared.data?.['items'] as { kind: string; text?: string }[];
      assert.ok(sharedItems.some((item) => item.kind === 'message' && typeof item.text === 'string' && item.text !== ''), shared.text);
    } finally {
      await quo().update('chat.shareConversations', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('keep a hostile message inert: no markup, no link syntax', async () => {
    await quo().update('chat.shareConversations', true, vscode.ConfigurationTarget.Global);
    try {
      const answer = await invoke('quo_getContactActivity', { contactId: ACTIVITY.hostileContactId, limit: 20 });
      const items = answer.data?.['items'] as { kind: string; text?: string }[];
      assert.ok(items.some((item) => item.kind === 'message' && (item.text ?? '') !== ''), `the hostile message is shared: ${answer.text}`);
      assert.doesNotMatch(answer.text, /<[A-Za-z!/]/);
      assert.doesNotMatch(answer.text, /(^|[^\\])\]\(/);
    } finally {
      await quo().update('chat.shareConversations', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('stop when cancelled', async () => {
    sandbox.setFaults({ latencyMs: 3_000 });
    const source = new vscode.CancellationTokenSource();
    const started = Date.now();
    // An id the contact list does not hold, so answering it takes a request.
    const pending = invoke('quo_lookupContactsInText', { text: 'bbbbbbbbbbbbbbbbbbbbbbbb' }, source.token);
    setTimeout(() => source.cancel(), 200);
    await assert.rejects(pending);
    assert.ok(Date.now() - started < 2_500, `${Date.now() - started} ms`);
    sandbox.setFaults({});
  });

  it('refuse with a sentence while turned off', async () => {
    await quo().update('chat.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const answer = await eventually(async () => {
        const current = await invoke('quo_searchContacts', { query: 'ada' });
        return /turned off/.test(current.text) ? current : undefined;
      });
      assert.equal(answer.data, undefined);
      assert.equal(sandbox.stats.total, 0);
    } finally {
      await quo().update('chat.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('say how to set a key when there is none, and send nothing', async () => {
    delete process.env['QUO_API_KEY'];
    try {
      await vscode.commands.executeCommand('quo.clearApiKey');
      await eventually(() => (api.hasKey() ? undefined : true));
      sandbox.resetStats();
      const answer = await invoke('quo_lookupContactsInText', { text: WELL_KNOWN.contactId });
      assert.match(answer.text, /No Quo API key is set/);
      assert.match(answer.text, /Quo: Set API Key/);
      assert.equal(sandbox.stats.total, 0);
    } finally {
      process.env['QUO_API_KEY'] = HARNESS_KEY;
      await vscode.commands.executeCommand('quo.clearApiKey');
      await eventually(() => (api.hasKey() ? true : undefined));
    }
  });
});
