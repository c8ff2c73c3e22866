/**
 * The Quo v1 wire format as the sandbox serves it, written from the spec files in ./spec. Kept apart from
 * src/quo/types.ts on purpose: the sandbox models the API, the extension models what it decodes, and a change to one
 * must not silently change the other.
 */

export interface ApiLabelledValue {
  readonly name: string;
  readonly value: string | null;
  readonly id?: string;
}

interface ApiCustomFieldBase {
  readonly name: string;
  readonly key?: string;
  readonly id?: string;
}

export type ApiCustomField =
  | (ApiCustomFieldBase & { readonly type: 'multi-select'; readonly value: readonly string[] | null })
  | (ApiCustomFieldBase & { readonly type: 'address' | 'string' | 'url'; readonly value: string | null })
  | (ApiCustomFieldBase & { readonly type: 'boolean'; readonly value: boolean | null })
  | (ApiCustomFieldBase & { readonly type: 'date'; readonly value: string | null })
  | (ApiCustomFieldBase & { readonly type: 'number'; readonly value: number | null });

export type ApiCustomFieldType = ApiCustomField['type'];

export interface ApiContact {
  readonly id: string;
  readonly externalId: string | null;
  readonly source: string | null;
  readonly sourceUrl: string | null;
  readonly defaultFields: {
    readonly firstName: string | null;
    readonly lastName: string | null;
    readonly company: string | null;
    readonly role: string | null;
    readonly emails: readonly ApiLabelledValue[];
    readonly phoneNumbers: readonly ApiLabelledValue[];
  };
  readonly customFields: readonly ApiCustomField[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdByUserId: string;
}

export interface ApiCustomFieldDefinition {
  readonly name: string;
  readonly key: string;
  readonly type: ApiCustomFieldType;
}

export type ApiUserRole = 'owner' | 'admin' | 'member';

export interface ApiUser {
  readonly id: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly pictureUrl: string | null;
  readonly role: ApiUserRole;
  readonly createdAt: string;
  readonly updatedAt: string;
}

type Restriction = 'restricted' | 'unrestricted';

interface ApiRegionRestrictions {
  readonly CA: Restriction;
  readonly Intl: Restriction;
  readonly US: Restriction;
}

export interface ApiPhoneNumberUser {
  readonly id: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly role: ApiUserRole;
  readonly groupId: string;
}

export interface ApiPhoneNumber {
  readonly id: string;
  readonly groupId: string;
  readonly portRequestId: string | null;
  readonly formattedNumber: string | null;
  readonly forward: string | null;
  readonly name: string;
  readonly number: string;
  readonly portingStatus: string | null;
  readonly symbol: string | null;
  readonly users: readonly ApiPhoneNumberUser[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly restrictions: { readonly calling: ApiRegionRestrictions; readonly messaging: ApiRegionRestrictions };
}

export type ApiDirection = 'incoming' | 'outgoing';

export type ApiCallStatus =
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

export interface ApiCall {
  readonly id: string;
  readonly phoneNumberId: string;
  readonly participants: readonly string[];
  readonly direction: ApiDirection;
  readonly status: ApiCallStatus;
  readonly createdAt: string;
  readonly answeredAt: string | null;
  readonly completedAt: string | null;
  readonly answeredBy: string | null;
  readonly initiatedBy: string | null;
  readonly duration: number;
  readonly callRoute: string | null;
  readonly forwardedFrom: string | null;
  readonly forwardedTo: string | null;
  readonly aiHandled: string | null;
  readonly userId: string;
  readonly updatedAt: string | null;
}

export interface ApiMessage {
  readonly id: string;
  readonly to: readonly string[];
  readonly from: string;
  readonly text: string;
  readonly phoneNumberId: string | null;
  readonly direction: ApiDirection;
  /** The sender; null for an incoming message, as the spec's description says (its schema types a string). */
  readonly userId: string | null;
  readonly status: 'queued' | 'sent' | 'delivered' | 'undelivered';
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type ApiAiStatus = 'absent' | 'in-progress' | 'completed' | 'failed';

export interface ApiCallSummary {
  readonly callId: string;
  readonly status: ApiAiStatus;
  readonly summary: readonly string[] | null;
  readonly nextSteps: readonly string[] | null;
  readonly jobs?: readonly {
    readonly icon: string;
    readonly name: string;
    readonly result: { readonly data: readonly { readonly name: string; readonly value: string | number | boolean }[] };
  }[] | null;
}

export interface ApiCallTranscript {
  readonly callId: string;
  readonly status: ApiAiStatus;
  readonly dialogue:
    | readonly {
        readonly start: number;
        readonly end: number;
        readonly content: string;
        readonly identifier: string | null;
        readonly userId: string | null;
      }[]
    | null;
  readonly duration: number;
  readonly createdAt: string;
}

/** What a call's summary or transcript answers: the record, or 403 for a call on a plan without them. */
export type ApiAiAnswer<T> = T | 'forbidden';

/** Calls and messages, and what Quo's AI made of the calls. */
export interface ActivityData {
  readonly calls: readonly ApiCall[];
  readonly messages: readonly ApiMessage[];
  /** By call id; a call without an entry has an `absent` summary. */
  readonly callSummaries: ReadonlyMap<string, ApiAiAnswer<ApiCallSummary>>;
  /** By call id; a call without an entry has an `absent` transcript. */
  readonly callTranscripts: ReadonlyMap<string, ApiAiAnswer<ApiCallTranscript>>;
  /** Lines `GET /v1/phone-numbers` lists whose calls and messages answer 403 (the key is not a user of them). */
  readonly hiddenLineIds: ReadonlySet<string>;
}

/** `GET /v1/webhooks/{id}`: one of the spec's four kinds (messages, calls, call summaries, call transcripts). */
export interface ApiWebhook {
  readonly id: string;
  readonly userId: string;
  readonly orgId: string;
  readonly label: string | null;
  readonly status: 'enabled' | 'disabled';
  readonly url: string;
  /** The signing secret. */
  readonly key: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
  readonly events: readonly string[];
  /** `PN…` ids, or `['*']` for every line. */
  readonly resourceIds: readonly string[];
}

export type ApiRecordingStatus =
  | 'absent'
  | 'completed'
  | 'deleted'
  | 'failed'
  | 'in-progress'
  | 'paused'
  | 'processing'
  | 'stopped'
  | 'stopping';

/** One segment of `GET /v1/call-recordings/{callId}`. */
export interface ApiCallRecording {
  readonly duration: number | null;
  readonly id: string;
  readonly startTime: string | null;
  readonly status: ApiRecordingStatus | null;
  readonly type: string | null;
  /** A URI reference: https on a storage host in practice, not necessarily. */
  readonly url: string | null;
}

/** `GET /v1/call-voicemails/{callId}`. */
export interface ApiCallVoicemail {
  readonly duration: number | null;
  readonly id: string;
  readonly transcript: string | null;
  readonly recordingUrl: string | null;
  readonly status: 'completed' | 'in-progress';
}

/**
 * A recording segment as the sandbox holds it: `file` is a name under the recordings base URL (the storage host,
 * which tests may point at the sandbox's own `/media/`), `url` a fixed URL served as is.
 */
export type StoredRecording = Omit<ApiCallRecording, 'url'> & ({ readonly file: string } | { readonly url: string | null });

/** A voicemail as the sandbox holds it: its audio by `file` name under the recordings base URL, or none. */
export type StoredVoicemail = Omit<ApiCallVoicemail, 'recordingUrl'> & { readonly file: string | null };

/** Webhooks, and the recordings and voicemails of the calls in ActivityData. */
export interface ResourceData {
  readonly webhooks: readonly ApiWebhook[];
  /** By call id: its segments (maybe none), or 403 for a call on a plan without recordings. */
  readonly recordings: ReadonlyMap<string, readonly StoredRecording[] | 'forbidden'>;
  /** By call id; a call without an entry has no voicemail (404). */
  readonly voicemails: ReadonlyMap<string, StoredVoicemail>;
}

/** An email or phone number as a write sends it: `value: null` removes the item (PATCH), an `id` keeps it. */
export interface ApiLabelledValueInput {
  readonly name: string;
  readonly value: string | null;
  readonly id?: string;
}

/** A custom field value as a write sends it, named by its definition's `key` (or, in a PATCH, the field's `id`). */
export interface ApiCustomFieldInput {
  readonly key?: string;
  readonly id?: string;
  readonly value: string | readonly string[] | boolean | number | null;
}

/** The body of `POST /v1/contacts` (createContact_v1): `defaultFields.firstName` is required, and may be null. */
export interface ApiContactCreate {
  readonly defaultFields: {
    readonly firstName: string | null;
    readonly lastName?: string | null;
    readonly company?: string | null;
    readonly role?: string | null;
    readonly emails?: readonly ApiLabelledValueInput[];
    readonly phoneNumbers?: readonly ApiLabelledValueInput[];
  };
  readonly customFields?: readonly ApiCustomFieldInput[];
  readonly createdByUserId?: string;
  readonly source?: string;
  readonly sourceUrl?: string;
  readonly externalId?: string | null;
}

/** The body of `PATCH /v1/contacts/{id}` (updateContactById_v1): every field optional, only those sent change. */
export interface ApiContactPatch {
  readonly externalId?: string | null;
  readonly source?: string | null;
  readonly sourceUrl?: string | null;
  readonly defaultFields?: {
    readonly firstName?: string | null;
    readonly lastName?: string | null;
    readonly company?: string | null;
    readonly role?: string | null;
    readonly emails?: readonly ApiLabelledValueInput[];
    readonly phoneNumbers?: readonly ApiLabelledValueInput[];
  };
  readonly customFields?: readonly ApiCustomFieldInput[];
}

/** One entry of `errors` in a 400: the shape of a TypeBox value error, which is what Quo's validator reports. */
export interface ApiErrorDetail {
  readonly path: string;
  readonly message: string;
  readonly value?: unknown;
  readonly schema: { readonly type: string };
}

/** Every non-2xx body in the spec. `description` is required only by some 400/403 variants. */
export interface ApiErrorBody {
  readonly message: string;
  readonly code: string;
  readonly status: number;
  readonly docs: string;
  readonly title: string;
  readonly trace?: string;
  readonly description?: string;
  readonly errors?: readonly ApiErrorDetail[];
}

/** Everything one sandbox serves. */
export interface Workspace {
  /** In the order `GET /v1/contacts` pages through them (ascending id, which is creation order). */
  readonly contacts: readonly ApiContact[];
  readonly users: readonly ApiUser[];
  readonly phoneNumbers: readonly ApiPhoneNumber[];
  readonly customFields: readonly ApiCustomFieldDefinition[];
  readonly activity: ActivityData;
  readonly resources: ResourceData;
  /** Contacts an integration owns: `PATCH` and `DELETE` on them answer 403. */
  readonly readOnlyContactIds: ReadonlySet<string>;
}
