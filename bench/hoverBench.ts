/**
 * The hover: its own work on a cached contact (find the id around the cursor, read what the workspace knows of it in
 * one pass, build the card), and how many requests a burst of hovers on one unknown id costs.
 */
import { WorkspaceContacts } from '../src/contacts/workspaceContacts.js';
import { QuoClient } from '../src/quo/client.js';
import { noKeyError } from '../src/quo/errors.js';
import { silentLogger } from '../src/quo/log.js';
import type { Contact } from '../src/quo/types.js';
import { RateLimiter } from '../src/quo/rateLimiter.js';
import { WELL_KNOWN } from '../test/sandbox/generate.js';
import { startSandbox } from '../test/sandbox/server.js';
import { decodedContacts, hoverLines, SEED } from './inputs.js';
import { below, exactly, quantile, round, type Figure } from './measure.js';

const RUNS = 10_000;
const WARM_UP = 2_000;

function workspaceContacts(client: () => QuoClient): WorkspaceContacts {
  return new WorkspaceContacts({
    client,
    unavailable: noKeyError,
    fingerprint: undefined,
    cacheTtlMs: () => 10 * 60_000,
    refreshMs: () => 0,
    defaultCountry: 'US',
    readOnly: () => true,
    log: silentLogger,
  });
}

export async function hoverHit(): Promise<Figure> {
  // Loaded here, not at the top: the detector and renderers may be mid-change, and then only this figure is lost.
  const { createDetector } = await import('../src/detect/detector.js');
  const { renderHoverMarkdown } = await import('../src/render/hoverMarkdown.js');
  const { openContactCommandUri } = await import('../src/commands/commandUris.js');
  const contacts = decodedContacts(2_000, SEED);
  // The workspace's store, filled the way hovers fill it: each contact asked once, here from memory.
  const byId = new Map(contacts.map((contact) => [contact.id, contact]));
  const memory = { getContact: async (id: string): Promise<Contact | undefined> => byId.get(id) } as unknown as QuoClient;
  const store = workspaceContacts(() => memory);
  await Promise.all(contacts.map((contact) => store.ask(contact.id)));
  const { detector } = createDetector();
  const lines = hoverLines(
    contacts.map((contact) => contact.id),
    500,
    SEED,
  );
  let rendered = 0;
  const hover = (line: string, column: number): void => {
    const found = detector.findAt(line, column);
    if (!found) {
      throw new Error(`no id found at column ${column} of: ${line}`);
    }
    const known = store.know(found.id);
    if (known.kind !== 'fresh') {
      throw new Error(`contact ${found.id} is not cached`);
    }
    rendered += renderHoverMarkdown(known.contact, { openCommandUri: openContactCommandUri(found.id) }).length;
  };
  for (let i = 0; i < WARM_UP; i++) {
    const { line, column } = lines[i % lines.length];
    hover(line, column);
  }
  const samples: number[] = new Array<number>(RUNS);
  for (let i = 0; i < RUNS; i++) {
    const { line, column } = lines[i % lines.length];
    const started = performance.now();
    hover(line, column);
    samples[i] = performance.now() - started;
  }
  return {
    name: 'hover_hit_p99_ms',
    value: round(quantile(samples, 0.99), 4),
    unit: 'ms',
    target: below(0.2),
    note: `p50 ${round(quantile(samples, 0.5), 4)} ms over ${RUNS} hovers on 200-character lines (${round(rendered / (RUNS + WARM_UP), 0)} characters of markdown each)`,
  };
}

export async function hoverMiss(): Promise<Figure> {
  const sandbox = await startSandbox({ contacts: 50 });
  try {
    const client = new QuoClient({
      baseUrl: sandbox.url,
      apiKey: sandbox.key,
      limiter: new RateLimiter({ maxPerWindow: 10 }),
    });
    const store = workspaceContacts(() => client);
    const id = WELL_KNOWN.contactId;
    const results = await Promise.all(Array.from({ length: 100 }, () => store.resolve(id)));
    const found = results.filter((result) => result.kind === 'found').length;
    return {
      name: 'hover_miss_requests',
      value: sandbox.stats.byRoute.getContact,
      unit: 'requests',
      target: exactly(1),
      note: `100 concurrent lookups, ${found} found`,
    };
  } finally {
    await sandbox.close();
  }
}
