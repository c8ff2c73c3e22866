/**
 * A log with 200 distinct contact ids on screen in a workspace of 5,000 contacts, at Quo's real limit (10 requests a
 * second, enforced by the sandbox): the requests and the time until every inline name shows, with the editor's own
 * passes (NameFiller, a redraw on every answer). Asked one by one this was 200 requests and 20 s; listing the
 * workspace is 100.
 */
import { NameFiller } from '../src/contacts/nameFill.js';
import { WorkspaceSession } from '../src/session/workspaceSession.js';
import { startSandbox } from '../test/sandbox/server.js';
import { apiKey, LOG, settingsFor } from '../test/unit/sessionFixtures.js';
import { atMost, REPORTED, round, type Figure } from './measure.js';

const CONTACTS = 5_000;
const ON_SCREEN = 200;
/** The editor's own bound on ids asked in one pass (src/editor/inlineNames.ts). */
const ASKS_PER_PASS = 50;

export async function screenFill(): Promise<Figure[]> {
  const sandbox = await startSandbox({ contacts: CONTACTS, rateLimit: 10 });
  const session = new WorkspaceSession(apiKey(sandbox.key, 'A'), settingsFor(sandbox), LOG);
  session.open();
  try {
    const screen = sandbox.contacts.filter((_, index) => index % 25 === 0).slice(0, ON_SCREEN).map((contact) => contact.id);
    const filler = new NameFiller();
    const started = performance.now();
    let choice = '';
    for (;;) {
      const fill = filler.fill(session.contacts, screen, ASKS_PER_PASS);
      choice ||= fill.choice;
      if (!fill.waiting) {
        break;
      }
      // The editor redraws on each answer and on each page of the list: waiting for either is the same pass.
      await new Promise<void>((resolve) => {
        const done = (): void => {
          resolved.dispose();
          listed.dispose();
          resolve();
        };
        const resolved = session.contacts.onDidResolve(done);
        const listed = session.contacts.onDidChangeList(done);
      });
    }
    const seconds = (performance.now() - started) / 1000;
    const stats = sandbox.stats;
    const note = `${ON_SCREEN} ids among ${CONTACTS} contacts: first pass chose "${choice}"; ${stats.byRoute.listContacts ?? 0} list pages, ${stats.byRoute.getContact ?? 0} contact requests, ${stats.byStatus[429] ?? 0} answered 429`;
    return [
      { name: 'screen_fill_requests', value: stats.total, unit: 'requests', target: atMost(100), note },
      { name: 'screen_fill_s', value: round(seconds, 2), unit: 's', target: REPORTED, note },
    ];
  } finally {
    session.dispose();
    await sandbox.close();
  }
}
