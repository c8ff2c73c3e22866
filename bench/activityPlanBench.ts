/**
 * What reading a contact's activity costs a hover or a render in a wide workspace (the 1,000 lines of 20
 * users, a contact with three numbers: 63,000 planned requests): the median time of activityResult after the first
 * budget, when nothing is sent. It must not grow with the workspace, since it runs on the extension host.
 */
import { activityResult, spendBudget, startActivity, type ActivitySource } from '../src/activity/activityLoader.js';
import { planActivity } from '../src/activity/activityPlan.js';
import { wideWorkspace } from './inputs.js';
import { below, median, round, type Figure } from './measure.js';

const LINES = 1000;
const USERS = 20;
const READS = 2000;

/** Answers every list with an empty page at once: the figure is about the host's own work. */
const EMPTY: ActivitySource = {
  listMessages: () => Promise.resolve({ messages: [], totalItems: 0, nextPageToken: null }),
  listCalls: () => Promise.resolve({ calls: [], totalItems: 0, nextPageToken: null }),
};

export async function activityPlanTime(): Promise<Figure> {
  const { lines, numbers } = wideWorkspace(LINES, USERS);
  const planStarted = performance.now();
  const plan = planActivity(lines, numbers);
  const start = startActivity(plan);
  const planMs = performance.now() - planStarted;
  const progress = await spendBudget(EMPTY, start, { maxResults: 20 });
  const samples: number[] = [];
  let planned = 0;
  for (let read = 0; read < READS; read++) {
    const started = performance.now();
    planned = activityResult(progress).coverage.requestsPlanned;
    samples.push(performance.now() - started);
  }
  return {
    name: 'activity_plan_ms',
    value: round(median(samples), 4),
    unit: 'ms',
    target: below(5),
    note:
      `median of ${READS} activityResult reads after one budget; ${LINES} lines × ${USERS} users, ` +
      `${numbers.length} numbers, ${planned} requests planned; planning it once: ${round(planMs, 1)} ms`,
  };
}
