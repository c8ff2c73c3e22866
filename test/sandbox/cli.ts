/**
 * Runs the sandbox from a terminal: `npm run sandbox -- --port 4010 --latency 200 --fail-rate 0.1`.
 * Stops on Ctrl+C (SIGINT) or SIGTERM.
 */

import { parseArgs } from 'node:util';
import { DEFAULT_CONTACT_COUNT, DEFAULT_SEED, WELL_KNOWN } from './generate.js';
import { DEFAULT_KEY, DEFAULT_RATE_LIMIT, startSandbox, type SandboxFaults } from './server.js';

const USAGE = `Usage: npm run sandbox -- [options]

Serves the Quo v1 reads the extension makes and the contact writes (POST /v1/contacts, PATCH and
DELETE /v1/contacts/{id}); writes last until the sandbox stops.

  --port <n>          port to listen on (default 4010; 0 picks a free one)
  --host <addr>       address to listen on (default 127.0.0.1)
  --key <key>         the API key clients must send (default ${DEFAULT_KEY})
  --contacts <n>      how many contacts to generate (default ${DEFAULT_CONTACT_COUNT})
  --seed <n>          seed of the generated workspace (default ${DEFAULT_SEED})
  --rate-limit <n>    requests allowed in any second (default ${DEFAULT_RATE_LIMIT}; 0 turns the limit off)
  --latency <ms>      delay added to every answer
  --fail-rate <0..1>  share of requests answered 500 (evenly spread: 0.1 fails every 10th)
  --fail-body <kind>  body of those 500s: json (default) or html
  --malformed-json    cut every successful body in half
  --wrapped-401       refuse everything with the wrapped 401 shape
  --hang              accept requests and never answer
  --quiet             do not log requests
  --help              show this text`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function number(name: string, text: string | undefined, fallback: number, check: (n: number) => boolean): number {
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) {
    fail(`--${name}: invalid value ${JSON.stringify(text)}`);
  }
  return value;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        key: { type: 'string' },
        contacts: { type: 'string' },
        seed: { type: 'string' },
        'rate-limit': { type: 'string' },
        latency: { type: 'string' },
        'fail-rate': { type: 'string' },
        'fail-body': { type: 'string' },
        'malformed-json': { type: 'boolean' },
        'wrapped-401': { type: 'boolean' },
        hang: { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const args = parsed.values;
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const whole = (n: number): boolean => Number.isInteger(n) && n >= 0;
  const failBody = args['fail-body'] ?? 'json';
  if (failBody !== 'json' && failBody !== 'html') {
    fail(`--fail-body: expected json or html, got ${JSON.stringify(failBody)}`);
  }
  const faults: SandboxFaults = {
    latencyMs: number('latency', args.latency, 0, whole),
    failRate: number('fail-rate', args['fail-rate'], 0, (n) => n >= 0 && n <= 1),
    failBody,
    malformedJson: args['malformed-json'] ?? false,
    wrapped401: args['wrapped-401'] ?? false,
    hang: args.hang ?? false,
  };
  const rateLimit = number('rate-limit', args['rate-limit'], DEFAULT_RATE_LIMIT, whole);
  const quiet = args.quiet ?? false;

  const sandbox = await startSandbox({
    port: number('port', args.port, 4010, (n) => whole(n) && n <= 65535),
    host: args.host ?? '127.0.0.1',
    key: args.key ?? DEFAULT_KEY,
    contacts: number('contacts', args.contacts, DEFAULT_CONTACT_COUNT, whole),
    seed: number('seed', args.seed, DEFAULT_SEED, Number.isInteger),
    rateLimit: rateLimit === 0 ? Infinity : rateLimit,
    faults,
    onRequest: quiet
      ? undefined
      : (entry) => console.log(`${entry.method} ${JSON.stringify(entry.url).slice(1, -1)} -> ${entry.status}`),
  });

  console.log(`Quo sandbox listening on ${sandbox.url}`);
  console.log(`API key: ${sandbox.key}`);
  console.log(`${sandbox.contacts.length} contacts. Try:`);
  console.log(`  curl -H 'Authorization: ${sandbox.key}' ${sandbox.url}/v1/contacts/${WELL_KNOWN.contactId}`);
  console.log(
    `  curl -X PATCH -H 'Authorization: ${sandbox.key}' -H 'Content-Type: application/json' ` +
      `-d '{"defaultFields":{"role":"Poet"}}' ${sandbox.url}/v1/contacts/${WELL_KNOWN.contactId}`,
  );
  console.log(
    `Writes (POST /v1/contacts, PATCH and DELETE /v1/contacts/{id}) last until it stops; ` +
      `${WELL_KNOWN.readOnlyContactId} (an integration's) refuses them with 403.`,
  );
  console.log('Ctrl+C stops it.');

  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
