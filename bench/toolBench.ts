/**
 * The lookup tool on a 20-thing text (ten contact ids, five national phone numbers, five emails) against the sandbox,
 * at Quo's 10 requests a second: in a fresh workspace session (the contact list is listed first, then the ids are
 * asked), and again once everything is known. Reported, not a target: the API's pace sets it.
 */
import { lookUpText } from '../src/chat/lookupInText.js';
import { findContactPoints } from '../src/detect/contactPoints.js';
import { createDetector } from '../src/detect/detector.js';
import { contactsOfActivity } from '../src/session/activityContacts.js';
import { WorkspaceSession } from '../src/session/workspaceSession.js';
import { startSandbox } from '../test/sandbox/server.js';
import { apiKey, LOG, settingsFor } from '../test/unit/sessionFixtures.js';
import { REPORTED, round, type Figure } from './measure.js';


/** `+14155550123` as a person writes it in a note: `(415) 555-0123`. */
function national(e164: string): string {
  const digits = e164.slice(2);
  return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
}

export async function toolLookupTime(): Promise<Figure> {
  const sandbox = await startSandbox({ contacts: 500 });
  const session = new WorkspaceSession(apiKey(sandbox.key, 'bench'), settingsFor(sandbox), LOG);
  try {
    session.open();
    const contacts = sandbox.contacts;
    const withPhone = contacts.filter((contact) => contact.defaultFields.phoneNumbers.some((phone) => phone.value?.startsWith('+1')));
    const withEmail = contacts.filter((contact) => contact.defaultFields.emails.some((email) => email.value?.includes('@')));
    const lines = [
      ...contacts.slice(20, 30).map((contact) => `contact ${contact.id} called in`),
      ...withPhone.slice(40, 45).map((contact) => `callback ${national(contact.defaultFields.phoneNumbers[0]?.value ?? '')}`),
      ...withEmail.slice(60, 65).map((contact) => `cc ${contact.defaultFields.emails[0]?.value ?? ''}`),
    ];
    const text = lines.join('\n');
    const deps = {
      session,
      detector: createDetector().detector,
      defaultCountry: 'US',
      findContactPoints: (written: string, country: string) => findContactPoints(written, { defaultCountry: country }),
      contactsOfActivity,
    };
    const signal = new AbortController().signal;
    let started = performance.now();
    const cold = await lookUpText(deps, text, signal);
    const coldMs = performance.now() - started;
    started = performance.now();
    await lookUpText(deps, text, signal);
    const warmMs = performance.now() - started;
    const named = cold.found.filter((item) => 'contacts' in item && item.contacts.length > 0).length;
    return {
      name: 'tool_lookup_ms',
      value: round(coldMs, 0),
      unit: 'ms',
      target: REPORTED,
      note:
        `${cold.found.length} things (10 ids, 5 national numbers, 5 emails), ${named} named, in a fresh session: the list of ` +
        `${contacts.length} contacts (${sandbox.stats.byRoute.listContacts ?? 0} pages) then ${sandbox.stats.byRoute.getContact ?? 0} ` +
        `contact requests at 10/s; again once known: ${round(warmMs, 2)} ms`,
    };
  } finally {
    session.dispose();
    await sandbox.close();
  }
}
