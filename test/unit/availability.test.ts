import assert from 'node:assert/strict';
import { QuoError } from '../../src/quo/errors.js';
import {
  AVAILABILITY_KINDS,
  classifyFailure,
  nextAvailability,
  type Availability,
  type AvailabilityEvent,
  type AvailabilityEventType,
  type AvailabilityKind,
} from '../../src/connection/availability.js';
import { availabilityCopy } from '../../src/connection/availabilityCopy.js';

const STATES: Record<AvailabilityKind, Availability> = {
  starting: { kind: 'starting' },
  'no-key': { kind: 'no-key' },
  'bad-config': { kind: 'bad-config', message: 'quo.apiBaseUrl must use https.' },
  ready: { kind: 'ready' },
  'key-invalid': { kind: 'key-invalid', reason: 'The API key contains a line break at position 5.' },
  'key-refused': { kind: 'key-refused' },
  offline: { kind: 'offline', cause: 'Quo did not answer in time.' },
  'rate-limited': { kind: 'rate-limited', until: Date.UTC(2026, 11, 1, 14, 5) },
};

const OFFLINE_FAILURE = { kind: 'offline', cause: 'Could not reach Quo: ECONNREFUSED.' } as const;

const EVENTS: Record<string, AvailabilityEvent> = {
  'key-loaded': { type: 'key-loaded' },
  'key-cleared': { type: 'key-cleared' },
  'key-invalid': { type: 'key-invalid', reason: 'The API key contains a space at position 3.' },
  'settings-invalid': { type: 'settings-invalid', message: 'quo.apiBaseUrl is not a valid URL.' },
  'request-succeeded': { type: 'request-succeeded' },
  'request-failed (key refused)': { type: 'request-failed', failure: { kind: 'key-refused' } },
  'request-failed (offline)': { type: 'request-failed', failure: OFFLINE_FAILURE },
  'request-failed (rate limited)': { type: 'request-failed', failure: { kind: 'rate-limited' } },
};

/**
 * The expected state after each event, written out per state (not computed, so the test cannot share a bug with the
 * transition function). `=` means the state stays as it was; a kind means that state (with the event's payload).
 */
type Cell = '=' | AvailabilityKind;
const COLUMNS = Object.keys(EVENTS);
const TABLE: Record<AvailabilityKind, readonly Cell[]> = {
  //             loaded   cleared   invalid        settings      succeeded  refused        offline    rate limited
  starting: ['ready', 'no-key', 'key-invalid', 'bad-config', 'ready', 'key-refused', 'offline', 'rate-limited'],
  'no-key': ['ready', 'no-key', 'key-invalid', '=', '=', '=', '=', '='],
  'bad-config': ['ready', 'no-key', 'key-invalid', 'bad-config', '=', '=', '=', '='],
  ready: ['ready', 'no-key', 'key-invalid', 'bad-config', 'ready', 'key-refused', 'offline', 'rate-limited'],
  'key-invalid': ['ready', 'no-key', 'key-invalid', '=', '=', '=', '=', '='],
  'key-refused': ['ready', 'no-key', 'key-invalid', 'bad-config', 'ready', 'key-refused', 'offline', 'rate-limited'],
  offline: ['ready', 'no-key', 'key-invalid', 'bad-config', 'ready', 'key-refused', 'offline', 'rate-limited'],
  'rate-limited': ['ready', 'no-key', 'key-invalid', 'bad-config', 'ready', 'key-refused', 'offline', 'rate-limited'],
};

function expected(state: Availability, event: AvailabilityEvent, cell: Cell): Availability {
  if (cell === '=') {
    return state;
  }
  switch (cell) {
    case 'key-invalid':
      return { kind: 'key-invalid', reason: (event as { reason: string }).reason };
    case 'bad-config':
      return { kind: 'bad-config', message: (event as { message: string }).message };
    case 'key-refused':
    case 'offline':
    case 'rate-limited':
      return (event as { failure: Availability }).failure;
    default:
      return { kind: cell };
  }
}

describe('Availability: every state × every event', () => {
  it('covers every state and every event type', () => {
    assert.deepEqual(Object.keys(STATES).sort(), [...AVAILABILITY_KINDS].sort());
    const types: AvailabilityEventType[] = ['key-loaded', 'key-cleared', 'key-invalid', 'settings-invalid', 'request-succeeded', 'request-failed'];
    assert.deepEqual([...new Set(Object.values(EVENTS).map((event) => event.type))].sort(), types.sort());
  });

  it('has a row for every state and a column for every event', () => {
    assert.deepEqual(Object.keys(TABLE).sort(), [...AVAILABILITY_KINDS].sort());
    for (const row of Object.values(TABLE)) {
      assert.equal(row.length, COLUMNS.length);
    }
  });

  for (const [kind, state] of Object.entries(STATES) as [AvailabilityKind, Availability][]) {
    COLUMNS.forEach((name, column) => {
      const event = EVENTS[name];
      const cell = TABLE[kind][column];
      it(`${kind} + ${name} → ${cell === '=' ? kind : cell}`, () => {
        assert.deepEqual(nextAvailability(state, event), expected(state, event, cell));
      });
    });
  }

  it('spells out the rows that matter most', () => {
    assert.deepEqual(nextAvailability(STATES.offline, EVENTS['request-succeeded']), { kind: 'ready' });
    assert.deepEqual(nextAvailability(STATES['key-refused'], EVENTS['request-succeeded']), { kind: 'ready' });
    assert.deepEqual(nextAvailability(STATES['no-key'], EVENTS['settings-invalid']), { kind: 'no-key' }, 'no key is the fix first');
    assert.deepEqual(nextAvailability(STATES.ready, EVENTS['settings-invalid']).kind, 'bad-config');
    assert.deepEqual(nextAvailability(STATES['bad-config'], EVENTS['request-failed (offline)']).kind, 'bad-config');
  });
});

describe('classifyFailure: the only mapping from an error to the connection', () => {
  const KEY = 'sk_live_SECRET123';
  const redact = (text: string): string => text.split(KEY).join('‹redacted›');
  const http = (status: number): QuoError => new QuoError({ kind: 'http', status, message: `HTTP ${status}` });

  it('a 401 refuses the key, a 429 rate limits, network and timeout mean offline', () => {
    assert.deepEqual(classifyFailure(http(401), redact), { kind: 'key-refused' });
    assert.deepEqual(classifyFailure(http(429), redact), { kind: 'rate-limited' });
    assert.deepEqual(classifyFailure(new QuoError({ kind: 'network', message: 'Could not reach Quo (ECONNREFUSED).' }), redact), {
      kind: 'offline',
      cause: 'Could not reach Quo (ECONNREFUSED).',
    });
    assert.deepEqual(classifyFailure(new QuoError({ kind: 'timeout', message: 'x' }), redact), {
      kind: 'offline',
      cause: 'Quo did not answer in time.',
    });
  });

  it('leaves every other failure to the request that met it', () => {
    for (const status of [400, 402, 403, 404, 409, 500, 502, 503]) {
      assert.equal(classifyFailure(http(status), redact), undefined, String(status));
    }
    assert.equal(classifyFailure(new QuoError({ kind: 'decode', message: 'bad' }), redact), undefined);
    assert.equal(classifyFailure(new QuoError({ kind: 'cancelled', message: 'gone' }), redact), undefined);
    assert.equal(classifyFailure(new QuoError({ kind: 'config', message: 'bad url' }), redact), undefined);
    assert.equal(classifyFailure(new Error('not ours'), redact), undefined);
  });

  it('carries when Quo said to retry', () => {
    const error = new QuoError({ kind: 'http', status: 429, message: 'HTTP 429', retryAt: 1_800_000_000_000 });
    assert.deepEqual(classifyFailure(error, redact), { kind: 'rate-limited', until: 1_800_000_000_000 });
  });

  it('redacts the key from the cause', () => {
    const failure = classifyFailure(new QuoError({ kind: 'network', message: `fetch failed for ${KEY}` }), redact);
    assert.ok(failure?.kind === 'offline');
    assert.doesNotMatch(failure.cause, /SECRET123/);
    assert.doesNotMatch(availabilityCopy(failure).detail, /SECRET123/);
  });
});

describe('The copy table', () => {
  for (const state of Object.values(STATES)) {
    it(`has words for ${state.kind}`, () => {
      const copy = availabilityCopy(state, { time: () => '14:05' });
      assert.ok(copy.title.length > 0 && copy.detail.length > 0 && copy.icon.length > 0);
      assert.equal(copy.action === undefined, copy.actionLabel === undefined, 'an action has a label');
    });
  }

  it('hides the status bar item exactly when nothing needs fixing there', () => {
    const hidden = Object.values(STATES)
      .filter((state) => availabilityCopy(state).statusBar === 'hidden')
      .map((state) => state.kind)
      .sort();
    assert.deepEqual(hidden, ['no-key', 'ready', 'starting']);
  });

  it('says until when Quo said when', () => {
    assert.equal(availabilityCopy(STATES['rate-limited'], { time: () => '14:05' }).title, 'Rate limited by Quo until 14:05');
    assert.equal(availabilityCopy({ kind: 'rate-limited' }).title, 'Rate limited by Quo');
  });

  it('names the setting, not the key, for bad settings', () => {
    const copy = availabilityCopy(STATES['bad-config']);
    assert.match(copy.detail, /quo\.apiBaseUrl/);
    assert.doesNotMatch(`${copy.title} ${copy.detail}`, /API key/);
    assert.equal(copy.action, 'openSettings');
  });
});
