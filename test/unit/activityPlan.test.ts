import assert from 'node:assert/strict';
import { ACTIVITY_BUDGET, contactNumbers, planActivity, type PlanLine, type PlannedRequest } from '../../src/activity/activityPlan.js';

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
    assert.deepEqual(rows(plan.requests), [
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
    assert.ok(plan.requests.length <= ACTIVITY_BUDGET);
    assert.deepEqual(plan.lineIds, ['PNshared', 'PNfield', 'PNowner']);
    assert.deepEqual(plan.numbers, [MOBILE, OFFICE]);
    assert.deepEqual(plan.skippedNumbers, []);
  });

  it('never sends userId on messages, and never the owner as userId', () => {
    const plan = planActivity(LINES, [MOBILE, OFFICE]);
    assert.ok(plan.requests.filter((request) => request.list === 'messages').every((request) => request.userId === undefined));
    assert.ok(plan.requests.every((request) => request.userId !== OWNER));
  });

  it('follows the lines in the API order and the numbers in their stored order', () => {
    const plan = planActivity([...LINES].reverse(), [OFFICE, MOBILE]);
    assert.deepEqual(plan.lineIds, ['PNowner', 'PNfield', 'PNshared']);
    assert.deepEqual(rows(plan.requests.slice(0, 4)), [
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
    assert.deepEqual(rows(plan.requests), [
      ['messages', 'PNowner', MOBILE],
      ['calls', 'PNowner', MOBILE],
    ]);
  });

  it('plans nothing for a contact without a usable number, and no line then counts', () => {
    const plan = planActivity(LINES, [null, 'not a number']);
    assert.deepEqual(plan.requests, []);
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
    assert.deepEqual(rows(planActivity([line], [MOBILE, OFFICE]).requests), [
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
    assert.deepEqual(rows(planActivity([line], [MOBILE]).requests), [
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
