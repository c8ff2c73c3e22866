// What the UI suite adds to the stock sandbox and demo workspace: a contact whose id, found by a user pattern,
// holds percent escapes that would turn into different command arguments if a link were decoded once too often; and,
// for the English run, the integration suite's mentions folder (Ada written five ways).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/paths.js';
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

/**
 * test/fixtures/workspace/mentions/, as the integration suite has it: Ada's id in a JSON payload, her national number
 * in a note, her E.164 number in a log, her address in a ticket and her link in Markdown. Copied into the demo
 * workspace under the same folder name (the suite's own scratch files there are left out).
 */
export const MENTIONS = {
  payload: 'mentions/payload.json',
  /** The note names her as `(415) 555-0123`, on line 3. */
  note: 'mentions/call-notes.md',
  noteNumber: '(415) 555-0123',
  files: ['payload.json', 'call-notes.md', 'app.log', 'ticket.txt', 'links.md'] as const,
};

export function mentionsFiles(): ReadonlyMap<string, string> {
  const folder = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'mentions');
  return new Map(MENTIONS.files.map((name) => [`mentions/${name}`, readFileSync(path.join(folder, name), 'utf8')]));
}
