/**
 * Each Quo workspace's session owns its contacts: a session alone (no sidebar) finds a contact by number, and a switch
 * between workspaces only changes which session is active: nothing is restored, nothing listed again before its time.
 */
import assert from 'node:assert/strict';
import type { ApiKey, KeyProvider } from '../../src/auth/apiKey.js';
import { Emitter } from '../../src/common/emitter.js';
import type { SavedIndex } from '../../src/contacts/listingSchedule.js';
import type { Contact } from '../../src/quo/types.js';
import { WorkspaceSessions } from '../../src/session/workspaceSessions.js';
import { WorkspaceSession } from '../../src/session/workspaceSession.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { flushPromises } from './fakeClock.js';
import { apiKey, LOG, settingsFor } from './sessionFixtures.js';

const B_KEY = 'quo-sandbox-key-b';

/** Workspaces A and B, one of them active; `remove` takes one away as another window would. */
class Keys implements KeyProvider {
  readonly workspaces = new Map<string, ApiKey>();
  active: string | undefined;
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(sandbox: Sandbox) {
    this.workspaces.set('A', apiKey(sandbox.key, 'A'));
    this.workspaces.set('B', apiKey(B_KEY, 'B'));
    this.active = 'A';
  }

  async get(): Promise<ApiKey | undefined> {
    return this.active === undefined ? undefined : this.workspaces.get(this.active);
  }

  async keyOfWorkspace(id: string): Promise<ApiKey | undefined> {
    return this.workspaces.get(id);
  }

  fingerprints(): string[] {
    return [...this.workspaces.values()].map((key) => key.fingerprint);
  }

  async switchTo(id: string | undefined, session: WorkspaceSessions): Promise<void> {
    this.active = id;
    this.changed.fire();
    await session.whenSwitched();
  }
}

class MemorySaved implements SavedIndex {
  readonly files = new Map<string, readonly Contact[]>();
  loads = 0;

  async load(fingerprint: string): Promise<readonly Contact[] | undefined> {
    this.loads++;
    return this.files.get(fingerprint);
  }

  async save(fingerprint: string, contacts: readonly Contact[], stillWanted = () => true): Promise<void> {
    if (stillWanted()) {
      this.files.set(fingerprint, [...contacts]);
    }
  }

  async deleteAll(except: readonly string[] = []): Promise<void> {
    for (const key of [...this.files.keys()]) {
      if (!except.includes(key)) {
        this.files.delete(key);
      }
    }
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.ok(condition(), what);
}

describe('One store of contacts per workspace session', () => {
  let sandbox: Sandbox;
  const sessions: { dispose(): void }[] = [];

  beforeEach(async () => {
    sandbox = await startSandbox({ contacts: 30, otherWorkspaces: [{ key: B_KEY, contacts: 12 }] });
  });

  afterEach(async () => {
    for (const session of sessions.splice(0)) {
      session.dispose();
    }
    await sandbox.close();
  });

  function listings(): number {
    return sandbox.stats.byRoute.listContacts ?? 0;
  }

  it('a workspace session with no sidebar at all finds a contact by phone number through its own list', async () => {
    const session = new WorkspaceSession(apiKey(sandbox.key, 'A'), settingsFor(sandbox), LOG);
    sessions.push(session);
    session.open();
    const wanted = sandbox.contacts.find((contact) => contact.defaultFields.phoneNumbers.length > 0);
    assert.ok(wanted, 'the sandbox has a contact with a number');
    const number = wanted.defaultFields.phoneNumbers[0]?.value ?? '';
    assert.deepEqual(session.contacts.byPhone(number), [], 'nothing is listed before someone asks');
    assert.equal(await session.contacts.whenListed(), 'listed');
    assert.ok(session.contacts.byPhone(number).some((contact) => contact.id === wanted.id));
    assert.equal(session.contacts.know(wanted.id).kind, 'from-index', 'and by id, in the same one read, without a request');
    assert.equal(sandbox.stats.byRoute.getContact ?? 0, 0);
  });

  it('shows a workspace listed minutes ago again at once on a switch back, without asking Quo', async () => {
    const keys = new Keys(sandbox);
    const session = new WorkspaceSessions(keys, settingsFor(sandbox), LOG);
    sessions.push(session);
    await session.ready;
    session.setListShown(true);
    await until(() => session.active.contacts.listState.status === 'complete', 'A listed');
    assert.equal(session.active.contacts.index.size, 30);
    const afterA = listings();
    await keys.switchTo('B', session);
    await until(() => session.active.contacts.listState.status === 'complete', 'B listed');
    assert.equal(session.active.contacts.index.size, 12, 'B shows its own contacts, not A\'s');
    const afterB = listings();
    assert.ok(afterB > afterA);
    await keys.switchTo('A', session);
    assert.equal(session.active.contacts.listState.status, 'complete', 'at once');
    assert.equal(session.active.contacts.index.size, 30);
    await flushPromises();
    assert.equal(listings(), afterB, 'no listing on the switch back');
  });

  it('lists again on a switch back once its refresh came due while it was not shown', async () => {
    const keys = new Keys(sandbox);
    const session = new WorkspaceSessions(keys, settingsFor(sandbox, { indexRefreshMs: 300 }), LOG);
    sessions.push(session);
    await session.ready;
    session.setListShown(true);
    await until(() => session.active.contacts.listState.status === 'complete', 'A listed');
    await keys.switchTo('B', session);
    await until(() => session.active.contacts.listState.status === 'complete', 'B listed');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const whileB = listings();
    await keys.switchTo('A', session);
    await until(() => listings() > whileB, 'A listed again: its refresh came due while B was shown');
  });

  it('forgets the list of a removed workspace: added again, it is listed afresh', async () => {
    const keys = new Keys(sandbox);
    const session = new WorkspaceSessions(keys, settingsFor(sandbox), LOG);
    sessions.push(session);
    await session.ready;
    session.setListShown(true);
    await until(() => session.active.contacts.listState.status === 'complete', 'A listed');
    const removed = keys.workspaces.get('A');
    keys.workspaces.delete('A');
    await keys.switchTo('B', session);
    await until(() => session.active.contacts.listState.status === 'complete', 'B listed');
    const before = listings();
    keys.workspaces.set('A', removed ?? assert.fail());
    await keys.switchTo('A', session);
    await until(() => session.active.contacts.listState.status === 'complete' && listings() > before, 'A listed afresh');
  });

  it('every workspace reads its saved copy once, a copy no workspace holds is deleted, and every copy when persistence is off', async () => {
    const keys = new Keys(sandbox);
    const saved = new MemorySaved();
    saved.files.set('fp_A', sandbox.contacts.slice(0, 1));
    saved.files.set('fp_gone', []);
    let settings = settingsFor(sandbox, { indexPersist: true });
    const session = new WorkspaceSessions(keys, settings, LOG, undefined, { store: saved, keptFingerprints: () => keys.fingerprints() });
    sessions.push(session);
    await session.ready;
    await until(() => session.active.contacts.index.size === 1, 'the saved copy is shown at start, without a listing');
    assert.equal(listings(), 0);
    assert.deepEqual([...saved.files.keys()], ['fp_A'], 'a key no workspace holds is deleted');
    session.setListShown(true);
    await until(() => saved.files.get('fp_A')?.length === 30, 'listed afresh when shown, and saved');
    await keys.switchTo('B', session);
    await until(() => saved.files.has('fp_B'), 'B saved too');
    await keys.switchTo('A', session);
    assert.equal(saved.loads, 2, 'A read once, B once');
    settings = { ...settings, indexPersist: false };
    session.updateSettings(settings);
    await until(() => saved.files.size === 0, 'every copy deleted when persistence is off');
  });
});
