/**
 * A contact's activity: how many list requests its plan costs for the fixture (three lines: one shared by
 * the owner and a teammate, one whose only user is not the owner, the owner's own; a contact with two numbers), and
 * how long the whole plan takes to answer against the sandbox at Quo's 10 requests a second.
 */
import { activityResult, spendBudget, startActivity } from '../src/activity/activityLoader.js';
import { ACTIVITY_BUDGET, planActivity } from '../src/activity/activityPlan.js';
import { QuoClient } from '../src/quo/client.js';
import { RateLimiter } from '../src/quo/rateLimiter.js';
import type { PhoneNumber } from '../src/quo/types.js';
import { ACTIVITY, LINE_IDS, WELL_KNOWN } from '../test/sandbox/generate.js';
import { startSandbox } from '../test/sandbox/server.js';
import { atMost, REPORTED, round, type Figure } from './measure.js';

/** The sandbox lines that make the fixture, and the fixture contact's numbers (Ada's). */
const FIXTURE_LINES: readonly string[] = [LINE_IDS.main, LINE_IDS.field, LINE_IDS.direct];
const FIXTURE_NUMBERS = [WELL_KNOWN.phone, WELL_KNOWN.sharedPhone];

function fixtureLines(lines: readonly PhoneNumber[]): PhoneNumber[] {
  return lines.filter((line) => FIXTURE_LINES.includes(line.id));
}

export async function activityFigures(): Promise<Figure[]> {
  const sandbox = await startSandbox({ contacts: 20 });
  try {
    const limiter = new RateLimiter({ maxPerWindow: 10 });
    const client = new QuoClient({ baseUrl: sandbox.url, apiKey: sandbox.key, limiter });
    const whole = async (lineFilter: (lines: readonly PhoneNumber[]) => readonly PhoneNumber[]) => {
      const started = performance.now();
      const lines = lineFilter(await client.listPhoneNumbers({ priority: 'activity' }));
      let progress = startActivity(planActivity(lines, FIXTURE_NUMBERS));
      let spends = 0;
      while (activityResult(progress).hasMore) {
        progress = await spendBudget(client, progress, { maxResults: 20 });
        spends++;
      }
      return { ms: performance.now() - started, result: activityResult(progress), spends };
    };
    const fixture = await whole(fixtureLines);
    const planned = fixture.result.coverage.requestsPlanned;
    // Quiet seconds between the two runs, so the second does not start against a full window.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    sandbox.resetStats();
    const everyLine = await whole((lines) => lines);
    const refused = sandbox.stats.byStatus[429] ?? 0;
    return [
      {
        name: 'activity_requests',
        value: planned,
        unit: 'requests',
        target: atMost(ACTIVITY_BUDGET),
        note:
          '3 lines × 2 numbers: messages and calls per pair, plus calls per teammate; ' +
          `${fixture.result.items.length} items found`,
      },
      {
        name: 'activity_ms',
        value: round(fixture.ms, 0),
        unit: 'ms',
        target: REPORTED,
        note:
          `the lines and ${fixture.result.coverage.requestsSent} lists at 10 requests/s against the sandbox; every ` +
          `sandbox line for the same contact (${everyLine.result.coverage.requestsSent} lists in ${everyLine.spends} ` +
          `budgets of ${ACTIVITY_BUDGET}, ${everyLine.result.coverage.linesChecked} lines, one of them 403): ` +
          `${round(everyLine.ms, 0)} ms; ${refused} answers were 429 (contact ${ACTIVITY.historyContactId})`,
      },
    ];
  } finally {
    await sandbox.close();
  }
}
