/**
 * Contacts at fixed ids that every sandbox workspace holds whatever its seed: a few well-known, friendly ones for
 * docs, screenshots and tests, hostile ones that every surface of the extension must show as inert text, and one an
 * integration owns, which refuses writes.
 */

import { customField } from './catalog.js';
import type { ApiContact, ApiCustomField, ApiLabelledValue } from './wire.js';

/** Contacts, numbers and emails tests can rely on. Ada Lovelace is the first contact of every workspace. */
export const WELL_KNOWN = {
  /** Ada Lovelace: every field filled, every custom field type with a value. */
  contactId: '5ff2d910a1f623871380caa6',
  firstName: 'Ada',
  lastName: 'Lovelace',
  company: 'Analytical Engines',
  role: 'Chief Mathematician',
  /** Ada's mobile; no other contact has it. */
  phone: '+14155550123',
  email: 'ada@analytical-engines.example',
  externalId: 'crm-ada-1815',
  source: 'public-api',
  /** The member who created Ada (Grace Hopper). */
  createdByUserId: 'USkjlytY0m',
  /** Charles Babbage: falsy but present values (boolean false, number 0, an empty multi-select), no role. */
  falsyContactId: '5ff2da3c90e1da80e736a366',
  /** Mary Somerville. */
  thirdContactId: '5ff477e8d23fdf5c7f41d0d6',
  /** The Analytical Engines main line: exactly these three contacts have it. */
  sharedPhone: '+14155550100',
  sharedPhoneContactIds: ['5ff2d910a1f623871380caa6', '5ff2da3c90e1da80e736a366', '5ff477e8d23fdf5c7f41d0d6'],
  /** Shaped like a real id, never generated: `GET /v1/contacts/{id}` answers 404. */
  missingContactId: '64b7f0c2e1d3a4b5c6d7e8f9',
  /**
   * Emmy Noether, a contact a Salesforce integration owns: readable like any other, but `PATCH` and `DELETE` on it
   * answer 403 (the spec's "Not Phone Number User" body with a trace). The newest contact, so last in the list.
   */
  readOnlyContactId: '6908b68cb3e5a1d0c4f27e19',
  readOnlyFirstName: 'Emmy',
  /** Emmy's mobile; no other contact has it. */
  readOnlyPhone: '+14155550182',
} as const;

/** Contacts whose values attack whatever renders them. Each key says what the record carries. */
export const HOSTILE_IDS = {
  /** `<img src=x onerror=alert(1)>` as first name, attribute breakers elsewhere. */
  imgTag: '63ff2220c1068c46ea43aafb',
  /** `<script>alert(1)</script>` as first name, a template injection as company. */
  scriptTag: '640073a03b1f2df8d140a661',
  /** A company of exactly 500 characters ending in a 200-character unbroken run. */
  longCompany: '6401c5200124667ff16ec94e',
  /** Arabic and Hebrew names and a right-to-left override (U+202E) in the company. */
  rightToLeft: '640316a05e9095e75cdc9e3c',
  /** Emoji (ZWJ sequences, flags) and combining marks as names. */
  emoji: '6404682062d17ec659ce3dbe',
  /** `[x](command:workbench.action.terminal.new)` as name, phone label and custom field; markdown elsewhere. */
  commandLink: '6405b9a03fbfe71e0d6e0680',
  /** `javascript:alert(1)` as sourceUrl and as the url custom field; other dangerous schemes in text fields. */
  javascriptUrl: '64070b20ea7e2d3cdeee07ac',
  /** Newlines, tabs, zero-width and terminal escape sequences (ESC [31m) in names. */
  controlCharacters: '64085ca01b4f8d85e42b7acc',
  /** Every nullable value null (names, urls, each custom field, a phone's and an email's value): nothing to show. */
  allNull: '6409ae2005d384838c43a26c',
} as const;

/** Alan Turing, who created the hostile records. */
const DEFAULT_CREATOR = 'USIuCvIPKd';

export const TERMINAL_COMMAND_LINK = '[x](command:workbench.action.terminal.new)';

function contact(
  id: string,
  names: { firstName: string | null; lastName: string | null; company: string | null; role: string | null },
  rest: Partial<Omit<ApiContact, 'id' | 'defaultFields'>> & {
    emails?: readonly ApiLabelledValue[];
    phoneNumbers?: readonly ApiLabelledValue[];
  } = {},
): ApiContact {
  // Fixed ids carry their creation second in the first 8 hex digits, like every other id.
  const createdAt = new Date(Number.parseInt(id.slice(0, 8), 16) * 1000).toISOString();
  return {
    id,
    externalId: rest.externalId ?? null,
    source: rest.source ?? null,
    sourceUrl: rest.sourceUrl ?? null,
    defaultFields: { ...names, emails: rest.emails ?? [], phoneNumbers: rest.phoneNumbers ?? [] },
    customFields: rest.customFields ?? [],
    createdAt,
    updatedAt: rest.updatedAt ?? createdAt,
    createdByUserId: rest.createdByUserId ?? DEFAULT_CREATOR,
  };
}

function allCustomFields(values: {
  address: string | null;
  manager: string | null;
  website: string | null;
  interests: readonly string[] | null;
  inbound: boolean | null;
  renewal: string | null;
  value: number | null;
}): ApiCustomField[] {
  return [
    customField.mailingAddress(values.address),
    customField.accountManager(values.manager),
    customField.website(values.website),
    customField.interests(values.interests),
    customField.inboundLead(values.inbound),
    customField.renewalDate(values.renewal),
    customField.lifetimeValue(values.value),
  ];
}

const LONG_COMPANY = (() => {
  const words = 'The Extraordinarily Long and Thoroughly Incorporated Consolidated Holdings Company of ';
  const spaced = words.repeat(Math.ceil(300 / words.length)).slice(0, 300);
  return spaced + 'W'.repeat(200);
})();

/** The friendly contacts first, then the hostile ones, then the read-only one, each at its fixed id. */
export function specialContacts(): ApiContact[] {
  const analyticalEngines = { name: 'company phone', value: WELL_KNOWN.sharedPhone, id: 'PHada0002' };
  return [
    contact(
      WELL_KNOWN.contactId,
      {
        firstName: WELL_KNOWN.firstName,
        lastName: WELL_KNOWN.lastName,
        company: WELL_KNOWN.company,
        role: WELL_KNOWN.role,
      },
      {
        externalId: WELL_KNOWN.externalId,
        source: WELL_KNOWN.source,
        sourceUrl: `https://crm.analytical-engines.example/people/${WELL_KNOWN.externalId}`,
        phoneNumbers: [{ name: 'mobile', value: WELL_KNOWN.phone, id: 'PHada0001' }, analyticalEngines],
        emails: [
          { name: 'work', value: WELL_KNOWN.email, id: 'EMada0001' },
          { name: 'personal', value: 'countess@lovelace.example', id: 'EMada0002' },
        ],
        customFields: allCustomFields({
          address: '12 St James’s Square, London SW1Y 4JH',
          manager: 'Grace Hopper',
          website: 'https://analytical-engines.example',
          interests: ['Newsletter', 'Beta program'],
          inbound: true,
          renewal: '2026-12-10T00:00:00.000Z',
          value: 1843.5,
        }),
        updatedAt: '2025-10-01T08:30:00.000Z',
        createdByUserId: WELL_KNOWN.createdByUserId,
      },
    ),
    contact(
      WELL_KNOWN.falsyContactId,
      { firstName: 'Charles', lastName: 'Babbage', company: WELL_KNOWN.company, role: null },
      {
        source: 'csv-import',
        phoneNumbers: [{ name: 'company phone', value: WELL_KNOWN.sharedPhone, id: 'PHcb0001' }],
        emails: [{ name: 'work', value: 'charles@analytical-engines.example', id: 'EMcb0001' }],
        customFields: allCustomFields({
          address: null,
          manager: '',
          website: null,
          interests: [],
          inbound: false,
          renewal: null,
          value: 0,
        }),
        createdByUserId: 'USIuCvIPKd',
      },
    ),
    contact(
      WELL_KNOWN.thirdContactId,
      { firstName: 'Mary', lastName: 'Somerville', company: WELL_KNOWN.company, role: 'Science Writer' },
      {
        externalId: 'crm-mary-1780',
        source: 'hubspot',
        sourceUrl: 'https://app.hubspot.example/contacts/1780',
        phoneNumbers: [
          { name: 'main', value: WELL_KNOWN.sharedPhone },
          { name: 'mobile', value: '+16175550131' },
        ],
        emails: [{ name: 'work', value: 'mary@analytical-engines.example' }],
        customFields: [customField.interests(['Webinars']), customField.renewalDate('2025-03-01T04:00:00.000Z')],
        createdByUserId: 'USRMVEgGi4',
      },
    ),
    contact(
      HOSTILE_IDS.imgTag,
      {
        firstName: '<img src=x onerror=alert(1)>',
        lastName: '"><svg onload=alert(1)>',
        company: '</div><iframe src="javascript:alert(1)"></iframe>',
        role: "' onmouseover='alert(1)",
      },
      {
        phoneNumbers: [{ name: '<b onmouseover=alert(1)>mobile</b>', value: '+12125550144' }],
        emails: [{ name: 'work', value: '"><img src=x onerror=alert(1)>@x.example' }],
        customFields: [customField.accountManager('<img src=x onerror=alert(document.cookie)>')],
      },
    ),
    contact(
      HOSTILE_IDS.scriptTag,
      {
        firstName: '<script>alert(1)</script>',
        lastName: '</textarea><script>alert(document.domain)</script>',
        company: '{{constructor.constructor("alert(1)")()}}',
        role: '${alert(1)}',
      },
      {
        externalId: '<script>alert(1)</script>',
        source: '<script>alert(1)</script>',
        customFields: [
          customField.accountManager('<style>body{display:none}</style>&amp;&lt;b&gt;'),
          customField.mailingAddress('<a href="javascript:alert(1)">1 Evil Way</a>'),
        ],
      },
    ),
    contact(
      HOSTILE_IDS.longCompany,
      {
        firstName: 'Wolfeschlegelsteinhausenbergerdorff',
        lastName: 'Hubert Blaine Wolfeschlegelsteinhausenbergerdorff Sr.',
        company: LONG_COMPANY,
        role: 'Senior Vice President of Extremely Long Job Titles and Associated Responsibilities',
      },
      {
        emails: [{ name: 'work', value: `${'x'.repeat(64)}@${'sub.'.repeat(20)}long-company.example` }],
        customFields: [customField.interests(Array.from({ length: 40 }, (_, i) => `Option ${i + 1}`))],
      },
    ),
    contact(
      HOSTILE_IDS.rightToLeft,
      { firstName: 'محمد', lastName: 'אברהם', company: 'שלום עולם \u202Etxt.exe', role: 'مدير المبيعات' },
      {
        phoneNumbers: [{ name: 'נייד', value: '+19175550155' }],
        customFields: [customField.mailingAddress('شارع الملك فهد، الرياض \u202Bمرحبا\u202C')],
      },
    ),
    contact(
      HOSTILE_IDS.emoji,
      { firstName: '👩‍💻', lastName: 'Zoë 🦄 Z̷̢a̸l̵g̶o̴', company: '🏳️‍🌈 Rainbow Co. 🇯🇵', role: '🚀' },
      {
        phoneNumbers: [{ name: '📱', value: '+13125550166' }],
        emails: [{ name: '✉️', value: 'emoji@xn--i-7iq.example' }],
        customFields: [customField.interests([]), customField.accountManager('👍🏽')],
      },
    ),
    contact(
      HOSTILE_IDS.commandLink,
      {
        firstName: TERMINAL_COMMAND_LINK,
        lastName: '[open](command:quo.openContact?%5B%2264b7f0c2e1d3a4b5c6d7e8f9%22%5D)',
        company: '**bold** _italic_ `code` <https://evil.example> $(terminal)',
        role: '![tracker](https://evil.example/pixel.png)',
      },
      {
        phoneNumbers: [{ name: TERMINAL_COMMAND_LINK, value: '+17025550177' }],
        emails: [{ name: '[mail](command:workbench.action.openSettings)', value: 'cmd@evil.example' }],
        customFields: [
          customField.accountManager(TERMINAL_COMMAND_LINK),
          customField.mailingAddress('<!-- hidden --> | table | cell |\n# Heading'),
        ],
      },
    ),
    contact(
      HOSTILE_IDS.javascriptUrl,
      { firstName: 'Javier', lastName: 'Script', company: 'data:text/html,<script>alert(1)</script>', role: null },
      {
        externalId: 'js-1',
        source: 'public-api',
        sourceUrl: 'javascript:alert(1)',
        phoneNumbers: [{ name: 'mobile', value: '+15125550188' }],
        emails: [{ name: 'work', value: 'javascript:alert(1)' }],
        customFields: [
          customField.website('javascript:alert(1)'),
          customField.accountManager('vscode://command/workbench.action.terminal.new'),
          customField.mailingAddress('command:workbench.action.terminal.new'),
        ],
      },
    ),
    contact(
      HOSTILE_IDS.controlCharacters,
      {
        firstName: 'Line\nBreak',
        lastName: 'Tab\there\u200B\u200Dzero\u0007bell',
        company: '\u001b[31mRed Terminal Inc\u001b[0m',
        role: '\r\nInjected: header',
      },
      { customFields: [customField.accountManager('trailing spaces   \n\n\n')] },
    ),
    contact(
      HOSTILE_IDS.allNull,
      { firstName: null, lastName: null, company: null, role: null },
      {
        phoneNumbers: [{ name: 'mobile', value: null }],
        emails: [{ name: 'work', value: null }],
        customFields: allCustomFields({
          address: null,
          manager: null,
          website: null,
          interests: null,
          inbound: null,
          renewal: null,
          value: null,
        }),
      },
    ),
    // Last, so that a workspace of 12 contacts holds the same ones as before it was added.
    contact(
      WELL_KNOWN.readOnlyContactId,
      { firstName: WELL_KNOWN.readOnlyFirstName, lastName: 'Noether', company: 'Invariant Theory GmbH', role: 'Professor' },
      {
        externalId: 'sf-003Emmy1882',
        source: 'salesforce',
        sourceUrl: 'https://invariant-theory.my.salesforce.example/lightning/r/Contact/003Emmy1882/view',
        phoneNumbers: [{ name: 'mobile', value: WELL_KNOWN.readOnlyPhone, id: 'PHen0001' }],
        emails: [{ name: 'work', value: 'emmy@invariant-theory.example', id: 'EMen0001' }],
        customFields: [customField.accountManager('Katherine Johnson'), customField.inboundLead(false)],
        updatedAt: '2025-11-10T16:45:00.000Z',
        createdByUserId: 'US8Vcc7bpC',
      },
    ),
  ];
}

/** The contacts every workspace refuses to change (403), when it holds them. */
export const READ_ONLY_CONTACT_IDS: readonly string[] = [WELL_KNOWN.readOnlyContactId];
