/**
 * Builds the sandbox workspace: the same seed and count always give the same contacts, byte for byte.
 */

import { sandboxActivity } from './activity.js';
import { CUSTOM_FIELD_DEFINITIONS, customField, SANDBOX_PHONE_NUMBERS, SANDBOX_USERS } from './catalog.js';
import { createRandom, type Random } from './random.js';
import { sandboxResources } from './resources.js';
import { READ_ONLY_CONTACT_IDS, specialContacts, WELL_KNOWN } from './special.js';
import type { ApiContact, ApiCustomField, ApiLabelledValue, Workspace } from './wire.js';
import {
  AREA_CODES,
  CITIES,
  COMPANIES,
  EMAIL_LABELS,
  FIRST_NAMES,
  INTERESTS,
  LAST_NAMES,
  PHONE_LABELS,
  ROLES,
  SOURCES,
  STREETS,
} from './words.js';

export { ACTIVITY } from './activity.js';
export { RESOURCES, WEBHOOK_IDS, WEBHOOK_KEYS } from './resources.js';
export { CUSTOM_FIELD_DEFINITIONS, LINE_IDS, SANDBOX_PHONE_NUMBERS, SANDBOX_USERS, USER_IDS } from './catalog.js';
export { HOSTILE_IDS, TERMINAL_COMMAND_LINK, WELL_KNOWN } from './special.js';

export const DEFAULT_CONTACT_COUNT = 300;
export const DEFAULT_SEED = 1815;
/** How many fixed contacts there were before the read-only one: the random stream still draws for them. */
const SPECIAL_BEFORE_WRITES = 12;

/** Generated contacts are created between these instants (seconds); the fixed ones sit before and among them. */
const FIRST_SECOND = Date.UTC(2021, 1, 1) / 1000;
const LAST_SECOND = Date.UTC(2025, 9, 31) / 1000;
/** The workspace's "today": updatedAt never passes it, so nothing depends on the real clock. */
const TODAY_MS = Date.UTC(2025, 10, 15);

/**
 * `count` contacts in list order (ascending id, which is creation order). The fixed ones come first in the
 * workspace (Ada Lovelace and friends, then the hostile records, then the read-only one) as long as `count` leaves
 * room for them: with at least `specialContacts().length` (13) every WELL_KNOWN and HOSTILE_IDS id is present.
 */
export function generateContacts(count: number = DEFAULT_CONTACT_COUNT, seed: number = DEFAULT_SEED): ApiContact[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`contact count must be a whole number, got ${count}`);
  }
  const special = specialContacts().slice(0, count);
  const taken = new Set<string>([...special.map((c) => c.id), WELL_KNOWN.missingContactId]);
  const random = createRandom(seed);
  const companyLines = COMPANIES.map(() => randomPhone(random));
  // Drawn as when there were 12 fixed contacts, then the newest dropped: adding the read-only contact (the 13th)
  // left every other generated contact of every seed as it was.
  const drawn = Array.from({ length: Math.max(0, count - SPECIAL_BEFORE_WRITES) }, () => random.int(FIRST_SECOND, LAST_SECOND));
  drawn.sort((a, b) => a - b);
  const seconds = drawn.slice(0, count - special.length);

  const generated = seconds.map((second, index) => {
    let id = second.toString(16).padStart(8, '0') + random.hex(16);
    while (taken.has(id)) {
      id = second.toString(16).padStart(8, '0') + random.hex(16);
    }
    taken.add(id);
    return randomContact(random, id, second, index, companyLines);
  });
  return [...special, ...generated].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface WorkspaceOptions {
  /** How many contacts to generate, or the exact contacts to serve (in that list order). */
  readonly contacts?: number | readonly ApiContact[];
  readonly seed?: number;
}

export function generateWorkspace(options: WorkspaceOptions = {}): Workspace {
  const contacts =
    typeof options.contacts === 'object'
      ? [...options.contacts]
      : generateContacts(options.contacts ?? DEFAULT_CONTACT_COUNT, options.seed ?? DEFAULT_SEED);
  return {
    contacts,
    users: SANDBOX_USERS,
    phoneNumbers: SANDBOX_PHONE_NUMBERS,
    customFields: CUSTOM_FIELD_DEFINITIONS,
    // Fixed, like the users and lines: whatever contacts are served, the well-known ones' history is the same.
    activity: sandboxActivity(),
    // Fixed too: webhooks, and the recordings and voicemails of those calls.
    resources: sandboxResources(),
    readOnlyContactIds: new Set(READ_ONLY_CONTACT_IDS),
  };
}

/** +1 AAA 555 XXXX with XXXX from 0200: 555-0100…0199 stay free for the fixed contacts, so theirs are unique. */
function randomPhone(random: Random): string {
  return `+1${random.pick(AREA_CODES)}555${String(random.int(200, 9999)).padStart(4, '0')}`;
}

function slug(text: string, separator: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
  return words.join(separator);
}

/** Weighted pick of how many items: weights[i] is the weight of i items. */
function howMany(random: Random, weights: readonly number[]): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let roll = random.next() * total;
  for (let i = 0; i < weights.length; i++) {
    roll -= weights[i];
    if (roll < 0) {
      return i;
    }
  }
  return weights.length - 1;
}

function randomContact(
  random: Random,
  id: string,
  second: number,
  index: number,
  companyLines: readonly string[],
): ApiContact {
  // Mostly people at a company; some private people, some bare businesses, a few numbers nobody named.
  const kind = howMany(random, [85, 8, 5, 2]);
  const isPerson = kind === 0 || kind === 1;
  const companyIndex = random.int(0, COMPANIES.length - 1);
  const company = kind === 0 || kind === 2 ? (COMPANIES[companyIndex]) : null;
  const firstName = isPerson ? random.pick(FIRST_NAMES) : null;
  const lastName = isPerson && random.chance(0.95) ? random.pick(LAST_NAMES) : null;
  const role = isPerson && company !== null && random.chance(0.6) ? random.pick(ROLES) : null;

  const phoneNumbers: ApiLabelledValue[] = [];
  const phoneCount = kind === 3 ? 1 : howMany(random, [10, 50, 30, 10]);
  const phoneLabels = random.sample(PHONE_LABELS, phoneCount);
  for (let i = 0; i < phoneCount; i++) {
    // Colleagues share their company's main line, which is what makes reverse lookups return several contacts.
    const shared = company !== null && i === phoneCount - 1 && random.chance(0.3);
    const value = shared ? (companyLines[companyIndex]) : randomPhone(random);
    phoneNumbers.push(labelled(random, shared ? 'company phone' : (phoneLabels[i]), value));
  }

  const emails: ApiLabelledValue[] = [];
  const emailCount = kind === 3 ? 0 : howMany(random, [20, 55, 20, 5]);
  const emailLabels = random.sample(EMAIL_LABELS, emailCount);
  const local = [firstName, lastName].filter((part): part is string => part !== null).map((p) => slug(p, ''));
  const domain = company !== null ? `${slug(company, '-')}.example` : 'mail.example';
  for (let i = 0; i < emailCount; i++) {
    const user = local.length > 0 ? local.join('.') : 'hello';
    const value = i === 0 ? `${user}@${domain}` : `${local[0] ?? 'info'}${random.int(1, 99)}@mail.example`;
    emails.push(labelled(random, emailLabels[i], value));
  }

  const { externalId, source, sourceUrl } = origin(random, id, index);
  const createdMs = second * 1000 + random.int(0, 999);
  const updatedMs = random.chance(0.4) ? createdMs : Math.min(TODAY_MS, createdMs + random.int(60, 400 * 86400) * 1000);
  return {
    id,
    externalId,
    source,
    sourceUrl,
    defaultFields: { firstName, lastName, company, role, emails, phoneNumbers },
    customFields: randomCustomFields(random, company),
    createdAt: new Date(createdMs).toISOString(),
    updatedAt: new Date(updatedMs).toISOString(),
    createdByUserId: random.pick(SANDBOX_USERS).id,
  };
}

function labelled(random: Random, name: string, value: string): ApiLabelledValue {
  // The spec makes the id optional; leave it out now and then so clients cope.
  return random.chance(0.9) ? { name, value, id: random.alphanumeric(10) } : { name, value };
}

function origin(
  random: Random,
  id: string,
  index: number,
): Pick<ApiContact, 'externalId' | 'source' | 'sourceUrl'> {
  const roll = random.next();
  if (roll < 0.35) {
    const externalId = `crm-${String(index + 1).padStart(6, '0')}`;
    const source = random.pick(['public-api', 'hubspot', 'salesforce']);
    const sourceUrl =
      source === 'hubspot'
        ? `https://app.hubspot.example/contacts/${index + 1}`
        : source === 'salesforce'
          ? `https://sandbox.my.salesforce.example/lightning/r/Contact/${id}/view`
          : random.chance(0.5)
            ? `https://crm.example.com/people/${externalId}`
            : null;
    return { externalId, source, sourceUrl };
  }
  if (roll < 0.7) {
    return { externalId: null, source: random.pick(SOURCES.filter((s) => s !== 'public-api')), sourceUrl: null };
  }
  return { externalId: null, source: null, sourceUrl: null };
}

function randomCustomFields(random: Random, company: string | null): ApiCustomField[] {
  const fields: ApiCustomField[] = [];
  const maybe = <T>(make: () => T): T | null => (random.chance(0.12) ? null : make());
  const include = (): boolean => random.chance(0.55);
  if (include()) {
    fields.push(
      customField.mailingAddress(maybe(() => `${random.int(1, 9999)} ${random.pick(STREETS)}, ${random.pick(CITIES)}`)),
    );
  }
  if (include()) {
    const managers = SANDBOX_USERS.filter((u) => u.firstName !== null);
    fields.push(customField.accountManager(maybe(() => {
      const manager = random.pick(managers);
      return `${manager.firstName ?? ''} ${manager.lastName ?? ''}`.trim();
    })));
  }
  if (include()) {
    fields.push(customField.website(maybe(() => `https://www.${slug(company ?? 'personal-site', '-')}.example`)));
  }
  if (include()) {
    const interests = (): string[] => (random.chance(0.15) ? [] : random.sample(INTERESTS, random.int(1, 3)));
    fields.push(customField.interests(maybe(interests)));
  }
  if (include()) {
    fields.push(customField.inboundLead(maybe(() => random.chance(0.5))));
  }
  if (include()) {
    // 04:00Z, like the spec's example: a date picked in a US time zone, stored as that midnight in UTC.
    const day = (): string =>
      new Date(Date.UTC(random.int(2025, 2027), random.int(0, 11), random.int(1, 28), 4)).toISOString();
    fields.push(customField.renewalDate(maybe(day)));
  }
  if (include()) {
    const amount = (): number => (random.chance(0.5) ? random.int(0, 50000) : random.int(0, 5000000) / 100);
    fields.push(customField.lifetimeValue(maybe(amount)));
  }
  return fields;
}
