import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isHostMessage, isPanelMessage, isPanelWebviewState, MAX_MESSAGE_VALUE, oversizedHostMessage } from '../../src/render/panelMessages.js';
import { propertySuite } from './harness.js';

const KEYS = ['type', 'value', 'url', 'callId', 'html', 'contactId', 'workspaceId', 'open', 'scrollY', 'draft', 'session', 'edit', 'problems', '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then'];
const TYPES = ['copy', 'copyJson', 'openLink', 'openInQuo', 'refresh', 'expandCall', 'activity', 'callDetails', 'ready', 'save', 'resumeEdit', 'form', 'formProblems', 'toString', '__proto__', 'constructor', 'hasOwnProperty'];

const KNOWN_TYPES: ReadonlySet<string> = new Set([
  'copy', 'copyJson', 'openLink', 'openInQuo', 'refresh', 'togglePin', 'setApiKey', 'openSettings', 'retry',
  'openInActiveWorkspace', 'ready', 'moreActivity', 'retryActivity', 'expandCall',
  // The edit form's (issue 27).
  'edit', 'delete', 'save', 'cancelEdit', 'overwrite', 'keepTheirs', 'cancelSave', 'tryAgain', 'resumeEdit',
]);

const plainValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...TYPES),
  fc.constantFrom('AC123', 'AC' + 'a'.repeat(64), 'AC' + 'a'.repeat(65), 'x'.repeat(MAX_MESSAGE_VALUE), 'x'.repeat(MAX_MESSAGE_VALUE + 1), ''),
  fc.string({ maxLength: 20 }),
  fc.anything({ maxDepth: 2 }),
);

/** A value whose reading runs code: a getter (some throw), or a proxy whose every trap lies or throws. */
function hostile(fields: ReadonlyArray<readonly [string, unknown]>, style: number): unknown {
  switch (style % 6) {
    case 0:
      return Object.fromEntries(fields);
    case 1: {
      const target: Record<string, unknown> = {};
      for (const [key, value] of fields) {
        Object.defineProperty(target, key, { get: () => value, enumerable: true, configurable: true });
      }
      return target;
    }
    case 2: {
      const target: Record<string, unknown> = {};
      for (const [key] of fields) {
        Object.defineProperty(target, key, { get: () => { throw new Error(`getter ${key}`); }, enumerable: true, configurable: true });
      }
      return target;
    }
    case 3:
      return new Proxy(Object.fromEntries(fields), {
        get: (target, key) => (typeof key === 'string' && key in target ? target[key] : fields[0]?.[1]),
        has: () => true,
      });
    case 4:
      return new Proxy({}, {
        get: () => { throw new Error('proxy get'); },
        has: () => { throw new Error('proxy has'); },
        getPrototypeOf: () => { throw new Error('proxy prototype'); },
        ownKeys: () => { throw new Error('proxy keys'); },
      });
    default: {
      const inherited = Object.create(Object.fromEntries(fields)) as object;
      return style % 12 === 5 ? JSON.parse(`{"__proto__": ${JSON.stringify(Object.fromEntries(fields.filter(([, v]) => typeof v === 'string')))}}`) : inherited;
    }
  }
}

/** Made when read, so that fast-check prints the recipe: printing a throwing getter or proxy would throw. */
class Hostile {
  constructor(
    private readonly fields: ReadonlyArray<readonly [string, unknown]>,
    private readonly style: number,
  ) {}

  make(): unknown {
    return hostile(this.fields, this.style);
  }

  [fc.toStringMethod](): string {
    return `hostile(${fc.stringify(this.fields)}, style ${this.style % 6})`;
  }
}

const message: fc.Arbitrary<unknown> = fc.oneof(
  fc.tuple(fc.array(fc.tuple(fc.constantFrom(...KEYS), plainValue), { maxLength: 6 }), fc.nat()).map(([fields, style]) => new Hostile(fields, style)),
  fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBigInt: true }),
  fc.constantFrom(new Array(1_000_000), new Array(100_000).fill('copy'), Object.assign(new Array(10), { type: 'copy', value: 'x' })),
  fc.constantFrom(Object.create(null) as object, { type: 'copy', value: 'x'.repeat(4 * 1024 * 1024 + 1) }, { type: 'activity', html: 'x'.repeat(4 * 1024 * 1024 + 1) }),
);

propertySuite('Properties: webview messages', [
  {
    name: 'isPanelMessage, isHostMessage and isPanelWebviewState return a boolean and never throw, on getters, proxies, __proto__ keys and huge arrays',
    runs: 3000,
    property: () => fc.property(message, (generated) => {
      const data = generated instanceof Hostile ? generated.make() : generated;
      for (const check of [isPanelMessage, isHostMessage, isPanelWebviewState]) {
        assert.equal(typeof check(data), 'boolean', check.name);
      }
      const oversized = oversizedHostMessage(data);
      assert.ok(oversized === undefined || (typeof oversized === 'object' && oversized !== null));
    }),
  },
  {
    name: 'a message isPanelMessage accepts is a known type, carrying a string of 1 to 8192 characters or a call id where it needs one',
    runs: 3000,
    property: () => fc.property(message, (generated) => {
      const data = generated instanceof Hostile ? generated.make() : generated;
      if (!isPanelMessage(data)) {
        return;
      }
      const fields = data as { type: unknown; value?: unknown; url?: unknown; callId?: unknown };
      assert.ok(typeof fields.type === 'string' && KNOWN_TYPES.has(fields.type), String(fields.type));
      const carried = fields.type === 'copy' ? fields.value : fields.type === 'openLink' ? fields.url : undefined;
      if (carried !== undefined) {
        assert.ok(typeof carried === 'string' && carried.length >= 1 && carried.length <= MAX_MESSAGE_VALUE);
      }
      if (fields.type === 'expandCall') {
        assert.match(String(fields.callId), /^AC[0-9A-Za-z]{1,64}$/);
      }
    }),
  },
]);
