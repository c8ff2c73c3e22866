/**
 * A support engineer's folder for the mentions benchmark, written to disk: TypeScript code, service logs, call notes
 * in Markdown and JSON payloads, plus one contacts export written as a single 5 MB line. Contacts are mentioned the
 * ways people write them: the id bare and in a `my.quo.com` link, numbers in E.164 and nationally (`(415) 555-0123`,
 * `415-555-0123`), emails in any case, among strangers' ids (24-hex ObjectIds), numbers and addresses, and among
 * look-alikes that are no mention at all (40-hex commit hashes, 32-hex trace ids, UUIDs, Quo's prefixed ids).
 *
 * The same seed always gives the same files, byte for byte; file sizes are spread the way real folders are (many
 * small files, a few large logs) and scaled so that the total is exact.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Contact } from '../src/quo/types.js';
import { createRandom, type Random } from '../test/sandbox/random.js';

export type TreeFileKind = 'ts' | 'log' | 'md' | 'json';

export interface MentionTreeOptions {
  /** Files in all, the single-line one included. */
  readonly files: number;
  /** Bytes of every file but the single-line one. */
  readonly otherBytes: number;
  /** Bytes of the single-line file (no line break in it). */
  readonly longLineBytes: number;
  readonly contacts: readonly Contact[];
  readonly seed: number;
}

export interface MentionTree {
  /** Absolute paths, in the order a listing gives them (folder by folder). */
  readonly paths: readonly string[];
  readonly bytes: number;
  readonly longLinePath: string;
  /** Files and bytes of each kind. */
  readonly kinds: Readonly<Record<TreeFileKind, { files: number; bytes: number }>>;
}

/** Share of the files of each kind, and the median size one starts from before scaling. */
const KINDS: readonly { kind: TreeFileKind; share: number; typicalBytes: number; spread: number }[] = [
  { kind: 'ts', share: 0.35, typicalBytes: 5_000, spread: 0.8 },
  { kind: 'md', share: 0.25, typicalBytes: 3_500, spread: 0.9 },
  { kind: 'json', share: 0.2, typicalBytes: 6_000, spread: 1.0 },
  { kind: 'log', share: 0.2, typicalBytes: 20_000, spread: 1.3 },
];
/** No generated file but the single-line one is larger than this. */
const LARGEST_FILE = 2_000_000;
const SMALLEST_FILE = 120;
const FILES_PER_FOLDER = 100;

/** Writes the tree under `root` (which must exist and be empty). */
export function writeMentionTree(root: string, options: MentionTreeOptions): MentionTree {
  const random = createRandom(options.seed);
  const vocabulary = new Vocabulary(random, options.contacts);
  const others = options.files - 1;
  const plan = planSizes(random, others, options.otherBytes);
  const paths: string[] = [];
  const kinds: Record<TreeFileKind, { files: number; bytes: number }> = {
    ts: { files: 0, bytes: 0 },
    log: { files: 0, bytes: 0 },
    md: { files: 0, bytes: 0 },
    json: { files: 0, bytes: 0 },
  };
  const counters: Record<TreeFileKind, number> = { ts: 0, log: 0, md: 0, json: 0 };
  // The single-line file sits in the middle of the listing, as an export among payloads would.
  const longLineAt = Math.floor(others / 2);
  let longLinePath = '';
  let bytes = 0;
  const made = new Set<string>();
  const write = (folder: string, name: string, content: Buffer): string => {
    const directory = join(root, folder);
    if (!made.has(directory)) {
      mkdirSync(directory, { recursive: true });
      made.add(directory);
    }
    const path = join(directory, name);
    writeFileSync(path, content);
    paths.push(path);
    bytes += content.length;
    return path;
  };
  for (let i = 0; i < others; i++) {
    if (i === longLineAt) {
      longLinePath = write('payloads/exports', 'contacts-export.min.json', longLine(vocabulary, options.longLineBytes));
      kinds.json.files++;
      kinds.json.bytes += options.longLineBytes;
    }
    const { kind, size } = plan[i];
    const n = counters[kind]++;
    const content = exactly(size, (wanted) => FILE_MAKERS[kind](vocabulary, wanted));
    write(folderOf(kind, Math.floor(n / FILES_PER_FOLDER)), nameOf(kind, n), content);
    kinds[kind].files++;
    kinds[kind].bytes += size;
  }
  return { paths, bytes, longLinePath, kinds };
}

/** Each file's kind and size: log-normal around the kind's typical size, scaled so that the sizes sum to `total`. */
function planSizes(random: Random, count: number, total: number): { kind: TreeFileKind; size: number }[] {
  const drawn = Array.from({ length: count }, () => {
    let pick = random.next();
    let kind = KINDS[KINDS.length - 1];
    for (const candidate of KINDS) {
      if (pick < candidate.share) {
        kind = candidate;
        break;
      }
      pick -= candidate.share;
    }
    return { kind: kind.kind, weight: kind.typicalBytes * Math.exp(kind.spread * gaussian(random)) };
  });
  const sum = drawn.reduce((total, file) => total + file.weight, 0);
  const sizes = drawn.map((file) => Math.min(LARGEST_FILE, Math.max(SMALLEST_FILE, Math.round((file.weight * total) / sum))));
  // Clamping and rounding moved the total: spread the difference over the files that have room, largest first.
  let missing = total - sizes.reduce((all, size) => all + size, 0);
  const order = sizes.map((_, index) => index).sort((a, b) => sizes[b] - sizes[a]);
  while (missing !== 0) {
    for (const index of order) {
      if (missing === 0) {
        break;
      }
      const step = Math.sign(missing) * Math.min(Math.abs(missing), Math.max(1, Math.round(sizes[index] / 10)));
      const next = sizes[index] + step;
      if (next >= SMALLEST_FILE && next <= LARGEST_FILE) {
        sizes[index] = next;
        missing -= step;
      }
    }
  }
  return drawn.map((file, index) => ({ kind: file.kind, size: sizes[index] }));
}

/** A standard normal draw (Box–Muller). */
function gaussian(random: Random): number {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/** `make` asked for at least `size` bytes, cut to exactly `size` (never inside a UTF-8 sequence). */
function exactly(size: number, make: (wanted: number) => string): Buffer {
  let content = Buffer.from(make(size));
  while (content.length < size) {
    content = Buffer.concat([content, Buffer.from(make(size - content.length))]);
  }
  let end = size;
  while (end > 0 && end < content.length && (content[end] & 0xc0) === 0x80) {
    end--;
  }
  const cut = content.subarray(0, end);
  return end === size ? cut : Buffer.concat([cut, Buffer.alloc(size - end, 0x20)]);
}

function folderOf(kind: TreeFileKind, batch: number): string {
  switch (kind) {
    case 'ts':
      return `src/${MODULES[batch % MODULES.length]}${batch >= MODULES.length ? `-${Math.floor(batch / MODULES.length)}` : ''}`;
    case 'log':
      return `logs/${SERVICES[batch % SERVICES.length]}/${batch}`;
    case 'md':
      return `notes/2025-${String((batch % 12) + 1).padStart(2, '0')}/${batch}`;
    case 'json':
      return `payloads/${EVENTS[batch % EVENTS.length].replace('.', '-')}/${batch}`;
  }
}

function nameOf(kind: TreeFileKind, n: number): string {
  switch (kind) {
    case 'ts':
      return `${WORDS[n % WORDS.length]}${Math.floor(n / WORDS.length)}.ts`;
    case 'log':
      return `${SERVICES[n % SERVICES.length]}-2025-11-${String((n % 28) + 1).padStart(2, '0')}.${n}.log`;
    case 'md':
      return `call-${n}.md`;
    case 'json':
      return `event-${n}.json`;
  }
}

/** The words, numbers and ids text is made of; about half the ids, numbers and addresses are a known contact's. */
class Vocabulary {
  private readonly ids: string[];
  private readonly phones: string[];
  private readonly emails: string[];

  constructor(
    readonly random: Random,
    contacts: readonly Contact[],
  ) {
    this.ids = contacts.map((contact) => contact.id);
    this.phones = contacts.flatMap((contact) => contact.defaultFields.phoneNumbers.flatMap((phone) => (phone.value ? [phone.value] : [])));
    this.emails = contacts.flatMap((contact) => contact.defaultFields.emails.flatMap((email) => (email.value ? [email.value] : [])));
  }

  /** A contact's id, or an id-shaped string that names no contact (another system's ObjectId). */
  id(): string {
    return this.random.chance(0.5) ? this.random.pick(this.ids) : this.random.hex(24);
  }

  link(): string {
    return `https://my.quo.com/contacts/${this.id()}`;
  }

  /** A number in E.164. */
  e164(): string {
    return this.random.chance(0.5)
      ? this.random.pick(this.phones)
      : `+1${this.random.int(201, 989)}555${String(this.random.int(100, 9999)).padStart(4, '0')}`;
  }

  /** A number as people write it: nationally most of the time. */
  writtenPhone(): string {
    const e164 = this.e164();
    const area = e164.slice(2, 5);
    const exchange = e164.slice(5, 8);
    const line = e164.slice(8);
    switch (this.random.int(0, 4)) {
      case 0:
      case 1:
        return `(${area}) ${exchange}-${line}`;
      case 2:
      case 3:
        return `${area}-${exchange}-${line}`;
      default:
        return e164;
    }
  }

  email(): string {
    if (this.random.chance(0.5)) {
      const email = this.random.pick(this.emails);
      return this.random.chance(0.2) ? email.charAt(0).toUpperCase() + email.slice(1) : email;
    }
    return `${this.random.pick(FIRST_NAMES).toLowerCase()}.${this.random.int(1, 999)}@${this.random.pick(DOMAINS)}`;
  }

  name(): string {
    return `${this.random.pick(FIRST_NAMES)} ${this.random.pick(LAST_NAMES)}`;
  }

  time(): string {
    return new Date(Date.UTC(2025, 10, 1) + this.random.int(0, 30 * 86_400_000)).toISOString();
  }

  uuid(): string {
    const r = this.random;
    return `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-a${r.hex(3)}-${r.hex(12)}`;
  }

  word(): string {
    return this.random.pick(WORDS);
  }

  sentence(words: number): string {
    const out: string[] = [];
    for (let i = 0; i < words; i++) {
      out.push(this.random.pick(PROSE));
    }
    const text = out.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }
}

type Maker = (v: Vocabulary, wanted: number) => string;

/** Appends pieces from `pick` until `wanted` characters are there. */
function fill(wanted: number, pick: () => string): string {
  const parts: string[] = [];
  let length = 0;
  while (length < wanted) {
    const part = pick();
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

const FILE_MAKERS: Record<TreeFileKind, Maker> = {
  ts: (v, wanted) => {
    const r = v.random;
    const head =
      `import { QuoClient, type Contact } from '../quo/client.js';\nimport { logger } from '../common/logger.js';\n\n` +
      `/** ${v.sentence(12)} */\n`;
    // Most code names no contact: an id in a constant, a fixture or a comment is one block in four.
    return head + fill(wanted - head.length, () => (r.chance(0.25) ? r.pick(CODE_WITH_MENTIONS) : r.pick(PLAIN_CODE))(v));
  },
  log: (v, wanted) => fill(wanted, () => v.random.pick(LOG_LINES)(v)),
  md: (v, wanted) => {
    const head = `# Call with ${v.name()}\n\n${v.sentence(14)}\n\n`;
    return head + fill(wanted - head.length, () => v.random.pick(NOTE_BLOCKS)(v));
  },
  json: (v, wanted) => {
    const events: string[] = [];
    let length = 2;
    while (length < wanted) {
      const event = JSON.stringify(payload(v), null, 2).replace(/\n/g, '\n  ');
      events.push(`  ${event}`);
      length += event.length + 4;
    }
    return `[\n${events.join(',\n')}\n]\n`;
  },
};

const PLAIN_CODE: readonly ((v: Vocabulary) => string)[] = [
  (v) =>
    [
      `export function ${v.word()}${v.random.pick(WORDS)}(items: readonly Contact[], limit = ${v.random.int(5, 500)}): Contact[] {`,
      `  const seen = new Set<string>();`,
      `  const out: Contact[] = [];`,
      `  for (const item of items) {`,
      `    if (seen.has(item.id) || out.length >= limit) {`,
      `      continue;`,
      `    }`,
      `    seen.add(item.id);`,
      `    out.push(item);`,
      `  }`,
      `  return out;`,
      `}`,
      '',
      '',
    ].join('\n'),
  (v) =>
    [
      `/** ${v.sentence(v.random.int(8, 20))} */`,
      `export class ${capital(v.word())}${capital(v.random.pick(WORDS))}Cache {`,
      `  private readonly entries = new Map<string, { value: Contact; at: number }>();`,
      `  constructor(private readonly ttlMs = ${v.random.int(1, 60)} * 60_000) {}`,
      `  get(id: string): Contact | undefined {`,
      `    const entry = this.entries.get(id);`,
      `    return entry && Date.now() - entry.at < this.ttlMs ? entry.value : undefined;`,
      `  }`,
      `}`,
      '',
      '',
    ].join('\n'),
];

const CODE_WITH_MENTIONS: readonly ((v: Vocabulary) => string)[] = [
  // A refresh with an id in it, and look-alikes.
  (v) =>
    [
      `export async function refresh${capital(v.word())}(client: QuoClient): Promise<void> {`,
      `  const id = '${v.id()}'; // see commit ${v.random.hex(40)}`,
      `  const contact = await client.getContact(id, { priority: 'interactive' });`,
      `  logger.debug(\`refreshed \${contact.id}\`, { request: '${v.uuid()}' });`,
      `}`,
      '',
      '',
    ].join('\n'),
  // A test fixture.
  (v) =>
    [
      `const ${v.word()}Fixture = {`,
      `  id: '${v.id()}',`,
      `  name: '${v.name()}',`,
      `  phone: '${v.e164()}',`,
      `  email: '${v.email()}',`,
      `  trace: '${v.random.hex(32)}',`,
      `};`,
      '',
    ].join('\n'),
  (v) => `// TODO(${v.random.pick(FIRST_NAMES).toLowerCase()}): ${v.sentence(v.random.int(6, 14))} See ${v.link()}\n`,
];

const LOG_LINES: readonly ((v: Vocabulary) => string)[] = [
  (v) =>
    `${v.time()} INFO  [webhooks] message.received contact=${v.id()} from=${v.e164()} to=${v.e164()} ` +
    `conversation=CN${v.random.alphanumeric(10)} trace=${v.random.hex(32)} duration=${v.random.int(3, 900)}ms\n`,
  (v) =>
    `${v.time()} INFO  [http] GET /v1/contacts/${v.id()} 200 ${v.random.int(2, 400)}ms ` +
    `request=${v.uuid()} user=US${v.random.alphanumeric(8)}\n`,
  (v) => `${v.time()} DEBUG [db] contacts.findOne _id=${v.random.hex(24)} took ${v.random.int(1, 40)}ms\n`,
  (v) => `${v.time()} WARN  [mailer] bounce for ${v.email()}: 550 mailbox unavailable (queue ${v.random.hex(10)})\n`,
  (v) =>
    `${v.time()} DEBUG [pool] active=${v.random.int(0, 40)} idle=${v.random.int(0, 10)} waiting=${v.random.int(0, 5)} ` +
    `heap=${v.random.int(80, 900)}MB gc=${v.random.int(0, 30)}ms\n`,
  (v) => `${v.time()} INFO  [health] ok build=${v.random.hex(7)} uptime=${v.random.int(1, 99999)}s region=us-west-2\n`,
  (v) =>
    `${v.time()} INFO  [calls] call.completed AC${v.random.hex(32)} contact=${v.id()} ` +
    `direction=${v.random.pick(['incoming', 'outgoing'])} duration=${v.random.int(1, 3600)}s\n`,
  (v) => `${v.time()} ERROR [sync] retry ${v.random.int(1, 3)} after 429 (span ${v.random.hex(16)}, commit ${v.random.hex(40)})\n`,
];

const NOTE_BLOCKS: readonly ((v: Vocabulary) => string)[] = [
  (v) => `${v.sentence(v.random.int(10, 30))} ${v.sentence(v.random.int(8, 20))}\n\n`,
  (v) => `${v.sentence(v.random.int(10, 25))}\n\n`,
  (v) =>
    `Called ${v.name()} at ${v.writtenPhone()} about the ${v.word()} renewal; ${v.sentence(v.random.int(6, 16))} ` +
    `Follow-up in ${v.link()}.\n\n`,
  (v) => `- Phone: ${v.writtenPhone()}\n- Email: ${v.email()}\n- Owner: ${v.name()} · next step by ${v.time().slice(0, 10)}\n\n`,
  (v) => `> From ${v.email()}: ${v.sentence(v.random.int(8, 24))}\n\n`,
  (v) => `Ticket #${v.random.int(1000, 99999)} · fixed in \`${v.random.hex(7)}\` · ${v.sentence(v.random.int(5, 12))}\n\n`,
];

function payload(v: Vocabulary): unknown {
  const r = v.random;
  return {
    id: `EV${r.alphanumeric(22)}`,
    type: r.pick(EVENTS),
    createdAt: v.time(),
    data: {
      object: {
        id: `AC${r.hex(32)}`,
        from: v.e164(),
        to: [v.e164()],
        conversationId: `CN${r.alphanumeric(22)}`,
        userId: `US${r.alphanumeric(8)}`,
        body: r.chance(0.3) ? `Please call me back at ${v.writtenPhone()}` : v.sentence(r.int(3, 12)),
        status: r.pick(['delivered', 'received', 'completed', 'missed']),
      },
      contact: r.chance(0.6) ? { id: v.id(), email: r.chance(0.5) ? v.email() : null } : null,
    },
    _id: r.hex(24),
    etag: r.hex(40),
  };
}

/** A contacts export on one line: a JSON array of records, padded with spaces before the closing bracket. */
function longLine(v: Vocabulary, size: number): Buffer {
  const r = v.random;
  const records: string[] = [];
  let length = 1;
  for (;;) {
    const record = JSON.stringify({
      id: v.id(),
      name: v.name(),
      company: r.pick(COMPANIES),
      phones: [v.e164(), ...(r.chance(0.3) ? [v.writtenPhone()] : [])],
      emails: r.chance(0.7) ? [v.email()] : [],
      tags: r.sample(['lead', 'customer', 'vip', 'churned', 'partner'], r.int(0, 3)),
      updatedAt: v.time(),
      notes: r.chance(0.2) ? v.sentence(r.int(5, 20)) : '',
    });
    if (length + record.length + 2 > size) {
      break;
    }
    records.push(record);
    length += record.length + 1;
  }
  const text = `[${records.join(',')}`;
  return Buffer.from(`${text}${' '.repeat(size - text.length - 1)}]`);
}

function capital(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const FIRST_NAMES = ['Olivia', 'Liam', 'Amara', 'Noah', 'Sofia', 'Mateo', 'Yuki', 'Kwame', 'Priya', 'Lucas', 'Omar', 'Ingrid'];
const LAST_NAMES = ['Okafor', 'Lindqvist', 'Tanaka', 'Garcia', 'Novak', 'Rahman', 'Dubois', 'Silva', 'Adeyemi', 'Larsen'];
const DOMAINS = ['northwind.example', 'mail.example', 'lumen-analytics.example', 'quarry-labs.example'];
const COMPANIES = ['Northwind', 'Lumen Analytics', 'Quarry Labs', 'Maple Street Bakery', 'Atlas Freight Co'];
const MODULES = ['contacts', 'calls', 'messages', 'billing', 'sync', 'webhooks', 'auth', 'reports', 'admin', 'search'];
const SERVICES = ['api', 'webhooks', 'worker', 'mailer', 'sync', 'billing'];
const EVENTS = ['message.received', 'message.delivered', 'call.completed', 'call.ringing', 'contact.updated'];
const WORDS = ['contact', 'invoice', 'renewal', 'account', 'ticket', 'quote', 'order', 'session', 'batch', 'export', 'report', 'queue'];
const PROSE = [
  'the', 'customer', 'asked', 'about', 'their', 'invoice', 'and', 'we', 'agreed', 'to', 'send', 'a', 'new', 'quote',
  'before', 'friday', 'she', 'will', 'check', 'with', 'finance', 'team', 'on', 'pricing', 'for', 'next', 'year',
  'renewal', 'is', 'due', 'in', 'march', 'call', 'back', 'if', 'no', 'answer', 'by', 'then', 'notes', 'from', 'meeting',
];
