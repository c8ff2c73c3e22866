/**
 * The Quo v1 resources as the extension sees them after decoding. The contact mirrors the response schema of
 * `GET /v1/contacts/{id}` (test/sandbox/spec/get-contact-by-id.openapi.yaml), every field, since the panel shows or
 * copies them all. Lines, users, calls, messages, call summaries and transcripts (test/sandbox/spec/openapi-v1.extract.json)
 * keep only what the extension reads: a field nobody reads is one a drifting server can break, so it is left out.
 */

export interface LabelledValue {
  /** The label the user gave the value, e.g. "company phone". */
  readonly name: string;
  readonly value: string | null;
  readonly id?: string;
}

interface CustomFieldBase {
  readonly name: string;
  readonly key?: string;
  readonly id?: string;
}

export type CustomField =
  | (CustomFieldBase & { readonly type: 'multi-select'; readonly value: readonly string[] | null })
  | (CustomFieldBase & { readonly type: 'address' | 'string' | 'url'; readonly value: string | null })
  | (CustomFieldBase & { readonly type: 'boolean'; readonly value: boolean | null })
  | (CustomFieldBase & { readonly type: 'date'; readonly value: string | null })
  | (CustomFieldBase & { readonly type: 'number'; readonly value: number | null });

export type CustomFieldType = CustomField['type'];

export const CUSTOM_FIELD_TYPES: readonly CustomFieldType[] = [
  'address',
  'string',
  'url',
  'multi-select',
  'boolean',
  'date',
  'number',
];

export interface DefaultFields {
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly company: string | null;
  readonly role: string | null;
  readonly emails: readonly LabelledValue[];
  readonly phoneNumbers: readonly LabelledValue[];
}

export interface Contact {
  readonly id: string;
  readonly externalId: string | null;
  readonly source: string | null;
  readonly sourceUrl: string | null;
  readonly defaultFields: DefaultFields;
  readonly customFields: readonly CustomField[];
  /** ISO date-time. */
  readonly createdAt: string;
  /** ISO date-time. */
  readonly updatedAt: string;
  /** A `US…` user id. */
  readonly createdByUserId: string;
}

export interface ContactPage {
  readonly contacts: readonly Contact[];
  /** Documented by Quo as inaccurate: never show it as a true count. */
  readonly totalItems: number;
  readonly nextPageToken: string | null;
}

export interface CustomFieldDefinition {
  readonly name: string;
  readonly key: string;
  readonly type: CustomFieldType;
}

/**
 * What an enum field holds when Quo sends a value this version does not know: the record still decodes, since Quo
 * may add values as it adds fields.
 */
export type Unknown = 'unknown';

export type UserRole = 'owner' | 'admin' | 'member';
export const USER_ROLES: readonly UserRole[] = ['owner', 'admin', 'member'];

/** A member of a Quo line, as `GET /v1/phone-numbers` lists them. */
export interface PhoneNumberUser {
  readonly id: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  /** Who the activity plan asks about: Quo lists the owner's calls unless asked for another user's. */
  readonly role: UserRole | Unknown;
}

/** One of the workspace's own Quo numbers (a line), `PN…`. */
export interface PhoneNumber {
  readonly id: string;
  /** E.164. */
  readonly number: string;
  readonly name: string | null;
  readonly formattedNumber: string | null;
  /** In the API's order. */
  readonly users: readonly PhoneNumberUser[];
}

/** A teammate or a contact's creator, as far as naming them goes. */
export interface User {
  readonly id: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
}

export type Direction = 'incoming' | 'outgoing';
export const DIRECTIONS: readonly Direction[] = ['incoming', 'outgoing'];

export type CallStatus =
  | 'queued'
  | 'initiated'
  | 'ringing'
  | 'in-progress'
  | 'completed'
  | 'busy'
  | 'failed'
  | 'no-answer'
  | 'canceled'
  | 'missed'
  | 'answered'
  | 'forwarded'
  | 'abandoned';
export const CALL_STATUSES: readonly CallStatus[] = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
  'missed',
  'answered',
  'forwarded',
  'abandoned',
];

/** `GET /v1/calls`, `GET /v1/calls/{callId}`. */
export interface Call {
  /** `AC…`. */
  readonly id: string;
  readonly phoneNumberId: string;
  /** E.164 numbers, at most two. */
  readonly participants: readonly string[];
  readonly direction: Direction | Unknown;
  readonly status: CallStatus | Unknown;
  readonly createdAt: string;
  /** Seconds. */
  readonly duration: number;
  /** The user who placed or received the call. */
  readonly userId: string;
  /*
   * Nothing reads the fields below: each is what Quo sent when it is a string, null otherwise, so a server that
   * drifts in them breaks nothing. They stay for the values built by hand in tests.
   */
  readonly answeredAt: string | null;
  readonly completedAt: string | null;
  readonly answeredBy: string | null;
  readonly initiatedBy: string | null;
  readonly callRoute: string | null;
  /** An E.164 number or a `US…` user id. */
  readonly forwardedFrom: string | null;
  /** An E.164 number or a `US…` user id. */
  readonly forwardedTo: string | null;
  readonly aiHandled: string | null;
  readonly updatedAt: string | null;
}

export interface CallPage {
  readonly calls: readonly Call[];
  /** Documented by Quo as inaccurate for contacts; not trusted here either. */
  readonly totalItems: number;
  readonly nextPageToken: string | null;
}

export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'undelivered';
export const MESSAGE_STATUSES: readonly MessageStatus[] = ['queued', 'sent', 'delivered', 'undelivered'];

/** `GET /v1/messages`, `GET /v1/messages/{id}`. Its text is customer data: never logged. */
export interface Message {
  /** `AC…`, the same prefix as calls. */
  readonly id: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly text: string;
  readonly phoneNumberId: string | null;
  readonly direction: Direction | Unknown;
  /** The teammate who sent it; null for an incoming message, which the contact sent (the spec's description). */
  readonly userId: string | null;
  readonly status: MessageStatus | Unknown;
  readonly createdAt: string;
  /** Not read: what Quo sent when it is a string, null otherwise. */
  readonly updatedAt: string | null;
}

export interface MessagePage {
  readonly messages: readonly Message[];
  readonly totalItems: number;
  readonly nextPageToken: string | null;
}

/** Where Quo's AI is with a call's summary or transcript. */
export type AiStatus = 'absent' | 'in-progress' | 'completed' | 'failed';
export const AI_STATUSES: readonly AiStatus[] = ['absent', 'in-progress', 'completed', 'failed'];

export interface CallSummaryJob {
  readonly name: string;
  readonly result: { readonly data: readonly { readonly name: string; readonly value: string | number | boolean }[] };
}

/** `GET /v1/call-summaries/{callId}`; only on some plans. */
export interface CallSummary {
  readonly status: AiStatus | Unknown;
  readonly summary: readonly string[] | null;
  readonly nextSteps: readonly string[] | null;
  /** Optional in the spec; absent reads as null. */
  readonly jobs: readonly CallSummaryJob[] | null;
}

export interface DialogueEntry {
  /** Seconds from the start of the call. */
  readonly start: number;
  readonly content: string;
  /** Who spoke (a number), when Quo knows. */
  readonly identifier: string | null;
  /** The teammate who spoke, when it was one. */
  readonly userId: string | null;
}

/** `GET /v1/call-transcripts/{id}`; only on some plans. */
export interface CallTranscript {
  readonly status: AiStatus | Unknown;
  readonly dialogue: readonly DialogueEntry[] | null;
}
