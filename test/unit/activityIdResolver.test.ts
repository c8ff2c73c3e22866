import assert from 'node:assert/strict';
import { ActivityIdResolver, isActivityId, type ActivityRecordSource, type Fetched } from '../../src/activity/activityIdResolver.js';
import { QuoError } from '../../src/quo/errors.js';
import type { Call, Message } from '../../src/quo/types.js';
import { FakeClock, flushPromises } from './fakeClock.js';

const CALL_ID = `ACca11${'0'.repeat(27)}1`;
const MESSAGE_ID = `AC5e55${'0'.repeat(27)}1`;
const TWILIO_ID = 'AC0123456789abcdef0123456789abcdef';
const TTL = 10 * 60_000;

const CALL = { id: CALL_ID } as Call;
const MESSAGE = { id: MESSAGE_ID } as Message;

/** Answers like Quo: a call id only from /calls, a message id only from /messages; counts every request. */
class FakeQuo implements ActivityRecordSource {
  readonly sent: string[] = [];
  calls = new Map<string, Fetched<Call>>([[CALL_ID, { kind: 'found', value: CALL }]]);
  messages = new Map<string, Fetched<Message>>([[MESSAGE_ID, { kind: 'found', value: MESSAGE }]]);
  failWith: Error | undefined;
  gate: Promise<void> | undefined;

  async call(id: string, options: { readonly signal: AbortSignal }): Promise<Fetched<Call>> {
    this.sent.push(`calls/${id}`);
    await this.gate;
    options.signal.throwIfAborted();
    if (this.failWith !== undefined) throw this.failWith;
    return this.calls.get(id) ?? { kind: 'not-found' };
  }

  async message(id: string, options: { readonly signal: AbortSignal }): Promise<Fetched<Message>> {
    this.sent.push(`messages/${id}`);
    await this.gate;
    options.signal.throwIfAborted();
    if (this.failWith !== undefined) throw this.failWith;
    return this.messages.get(id) ?? { kind: 'not-found' };
  }
}

function setUp(): { quo: FakeQuo; clock: FakeClock; resolver: ActivityIdResolver } {
  const quo = new FakeQuo();
  const clock = new FakeClock();
  const resolver = new ActivityIdResolver(quo, { ttlMs: () => TTL, clock });
  return { quo, clock, resolver };
}

describe('ActivityIdResolver', () => {
  it('asks calls first: a call costs one request, a message two', async () => {
    const { quo, resolver } = setUp();
    assert.deepEqual(await resolver.resolve(CALL_ID), { kind: 'call', call: CALL });
    assert.deepEqual(quo.sent, [`calls/${CALL_ID}`]);
    quo.sent.length = 0;
    assert.deepEqual(await resolver.resolve(MESSAGE_ID), { kind: 'message', message: MESSAGE });
    assert.deepEqual(quo.sent, [`calls/${MESSAGE_ID}`, `messages/${MESSAGE_ID}`]);
  });

  it('keeps answers for the cache period, without a request', async () => {
    const { quo, clock, resolver } = setUp();
    await resolver.resolve(MESSAGE_ID);
    quo.sent.length = 0;
    assert.deepEqual(resolver.fresh(MESSAGE_ID), { kind: 'message', message: MESSAGE });
    assert.deepEqual(await resolver.resolve(MESSAGE_ID), { kind: 'message', message: MESSAGE });
    await clock.advance(TTL - 1);
    await resolver.resolve(MESSAGE_ID);
    assert.deepEqual(quo.sent, []);
    await clock.advance(1);
    assert.equal(resolver.fresh(MESSAGE_ID), undefined);
  });

  it('remembers which endpoint answered: a message asked again after the period costs one request', async () => {
    const { quo, clock, resolver } = setUp();
    await resolver.resolve(MESSAGE_ID);
    await clock.advance(TTL);
    quo.sent.length = 0;
    assert.deepEqual(await resolver.resolve(MESSAGE_ID), { kind: 'message', message: MESSAGE });
    assert.deepEqual(quo.sent, [`messages/${MESSAGE_ID}`]);
  });

  it('costs at most two requests per cache period for an id that is neither (a Twilio account id)', async () => {
    const { quo, clock, resolver } = setUp();
    for (let i = 0; i < 5; i++) {
      assert.deepEqual(await resolver.resolve(TWILIO_ID), { kind: 'not-found' });
    }
    assert.deepEqual(quo.sent, [`calls/${TWILIO_ID}`, `messages/${TWILIO_ID}`]);
    await clock.advance(TTL / 2);
    await Promise.all(Array.from({ length: 10 }, () => resolver.resolve(TWILIO_ID)));
    assert.equal(quo.sent.length, 2, 'still within the period');
    await clock.advance(TTL / 2);
    await resolver.resolve(TWILIO_ID);
    assert.equal(quo.sent.length, 4, 'two more in the next period');
  });

  it('lets concurrent asks share one resolution', async () => {
    const { quo, resolver } = setUp();
    let open: () => void = () => undefined;
    quo.gate = new Promise((resolve) => (open = resolve));
    const asks = Array.from({ length: 20 }, () => resolver.resolve(TWILIO_ID));
    await flushPromises();
    open();
    for (const answer of await Promise.all(asks)) {
      assert.deepEqual(answer, { kind: 'not-found' });
    }
    assert.equal(quo.sent.length, 2);
  });

  it('says forbidden when Quo has it but the key may not see it, and tries messages after a 403 on calls', async () => {
    const { quo, resolver } = setUp();
    quo.calls.set(TWILIO_ID, { kind: 'forbidden' });
    assert.deepEqual(await resolver.resolve(TWILIO_ID), { kind: 'forbidden' });
    assert.equal(quo.sent.length, 2);
    quo.calls.set(MESSAGE_ID, { kind: 'forbidden' });
    assert.deepEqual(await resolver.resolve(MESSAGE_ID), { kind: 'message', message: MESSAGE });
  });

  it('keeps nothing of a failure (offline, a 500): the next ask asks again', async () => {
    const { quo, resolver } = setUp();
    quo.failWith = new QuoError({ kind: 'network', message: 'offline' });
    await assert.rejects(resolver.resolve(CALL_ID), (error: unknown) => error instanceof QuoError && error.kind === 'network');
    assert.equal(resolver.fresh(CALL_ID), undefined);
    quo.failWith = undefined;
    assert.deepEqual(await resolver.resolve(CALL_ID), { kind: 'call', call: CALL });
    assert.equal(quo.sent.length, 2);
  });

  it('is cancelled with its caller, and forgets everything on clear()', async () => {
    const { quo, resolver } = setUp();
    const controller = new AbortController();
    quo.gate = new Promise(() => undefined);
    const asked = resolver.resolve(CALL_ID, { signal: controller.signal });
    controller.abort();
    await assert.rejects(asked, (error: unknown) => error instanceof QuoError && error.kind === 'cancelled');
    quo.gate = undefined;
    await resolver.resolve(MESSAGE_ID);
    resolver.clear();
    assert.equal(resolver.fresh(MESSAGE_ID), undefined);
    quo.sent.length = 0;
    await resolver.resolve(MESSAGE_ID);
    assert.deepEqual(quo.sent, [`calls/${MESSAGE_ID}`, `messages/${MESSAGE_ID}`], 'the kind is forgotten too');
  });

  it('knows the shape of an id', () => {
    assert.ok(isActivityId(CALL_ID));
    assert.ok(isActivityId(TWILIO_ID));
    assert.ok(!isActivityId('AC0123'));
    assert.ok(!isActivityId('ac0123456789abcdef0123456789abcdef'));
    assert.ok(!isActivityId(`${TWILIO_ID}0123`));
  });
});
