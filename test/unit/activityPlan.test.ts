import assert from 'node:assert/strict';
import { activityResult, spendBudget, startActivity, type ActivitySource } from '../../src/activity/activityLoader.js';
import {
  ACTIVITY_BUDGET,
  contactNumbers,
  planActivity,
  planRequests,
  type ActivityPlan,
  type PlanLine,
  type PlannedRequest,
} from '../../src/activity/activityPlan.js';

const OWNER = 'USowner';
const TEAMMATE = 'USteammate';
const FIELD_AGENT = 'USfield';

/** The fixture: a line shared by the owner and a teammate, one whose only user is not the owner, the owner's own. */
const LINES: readonly PlanLine[] = [
  { id: 'PNshared', number: '+14155550142', users: [{ id: OWNER, role: 'owner' }, { id: TEAMMATE, role: 'admin' }] },
  { id: 'PNfield', number: '+17205550160', users: [{ id: FIELD_AGENT, role: 'member' }] },
  { id: 'PNowner', number: '+13035550199', users: [{ id: OWNER, role: 'owner' }] },
];
const MOBILE = '+14155550123';
const OFFICE = '+14155550100';

type Row = readonly [list: 'messages' | 'calls', lineId: string, participant: string, userId?: string];

function rows(requests: readonly PlannedRequest[]): Row[] {
  return requests.map((request) =>
    request.userId === undefined
      ? [request.list, request.lineId, request.participant]
      : [request.list, request.lineId, request.participant, request.userId],
  );
}

describe('planActivity', () => {
  it('plans exactly these requests for 3 lines and 2 numbers, in spending order', () => {
    const plan = planActivity(LINES, [MOBILE, OFFICE]);
    assert.deepEqual(rows(planRequests(plan)), [
      ['messages', 'PNshared', MOBILE],
      ['calls', 'PNshared', MOBILE],
      ['calls', 'PNshared', MOBILE, TEAMMATE],
      ['messages', 'PNshared', OFFICE],
      ['calls', 'PNshared', OFFICE],
      ['calls', 'PNshared', OFFICE, TEAMMATE],
      ['messages', 'PNfield', MOBILE],
      ['calls', 'PNfield', MOBILE],
      ['calls', 'PNfield', MOBILE, FIELD_AGENT],
      ['messages', 'PNfield', OFFICE],
      ['calls', 'PNfield', OFFICE],
      ['calls', 'PNfield', OFFICE, FIELD_AGENT],
      ['messages', 'PNowner', MOBILE],
      ['calls', 'PNowner', MOBILE],
      ['messages', 'PNowner', OFFICE],
      ['calls', 'PNowner', OFFICE],
    ]);
    assert.ok(plan.size <= ACTIVITY_BUDGET);
    assert.deepEqual(plan.lineIds, ['PNshared', 'PNfield', 'PNowner']);
    assert.deepEqual(plan.numbers, [MOBILE, OFFICE]);
    assert.deepEqual(plan.skippedNumbers, []);
  });

  it('never sends userId on messages, and never the owner as userId', () => {
    const plan = planActivity(LINES, [MOBILE, OFFICE]);
    assert.ok(planRequests(plan).filter((request) => request.list === 'messages').every((request) => request.userId === undefined));
    assert.ok(planRequests(plan).every((request) => request.userId !== OWNER));
  });

  it('follows the lines in the API order and the numbers in their stored order', () => {
    const plan = planActivity([...LINES].reverse(), [OFFICE, MOBILE]);
    assert.deepEqual(plan.lineIds, ['PNowner', 'PNfield', 'PNshared']);
    assert.deepEqual(rows(planRequests(plan).slice(0, 4)), [
      ['messages', 'PNowner', OFFICE],
      ['calls', 'PNowner', OFFICE],
      ['messages', 'PNowner', MOBILE],
      ['calls', 'PNowner', MOBILE],
    ]);
  });

  it('skips numbers that are not E.164, null values and repeats, and keeps what it skipped', () => {
    const plan = planActivity(LINES.slice(2), ['(415) 555-0123', null, MOBILE, MOBILE, '+0123', 'ext 12']);
    assert.deepEqual(plan.numbers, [MOBILE]);
    assert.deepEqual(plan.skippedNumbers, ['(415) 555-0123', '+0123', 'ext 12']);
    assert.deepEqual(rows(planRequests(plan)), [
      ['messages', 'PNowner', MOBILE],
      ['calls', 'PNowner', MOBILE],
    ]);
  });

  it('plans nothing for a contact without a usable number, and no line then counts', () => {
    const plan = planActivity(LINES, [null, 'not a number']);
    assert.deepEqual(planRequests(plan), []);
    assert.deepEqual(plan.lineIds, []);
  });

  it('does not ask a line about its own number, and lists a teammate once however often the line names them', () => {
    const line: PlanLine = {
      id: 'PNx',
      number: MOBILE,
      users: [
        { id: TEAMMATE, role: 'member' },
        { id: TEAMMATE, role: 'member' },
      ],
    };
    assert.deepEqual(rows(planRequests(planActivity([line], [MOBILE, OFFICE]))), [
      ['messages', 'PNx', OFFICE],
      ['calls', 'PNx', OFFICE],
      ['calls', 'PNx', OFFICE, TEAMMATE],
    ]);
  });

  it('asks for each user of a line without an owner, and counts several teammates', () => {
    const line: PlanLine = {
      id: 'PNsupport',
      number: '+16465550177',
      users: [
        { id: 'USa', role: 'member' },
        { id: 'USb', role: 'admin' },
        { id: 'USc', role: 'unknown' },
      ],
    };
    assert.deepEqual(rows(planRequests(planActivity([line], [MOBILE]))), [
      ['messages', 'PNsupport', MOBILE],
      ['calls', 'PNsupport', MOBILE],
      ['calls', 'PNsupport', MOBILE, 'USa'],
      ['calls', 'PNsupport', MOBILE, 'USb'],
      ['calls', 'PNsupport', MOBILE, 'USc'],
    ]);
  });
});

describe('contactNumbers', () => {
  it('keeps the stored order and the spec pattern', () => {
    assert.deepEqual(contactNumbers(['+442079460958', '+1 415 555 0123', '+14155550123', null]), {
      numbers: ['+442079460958', '+14155550123'],
      skipped: ['+1 415 555 0123'],
    });
  });
});

describe('a plan for a large workspace', () => {
  /** The fixture: 1,000 lines, each shared by the owner and 19 teammates; a contact with 3 numbers. */
  const WIDE: readonly PlanLine[] = Array.from({ length: 1000 }, (_, line) => ({
    id: `PNwide${line}`,
    number: `+1303555${String(line).padStart(4, '0')}`,
    users: Array.from({ length: 20 }, (_, user) => ({ id: `USwide${user}`, role: user === 0 ? 'owner' : 'member' })),
  }));
  const NUMBERS = ['+14155550123', '+14155550100', '+16175550131'];

  /** Every array reachable from `value`, by length: what a plan or a progress keeps. */
  function longestArray(value: unknown, seen = new Set<unknown>()): number {
    if (typeof value !== 'object' || value === null || seen.has(value)) {
      return 0;
    }
    seen.add(value);
    const children = value instanceof Map || value instanceof Set ? [...value.values()] : Object.values(value);
    return Math.max(Array.isArray(value) ? value.length : 0, ...children.map((child) => longestArray(child, seen)));
  }

  it('counts 63,000 requests, keeps nothing per request, and makes only the budget’s worth over a spend and many reads', async () => {
    const plan = planActivity(WIDE, NUMBERS);
    assert.ok(longestArray(plan) <= WIDE.length, `the plan keeps per-line data, not a list of ${longestArray(plan)}`);
    assert.equal(plan.size, 1000 * 3 * (2 + 19));
    assert.equal(plan.lineIds.length, 1000);
    let made = 0;
    const counted: ActivityPlan = {
      ...plan,
      request: (index) => {
        made++;
        return plan.request(index);
      },
    };
    const source: ActivitySource = {
      listMessages: () => Promise.resolve({ messages: [], totalItems: 0, nextPageToken: null }),
      listCalls: () => Promise.resolve({ calls: [], totalItems: 0, nextPageToken: null }),
    };
    const start = startActivity(counted);
    assert.equal(made, 0, 'starting makes no request');
    const spent = await spendBudget(source, start, { maxResults: 20 });
    for (let render = 0; render < 100; render++) {
      activityResult(start);
      activityResult(spent);
    }
    assert.ok(made <= ACTIVITY_BUDGET, `${made} requests made`);
    assert.ok(longestArray(spent) <= WIDE.length, 'the progress keeps what was sent, not the plan');
    const result = activityResult(spent);
    assert.deepEqual(
      [result.coverage.requestsPlanned, result.coverage.requestsSent, result.coverage.linesChecked, result.coverage.linesTotal, result.hasMore],
      [63_000, 24, 0, 1000, true],
    );
  });

  it('makes any request on demand exactly as the whole list would have it', () => {
    const plan = planActivity(WIDE, NUMBERS);
    const perLine = 3 * 21;
    assert.deepEqual(plan.request(0), { list: 'messages', lineId: 'PNwide0', participant: NUMBERS[0] });
    assert.deepEqual(plan.request(perLine * 500 + 21 + 1), { list: 'calls', lineId: 'PNwide500', participant: NUMBERS[1] });
    assert.deepEqual(plan.request(plan.size - 1), {
      list: 'calls',
      lineId: 'PNwide999',
      participant: NUMBERS[2],
      userId: 'USwide19',
    });
    assert.equal(plan.request(plan.size), undefined);
    assert.equal(plan.request(-1), undefined);
  });
});
