/**
 * Phone numbers of other countries in a real VS Code (issue 17): with `quo.defaultCountry` set, a number written the
 * national way in a note shows the contact Quo stores in E.164, and the search finds it by that spelling. Against a
 * sandbox of exactly the contacts below, started inside the extension host; the setting is changed as a user would.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QuoTestApi } from '../../src/testApi.js';
import { SANDBOX_USERS } from '../sandbox/generate.js';
import type { Sandbox } from '../sandbox/server.js';
import type { ApiContact } from '../sandbox/wire.js';
import { activateForTest, eventually, hoverText, openDocument, startSuiteSandbox } from './helpers.js';

const LONDON_ID = 'aaaaaaaaaaaaaaaaaaaa0044';
const PARIS_ID = 'aaaaaaaaaaaaaaaaaaaa0033';
const NEW_YORK_ID = 'aaaaaaaaaaaaaaaaaaaa0001';

function contact(id: string, firstName: string, lastName: string, phone: string): ApiContact {
  return {
    id,
    externalId: null,
    source: null,
    sourceUrl: null,
    defaultFields: {
      firstName,
      lastName,
      company: null,
      role: null,
      emails: [],
      phoneNumbers: [{ name: 'mobile', value: phone }],
    },
    customFields: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    createdByUserId: (SANDBOX_USERS[0] as { id: string }).id,
  };
}

const CONTACTS: readonly ApiContact[] = [
  contact(LONDON_ID, 'Olivia', 'Marsh', '+442079460958'),
  contact(PARIS_ID, 'Lucas', 'Moreau', '+33612345678'),
  contact(NEW_YORK_ID, 'Noah', 'Hart', '+12125550123'),
];

const NOTE = [
  '# Calls this week',
  '',
  '- London office: 020 7946 0958, ask for Olivia',
  '- Paris, mobile: 06 12 34 56 78',
  '- New York: (212) 555-0123',
  '',
].join('\n');

/** The hover over the first character of `written` in the note's lines, as text. */
async function hoverOn(document: vscode.TextDocument, written: string): Promise<string> {
  const line = NOTE.split('\n').findIndex((text) => text.includes(written));
  assert.ok(line >= 0, written);
  const column = (NOTE.split('\n')[line]).indexOf(written) + 2;
  return hoverText(document, new vscode.Position(line, column));
}

async function setCountry(country: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('quo').update('defaultCountry', country, vscode.ConfigurationTarget.Global);
}

describe('Phone numbers of every country', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;

  before(async () => {
    sandbox = await startSuiteSandbox({ contacts: CONTACTS });
    api = await activateForTest(sandbox.url);
    await vscode.commands.executeCommand('quo.refreshContacts');
    const state = await api.sidebar.syncIndex();
    assert.equal(state.status, 'complete');
    assert.equal(api.sidebar.indexState().size, CONTACTS.length);
  });

  after(async () => {
    await setCountry(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });

  it('offers every region libphonenumber knows for quo.defaultCountry, US by default', () => {
    const inspected = vscode.workspace.getConfiguration('quo').inspect<string>('defaultCountry');
    assert.equal(inspected?.defaultValue, 'US');
  });

  it('with GB, shows the contact stored as +442079460958 on 020 7946 0958 in a note', async () => {
    await setCountry('GB');
    sandbox.resetStats();
    const document = await openDocument(NOTE, 'markdown');
    const text = await eventually(async () => {
      const shown = await hoverOn(document, '020 7946 0958');
      return /Olivia[\s\S]*Marsh/.test(shown) ? shown : undefined;
    }, 50);
    // The card shows the number as people in GB read it (national format); Markdown may escape the colon.
    assert.match(text, /Phone\\?: 020 7946 0958/);
    assert.doesNotMatch(await hoverOn(document, '06 12 34 56 78'), /Moreau/, 'a French national number is not read in GB');
    // +1 numbers keep resolving whatever the country; the national (212) spelling is read in GB, so it is no number.
    assert.doesNotMatch(await hoverOn(document, '(212) 555-0123'), /Hart/);
    assert.equal(sandbox.stats.byRoute.getContact, 0, 'answered from the index');
  });

  it('with FR, shows the contact stored as +33612345678 on 06 12 34 56 78', async () => {
    await setCountry('FR');
    const document = await openDocument(NOTE, 'markdown');
    const text = await eventually(async () => {
      const shown = await hoverOn(document, '06 12 34 56 78');
      return /Lucas[\s\S]*Moreau/.test(shown) ? shown : undefined;
    }, 50);
    assert.match(text, /Phone\\?: 06 12 34 56 78/);
    assert.doesNotMatch(await hoverOn(document, '020 7946 0958'), /Marsh/, 'a UK national number is not read in FR');
  });

  it('finds both contacts by the national spelling of their numbers in search', async () => {
    await setCountry('GB');
    const london = await eventually(() => {
      const hits = api.sidebar.search('020 7946 0958');
      return hits[0]?.id === LONDON_ID ? hits : undefined;
    }, 50);
    assert.match(london[0]?.detail ?? '', /Phone: 020 7946 0958/, 'the matched number as people in GB read it');

    await setCountry('FR');
    const paris = await eventually(() => {
      const hits = api.sidebar.search('06 12 34 56 78');
      return hits[0]?.id === PARIS_ID ? hits : undefined;
    }, 50);
    assert.match(paris[0]?.detail ?? '', /Phone: 06 12 34 56 78/);
  });

  it('reads national numbers again when the country goes back to US', async () => {
    await setCountry(undefined);
    const document = await openDocument(NOTE, 'markdown');
    await eventually(async () => (/Noah[\s\S]*Hart/.test(await hoverOn(document, '(212) 555-0123')) ? true : undefined), 50);
    assert.doesNotMatch(await hoverOn(document, '020 7946 0958'), /Marsh/);
  });
});
