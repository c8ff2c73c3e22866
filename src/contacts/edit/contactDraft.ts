/**
 * A contact as the edit form holds it: what the user is typing, beside the version of the contact it started from.
 * Plain data (it is posted between the panel and its page, and kept in the page's state across a reload): no
 * classes, no functions.
 */
import type { CustomFieldType } from '../../quo/types.js';

/** One email or phone number row. `id` is Quo's item id; a row the user added has none. */
export interface DraftItem {
  readonly id?: string;
  /** The label ("work", "mobile"). */
  readonly name: string;
  /** As typed; phone numbers are read in `quo.defaultCountry` and saved as E.164. */
  readonly value: string;
}

/** One custom field, by its definition's key. Values as the form holds them. */
export type DraftCustomValue =
  | { readonly type: 'string' | 'address' | 'url'; readonly value: string }
  | { readonly type: 'number'; readonly value: string }
  | { readonly type: 'boolean'; readonly value: boolean | null }
  /** `YYYY-MM-DD` as an `<input type="date">` gives it, or '' for none. */
  | { readonly type: 'date'; readonly value: string }
  | { readonly type: 'multi-select'; readonly value: readonly string[] };

export interface DraftCustomField {
  /** The definition's key (what PATCH sends); the name is for the label. */
  readonly key: string;
  readonly name: string;
  readonly field: DraftCustomValue;
  /** The contact's own item for this field, when it has one: PATCH names it beside the key. */
  readonly id?: string;
}

export interface ContactDraft {
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string;
  readonly role: string;
  readonly emails: readonly DraftItem[];
  readonly phoneNumbers: readonly DraftItem[];
  readonly customFields: readonly DraftCustomField[];
}

/** Where a draft's field is, for marking a problem at it: `firstName`, `emails.1.value`, `customFields.<key>`. */
export type DraftPath = string;

/** Something wrong with what the user typed, or what Quo said of it, at a field. */
export interface DraftProblem {
  readonly path: DraftPath;
  /** A sentence for the user. */
  readonly message: string;
}

/** What the form is editing: the draft, and the contact (its `updatedAt`) it started from. */
export interface EditSession {
  readonly contactId: string;
  /** The contact's `updatedAt` when the form opened: a different one on Save means a teammate changed it. */
  readonly baseUpdatedAt: string;
  readonly base: ContactDraft;
  readonly draft: ContactDraft;
}

/** The custom field definitions the form offers (`GET /v1/contact-custom-fields`). */
export interface FieldDefinition {
  readonly key: string;
  readonly name: string;
  readonly type: CustomFieldType;
}
