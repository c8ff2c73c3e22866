/**
 * Seeded inputs for the benchmarks, generated on each run rather than checked in: contacts from the sandbox's own
 * generator (every custom field type), what a user types into the search, and a large mix of the text contact ids
 * live in. The same seed always gives the same input, so runs compare.
 */
import type { PlanLine } from '../src/activity/activityPlan.js';
import { decodeContactPage } from '../src/quo/decodeContacts.js';
import type { Contact, ContactPage } from '../src/quo/types.js';
import { generateContacts } from '../test/sandbox/generate.js';
import { createRandom, type Random } from '../test/sandbox/random.js';
import type { ApiContact } from '../test/sandbox/wire.js';

export const SEED = 2025;

/** The workspace as Quo would send it: JSON text, 50 contacts a page. */
export function contactPagesJson(count: number, seed: number = SEED): string[] {
  const contacts = generateContacts(count, seed);
  const pages: string[] = [];
  for (let i = 0; i < contacts.length; i += 50) {
    const last = i + 50 >= contacts.length;
    pages.push(
      JSON.stringify({ data: contacts.slice(i, i + 50), totalItems: count, nextPageToken: last ? null : `page-${i + 50}` }),
    );
  }
  return pages;
}

/** Pages decoded as the client decodes them, one at a time, so each page's JSON objects are garbage afterwards. */
export function pagerOver(pagesJson: readonly string[]): { listAllContacts(): AsyncGenerator<ContactPage> } {
  return {
    async *listAllContacts(): AsyncGenerator<ContactPage> {
      for (const page of pagesJson) {
        yield decodeContactPage(JSON.parse(page));
      }
    },
  };
}

/** Decoded contacts, for benchmarks that need them at hand. */
export function decodedContacts(count: number, seed: number = SEED): Contact[] {
  return contactPagesJson(count, seed).flatMap((page) => [...decodeContactPage(JSON.parse(page)).contacts]);
}

/**
 * What people type into "Quo: Search Contacts", each to be typed keystroke by keystroke: names (sometimes with a
 * typo, sometimes the last name first), companies, phone numbers in the ways people write them, emails.
 */
export function typingSequences(contacts: readonly ApiContact[] | readonly Contact[], count: number, seed: number = SEED): string[] {
  const random = createRandom(seed);
  const sequences: string[] = [];
  const people = contacts.filter((contact) => contact.defaultFields.firstName && contact.defaultFields.lastName);
  const withPhone = contacts.filter((contact) => contact.defaultFields.phoneNumbers.some((phone) => phone.value));
  const withEmail = contacts.filter((contact) => contact.defaultFields.emails.some((email) => email.value));
  const withCompany = contacts.filter((contact) => contact.defaultFields.company);
  while (sequences.length < count) {
    const kind = random.int(0, 9);
    if (kind <= 3) {
      const fields = random.pick(people).defaultFields;
      const first = fields.firstName ?? '';
      const last = fields.lastName ?? '';
      sequences.push(random.chance(0.8) ? `${first} ${last}` : `${last} ${first}`);
    } else if (kind === 4) {
      sequences.push(withTypo(random, random.pick(people).defaultFields.lastName ?? ''));
    } else if (kind === 5) {
      sequences.push(random.pick(withCompany).defaultFields.company ?? '');
    } else if (kind <= 7) {
      const phone = random.pick(withPhone).defaultFields.phoneNumbers.find((item) => item.value)?.value ?? '';
      sequences.push(writtenPhone(random, phone));
    } else {
      sequences.push(random.pick(withEmail).defaultFields.emails.find((item) => item.value)?.value ?? '');
    }
  }
  return sequences;
}

/** Two neighbouring letters swapped, the commonest typing slip. */
function withTypo(random: Random, word: string): string {
  if (word.length < 5) {
    return word;
  }
  const at = random.int(1, word.length - 2);
  return word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2);
}

/** An E.164 North American number as people write it. */
function writtenPhone(random: Random, e164: string): string {
  const digits = e164.replace(/\D/g, '').slice(-10);
  const area = digits.slice(0, 3);
  const exchange = digits.slice(3, 6);
  const line = digits.slice(6);
  return random.pick([
    `(${area}) ${exchange}-${line}`,
    `+1 ${area}-${exchange}-${line}`,
    `${area}.${exchange}.${line}`,
    `${exchange}-${line}`,
    e164,
  ]);
}

/**
 * About `bytes` characters of what files holding contact ids look like: TypeScript, application logs, Markdown
 * notes and JSON exports. Ids appear bare and in links, among look-alikes (40-hex commit hashes, UUIDs, 32-hex trace
 * ids), with phone numbers and emails beside them.
 */
export function textMix(bytes: number, ids: readonly string[], seed: number = SEED): string {
  const random = createRandom(seed);
  const chunks: string[] = [];
  let length = 0;
  const id = (): string => (random.chance(0.7) ? random.pick(ids) : random.hex(24));
  const phone = (): string => `+1${random.int(200, 999)}555${String(random.int(100, 9999)).padStart(4, '0')}`;
  const email = (): string => `${random.pick(NAMES).toLowerCase()}.${random.int(1, 99)}@${random.pick(DOMAINS)}`;
  const uuid = (): string => `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`;
  const time = (): string => new Date(Date.UTC(2025, 10, 15) + random.int(0, 86_400_000)).toISOString();
  const makers: (() => string)[] = [
    () =>
      [
        `export async function refresh${random.pick(NAMES)}(client: QuoClient, cache: Map<string, Contact>): Promise<void> {`,
        `  const id = '${id()}'; // see commit ${random.hex(40)}`,
        `  const contact = await client.getContact(id, { priority: 'interactive' });`,
        `  cache.set(contact.id, contact);`,
        `  logger.debug(\`refreshed \${contact.id} in \${Date.now() - started} ms\`, { request: '${uuid()}' });`,
        `  if (contact.defaultFields.phoneNumbers.length > ${random.int(0, 3)}) {`,
        `    await notify({ to: '${phone()}', template: 'follow-up-${random.int(1, 40)}' });`,
        `  }`,
        `}`,
        '',
      ].join('\n'),
    () =>
      `${time()} INFO  [webhooks] message.received contact=${id()} from=${phone()} to=${phone()} ` +
      `conversation=CN${random.alphanumeric(10)} trace=${random.hex(32)} duration=${random.int(3, 900)}ms\n`,
    () =>
      `${time()} WARN  [sync] retry ${random.int(1, 3)} of GET /v1/contacts/${id()} after 429 ` +
      `(request ${uuid()}, user US${random.alphanumeric(8)})\n`,
    () =>
      [
        `## Follow-up with ${random.pick(NAMES)} ${random.pick(NAMES)}`,
        '',
        `Called about the renewal; notes in https://my.quo.com/contacts/${id()} and the thread with ` +
          `${email()}. Fixed in \`${random.hex(7)}\`, deployed as build ${random.int(1000, 9999)}.`,
        `- Phone: (${random.int(200, 999)}) 555-${String(random.int(100, 9999)).padStart(4, '0')}`,
        `- Owner: ${random.pick(NAMES)} · Next step: send the quote by ${time().slice(0, 10)}`,
        '',
      ].join('\n'),
    () =>
      JSON.stringify({
        id: id(),
        externalId: `crm-${random.int(1, 999999)}`,
        phone: phone(),
        email: email(),
        updatedAt: time(),
        etag: random.hex(40),
        tags: random.sample(['lead', 'customer', 'vip', 'churned', 'partner'], random.int(0, 3)),
      }) + ',\n',
  ];
  while (length < bytes) {
    const chunk = random.pick<() => string>(makers)();
    chunks.push(chunk);
    length += chunk.length;
  }
  return chunks.join('').slice(0, bytes);
}

const NAMES = ['Olivia', 'Liam', 'Amara', 'Noah', 'Sofia', 'Mateo', 'Yuki', 'Kwame', 'Priya', 'Lucas', 'Omar', 'Ingrid'];
const DOMAINS = ['northwind.example', 'mail.example', 'lumen-analytics.example', 'quarry-labs.example'];

/**
 * Realistic 200-character lines with a contact id somewhere in them, and the column of a cursor on that id: what a
 * hover is asked about.
 */
export function hoverLines(ids: readonly string[], count: number, seed: number = SEED): { line: string; column: number }[] {
  const random = createRandom(seed);
  const lines: { line: string; column: number }[] = [];
  for (let i = 0; i < count; i++) {
    const id = random.pick(ids);
    const before = random.pick([
      `    logger.info("contact synced", { requestId: "${random.hex(8)}-${random.hex(4)}", contactId: "`,
      `| ${random.pick(NAMES)} ${random.pick(NAMES)} | renewal ${random.int(1, 28)} Nov | https://my.quo.com/contacts/`,
      `2025-11-15T08:${random.int(10, 59)}:00.000Z INFO [webhooks] call.completed contact=`,
      `  { "sha": "${random.hex(40)}", "contact": "`,
    ]);
    const after = random.pick([
      `", phone: "+1415555${random.int(1000, 9999)}", attempt: ${random.int(1, 5)} });`,
      ` | follow up with the team about the quote and the invoice |`,
      ` from=+1212555${random.int(1000, 9999)} duration=${random.int(1, 900)}s trace=${random.hex(32)}`,
      `", "email": "ops@northwind.example", "updated": "2025-11-14" },`,
    ]);
    let line = before + id + after;
    line = line.length < 200 ? line + ' '.repeat(200 - line.length) : line.slice(0, 200);
    lines.push({ line, column: before.length + random.int(0, 23) });
  }
  return lines;
}

/**
 * A wide workspace for a contact's activity plan: `count` lines, each shared by the owner and `users - 1`
 * teammates, and the three numbers of the contact asked about. With 1,000 lines and 20 users it plans 63,000
 * first-page requests, of which a budget sends 24.
 */
export function wideWorkspace(count: number, users: number): { readonly lines: PlanLine[]; readonly numbers: string[] } {
  const lines = Array.from({ length: count }, (_, line): PlanLine => ({
    id: `PNwide${line}`,
    number: `+1303555${String(line).padStart(4, '0')}`,
    users: Array.from({ length: users }, (_, user) => ({ id: `USwide${user}`, role: user === 0 ? 'owner' : 'member' })),
  }));
  return { lines, numbers: ['+14155550123', '+14155550100', '+16175550131'] };
}
