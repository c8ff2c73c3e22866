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
}
