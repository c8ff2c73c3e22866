import type { Contact } from '../../src/quo/types.js';

export interface ContactSpec {
  readonly first?: string | null;
  readonly last?: string | null;
  readonly company?: string | null;
  readonly role?: string | null;
  readonly phones?: readonly string[];
  readonly emails?: readonly string[];
}

/** A contact as the decoder produces it, with only what a test sets. */
export function makeContact(id: string, spec: ContactSpec = {}): Contact {
  return {
    id,
    externalId: null,
    source: null,
    sourceUrl: null,
    defaultFields: {
      firstName: spec.first ?? null,
      lastName: spec.last ?? null,
      company: spec.company ?? null,
      role: spec.role ?? null,
      phoneNumbers: (spec.phones ?? []).map((value) => ({ name: 'mobile', value })),
      emails: (spec.emails ?? []).map((value) => ({ name: 'work', value })),
    },
    customFields: [],
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    createdByUserId: 'US1',
  };
}

/** A 24-hex id made from a number, so tests can write `hexId(1)`. */
export function hexId(n: number): string {
  return n.toString(16).padStart(24, '0');
}
