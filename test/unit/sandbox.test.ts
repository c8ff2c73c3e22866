import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { CUSTOM_FIELD_TYPES } from '../../src/quo/types.js';
import { failsAt, malformContact } from '../sandbox/faults.js';
import {
  DEFAULT_CONTACT_COUNT,
  generateContacts,
  HOSTILE_IDS,
  SANDBOX_USERS,
  TERMINAL_COMMAND_LINK,
  WELL_KNOWN,
} from '../sandbox/generate.js';
import { decodePageToken, encodePageToken, selectPage } from '../sandbox/pagination.js';
import { startSandbox, type RequestLogEntry, type Sandbox, type SandboxOptions } from '../sandbox/server.js';
import { createSpecValidator, type OperationId } from '../sandbox/spec.js';
import type { ApiContact } from '../sandbox/wire.js';
import { get, type Reply } from './sandboxReply.js';


interface ListBody {
  readonly data: ApiContact[];
  readonly totalItems: number;
  readonly nextPageToken: string | null;
}

function listBody(reply: Reply): ListBody {
  assert.equal(reply.status, 200, reply.text);
  return reply.body as ListBody;
}

function errorCode(reply: Reply): unknown {
  return (reply.body as { code?: unknown } | undefined)?.code;
}

const spec = createSpecValidator();

function assertConforms(operation: OperationId, reply: Reply): void {
  const context = `${operation} ${reply.status}: ${reply.text.slice(0, 300)}`;
  assert.deepEqual(spec.check(operation, reply.status, reply.body), [], context);
}

/** A clock the test moves by hand. */
function manualClock(start = 0): { now: () => number; set: (t: number) => void } {
  let t = start;
  return { now: () => t, set: (next) => (t = next) };
}

/** Walks `GET /v1/contacts` to the end with `query`, returning every contact and how many pages it took. */
async function walk(sandbox: Sandbox, query: string): Promise<{ contacts: ApiContact[]; pages: number }> {
  const contacts: ApiContact[] = [];
  let token: string | null = null;
  let pages = 0;
  do {
    const suffix: string = token === null ? '' : `&pageToken=${encodeURIComponent(token)}`;
    const reply = await get(sandbox, `/v1/contacts?${query}${suffix}`);
    assertConforms('listContacts_v1', reply);
    const page = listBody(reply);
    contacts.push(...page.data);
    token = page.nextPageToken;
    pages++;
    assert.ok(pages < 10_000, 'pagination does not end');
  } while (token !== null);
  return { contacts, pages };
}

describe('sandbox', () => {
  const open: Sandbox[] = [];
  async function start(options: SandboxOptions = {}): Promise<Sandbox> {
    const sandbox = await startSandbox(options);
    open.push(sandbox);
    return sandbox;
  }
  afterEach(async () => {
    await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
  });

  describe('generated workspace', () => {
    const contacts = generateContacts();
    const byId = new Map(contacts.map((contact) => [contact.id, contact]));
    const contact = (id: string): ApiContact => {
      const found = byId.get(id);
      assert.ok(found, `no contact ${id}`);
      return found;
    };

    it('is the same for the same seed and differs for another', () => {
      assert.equal(contacts.length, DEFAULT_CONTACT_COUNT);
      assert.deepEqual(generateContacts(), contacts);
      assert.notDeepEqual(generateContacts(DEFAULT_CONTACT_COUNT, 2), contacts);
      assert.equal(generateContacts(57, 9).length, 57);
    });

    it('has unique 24-hex ids in ascending order whose first 8 digits are the creation second', () => {
      assert.equal(byId.size, contacts.length);
      contacts.forEach((c, i) => {
        assert.match(c.id, /^[0-9a-f]{24}$/);
        assert.equal(Number.parseInt(c.id.slice(0, 8), 16), Math.floor(Date.parse(c.createdAt) / 1000), c.id);
        assert.ok(Date.parse(c.updatedAt) >= Date.parse(c.createdAt), `${c.id} updated before created`);
        if (i > 0) {
          assert.ok((contacts[i - 1]).id < c.id);
        }
      });
      assert.equal(byId.has(WELL_KNOWN.missingContactId), false);
    });

    it('starts with Ada Lovelace, whose number and email are hers alone', () => {
      const ada = contacts[0];
      assert.equal(ada.id, WELL_KNOWN.contactId);
      assert.equal(`${ada.defaultFields.firstName} ${ada.defaultFields.lastName}`, 'Ada Lovelace');
      assert.equal(ada.defaultFields.company, WELL_KNOWN.company);
      const withPhone = contacts.filter((c) => c.defaultFields.phoneNumbers.some((p) => p.value === WELL_KNOWN.phone));
      const withEmail = contacts.filter((c) => c.defaultFields.emails.some((e) => e.value === WELL_KNOWN.email));
      assert.deepEqual(withPhone.map((c) => c.id), [WELL_KNOWN.contactId]);
      assert.deepEqual(withEmail.map((c) => c.id), [WELL_KNOWN.contactId]);
      assert.deepEqual(
        ada.customFields.map((field) => field.type).sort(),
        [...CUSTOM_FIELD_TYPES].sort(),
      );
      assert.ok(ada.customFields.every((field) => field.value !== null));
    });

    it('gives the shared number to exactly its three contacts, and shares other numbers too', () => {
      const holders = new Map<string, Set<string>>();
      for (const c of contacts) {
        for (const phone of c.defaultFields.phoneNumbers) {
          if (phone.value !== null) {
            holders.set(phone.value, (holders.get(phone.value) ?? new Set()).add(c.id));
          }
        }
      }
      assert.deepEqual([...(holders.get(WELL_KNOWN.sharedPhone) ?? [])].sort(), [...WELL_KNOWN.sharedPhoneContactIds].sort());
      const sharedElsewhere = [...holders].filter(([phone, ids]) => phone !== WELL_KNOWN.sharedPhone && ids.size > 1);
      assert.ok(sharedElsewhere.length >= 3, `only ${sharedElsewhere.length} other shared numbers`);
    });

    it('looks like a real workspace: E.164 numbers, labels, origins, creators that exist', () => {
      const users = new Set(SANDBOX_USERS.map((u) => u.id));
      const phoneCounts = new Set<number>();
      const emailCounts = new Set<number>();
      for (const c of contacts) {
        assert.ok(users.has(c.createdByUserId), `${c.id} created by unknown ${c.createdByUserId}`);
        phoneCounts.add(c.defaultFields.phoneNumbers.length);
        emailCounts.add(c.defaultFields.emails.length);
        for (const phone of c.defaultFields.phoneNumbers) {
          assert.ok(phone.value === null || /^\+1\d{10}$/.test(phone.value), `${c.id} phone ${phone.value}`);
          assert.ok(phone.name.length > 0);
        }
      }
      assert.deepEqual([...phoneCounts].sort(), [0, 1, 2, 3]);
      assert.deepEqual([...emailCounts].sort(), [0, 1, 2, 3]);
      for (const field of ['externalId', 'source', 'sourceUrl'] as const) {
        assert.ok(contacts.some((c) => c[field] === null), `${field} never null`);
        assert.ok(contacts.some((c) => c[field] !== null), `${field} always null`);
      }
      const nameless = contacts.filter((c) => c.defaultFields.firstName === null && c.defaultFields.lastName === null);
      assert.ok(nameless.length > 0);
    });

    it('covers every custom field type with values and with null, and an empty multi-select', () => {
      for (const type of CUSTOM_FIELD_TYPES) {
        const fields = contacts.flatMap((c) => c.customFields.filter((field) => field.type === type));
        assert.ok(fields.some((field) => field.value === null), `${type} never null`);
        assert.ok(fields.some((field) => field.value !== null), `${type} never set`);
      }
      const multi = contacts.flatMap((c) => c.customFields.filter((field) => field.type === 'multi-select'));
      assert.ok(multi.some((field) => Array.isArray(field.value) && field.value.length === 0));
      const falsy = contact(WELL_KNOWN.falsyContactId).customFields;
      assert.deepEqual(
        falsy.filter((f) => f.type === 'boolean' || f.type === 'number').map((f) => f.value),
        [false, 0],
      );
    });

    it('holds every hostile record with its payload', () => {
      const names = (id: string): ApiContact['defaultFields'] => contact(id).defaultFields;
      assert.equal(names(HOSTILE_IDS.imgTag).firstName, '<img src=x onerror=alert(1)>');
      assert.equal(names(HOSTILE_IDS.scriptTag).firstName, '<script>alert(1)</script>');
      assert.equal(names(HOSTILE_IDS.longCompany).company?.length, 500);
      assert.match(names(HOSTILE_IDS.rightToLeft).company ?? '', /\u202E/);
      assert.match(names(HOSTILE_IDS.rightToLeft).firstName ?? '', /^[\u0600-\u06FF]+$/);
      assert.match(names(HOSTILE_IDS.emoji).firstName ?? '', /\p{Extended_Pictographic}/u);
      assert.equal(names(HOSTILE_IDS.commandLink).firstName, TERMINAL_COMMAND_LINK);
      assert.ok(contact(HOSTILE_IDS.commandLink).customFields.some((f) => f.value === TERMINAL_COMMAND_LINK));
      const js = contact(HOSTILE_IDS.javascriptUrl);
      assert.equal(js.sourceUrl, 'javascript:alert(1)');
      assert.ok(js.customFields.some((f) => f.type === 'url' && f.value === 'javascript:alert(1)'));
      assert.match(names(HOSTILE_IDS.controlCharacters).company ?? '', /\u001b\[/);
      const empty = contact(HOSTILE_IDS.allNull);
      assert.ok(empty.customFields.length === CUSTOM_FIELD_TYPES.length && empty.customFields.every((f) => f.value === null));
      assert.equal(empty.defaultFields.firstName ?? empty.defaultFields.lastName ?? empty.defaultFields.company, null);
    });

    it('builds 10,000 contacts', () => {
      const many = generateContacts(10_000, 7);
      assert.equal(new Set(many.map((c) => c.id)).size, 10_000);
    });
  });

  describe('responses match the spec', () => {
    it('serves every contact by id as the spec documents it, hostile ones included', async () => {
      const sandbox = await start({ rateLimit: Infinity });
      for (const contact of sandbox.contacts) {
        const reply = await get(sandbox, `/v1/contacts/${encodeURIComponent(contact.id)}`);
        assertConforms('getContactById_v1', reply);
        assert.deepEqual((reply.body as { data: ApiContact }).data, contact);
      }
      for (const id of Object.values(HOSTILE_IDS)) {
        assert.ok(sandbox.contacts.some((c) => c.id === id), id);
      }
    });

    it('has schemas that do reject a malformed contact', () => {
      const contact = generateContacts(1)[0];
      assert.deepEqual(spec.check('getContactById_v1', 200, { data: contact }), []);
      assert.notDeepEqual(spec.check('getContactById_v1', 200, { data: malformContact(contact) }), []);
      assert.notDeepEqual(spec.check('listContacts_v1', 200, { data: [contact] }), [], 'missing totalItems accepted');
    });

    it('pages through every contact once, in a stable order, ending with a null token', async () => {
      const sandbox = await start({ rateLimit: Infinity });
      const first = await walk(sandbox, 'maxResults=50');
      assert.deepEqual(first.contacts.map((c) => c.id), sandbox.contacts.map((c) => c.id));
      assert.equal(first.pages, Math.ceil(sandbox.contacts.length / 50));
      const second = await walk(sandbox, 'maxResults=7');
      assert.deepEqual(second.contacts.map((c) => c.id), sandbox.contacts.map((c) => c.id));
    });

    it('answers the other endpoints the extension reads', async () => {
      const sandbox = await start();
      const fields = await get(sandbox, '/v1/contact-custom-fields');
      assertConforms('getContactCustomFields_v1', fields);
      assert.deepEqual(
        (fields.body as { data: { type: string }[] }).data.map((f) => f.type).sort(),
        [...CUSTOM_FIELD_TYPES].sort(),
      );
      const numbers = await get(sandbox, '/v1/phone-numbers');
      assertConforms('listPhoneNumbers_v1', numbers);
      assert.ok((numbers.body as { data: unknown[] }).data.length > 0);
      const mine = await get(sandbox, `/v1/phone-numbers?userId=${WELL_KNOWN.createdByUserId}`);
      const lines = (mine.body as { data: { users: { id: string }[] }[] }).data;
      assert.ok(lines.length > 0 && lines.every((line) => line.users.some((u) => u.id === WELL_KNOWN.createdByUserId)));
      assert.ok(lines.length < (numbers.body as { data: unknown[] }).data.length);
      const users = await get(sandbox, '/v1/users?maxResults=50');
      assertConforms('listUsers_v1', users);
      assert.equal((users.body as { data: unknown[] }).data.length, SANDBOX_USERS.length);
      const creator = await get(sandbox, `/v1/users/${WELL_KNOWN.createdByUserId}`);
      assertConforms('getUserById_v1', creator);
      assert.equal((creator.body as { data: { firstName: string } }).data.firstName, 'Grace');
      const userPage = await get(sandbox, '/v1/users?maxResults=2');
      assert.equal((userPage.body as { data: unknown[] }).data.length, 2);
    });

    it('answers errors in the spec shape', async () => {
      const sandbox = await start();
      for (const authorization of [null, 'wrong-key', `Bearer ${sandbox.key}`]) {
        const reply = await get(sandbox, `/v1/contacts/${WELL_KNOWN.contactId}`, authorization);
        assertConforms('getContactById_v1', reply);
        assert.equal(reply.status, 401);
        const listReply = await get(sandbox, '/v1/contacts?maxResults=5', authorization);
        assertConforms('listContacts_v1', listReply);
        assert.equal(errorCode(listReply), '0800401');
      }
      const missing = await get(sandbox, `/v1/contacts/${WELL_KNOWN.missingContactId}`);
      assert.equal(missing.status, 404);
      assertConforms('getContactById_v1', missing);
      assert.equal(errorCode(missing), '0800404');
      const invalid = await get(sandbox, '/v1/contacts?maxResults=0');
      assert.equal(invalid.status, 400);
      assertConforms('listContacts_v1', invalid);
      const noUser = await get(sandbox, '/v1/users/USnobody');
      assert.equal(noUser.status, 404);
      assertConforms('getUserById_v1', noUser);
      const badUsers = await get(sandbox, '/v1/users');
      assert.equal(badUsers.status, 400);
      assertConforms('listUsers_v1', badUsers);
      const trace = (missing.body as { trace: string }).trace;
      assert.match(trace, /^[0-9a-f]{32}$/);
      assert.notEqual(trace, (invalid.body as { trace: string }).trace);
    });
  });

  describe('list contacts', () => {
    it('requires maxResults to be one whole number from 1 to 50', async () => {
      const sandbox = await start({ rateLimit: Infinity });
      const queries = ['', 'maxResults=0', 'maxResults=51', 'maxResults=abc', 'maxResults=1.5', 'maxResults=', 'maxResults=5&maxResults=6'];
      for (const query of queries) {
        const reply = await get(sandbox, `/v1/contacts?${query}`);
        assert.equal(reply.status, 400, query);
        assert.equal(errorCode(reply), '0801400', query);
        const errors = (reply.body as { errors: { path: string }[] }).errors;
        assert.equal(errors[0]?.path, '/maxResults', query);
      }
      assert.equal(listBody(await get(sandbox, '/v1/contacts?maxResults=1')).data.length, 1);
      assert.equal(listBody(await get(sandbox, '/v1/contacts?maxResults=50')).data.length, 50);
    });

    it('refuses page tokens it did not issue for the same query', async () => {
      const sandbox = await start({ rateLimit: Infinity });
      const first = listBody(await get(sandbox, '/v1/contacts?maxResults=10'));
      const token = first.nextPageToken;
      assert.ok(token);
      const second = listBody(await get(sandbox, `/v1/contacts?maxResults=10&pageToken=${encodeURIComponent(token)}`));
      assert.equal(second.data[0]?.id, sandbox.contacts[10]?.id);
      const { q } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { q: string };
      assert.equal(decodePageToken(token, q, sandbox.contacts.length), 10);
      const forged = [
        'not a token',
        'bm90LWpzb24',
        '',
        encodePageToken(10, 'ffffffff'),
        encodePageToken(0, q),
        encodePageToken(10.5, q),
        encodePageToken(sandbox.contacts.length, q),
      ];
      for (const bad of forged) {
        const reply = await get(sandbox, `/v1/contacts?maxResults=10&pageToken=${encodeURIComponent(bad)}`);
        assert.equal(reply.status, 400, bad);
        assert.equal((reply.body as { errors: { path: string }[] }).errors[0]?.path, '/pageToken');
      }
      const otherQuery = await get(sandbox, `/v1/contacts?maxResults=10&sources=hubspot&pageToken=${encodeURIComponent(token)}`);
      assert.equal(otherQuery.status, 400);
    });

    it('filters by repeated externalIds and sources keys', async () => {
      const sandbox = await start({ rateLimit: Infinity });
      const withExternal = sandbox.contacts.filter((c) => c.externalId !== null);
      const picked = [withExternal[3], withExternal[40], withExternal[1]].map((c) => (c).externalId as string);
      const byExternal = listBody(
        await get(sandbox, `/v1/contacts?maxResults=50&${picked.map((id) => `externalIds=${encodeURIComponent(id)}`).join('&')}`),
      );
      assert.deepEqual(
        byExternal.data.map((c) => c.externalId),
        sandbox.contacts.filter((c) => picked.includes(c.externalId ?? '')).map((c) => c.externalId),
      );
      assert.equal(byExternal.data.length, 3);
      assert.equal(byExternal.nextPageToken, null);

      const sources = ['hubspot', 'csv-import'];
      const bySource = await walk(sandbox, `maxResults=9&sources=${sources[0]}&sources=${sources[1]}`);
      const expected = sandbox.contacts.filter((c) => sources.includes(c.source ?? ''));
      assert.ok(expected.length > 9);
      assert.deepEqual(bySource.contacts.map((c) => c.id), expected.map((c) => c.id));

      const both = listBody(
        await get(sandbox, `/v1/contacts?maxResults=50&sources=hubspot&${picked.map((id) => `externalIds=${id}`).join('&')}`),
      );
      assert.deepEqual(
        both.data.map((c) => c.id),
        sandbox.contacts.filter((c) => picked.includes(c.externalId ?? '') && c.source === 'hubspot').map((c) => c.id),
      );

      const none = listBody(await get(sandbox, '/v1/contacts?maxResults=50&externalIds=nobody'));
      assert.deepEqual([none.data, none.nextPageToken], [[], null]);
    });

    it('does not report totalItems as the true count, as Quo warns', async () => {
      const sandbox = await start();
      const page = listBody(await get(sandbox, '/v1/contacts?maxResults=20'));
      assert.equal(page.totalItems, 20);
      assert.notEqual(page.totalItems, sandbox.contacts.length);
    });

    it('serves 10,000 contacts and walks them page by page', async () => {
      const sandbox = await start({ contacts: 10_000, rateLimit: Infinity });
      const { contacts, pages } = await walk(sandbox, 'maxResults=50');
      assert.equal(pages, 200);
      assert.equal(new Set(contacts.map((c) => c.id)).size, 10_000);
    });
  });

  describe('pagination internals', () => {
    it('reads only one page worth of candidates, wherever the page starts', () => {
      const list = Array.from({ length: 10_000 }, (_, i) => i * 2);
      for (const start of [0, 5_000, 19_000]) {
        let visited = 0;
        const page = selectPage([list], 20_000, start, 50, () => {
          visited++;
          return true;
        });
        assert.equal(page.positions[0], start);
        assert.equal(visited, 51, `start ${start}`);
      }
      const last = selectPage([list], 20_000, 19_950, 50);
      assert.deepEqual([last.positions.length, last.next], [25, null]);
    });

    it('merges several lists without duplicates', () => {
      const page = selectPage([[1, 4, 9], [2, 4, 10], [4, 9]], 20, 0, 3);
      assert.deepEqual(page, { positions: [1, 2, 4], next: 9 });
      assert.deepEqual(selectPage([[1, 4, 9], [2, 4, 10]], 20, 9, 3), { positions: [9, 10], next: null });
    });

    it('decodes only its own tokens', () => {
      const token = encodePageToken(40, 'abc');
      assert.equal(decodePageToken(token, 'abc', 100), 40);
      assert.equal(decodePageToken(token, 'abd', 100), undefined);
      assert.equal(decodePageToken(token, 'abc', 40), undefined);
      assert.equal(decodePageToken('%%%', 'abc', 100), undefined);
    });
  });

  describe('routing and keys', () => {
    it('treats the id as one decoded path segment', async () => {
      const sandbox = await start();
      const encoded = [...WELL_KNOWN.contactId].map((ch) => `%${ch.charCodeAt(0).toString(16)}`).join('');
      const reply = await get(sandbox, `/v1/contacts/${encoded}`);
      assert.equal(reply.status, 200);
      assert.equal((reply.body as { data: ApiContact }).data.id, WELL_KNOWN.contactId);
      for (const id of ['a%2Fb', '%zz', encodeURIComponent('<img src=x>')]) {
        const notFound = await get(sandbox, `/v1/contacts/${id}`);
        assert.deepEqual([notFound.status, errorCode(notFound)], [404, '0800404'], id);
      }
      const twoSegments = await get(sandbox, `/v1/contacts/${WELL_KNOWN.contactId}/extra`);
      assert.deepEqual([twoSegments.status, errorCode(twoSegments)], [404, '0000404']);
    });

    it('answers 404 to unknown paths and 405 to other methods', async () => {
      const sandbox = await start();
      const paths = ['/', '/v1', '/v1/', '/v2/contacts', '/v1/conversations', '/v1/contacts/', '/v1/phone-numbers/PN1/users', '/v1/call-summaries', '/v1/constructor/x'];
      for (const path of paths) {
        assert.equal((await get(sandbox, path)).status, 404, path);
      }
      const cases = [
        ['PUT', '/v1/contacts', 'GET, POST'],
        ['POST', `/v1/contacts/${WELL_KNOWN.contactId}`, 'GET, PATCH, DELETE'],
        ['DELETE', '/v1/users/USnobody', 'GET'],
      ] as const;
      for (const [method, path, allow] of cases) {
        const refused = await fetch(`${sandbox.url}${path}`, { method, headers: { Authorization: sandbox.key } });
        assert.deepEqual([refused.status, refused.headers.get('allow')], [405, allow], `${method} ${path}`);
        await refused.body?.cancel();
      }
      assert.equal(sandbox.stats.byRoute.unknown, paths.length + cases.length);
    });

    it('accepts only the raw key and records what was sent', async () => {
      const sandbox = await start({ key: 'sk-test-123' });
      assert.equal((await get(sandbox, '/v1/contact-custom-fields')).status, 200);
      assert.equal((await get(sandbox, '/v1/contact-custom-fields', 'Bearer sk-test-123')).status, 401);
      assert.equal((await get(sandbox, '/v1/contact-custom-fields', 'sk-test-12')).status, 401);
      assert.equal((await get(sandbox, '/v1/contact-custom-fields', 'SK-TEST-123')).status, 401);
      assert.equal((await get(sandbox, '/v1/contact-custom-fields', null)).status, 401);
      const { authorizations, missingAuthorization } = sandbox.stats;
      assert.deepEqual(authorizations, ['sk-test-123', 'Bearer sk-test-123', 'sk-test-12', 'SK-TEST-123']);
      assert.equal(missingAuthorization, 1);
    });
  });

  describe('rate limit and stats', () => {
    it('answers 429 past 10 requests in one sliding second', async () => {
      const clock = manualClock(1_000_000);
      const sandbox = await start({ now: clock.now });
      const burst = await Promise.all(Array.from({ length: 12 }, () => get(sandbox, '/v1/contact-custom-fields')));
      assert.deepEqual(burst.map((r) => r.status).sort(), [...Array<number>(10).fill(200), 429, 429]);
      const limited = burst.find((r) => r.status === 429) as Reply;
      assert.deepEqual(
        Object.keys(limited.body as object).sort(),
        ['code', 'docs', 'message', 'status', 'title', 'trace'],
      );
      assert.equal(errorCode(limited), '0700429');
      clock.set(1_000_999);
      assert.equal((await get(sandbox, '/v1/contact-custom-fields')).status, 429);
      clock.set(1_001_000);
      assert.equal((await get(sandbox, '/v1/contact-custom-fields')).status, 200);
    });

    it('slides rather than resetting on whole seconds', async () => {
      const clock = manualClock();
      const sandbox = await start({ now: clock.now });
      const burst = async (n: number): Promise<number[]> =>
        (await Promise.all(Array.from({ length: n }, () => get(sandbox, '/v1/phone-numbers')))).map((r) => r.status);
      clock.set(900);
      assert.deepEqual(await burst(6), Array(6).fill(200));
      clock.set(1100);
      // A fixed window would have reset at 1000; the sliding one still holds the six from 900.
      assert.deepEqual((await burst(6)).sort(), [200, 200, 200, 200, 429, 429]);
      clock.set(1900);
      assert.deepEqual((await burst(6)).sort(), [200, 200, 200, 200, 200, 200]);
    });

    it('does not count unauthorised requests against the key, and can be turned off', async () => {
      const clock = manualClock();
      const sandbox = await start({ now: clock.now, rateLimit: 2 });
      for (let i = 0; i < 5; i++) {
        assert.equal((await get(sandbox, '/v1/users?maxResults=5', 'wrong')).status, 401);
      }
      assert.equal((await get(sandbox, '/v1/users?maxResults=5')).status, 200);
      assert.equal((await get(sandbox, '/v1/users?maxResults=5')).status, 200);
      assert.equal((await get(sandbox, '/v1/users?maxResults=5')).status, 429);
      const unlimited = await start({ now: clock.now, rateLimit: Infinity });
      const statuses = await Promise.all(Array.from({ length: 30 }, () => get(unlimited, '/v1/phone-numbers')));
      assert.ok(statuses.every((r) => r.status === 200));
    });

    it('counts requests by kind and status, the busiest second, and resets', async () => {
      const clock = manualClock();
      const sandbox = await start({ now: clock.now });
      await get(sandbox, `/v1/contacts/${WELL_KNOWN.contactId}`);
      await get(sandbox, `/v1/contacts/${WELL_KNOWN.missingContactId}`);
      await get(sandbox, '/v1/contacts?maxResults=3');
      clock.set(600);
      await get(sandbox, '/v1/users/USnobody', null);
      await get(sandbox, '/nowhere');
      clock.set(1700);
      await get(sandbox, '/v1/contact-custom-fields');
      const stats = sandbox.stats;
      assert.equal(stats.total, 6);
      assert.deepEqual(stats.byRoute, {
        getContact: 2,
        listContacts: 1,
        listCustomFields: 1,
        listPhoneNumbers: 0,
        listUsers: 0,
        getUser: 1,
        listCalls: 0,
        getCall: 0,
        listMessages: 0,
        getMessage: 0,
        getCallSummary: 0,
        getCallTranscript: 0,
        getPhoneNumber: 0,
        listWebhooks: 0,
        getWebhook: 0,
        getCallRecordings: 0,
        getCallVoicemail: 0,
        createContact: 0,
        updateContact: 0,
        deleteContact: 0,
        media: 0,
        unknown: 1,
      });
      assert.deepEqual(stats.byStatus, { 200: 3, 401: 1, 404: 2 });
      assert.equal(stats.maxInWindow, 5);
      sandbox.resetStats();
      assert.deepEqual(sandbox.stats, {
        total: 0,
        byRoute: {
          getContact: 0,
          listContacts: 0,
          listCustomFields: 0,
          listPhoneNumbers: 0,
          listUsers: 0,
          getUser: 0,
          listCalls: 0,
          getCall: 0,
          listMessages: 0,
          getMessage: 0,
          getCallSummary: 0,
          getCallTranscript: 0,
          getPhoneNumber: 0,
          listWebhooks: 0,
          getWebhook: 0,
          getCallRecordings: 0,
          getCallVoicemail: 0,
          createContact: 0,
          updateContact: 0,
          deleteContact: 0,
          media: 0,
          unknown: 0,
        },
        byStatus: {},
        maxInWindow: 0,
        authorizations: [],
        missingAuthorization: 0,
        mediaWithAuthorization: 0,
      });
    });

    it('counts refused requests in maxInWindow, so a bursting client shows up', async () => {
      const clock = manualClock();
      const sandbox = await start({ now: clock.now });
      await Promise.all(Array.from({ length: 14 }, () => get(sandbox, '/v1/phone-numbers')));
      assert.equal(sandbox.stats.maxInWindow, 14);
      assert.equal(sandbox.stats.byStatus[429], 4);
    });
  });

  describe('faults', () => {
    it('holds answers for the latency', async () => {
      const waits: { ms: number; release: () => void }[] = [];
      let waited: () => void = () => undefined;
      const waitedOnce = new Promise<void>((resolve) => (waited = resolve));
      const sandbox = await start({
        faults: { latencyMs: 250 },
        wait: (ms) =>
          new Promise<void>((release) => {
            waits.push({ ms, release });
            waited();
          }),
      });
      let settled = false;
      const pending = get(sandbox, '/v1/contact-custom-fields').then((reply) => {
        settled = true;
        return reply;
      });
      await waitedOnce;
      assert.deepEqual(waits.map((w) => w.ms), [250]);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(settled, false);
      waits[0]?.release();
      assert.equal((await pending).status, 200);
    });

    it('fails an exact, evenly spread share of requests with 500s', async () => {
      const sandbox = await start({ rateLimit: Infinity, faults: { failRate: 0.25 } });
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const reply = await get(sandbox, `/v1/contacts/${WELL_KNOWN.contactId}`);
        statuses.push(reply.status);
        if (reply.status === 500) {
          assertConforms('getContactById_v1', reply);
          assert.equal(errorCode(reply), '0801500');
        }
      }
      assert.deepEqual(statuses, [200, 200, 200, 500, 200, 200, 200, 500]);
      let failures = 0;
      for (let n = 1; n <= 300; n++) {
        failures += failsAt(n, 1 / 3) ? 1 : 0;
      }
      assert.equal(failures, 100);
    });

    it('sends an HTML page as a proxy would', async () => {
      const sandbox = await start({ faults: { failRate: 1, failBody: 'html' } });
      const reply = await get(sandbox, '/v1/contacts?maxResults=5');
      assert.equal(reply.status, 500);
      assert.match(reply.contentType, /^text\/html/);
      assert.equal(reply.body, undefined);
      assert.match(reply.text, /<html>/);
    });

    it('cuts successful bodies so they do not parse', async () => {
      const sandbox = await start({ faults: { malformedJson: true } });
      const reply = await get(sandbox, `/v1/contacts/${WELL_KNOWN.contactId}`);
      assert.equal(reply.status, 200);
      assert.match(reply.contentType, /json/);
      assert.ok(reply.text.length > 0);
      assert.equal(reply.body, undefined);
      const error = await get(sandbox, `/v1/contacts/${WELL_KNOWN.missingContactId}`);
      assert.equal(error.status, 404);
      assert.notEqual(error.body, undefined);
    });

    it('refuses the right key in the wrapped 401 shape', async () => {
      const sandbox = await start({ faults: { wrapped401: true } });
      const reply = await get(sandbox, `/v1/contacts/${WELL_KNOWN.contactId}`);
      assert.equal(reply.status, 401);
      const { error } = reply.body as { error: { message: unknown; key: unknown; trace: unknown } };
      assert.deepEqual([typeof error.message, typeof error.key, typeof error.trace], ['string', 'string', 'string']);
      assert.notDeepEqual(spec.check('getContactById_v1', 401, reply.body), []);
    });

    it('hangs until closed, and close ends the hanging request', async () => {
      let hung: () => void = () => undefined;
      const hanging = new Promise<void>((resolve) => (hung = resolve));
      const sandbox = await startSandbox({
        faults: { hang: true },
        onRequest: (entry: RequestLogEntry) => {
          if (entry.status === 'hang') {
            hung();
          }
        },
      });
      const pending = get(sandbox, '/v1/contact-custom-fields').then(
        () => 'answered',
        () => 'failed',
      );
      await hanging;
      assert.equal(sandbox.stats.total, 1);
      assert.deepEqual(sandbox.stats.byStatus, {});
      await sandbox.close();
      assert.equal(await pending, 'failed');
    });

    it('forces 429s for a duration by the sandbox clock', async () => {
      const clock = manualClock(5000);
      const sandbox = await start({ now: clock.now });
      sandbox.setFaults({ rateLimitedForMs: 2000 });
      const limited = await get(sandbox, '/v1/phone-numbers');
      assert.equal(limited.status, 429);
      assert.equal(errorCode(limited), '0400429');
      clock.set(6999);
      assert.equal((await get(sandbox, '/v1/phone-numbers')).status, 429);
      clock.set(7000);
      assert.equal((await get(sandbox, '/v1/phone-numbers')).status, 200);
    });

    it('serves chosen contacts malformed, by id and in lists', async () => {
      const sandbox = await start({ faults: { malformedContactIds: [WELL_KNOWN.falsyContactId] } });
      const broken = await get(sandbox, `/v1/contacts/${WELL_KNOWN.falsyContactId}`);
      assert.equal(broken.status, 200);
      assert.equal((broken.body as { data: { id: string } }).data.id, WELL_KNOWN.falsyContactId);
      assert.notDeepEqual(spec.check('getContactById_v1', 200, broken.body), []);
      assertConforms('getContactById_v1', await get(sandbox, `/v1/contacts/${WELL_KNOWN.contactId}`));
      const page = await get(sandbox, '/v1/contacts?maxResults=3');
      assert.notDeepEqual(spec.check('listContacts_v1', 200, page.body), []);
    });

    it('limits faults to chosen kinds of request, and clears them', async () => {
      const sandbox = await start({ faults: { failRate: 1, routes: ['getContact'] } });
      assert.equal((await get(sandbox, `/v1/contacts/${WELL_KNOWN.contactId}`)).status, 500);
      assert.equal((await get(sandbox, '/v1/contacts?maxResults=5')).status, 200);
      sandbox.setFaults({});
      assert.equal((await get(sandbox, `/v1/contacts/${WELL_KNOWN.contactId}`)).status, 200);
      assert.throws(() => sandbox.setFaults({ failRate: 2 }), RangeError);
      assert.throws(() => sandbox.setFaults({ latencyMs: -1 }), RangeError);
    });

    it('holds only the chosen kinds of request for the latency', async () => {
      const waits: number[] = [];
      const sandbox = await start({
        faults: { latencyMs: 250, routes: ['listCalls'] },
        wait: async (ms) => void waits.push(ms),
      });
      assert.equal((await get(sandbox, '/v1/phone-numbers')).status, 200);
      assert.deepEqual(waits, []);
      await get(sandbox, '/v1/calls?phoneNumberId=PN5AS1cCOs&participants=%2B14155550123&maxResults=5');
      assert.deepEqual(waits, [250]);
    });

    it('closes promptly while an answer waits out its latency', async () => {
      let arrived: () => void = () => undefined;
      const arrival = new Promise<void>((resolve) => (arrived = resolve));
      // The clock is read once per request, on arrival: a hook that needs no polling.
      const sandbox = await startSandbox({
        faults: { latencyMs: 60_000 },
        now: () => {
          arrived();
          return 0;
        },
      });
      const pending = get(sandbox, '/v1/contact-custom-fields').then(
        () => 'answered',
        () => 'failed',
      );
      await arrival;
      await sandbox.close();
      assert.equal(await pending, 'failed');
    });
  });

  describe('cli', () => {
    it('prints its URL and key, serves, and stops on SIGTERM', async () => {
      const args = ['--import', 'tsx', 'test/sandbox/cli.ts', '--port', '0', '--contacts', '20', '--key', 'sk-cli', '--quiet'];
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const found = /listening on (http:\/\/\S+)/.exec(output);
          if (found && /API key: sk-cli/.test(output)) {
            resolve(found[1]);
          }
        });
        child.on('exit', () => reject(new Error(`cli exited early: ${output}`)));
      });
      try {
        const reply = await fetch(`${url}/v1/contacts/${WELL_KNOWN.contactId}`, { headers: { Authorization: 'sk-cli' } });
        assert.equal(reply.status, 200);
        await reply.body?.cancel();
      } finally {
        child.kill('SIGTERM');
      }
      assert.equal(await exited, 0);
    });
  });
});
