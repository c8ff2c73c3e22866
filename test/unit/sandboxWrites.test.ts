import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { USER_IDS, WELL_KNOWN } from '../sandbox/generate.js';
import { checkRequestBody } from '../sandbox/requestBodies.js';
import { startSandbox, WRITE_ROUTES, type Sandbox, type SandboxOptions } from '../sandbox/server.js';
import { createSpecValidator, type OperationId } from '../sandbox/spec.js';
import type { ApiContact, ApiErrorBody } from '../sandbox/wire.js';
import { get, type Reply } from './sandboxReply.js';

const spec = createSpecValidator();

interface WriteReply extends Reply {
  readonly headers: Headers;
}

interface SendOptions {
  /** Default application/json; null sends none. */
  readonly contentType?: string | null;
  /** Sent as is instead of `JSON.stringify(body)`. */
  readonly raw?: string;
  readonly authorization?: string;
}

/** A write to the sandbox with its key, the body as JSON unless told otherwise. */
async function send(
  sandbox: Sandbox,
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  options: SendOptions = {},
): Promise<WriteReply> {
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  const text = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const response = await fetch(sandbox.url + path, {
    method,
    headers: {
      Authorization: options.authorization ?? sandbox.key,
      ...(contentType === null || text === undefined ? {} : { 'Content-Type': contentType }),
    },
    ...(text === undefined ? {} : { body: text }),
  });
  const answer = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer);
  } catch {
    parsed = undefined;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: answer,
    body: parsed,
    headers: response.headers,
  };
}

function assertConforms(operation: OperationId, reply: Reply): void {
  const context = `${operation} ${reply.status}: ${reply.text.slice(0, 300)}`;
  assert.deepEqual(spec.check(operation, reply.status, reply.body), [], context);
}

function dataOf(reply: Reply): ApiContact {
  return (reply.body as { data: ApiContact }).data;
}

function errorOf(reply: Reply): ApiErrorBody {
  return reply.body as ApiErrorBody;
}

function paths(reply: Reply): string[] {
  return (errorOf(reply).errors ?? []).map((error) => error.path);
}

/** Every contact id the list route serves, page by page. */
async function listedIds(sandbox: Sandbox): Promise<string[]> {
  const ids: string[] = [];
  let token: string | null = null;
  do {
    const suffix: string = token === null ? '' : `&pageToken=${encodeURIComponent(token)}`;
    const reply = await get(sandbox, `/v1/contacts?maxResults=50${suffix}`);
    assertConforms('listContacts_v1', reply);
    const page = reply.body as { data: ApiContact[]; nextPageToken: string | null };
    ids.push(...page.data.map((contact) => contact.id));
    token = page.nextPageToken;
  } while (token !== null);
  return ids;
}

/** A wall clock the test moves by hand, starting after every generated contact. */
function wallClock(start = Date.parse('2026-01-05T10:00:00.000Z')): { now: () => number; set: (t: number) => void } {
  let t = start;
  return { now: () => t, set: (next) => (t = next) };
}

const ADA = `/v1/contacts/${WELL_KNOWN.contactId}`;

describe('sandbox writes', () => {
  const open: Sandbox[] = [];
  async function start(options: SandboxOptions = {}): Promise<Sandbox> {
    const sandbox = await startSandbox({ rateLimit: Infinity, ...options });
    open.push(sandbox);
    return sandbox;
  }
  afterEach(async () => {
    await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
  });

  describe('the spec extract', () => {
    it('holds the three writes with their request bodies, and POST requires defaultFields.firstName', () => {
      assert.deepEqual(checkRequestBody('createContact_v1', { defaultFields: { firstName: 'Grace' } }), []);
      // Required, and nullable: the spec types it string or null.
      assert.deepEqual(checkRequestBody('createContact_v1', { defaultFields: { firstName: null } }), []);
      assert.deepEqual(
        checkRequestBody('createContact_v1', { defaultFields: {} }).map((error) => [error.path, error.message]),
        [['/defaultFields/firstName', 'Expected required property']],
      );
      assert.deepEqual(checkRequestBody('updateContactById_v1', {}), []);
      assert.deepEqual(spec.check('deleteContact_v1', 204, undefined), []);
      assert.notDeepEqual(spec.check('deleteContact_v1', 204, {}), []);
    });
  });

  describe('create', () => {
    it('creates a contact with a new id, now as its dates, ids on its items, then gets and lists it', async () => {
      const clock = wallClock();
      const sandbox = await start({ clock: clock.now });
      const before = sandbox.contacts.length;
      const created = await send(sandbox, 'POST', '/v1/contacts', {
        defaultFields: {
          firstName: 'Grace',
          lastName: 'Hopper',
          company: 'Navy',
          phoneNumbers: [{ name: 'mobile', value: '+14155550999' }],
          emails: [
            { name: 'work', value: 'grace@navy.example' },
            { name: 'old', value: null },
          ],
        },
        customFields: [{ key: 'inbound-lead', value: true }],
        externalId: 'crm-grace-1906',
      });
      assert.equal(created.status, 201, created.text);
      assertConforms('createContact_v1', created);
      const contact = dataOf(created);
      assert.match(contact.id, /^[0-9a-f]{24}$/);
      assert.equal(Number.parseInt(contact.id.slice(0, 8), 16), Math.floor(clock.now() / 1000));
      assert.ok(!sandbox.contacts.slice(0, before).some((c) => c.id === contact.id));
      assert.deepEqual([contact.createdAt, contact.updatedAt], [new Date(clock.now()).toISOString(), new Date(clock.now()).toISOString()]);
      assert.equal(contact.createdByUserId, USER_IDS.owner);
      assert.deepEqual([contact.source, contact.sourceUrl, contact.externalId], ['public-api', null, 'crm-grace-1906']);
      assert.deepEqual([contact.defaultFields.role, contact.defaultFields.company], [null, 'Navy']);
      const items = [...contact.defaultFields.phoneNumbers, ...contact.defaultFields.emails];
      assert.deepEqual(items.map((item) => item.value), ['+14155550999', 'grace@navy.example'], 'a null value is not stored');
      assert.ok(items.every((item) => typeof item.id === 'string' && item.id.length > 0));
      assert.deepEqual(
        contact.customFields.map((field) => [field.key, field.type, field.value]),
        [['inbound-lead', 'boolean', true]],
      );

      const fetched = await get(sandbox, `/v1/contacts/${contact.id}`);
      assertConforms('getContactById_v1', fetched);
      assert.deepEqual(dataOf(fetched), contact);
      assert.equal(sandbox.contacts.length, before + 1);
      assert.deepEqual(sandbox.contact(contact.id), contact);
      const listed = await listedIds(sandbox);
      assert.equal(listed[listed.length - 1], contact.id, 'the newest contact comes last');
      const byExternal = await get(sandbox, '/v1/contacts?maxResults=5&externalIds=crm-grace-1906');
      assert.deepEqual((byExternal.body as { data: ApiContact[] }).data.map((c) => c.id), [contact.id]);

      const second = dataOf(await send(sandbox, 'POST', '/v1/contacts', { defaultFields: { firstName: null }, createdByUserId: USER_IDS.hedy }));
      assert.notEqual(second.id, contact.id);
      assert.equal(second.createdByUserId, USER_IDS.hedy);
      assert.equal(second.defaultFields.firstName, null);
    });

    it('refuses a body without defaultFields.firstName, with the path in errors', async () => {
      const sandbox = await start();
      const before = sandbox.contacts.length;
      for (const [body, path] of [
        [{ defaultFields: { lastName: 'Hopper' } }, '/defaultFields/firstName'],
        [{ customFields: [] }, '/defaultFields'],
      ] as const) {
        const reply = await send(sandbox, 'POST', '/v1/contacts', body);
        assert.equal(reply.status, 400, reply.text);
        assertConforms('createContact_v1', reply);
        assert.equal(errorOf(reply).code, '0801400');
        assert.match(errorOf(reply).trace ?? '', /^[0-9a-f]{32}$/);
        assert.deepEqual(paths(reply), [path]);
        assert.equal(errorOf(reply).errors?.[0]?.message, 'Expected required property');
      }
      assert.equal(sandbox.contacts.length, before, 'nothing created');
    });

    it('refuses wrong types, bodies that are not JSON and what the workspace has no place for, naming each path', async () => {
      const sandbox = await start();
      const before = sandbox.contacts.length;
      const cases: readonly (readonly [unknown, readonly string[]])[] = [
        [{ defaultFields: { firstName: 5 } }, ['/defaultFields/firstName']],
        [{ defaultFields: { firstName: 'A', emails: 'a@b.example' } }, ['/defaultFields/emails']],
        [{ defaultFields: { firstName: 'A', phoneNumbers: [{ name: 'mobile', value: 42 }] } }, ['/defaultFields/phoneNumbers/0/value']],
        [{ defaultFields: { firstName: 'A', company: ['x'] }, sourceUrl: 'not a url' }, ['/defaultFields/company', '/sourceUrl']],
        [{ defaultFields: { firstName: 'A' }, customFields: [{ key: 'no-such-field', value: 'x' }] }, ['/customFields/0/key']],
        [{ defaultFields: { firstName: 'A' }, customFields: [{ key: 'inbound-lead', value: 'yes' }] }, ['/customFields/0/value']],
        [{ defaultFields: { firstName: 'A' }, customFields: [{ key: 'renewal-date', value: 'tomorrow' }] }, ['/customFields/0/value']],
        [{ defaultFields: { firstName: 'A' }, createdByUserId: 'USnobody' }, ['/createdByUserId']],
        [{ defaultFields: { firstName: 'A' }, source: 'csv-upload' }, ['/source']],
        [[{ defaultFields: { firstName: 'A' } }], ['']],
        [null, ['']],
      ];
      for (const [body, expected] of cases) {
        const reply = await send(sandbox, 'POST', '/v1/contacts', body);
        assert.equal(reply.status, 400, JSON.stringify(body));
        assertConforms('createContact_v1', reply);
        assert.deepEqual(paths(reply), expected, JSON.stringify(body));
      }
      const typed = await send(sandbox, 'POST', '/v1/contacts', { defaultFields: { firstName: 5 } });
      assert.deepEqual(errorOf(typed).errors, [
        { path: '/defaultFields/firstName', message: 'Expected string or null', value: 5, schema: { type: 'string' } },
      ]);
      assert.equal(errorOf(typed).message, 'defaultFields/firstName: Expected string or null');
      for (const options of [{ raw: '{"defaultFields":' }, { raw: '' }, { contentType: 'text/plain' }, { contentType: null }]) {
        const reply = await send(sandbox, 'POST', '/v1/contacts', { defaultFields: { firstName: 'A' } }, options);
        assert.equal(reply.status, 400, JSON.stringify(options));
        assertConforms('createContact_v1', reply);
        assert.deepEqual(paths(reply), [''], JSON.stringify(options));
      }
      assert.equal(sandbox.contacts.length, before, 'nothing created');
    });
  });

  describe('update', () => {
    it('changes only the fields sent and moves updatedAt on, strictly, even when the clock has not', async () => {
      const clock = wallClock();
      const sandbox = await start({ clock: clock.now });
      const ada = sandbox.contact(WELL_KNOWN.contactId) as ApiContact;
      const reply = await send(sandbox, 'PATCH', ADA, { defaultFields: { company: 'Difference Engines' } });
      assert.equal(reply.status, 200, reply.text);
      assertConforms('updateContactById_v1', reply);
      const changed = dataOf(reply);
      assert.deepEqual(changed, {
        ...ada,
        defaultFields: { ...ada.defaultFields, company: 'Difference Engines' },
        updatedAt: new Date(clock.now()).toISOString(),
      });
      // The same millisecond twice: still later each time.
      const again = dataOf(await send(sandbox, 'PATCH', ADA, { defaultFields: { role: null } }));
      assert.equal(Date.parse(again.updatedAt), clock.now() + 1);
      assert.equal(again.defaultFields.role, null);
      assert.equal(again.defaultFields.company, 'Difference Engines');
      // A clock behind the contact's updatedAt does not take it back.
      clock.set(Date.parse('2020-01-01T00:00:00.000Z'));
      const third = dataOf(await send(sandbox, 'PATCH', ADA, {}));
      assert.ok(Date.parse(third.updatedAt) > Date.parse(again.updatedAt));
      assert.deepEqual({ ...third, updatedAt: '' }, { ...again, updatedAt: '' }, 'an empty patch changes nothing else');
      assert.deepEqual(dataOf(await get(sandbox, ADA)), third);
      const listed = await get(sandbox, '/v1/contacts?maxResults=1');
      assert.deepEqual((listed.body as { data: ApiContact[] }).data[0], third);
      const patchedOrigin = dataOf(await send(sandbox, 'PATCH', ADA, { externalId: null, source: 'hubspot', sourceUrl: null }));
      assert.deepEqual([patchedOrigin.externalId, patchedOrigin.source, patchedOrigin.sourceUrl], [null, 'hubspot', null]);
    });

    it('replaces a sent array: known ids kept, new items given ids, value null removing an item', async () => {
      const sandbox = await start();
      const ada = sandbox.contact(WELL_KNOWN.contactId) as ApiContact;
      const reply = await send(sandbox, 'PATCH', ADA, {
        defaultFields: {
          phoneNumbers: [
            { id: 'PHada0001', name: 'mobile', value: null },
            { id: 'PHada0002', name: 'main line', value: WELL_KNOWN.sharedPhone },
            { name: 'home', value: '+442079460958' },
            { id: 'PHgone0001', name: 'pager', value: '+14155550998' },
          ],
        },
      });
      assert.equal(reply.status, 200, reply.text);
      assertConforms('updateContactById_v1', reply);
      const phones = dataOf(reply).defaultFields.phoneNumbers;
      assert.deepEqual(
        phones.map((phone) => [phone.name, phone.value]),
        [
          ['main line', WELL_KNOWN.sharedPhone],
          ['home', '+442079460958'],
          ['pager', '+14155550998'],
        ],
      );
      assert.equal(phones[0]?.id, 'PHada0002');
      const fresh = phones.slice(1).map((phone) => phone.id);
      assert.ok(fresh.every((id) => typeof id === 'string' && id.length > 0 && !['PHada0001', 'PHada0002', 'PHgone0001'].includes(id)));
      assert.equal(new Set(fresh).size, 2);
      assert.deepEqual(dataOf(reply).defaultFields.emails, ada.defaultFields.emails, 'emails were not sent');
      // An array sent replaces the contact's: an email left out is gone.
      const emails = dataOf(await send(sandbox, 'PATCH', ADA, { defaultFields: { emails: [ada.defaultFields.emails[1]] } }));
      assert.deepEqual(emails.defaultFields.emails, [ada.defaultFields.emails[1]]);
      const none = dataOf(await send(sandbox, 'PATCH', ADA, { defaultFields: { emails: [] } }));
      assert.deepEqual(none.defaultFields.emails, []);
    });

    it('sets, adds and clears custom fields by key (or id), leaving the others', async () => {
      const sandbox = await start();
      const ada = sandbox.contact(WELL_KNOWN.contactId) as ApiContact;
      const reply = await send(sandbox, 'PATCH', ADA, {
        customFields: [
          { key: 'website', value: 'https://engines.example' },
          { key: 'lifetime-value', value: null },
          { key: 'interests', value: ['Webinars'] },
        ],
      });
      assert.equal(reply.status, 200, reply.text);
      assertConforms('updateContactById_v1', reply);
      const fields = dataOf(reply).customFields;
      assert.deepEqual(
        fields.map((field) => field.key),
        ada.customFields.map((field) => field.key),
      );
      const value = (key: string): unknown => fields.find((field) => field.key === key)?.value;
      assert.equal(value('website'), 'https://engines.example');
      assert.equal(value('lifetime-value'), null);
      assert.deepEqual(value('interests'), ['Webinars']);
      assert.equal(value('account-manager'), 'Grace Hopper');
      const mary = await send(sandbox, 'PATCH', `/v1/contacts/${WELL_KNOWN.thirdContactId}`, {
        customFields: [{ id: '5f9ff4c05ecaee29350b574d', value: true }],
      });
      assert.equal(mary.status, 200, mary.text);
      const added = dataOf(mary).customFields.at(-1);
      assert.deepEqual(added, { name: 'Inbound lead', key: 'inbound-lead', id: '5f9ff4c05ecaee29350b574d', type: 'boolean', value: true });
      const wrong = await send(sandbox, 'PATCH', ADA, {
        customFields: [
          { key: 'website', value: 'fine' },
          { key: 'lifetime-value', value: 'a lot' },
        ],
      });
      assert.equal(wrong.status, 400);
      assertConforms('updateContactById_v1', wrong);
      assert.deepEqual(paths(wrong), ['/customFields/1/value']);
      const stored = sandbox.contact(WELL_KNOWN.contactId)?.customFields.find((field) => field.key === 'website');
      assert.equal(stored?.value, 'https://engines.example', 'a refused patch changes nothing');
    });

    it('answers 404 for an unknown id, after refusing a bad body', async () => {
      const sandbox = await start();
      const missing = await send(sandbox, 'PATCH', `/v1/contacts/${WELL_KNOWN.missingContactId}`, { defaultFields: { role: 'x' } });
      assert.equal(missing.status, 404);
      assertConforms('updateContactById_v1', missing);
      assert.equal(errorOf(missing).code, '0800404');
      const bad = await send(sandbox, 'PATCH', `/v1/contacts/${WELL_KNOWN.missingContactId}`, { defaultFields: { role: 7 } });
      assert.equal(bad.status, 400);
      assert.deepEqual(paths(bad), ['/defaultFields/role']);
      const broken = await send(sandbox, 'PATCH', '/v1/contacts/%zz', {});
      assert.equal(broken.status, 404);
    });
  });

  describe('delete', () => {
    it('answers 204 with no body; then GET is 404 and the list no longer has it', async () => {
      const sandbox = await start();
      const id = WELL_KNOWN.thirdContactId;
      const reply = await send(sandbox, 'DELETE', `/v1/contacts/${id}`);
      assert.equal(reply.status, 204);
      assert.equal(reply.text, '');
      assert.equal(reply.contentType, '');
      assert.equal(reply.headers.get('content-length'), null);
      assert.deepEqual(spec.check('deleteContact_v1', 204, reply.body), []);
      const gone = await get(sandbox, `/v1/contacts/${id}`);
      assert.equal(gone.status, 404);
      assertConforms('getContactById_v1', gone);
      assert.ok(!(await listedIds(sandbox)).includes(id));
      assert.equal(sandbox.contact(id), undefined);
      assert.ok(!sandbox.contacts.some((contact) => contact.id === id));
      const shared = await get(sandbox, `/v1/contacts?maxResults=50&externalIds=crm-mary-1780`);
      assert.deepEqual((shared.body as { data: unknown[] }).data, []);
      const twice = await send(sandbox, 'DELETE', `/v1/contacts/${id}`);
      assert.equal(twice.status, 404);
      assertConforms('deleteContact_v1', twice);
      // A new contact never takes a deleted one's id.
      const created = dataOf(await send(sandbox, 'POST', '/v1/contacts', { defaultFields: { firstName: 'Mary' } }));
      assert.notEqual(created.id, id);
    });
  });

  describe('a contact that refuses writes', () => {
    it('answers PATCH and DELETE on the read-only contact with the spec 403, and still serves it', async () => {
      const sandbox = await start();
      const path = `/v1/contacts/${WELL_KNOWN.readOnlyContactId}`;
      const before = dataOf(await get(sandbox, path));
      assert.equal(before.defaultFields.firstName, WELL_KNOWN.readOnlyFirstName);
      assert.equal(before.defaultFields.phoneNumbers[0]?.value, WELL_KNOWN.readOnlyPhone);
      for (const [method, operation] of [
        ['PATCH', 'updateContactById_v1'],
        ['DELETE', 'deleteContact_v1'],
      ] as const) {
        const reply = await send(sandbox, method, path, method === 'PATCH' ? { defaultFields: { role: 'x' } } : undefined);
        assert.equal(reply.status, 403, method);
        assertConforms(operation, reply);
        const body = errorOf(reply);
        assert.deepEqual([body.code, body.title, body.description], ['0801403', 'Not Phone Number User', 'Not Phone Number User']);
        assert.match(body.trace ?? '', /^[0-9a-f]{32}$/);
        assert.match(body.message, /integration/);
      }
      assert.deepEqual(dataOf(await get(sandbox, path)), before);
      const invalid = await send(sandbox, 'PATCH', path, { defaultFields: { role: 1 } });
      assert.equal(invalid.status, 400, 'the body is checked first');
    });

    it('makes any contact refuse writes with the readOnlyContactIds fault', async () => {
      const sandbox = await start({ faults: { readOnlyContactIds: [WELL_KNOWN.contactId] } });
      assert.equal((await send(sandbox, 'PATCH', ADA, { defaultFields: { role: 'x' } })).status, 403);
      assert.equal((await send(sandbox, 'DELETE', ADA)).status, 403);
      sandbox.setFaults({});
      assert.equal((await send(sandbox, 'PATCH', ADA, { defaultFields: { role: 'x' } })).status, 200);
    });
  });

  describe("a teammate's change", () => {
    it('changes a contact between a read and a write, as the update route would, without a request', async () => {
      const clock = wallClock();
      const sandbox = await start({ clock: clock.now });
      const read = dataOf(await get(sandbox, ADA));
      clock.set(clock.now() + 60_000);
      const changed = sandbox.changeContact(WELL_KNOWN.contactId, {
        defaultFields: { role: 'Countess', phoneNumbers: [{ id: 'PHada0001', name: 'mobile', value: null }] },
      });
      assert.equal(changed.defaultFields.role, 'Countess');
      assert.deepEqual(changed.defaultFields.phoneNumbers, []);
      assert.equal(changed.updatedAt, new Date(clock.now()).toISOString());
      assert.ok(Date.parse(changed.updatedAt) > Date.parse(read.updatedAt));
      const reread = dataOf(await get(sandbox, ADA));
      assert.deepEqual(reread, changed);
      assert.equal(sandbox.stats.total, 2, 'the change is no request');
      // Read-only contacts take a teammate's change: it is the API that refuses them.
      assert.equal(sandbox.changeContact(WELL_KNOWN.readOnlyContactId, { defaultFields: { role: 'Dean' } }).defaultFields.role, 'Dean');
      assert.throws(() => sandbox.changeContact(WELL_KNOWN.missingContactId, {}), /404/);
      assert.throws(() => sandbox.changeContact(WELL_KNOWN.contactId, { defaultFields: { role: 5 } } as never), /400.*role/);
    });

    it('changes a contact of another workspace by its key', async () => {
      const sandbox = await start({ otherWorkspaces: [{ key: 'other-key', contacts: 20 }] });
      const other = sandbox.otherContacts.get('other-key') ?? [];
      const id = other[other.length - 1]?.id ?? '';
      sandbox.changeContact(id, { defaultFields: { company: 'Elsewhere' } }, 'other-key');
      assert.equal(sandbox.contact(id, 'other-key')?.defaultFields.company, 'Elsewhere');
      assert.equal(sandbox.otherContacts.get('other-key')?.find((c) => c.id === id)?.defaultFields.company, 'Elsewhere');
      const created = await send(sandbox, 'POST', '/v1/contacts', { defaultFields: { firstName: 'Other' } }, { authorization: 'other-key' });
      assert.equal(created.status, 201);
      assert.equal(sandbox.otherContacts.get('other-key')?.length, 21);
      assert.equal(sandbox.contact(dataOf(created).id), undefined, 'not in the sandbox’s own workspace');
    });
  });

  describe('stats, key and rate limit', () => {
    it('counts writes by kind, refuses a wrong key and keeps writes to the rate limit', async () => {
      let t = 0;
      const sandbox = await start({ rateLimit: 3, now: () => t });
      const wrongKey = await send(sandbox, 'POST', '/v1/contacts', { defaultFields: { firstName: 'A' } }, { authorization: 'wrong' });
      assert.equal(wrongKey.status, 401);
      assertConforms('createContact_v1', wrongKey);
      const before = sandbox.contacts.length;
      const statuses = [
        (await send(sandbox, 'POST', '/v1/contacts', { defaultFields: { firstName: 'A' } })).status,
        (await send(sandbox, 'PATCH', ADA, { defaultFields: { role: 'x' } })).status,
        (await get(sandbox, ADA)).status,
      ];
      const limited = await send(sandbox, 'DELETE', ADA);
      assert.deepEqual(statuses, [201, 200, 200]);
      assert.equal(limited.status, 429);
      // The spec has no 429; the sandbox answers one in its error shape.
      assert.equal(errorOf(limited).code, '0800429');
      assert.equal(limited.headers.get('retry-after'), null, 'Quo documents no Retry-After');
      assert.ok(sandbox.contact(WELL_KNOWN.contactId), 'a refused delete deletes nothing');
      assert.equal(sandbox.contacts.length, before + 1);
      t = 1000;
      assert.equal((await send(sandbox, 'DELETE', ADA)).status, 204);
      const { byRoute, byStatus } = sandbox.stats;
      assert.deepEqual(
        [byRoute.createContact, byRoute.updateContact, byRoute.deleteContact, byRoute.getContact],
        [2, 1, 2, 1],
      );
      assert.deepEqual(byStatus, { 200: 2, 201: 1, 204: 1, 401: 1, 429: 1 });
    });
  });

  describe('faults on writes', () => {
    it('fails the next write with 500, not acting on it, then serves the one after', async () => {
      const sandbox = await start();
      sandbox.setFaults({ failNext: { status: 500 }, routes: WRITE_ROUTES });
      assert.equal((await get(sandbox, ADA)).status, 200, 'reads are out of scope');
      const failed = await send(sandbox, 'PATCH', ADA, { defaultFields: { role: 'x' } });
      assert.equal(failed.status, 500);
      assertConforms('updateContactById_v1', failed);
      assert.equal(errorOf(failed).code, '0801500');
      assert.equal(sandbox.contact(WELL_KNOWN.contactId)?.defaultFields.role, WELL_KNOWN.role);
      const served = await send(sandbox, 'PATCH', ADA, { defaultFields: { role: 'x' } });
      assert.equal(served.status, 200);
    });

    it('answers the next write 429, with Retry-After when asked, and 409 as the spec documents it', async () => {
      const sandbox = await start();
      sandbox.setFaults({ failNext: { status: 429, times: 2 }, retryAfterSeconds: 3, routes: ['updateContact'] });
      for (let i = 0; i < 2; i++) {
        const limited = await send(sandbox, 'PATCH', ADA, { defaultFields: { role: 'x' } });
        assert.equal(limited.status, 429);
        assert.equal(errorOf(limited).title, 'Too Many Requests');
        assert.equal(limited.headers.get('retry-after'), '3');
      }
      assert.equal((await send(sandbox, 'PATCH', ADA, { defaultFields: { role: 'x' } })).status, 200);
      sandbox.setFaults({ failNext: { status: 429 } });
      assert.equal((await send(sandbox, 'DELETE', ADA)).headers.get('retry-after'), null);
      sandbox.setFaults({ failNext: { status: 409 } });
      const conflict = await send(sandbox, 'PATCH', ADA, { defaultFields: { role: 'y' } });
      assert.equal(conflict.status, 409);
      assertConforms('updateContactById_v1', conflict);
      assert.equal(errorOf(conflict).code, '0800409');
      sandbox.setFaults({ rateLimitedForMs: 60_000, retryAfterSeconds: 60, routes: WRITE_ROUTES });
      const busy = await send(sandbox, 'POST', '/v1/contacts', { defaultFields: { firstName: 'A' } });
      assert.deepEqual([busy.status, busy.headers.get('retry-after')], [429, '60']);
      assert.throws(() => sandbox.setFaults({ failNext: { status: 503 as never } }), RangeError);
      assert.throws(() => sandbox.setFaults({ retryAfterSeconds: 1.5 }), RangeError);
    });

    it('can make the write and lose only its answer', async () => {
      const sandbox = await start();
      const before = sandbox.contacts.length;
      sandbox.setFaults({ failNext: { status: 500, applied: true }, routes: ['createContact'] });
      const lost = await send(sandbox, 'POST', '/v1/contacts', { defaultFields: { firstName: 'Twice' } });
      assert.equal(lost.status, 500);
      assert.equal(sandbox.contacts.length, before + 1, 'the contact exists all the same');
      assert.equal(sandbox.contacts.at(-1)?.defaultFields.firstName, 'Twice');
    });

    it('applies the existing faults (failRate, malformed JSON) to writes in scope too', async () => {
      const sandbox = await start({ faults: { failRate: 1, routes: WRITE_ROUTES } });
      assert.equal((await send(sandbox, 'DELETE', ADA)).status, 500);
      assert.equal((await get(sandbox, ADA)).status, 200);
      sandbox.setFaults({ malformedJson: true, routes: ['updateContact'] });
      const cut = await send(sandbox, 'PATCH', ADA, { defaultFields: { role: 'cut' } });
      assert.deepEqual([cut.status, cut.body], [200, undefined]);
      assert.equal(sandbox.contact(WELL_KNOWN.contactId)?.defaultFields.role, 'cut', 'the write happened');
      sandbox.setFaults({ malformedJson: true });
      assert.equal((await send(sandbox, 'DELETE', ADA)).status, 204, 'a 204 has nothing to cut');
    });
  });

  describe('cli', () => {
    it('names the writes in its help', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/sandbox/cli.ts', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 0);
      assert.match(output, /POST \/v1\/contacts, PATCH and\s+DELETE \/v1\/contacts\/\{id\}/);
    });
  });
});
