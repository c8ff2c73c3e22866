// What the UI suite adds to the stock sandbox and demo workspace: a contact whose id, found by a user pattern,
// holds percent escapes that would turn into different command arguments if a link were decoded once too often.
import type { ApiContact } from '../sandbox/wire.js';

export const PERCENT_ENCODED = {
  /** Decoded twice, `["QT-7%22%2C%22QT-8"]` would read `["QT-7","QT-8"]`: Open Contact of a contact that does not exist. */
  id: 'QT-7%22%2C%22QT-8',
  firstName: 'Percival',
  lastName: 'Escapes',
  pattern: '\\b(QT-[A-Za-z0-9%-]+)',
  file: 'notes/percent-ids.md',
  files: new Map([['notes/percent-ids.md', '# Legacy CRM ids\n\nImported from the old ticket system: QT-7%22%2C%22QT-8 (see the migration).\n']]),
} as const;

export function percentEncodedContact(): ApiContact {
  const at = '2024-03-01T12:00:00.000Z';
  return {
    id: PERCENT_ENCODED.id,
    externalId: null,
    source: 'public-api',
    sourceUrl: null,
    defaultFields: {
      firstName: PERCENT_ENCODED.firstName,
      lastName: PERCENT_ENCODED.lastName,
      company: 'Legacy Imports',
      role: null,
      emails: [],
      phoneNumbers: [],
    },
    customFields: [],
    createdAt: at,
    updatedAt: at,
    createdByUserId: 'USIuCvIPKd',
  };
}
