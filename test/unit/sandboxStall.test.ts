import assert from 'node:assert/strict';
import { request } from 'node:http';
import { WELL_KNOWN } from '../sandbox/generate.js';
import { startSandbox } from '../sandbox/server.js';

describe('sandbox stallBody fault', () => {
  it('sends the 200 status, headers and half the body, then nothing until closed', async () => {
    const sandbox = await startSandbox({ contacts: 10, faults: { stallBody: true, routes: ['getContact'] } });
    try {
      const url = new URL(`/v1/contacts/${WELL_KNOWN.contactId}`, sandbox.url);
      const { status, declared, received, ended } = await new Promise<{
        status: number | undefined;
        declared: number;
        received: Promise<number>;
        ended: Promise<'ended' | 'closed'>;
      }>((resolve, reject) => {
        const req = request(url, { headers: { Authorization: sandbox.key } }, (res) => {
          let bytes = 0;
          let settle: (value: number) => void = () => undefined;
          const received = new Promise<number>((r) => (settle = r));
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            // Give the rest a moment to (not) arrive.
            setTimeout(() => settle(bytes), 100);
          });
          const ended = new Promise<'ended' | 'closed'>((r) => {
            res.on('end', () => r('ended'));
            res.on('close', () => r('closed'));
            res.on('error', () => r('closed'));
          });
          resolve({ status: res.statusCode, declared: Number(res.headers['content-length']), received, ended });
        });
        req.on('error', reject);
        req.end();
      });
      assert.equal(status, 200);
      const bytes = await received;
      assert.ok(bytes > 0 && bytes < declared, `${bytes} of ${declared} bytes`);
      // Other routes are out of the fault's scope and answer in full.
      const list = await fetch(`${sandbox.url}/v1/contact-custom-fields`, { headers: { Authorization: sandbox.key } });
      assert.equal(list.status, 200);
      assert.ok(Array.isArray(((await list.json()) as { data: unknown }).data));
      await sandbox.close();
      assert.equal(await ended, 'closed');
    } finally {
      await sandbox.close();
    }
  });
});
