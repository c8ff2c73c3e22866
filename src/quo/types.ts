/**
 * The Quo v1 contact as the extension sees it after decoding. Mirrors the response schema of
 * `GET /v1/contacts/{id}` (test/sandbox/spec/get-contact-by-id.openapi.yaml).
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

export interface PhoneNumber {
  readonly id: string;
  readonly number: string;
  readonly name: string | null;
}

export interface User {
  readonly id: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
}
