// A sample workspace of code, notes and logs that mention sandbox contacts by id, phone number and email, the way
// a real support or CRM-integration repository does. Written fresh from the sandbox's contacts on every start, so
// the ids always exist there. Used by `npm start` and the UI tests (whose screenshots go into the README).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ACTIVITY, HOSTILE_IDS, WELL_KNOWN } from '../sandbox/generate.js';
import type { ApiContact } from '../sandbox/wire.js';

export interface DemoWorkspace {
  readonly dir: string;
  /** Relative path (with `/`) to contents, as written. */
  readonly files: ReadonlyMap<string, string>;
}

/** 1-based line and column of the first occurrence of `text` in a file, as "Go to Line/Column" takes them. */
export function positionOf(workspace: DemoWorkspace, file: string, text: string): { line: number; column: number } {
  const contents = workspace.files.get(file);
  if (contents === undefined) throw new Error(`${file} is not part of the demo workspace`);
  const index = contents.indexOf(text);
  if (index < 0) throw new Error(`${JSON.stringify(text)} does not occur in ${file}`);
  const before = contents.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1) as string).length + 1 };
}

function name(contact: ApiContact): string {
  const { firstName, lastName, company } = contact.defaultFields;
  return [firstName, lastName].filter((part) => part !== null && part !== '').join(' ') || company || 'Unnamed';
}

function phone(contact: ApiContact): string | undefined {
  return contact.defaultFields.phoneNumbers.find((p) => p.value !== null)?.value ?? undefined;
}

function email(contact: ApiContact): string | undefined {
  return contact.defaultFields.emails.find((e) => e.value !== null)?.value ?? undefined;
}

/** Ordinary generated people with a phone and an email, after the fixed contacts. */
function ordinaryPeople(contacts: readonly ApiContact[]): ApiContact[] {
  const fixed = new Set<string>([WELL_KNOWN.contactId, WELL_KNOWN.falsyContactId, WELL_KNOWN.thirdContactId, ...Object.values(HOSTILE_IDS)]);
  return contacts.filter(
    (c) => !fixed.has(c.id) && c.defaultFields.firstName !== null && c.defaultFields.company !== null && phone(c) !== undefined && email(c) !== undefined,
  );
}

export function demoFiles(contacts: readonly ApiContact[]): Map<string, string> {
  const people = ordinaryPeople(contacts);
  if (people.length < 6) throw new Error('the demo workspace needs a sandbox with at least 6 ordinary contacts (use the default 300)');
  const [p1, p2, p3, p4, p5, p6] = people as [ApiContact, ApiContact, ApiContact, ApiContact, ApiContact, ApiContact];
  const ada = WELL_KNOWN.contactId;
  const files = new Map<string, string>();

  files.set(
    'README.md',
    `# Support tooling (Quo Contacts demo)

Hover any 24-character contact id in these files to see who it is, or put the cursor on one and run
**Quo: Open Contact**. Every id belongs to the local sandbox that \`npm start\` runs, not to a real Quo workspace.

- \`src/escalations.ts\`: who gets paged for which account
- \`scripts/sync_contacts.py\`: a CRM sync job with hard-coded test contacts
- \`notes/\`: call notes in Markdown
- \`logs/webhooks.log\`: webhook deliveries, with Quo call and message ids (\`AC…\`) to hover
`,
  );

  files.set(
    'src/escalations.ts',
    `// Escalation contacts per key account. Values are Quo contact ids (hover one).
export interface Escalation {
  readonly account: string;
  readonly primary: string;
  readonly backup?: string;
}

export const ESCALATIONS: readonly Escalation[] = [
  { account: 'Analytical Engines', primary: '${ada}', backup: '${WELL_KNOWN.falsyContactId}' },
  { account: ${JSON.stringify(p1.defaultFields.company)}, primary: '${p1.id}', backup: '${p2.id}' },
  { account: ${JSON.stringify(p3.defaultFields.company)}, primary: '${p3.id}' },
];

/** The on-call lead when nobody else answers: ${name(p4)}. */
export const FALLBACK_CONTACT_ID = '${p4.id}';

export function escalationFor(account: string): Escalation | undefined {
  return ESCALATIONS.find((e) => e.account === account);
}
`,
  );

  files.set(
    'scripts/sync_contacts.py',
    `"""Nightly CRM -> Quo sync. The ids below are sandbox contacts used as smoke-test fixtures."""
import os

QUO_API = os.environ.get("QUO_API_BASE", "https://api.quo.com")

SMOKE_TEST_CONTACTS = [
    "${ada}",  # must always resolve
    "${p5.id}",
    "${p6.id}",
]

# Numbers that route to the support line; see contact ${p2.id}
SUPPORT_NUMBERS = ["${phone(p2)}", "${WELL_KNOWN.sharedPhone}"]


def should_skip(contact_id: str) -> bool:
    # ${WELL_KNOWN.missingContactId} was deleted in Quo; the CRM still has it.
    return contact_id == "${WELL_KNOWN.missingContactId}"
`,
  );

  files.set(
    'notes/2025-11-14-call-notes.md',
    `# Call notes, 14 November

## Analytical Engines renewal
Spoke with Ada Lovelace (${ada}, ${WELL_KNOWN.phone}). She wants the renewal quote by Friday
and a second seat for Mary Somerville: https://my.quo.com/contacts/${WELL_KNOWN.thirdContactId}

## ${p1.defaultFields.company}
- ${name(p1)} (${p1.id}) reported the billing issue again; reach them at ${email(p1)}.
- Follow up with ${p3.id} about the pilot. Their number: ${phone(p3)}.

## To do
- [ ] Send ${name(p5)} the onboarding guide (${email(p5)})
- [ ] Ask ${p6.id} whether ${phone(p6)} is still their best number
`,
  );

  files.set(
    'notes/security-review.md',
    `# Security review: hostile contact data

Contacts whose fields try to inject markup or commands. Hover them: every value must show as plain text.

| what | contact id |
| --- | --- |
| \`<img onerror>\` in the name | ${HOSTILE_IDS.imgTag} |
| \`<script>\` in the name | ${HOSTILE_IDS.scriptTag} |
| a \`command:\` link in the name | ${HOSTILE_IDS.commandLink} |
| \`javascript:\` URLs | ${HOSTILE_IDS.javascriptUrl} |
| right-to-left override | ${HOSTILE_IDS.rightToLeft} |
| control characters | ${HOSTILE_IDS.controlCharacters} |
`,
  );

  files.set(
    'logs/webhooks.log',
    [
      `2025-11-14T09:12:03.114Z INFO  contact.updated id=${ada} phone=${WELL_KNOWN.phone}`,
      `2025-11-14T09:12:03.552Z INFO  message.received from=${phone(p1)} contact=${p1.id}`,
      `2025-11-14T09:12:04.870Z WARN  retrying contact.updated id=${p4.id} attempt=2`,
      `2025-11-14T09:12:05.016Z INFO  call.completed contact=${p2.id} duration=312s`,
      // Quo's call and message ids: hover one for the call or message and the contact it was with.
      `2025-11-14T09:12:05.377Z INFO  call.completed id=${ACTIVITY.summarizedCallId} duration=754s`,
      `2025-11-14T16:42:00.512Z INFO  message.received id=${ACTIVITY.latestMessageId} from=${WELL_KNOWN.phone}`,
      `2025-11-14T09:13:44.001Z ERROR contact.lookup id=${WELL_KNOWN.missingContactId} status=404`,
      `2025-11-14T09:14:10.230Z INFO  contact.created id=${p6.id} email=${email(p6)}`,
      '',
    ].join('\n'),
  );
  return files;
}

/** Writes the workspace into `dir`, replacing whatever was there; `extraFiles` are a suite's own additions. */
export function writeDemoWorkspace(
  dir: string,
  contacts: readonly ApiContact[],
  extraFiles: ReadonlyMap<string, string> = new Map(),
): DemoWorkspace {
  const files = new Map([...demoFiles(contacts), ...extraFiles]);
  rmSync(dir, { recursive: true, force: true });
  for (const [relative, contents] of files) {
    const file = path.join(dir, ...relative.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
  return { dir, files };
}
