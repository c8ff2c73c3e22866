import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ACTIVITY_BUDGET, planActivity, planRequests, type PlanLine } from '../../src/activity/activityPlan.js';
import { propertySuite } from './harness.js';

const number = fc.oneof(
  fc.stringMatching(/^\+1[2-9]\d{9}$/),
  fc.constantFrom('+14155550100', '+14155550101', '+442079460958', '+1', '415-555-0100', '', '+0123', '+1415555010012345'),
);
const user = fc.record({ id: fc.constantFrom('US1', 'US2', 'US3', 'USowner', '__proto__'), role: fc.constantFrom('owner', 'admin', 'member', 'unknown') as fc.Arbitrary<'owner'> });
const line: fc.Arbitrary<PlanLine> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 6 }).map((id) => `PN${id}`),
  number,
  users: fc.array(user, { maxLength: 6 }),
});
const lines = fc.uniqueArray(line, { maxLength: 40, selector: (one) => one.id });
const values = fc.array(fc.option(number, { nil: null }), { maxLength: 8 });

propertySuite('Properties: activity planning', [
  {
    name: 'a plan holds no duplicate request, no participant equal to the line’s own number, and no userId on messages',
    runs: 1500,
    property: () => fc.property(lines, values, (planLines, contactValues) => {
      const plan = planActivity(planLines, contactValues);
      const requests = planRequests(plan);
      assert.equal(requests.length, plan.size);
      assert.equal(plan.request(plan.size), undefined);
      assert.equal(new Set(requests.map((request) => JSON.stringify(request))).size, requests.length);
      const own = new Map(planLines.map((planLine) => [planLine.id, planLine.number]));
      for (const request of requests) {
        assert.notEqual(request.participant, own.get(request.lineId));
        assert.ok(plan.numbers.includes(request.participant));
        if (request.list === 'messages') {
          assert.equal('userId' in request, false);
        }
      }
    }),
  },
  {
    name: 'one budget makes at most ACTIVITY_BUDGET requests, the plan’s first ones',
    runs: 1500,
    property: () => fc.property(lines, values, fc.integer({ min: 0, max: 200 }), (planLines, contactValues, from) => {
      const plan = planActivity(planLines, contactValues);
      const spent = planRequests(plan, from, from + ACTIVITY_BUDGET);
      assert.ok(spent.length <= ACTIVITY_BUDGET);
      assert.deepEqual(spent, planRequests(plan).slice(from, from + ACTIVITY_BUDGET));
    }),
  },
  {
    name: 'planning costs one pass over lines, users and numbers, and each request made costs a binary search, counted by an injected counter',
    runs: 300,
    property: () => fc.property(
      fc.integer({ min: 0, max: 3000 }),
      fc.array(user, { maxLength: 4 }),
      values,
      fc.integer({ min: 0, max: 60 }),
      (count, users, contactValues, made) => {
        // Many lines (a big shared workspace) of which a budget asks a few: planning must not list every request.
        const planLines: PlanLine[] = Array.from({ length: count }, (_, i) => ({ id: `PN${i}`, number: `+1650555${String(i).padStart(4, '0')}`, users }));
        let work = 0;
        const plan = planActivity(planLines, contactValues, { countWork: (units) => (work += units) });
        const planning = work;
        const numbers = contactValues.length;
        assert.ok(planning <= contactValues.length + count * (1 + numbers + users.length), `planning cost ${planning}`);
        work = 0;
        planRequests(plan, 0, made);
        const perRequest = Math.ceil(Math.log2(plan.lineIds.length + 1)) + 1;
        assert.ok(work <= Math.min(made, plan.size) * perRequest, `${Math.min(made, plan.size)} requests cost ${work}`);
      },
    ),
  },
]);
