/**
 * The fixed parts of the sandbox workspace: its members, its Quo numbers and its custom field definitions. They do
 * not depend on the seed, so a `createdByUserId` always resolves and tests can name a user or a field directly.
 */

import type { ApiCustomField, ApiCustomFieldDefinition, ApiPhoneNumber, ApiUser } from './wire.js';

const WORKSPACE_CREATED = '2020-11-02T12:00:00.000Z';
const AVATARS = 'https://avatars.quo-sandbox.example';

/** The members tests name. Grace Hopper is the workspace owner: `GET /v1/calls` without `userId` lists her calls. */
export const USER_IDS = {
  owner: 'USkjlytY0m',
  alan: 'USIuCvIPKd',
  katherine: 'USRMVEgGi4',
  hedy: 'USpEgrcfWq',
  ops: 'US8Vcc7bpC',
} as const;

export const SANDBOX_USERS: readonly ApiUser[] = [
  user(USER_IDS.owner, 'Grace', 'Hopper', 'grace@quo-sandbox.example', 'owner', `${AVATARS}/grace.png`),
  user(USER_IDS.alan, 'Alan', 'Turing', 'alan@quo-sandbox.example', 'admin', null),
  user(USER_IDS.katherine, 'Katherine', 'Johnson', 'katherine@quo-sandbox.example', 'member', null),
  user(USER_IDS.hedy, 'Hedy', 'Lamarr', 'hedy@quo-sandbox.example', 'member', `${AVATARS}/hedy.png`),
  // A member who never filled in a name: the UI has to fall back to the email.
  user(USER_IDS.ops, null, null, 'ops@quo-sandbox.example', 'member', null),
];

function user(
  id: string,
  firstName: string | null,
  lastName: string | null,
  email: string,
  role: ApiUser['role'],
  pictureUrl: string | null,
): ApiUser {
  const at = WORKSPACE_CREATED;
  return { id, email, firstName, lastName, pictureUrl, role, createdAt: at, updatedAt: at };
}

const GROUP_IDS: Readonly<Record<string, string>> = {
  USkjlytY0m: 'GReCj0Qmlf',
  USIuCvIPKd: 'GRnbtcLsPQ',
  USRMVEgGi4: 'GRctRLubtL',
  USpEgrcfWq: 'GRt0pEMz22',
  US8Vcc7bpC: 'GRSNK5PA0V',
};

function lineUsers(...ids: string[]): ApiPhoneNumber['users'] {
  return SANDBOX_USERS.filter((member) => ids.includes(member.id)).map((member) => ({
    id: member.id,
    email: member.email,
    firstName: member.firstName,
    lastName: member.lastName,
    role: member.role,
    groupId: GROUP_IDS[member.id] ?? 'GRunknown',
  }));
}

const OPEN = { CA: 'unrestricted', Intl: 'restricted', US: 'unrestricted' } as const;

/** The workspace's lines, in the order `GET /v1/phone-numbers` lists them. */
export const LINE_IDS = {
  /** Grace (the owner) and Alan: a shared line with a teammate. */
  main: 'PN5AS1cCOs',
  /** Katherine, Hedy and the nameless ops member: several users, none of them the owner. */
  support: 'PNZFx2Rg2S',
  /** Grace alone. */
  direct: 'PN9Mx4FBfl',
  /** Katherine alone: the only user is not the owner. */
  field: 'PNfS7kd2Qa',
  /** Hedy alone, and the key is not a user of it: its calls and messages answer 403. */
  legal: 'PNv0Lg5Rtx',
} as const;

/** The workspace's own Quo numbers (`GET /v1/phone-numbers`). */
export const SANDBOX_PHONE_NUMBERS: readonly ApiPhoneNumber[] = [
  {
    id: LINE_IDS.main,
    groupId: 'GReCj0Qmlf',
    portRequestId: null,
    formattedNumber: '(415) 555-0142',
    forward: null,
    name: 'Main line',
    number: '+14155550142',
    portingStatus: null,
    symbol: '🏢',
    users: lineUsers('USkjlytY0m', 'USIuCvIPKd'),
    createdAt: WORKSPACE_CREATED,
    updatedAt: WORKSPACE_CREATED,
    restrictions: { calling: OPEN, messaging: OPEN },
  },
  {
    id: LINE_IDS.support,
    groupId: 'GRctRLubtL',
    portRequestId: null,
    formattedNumber: '(646) 555-0177',
    forward: null,
    name: 'Support',
    number: '+16465550177',
    portingStatus: null,
    symbol: '🛟',
    users: lineUsers('USRMVEgGi4', 'USpEgrcfWq', 'US8Vcc7bpC'),
    createdAt: '2021-06-14T16:20:00.000Z',
    updatedAt: '2024-02-01T09:00:00.000Z',
    restrictions: { calling: OPEN, messaging: OPEN },
  },
  {
    id: LINE_IDS.direct,
    groupId: 'GReCj0Qmlf',
    portRequestId: 'PR4kQz81',
    formattedNumber: '(303) 555-0199',
    forward: '+13035550198',
    name: "Grace's direct line",
    number: '+13035550199',
    portingStatus: 'completed',
    symbol: null,
    users: lineUsers('USkjlytY0m'),
    createdAt: '2022-09-01T08:00:00.000Z',
    updatedAt: '2022-09-03T11:45:00.000Z',
    restrictions: { calling: OPEN, messaging: { CA: 'restricted', Intl: 'restricted', US: 'unrestricted' } },
  },
  {
    id: LINE_IDS.field,
    groupId: 'GRctRLubtL',
    portRequestId: null,
    formattedNumber: '(720) 555-0160',
    forward: null,
    name: 'Field sales',
    number: '+17205550160',
    portingStatus: null,
    symbol: '🚗',
    users: lineUsers(USER_IDS.katherine),
    createdAt: '2023-03-20T13:00:00.000Z',
    updatedAt: '2023-03-20T13:00:00.000Z',
    restrictions: { calling: OPEN, messaging: OPEN },
  },
  {
    id: LINE_IDS.legal,
    groupId: 'GRt0pEMz22',
    portRequestId: null,
    formattedNumber: null,
    forward: null,
    name: 'Legal',
    number: '+12025550114',
    portingStatus: null,
    symbol: '⚖️',
    users: lineUsers(USER_IDS.hedy),
    createdAt: '2024-05-02T10:15:00.000Z',
    updatedAt: '2024-05-02T10:15:00.000Z',
    restrictions: { calling: OPEN, messaging: OPEN },
  },
];

/** One custom field of each of the seven types (`GET /v1/contact-custom-fields`). */
export const CUSTOM_FIELD_DEFINITIONS: readonly ApiCustomFieldDefinition[] = [
  { name: 'Mailing address', key: 'mailing-address', type: 'address' },
  { name: 'Account manager', key: 'account-manager', type: 'string' },
  { name: 'Website', key: 'website', type: 'url' },
  { name: 'Interests', key: 'interests', type: 'multi-select' },
  { name: 'Inbound lead', key: 'inbound-lead', type: 'boolean' },
  { name: 'Renewal date', key: 'renewal-date', type: 'date' },
  { name: 'Lifetime value', key: 'lifetime-value', type: 'number' },
];

/** The id a contact's custom field carries, per definition key (the definitions endpoint does not return it). */
const FIELD_IDS: Readonly<Record<string, string>> = {
  'mailing-address': '5f9ff4c0caf18ebbc91c3c5a',
  'account-manager': '5f9ff4c04a742042312e6c41',
  website: '5f9ff4c09d365e02ac68e5b0',
  interests: '5f9ff4c01e8546cda9a81c97',
  'inbound-lead': '5f9ff4c05ecaee29350b574d',
  'renewal-date': '5f9ff4c0bf8a40ea25a0d107',
  'lifetime-value': '5f9ff4c0166c369f23e0c859',
};

function meta(key: string): { readonly name: string; readonly key: string; readonly id: string } {
  const definition = CUSTOM_FIELD_DEFINITIONS.find((candidate) => candidate.key === key);
  const id = FIELD_IDS[key];
  if (!definition || !id) {
    throw new Error(`no custom field definition ${key}`);
  }
  return { name: definition.name, key, id };
}

/** Builders for a contact's custom field values, one per definition, so every value has its definition's type. */
export const customField = {
  mailingAddress: (value: string | null): ApiCustomField => ({ ...meta('mailing-address'), type: 'address', value }),
  accountManager: (value: string | null): ApiCustomField => ({ ...meta('account-manager'), type: 'string', value }),
  website: (value: string | null): ApiCustomField => ({ ...meta('website'), type: 'url', value }),
  interests: (value: readonly string[] | null): ApiCustomField => ({
    ...meta('interests'),
    type: 'multi-select',
    value,
  }),
  inboundLead: (value: boolean | null): ApiCustomField => ({ ...meta('inbound-lead'), type: 'boolean', value }),
  renewalDate: (value: string | null): ApiCustomField => ({ ...meta('renewal-date'), type: 'date', value }),
  lifetimeValue: (value: number | null): ApiCustomField => ({ ...meta('lifetime-value'), type: 'number', value }),
} as const;

/** The id a contact's custom field of definition `key` carries (the same on every contact). */
export function customFieldId(key: string): string | undefined {
  return FIELD_IDS[key];
}

/** The definition whose key is `key`, or whose fields carry the id `id`: how a write names a custom field. */
export function findCustomFieldDefinition(
  definitions: readonly ApiCustomFieldDefinition[],
  name: { readonly key?: string; readonly id?: string },
): ApiCustomFieldDefinition | undefined {
  return definitions.find(
    (definition) =>
      (name.key === undefined || definition.key === name.key) &&
      (name.id === undefined || FIELD_IDS[definition.key] === name.id) &&
      (name.key !== undefined || name.id !== undefined),
  );
}

/** A contact's custom field of `definition` holding `value`, which the caller has checked fits the definition's type. */
export function customFieldOf(definition: ApiCustomFieldDefinition, value: unknown): ApiCustomField {
  const id = FIELD_IDS[definition.key];
  return { name: definition.name, key: definition.key, ...(id === undefined ? {} : { id }), type: definition.type, value } as ApiCustomField;
}
