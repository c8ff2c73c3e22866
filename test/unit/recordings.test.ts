/**
 * A call's recordings and voicemail in its expanded row (issue 29): which addresses are downloaded at all, what the
 * row says in every state, what a Play button names, and the download itself against a local storage host: never
 * with an Authorization header, bounded in size (declared or read) and time, audio only.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiKey } from '../../src/auth/apiKey.js';
import { downloadAudio, MAX_AUDIO_BYTES } from '../../src/quo/audioDownload.js';
import { silentLogger, type RedactingLog } from '../../src/quo/log.js';
import type { CallRecording, CallVoicemail } from '../../src/quo/resourceTypes.js';
import type { CallDetailPart } from '../../src/render/activityHtml.js';
import { messageForAction } from '../../src/render/panelMessages.js';
import { audioAddress, recordingAddresses, renderRecordings } from '../../src/render/recordingsHtml.js';
import { WorkspaceSession } from '../../src/session/workspaceSession.js';
import type { Settings } from '../../src/settings/settingsPolicy.js';
import { ACTIVITY, RESOURCES } from '../sandbox/generate.js';
import { HOSTILE_TRANSCRIPT, mediaBytes } from '../sandbox/resources.js';
import { startSandbox } from '../sandbox/server.js';
import { parseHtmlFragment, type Dom } from './htmlDom.js';

const CALL = ACTIVITY.summarizedCallId;

function segment(overrides: Partial<CallRecording> = {}): CallRecording {
  return {
    id: 'CRseg00001',
    url: 'https://media.quo.example/recordings/CRseg00001.mp3',
    type: 'audio/mpeg',
    duration: 125,
    status: 'completed',
    startTime: '2025-11-12T15:00:12.000Z',
    ...overrides,
  };
}

function voicemail(overrides: Partial<CallVoicemail> = {}): CallVoicemail {
  return {
    status: 'completed',
    transcript: 'Call me back when the tables print.',
    recordingUrl: 'https://media.quo.example/voicemails/VM1.mp3',
    duration: 23,
    id: 'VM1',
    ...overrides,
  };
}

const NONE: CallDetailPart<CallVoicemail> = { kind: 'not-found' };
const NO_RECORDINGS: CallDetailPart<readonly CallRecording[]> = { kind: 'found', value: [] };

function rendered(
  recordings: CallDetailPart<readonly CallRecording[]>,
  vm: CallDetailPart<CallVoicemail> = NONE,
  loopbackAllowed = false,
): Dom {
  return parseHtmlFragment(renderRecordings(CALL, recordings, vm, loopbackAllowed));
}

/** No script, handler, link or frame anywhere: what any state must hold to. */
function assertNoActiveContent(dom: Dom, what: string): void {
  for (const element of dom.elements) {
    assert.ok(!['script', 'iframe', 'a', 'img', 'svg', 'object', 'embed', 'style'].includes(element.tag), `${what}: <${element.tag}>`);
    for (const name of element.attrNames) {
      assert.ok(!/^on/i.test(name), `${what}: ${name} on <${element.tag}>`);
    }
    assert.equal(element.attrs['src'], undefined, `${what}: a src in the page`);
  }
}

describe('recordings (issue 29)', () => {
  describe('audioAddress', () => {
    it('plays https, anywhere', () => {
      for (const url of ['https://media.quo.example/a.mp3', 'HTTPS://Media.Quo.Example/a.mp3?sig=x%20y', 'https://127.0.0.1:8443/a.wav']) {
        const address = audioAddress(url, false);
        assert.equal(address?.kind, 'playable', url);
        assert.equal(address?.kind === 'playable' ? address.url : '', new URL(url).toString());
      }
    });

    it('refuses http on any other host, even when loopback is allowed', () => {
      for (const url of ['http://media.quo.example/a.mp3', 'http://localhost.evil.example/a', 'http://127.0.0.1.nip.io/a', 'http://10.0.0.1/a']) {
        for (const allowed of [false, true]) {
          const address = audioAddress(url, allowed);
          assert.equal(address?.kind, 'refused', `${url} ${allowed}`);
          assert.match(address?.kind === 'refused' ? address.why : '', /not https/);
        }
      }
    });

    it('plays loopback http only when allowed (the bundled sandbox)', () => {
      for (const url of ['http://127.0.0.1:4010/media/a.wav', 'http://localhost:4010/a.wav', 'http://[::1]:4010/a.wav']) {
        assert.equal(audioAddress(url, true)?.kind, 'playable', url);
        assert.equal(audioAddress(url, false)?.kind, 'refused', url);
      }
    });

    it('refuses what is not a web address, and has nothing to say while there is none', () => {
      for (const url of ['not a url', '/recordings/a.mp3', 'recordings/a.mp3', '//media.quo.example/a.mp3', 'https://', 'http://[::1']) {
        const address = audioAddress(url, true);
        assert.equal(address?.kind, 'refused', url);
        assert.match(address?.kind === 'refused' ? address.why : '', /cannot be read/, url);
      }
      for (const url of ['javascript:alert(1)', 'data:audio/wav;base64,AAAA', 'file:///etc/passwd', 'ftp://media.quo.example/a.mp3', 'blob:https://x/y']) {
        assert.equal(audioAddress(url, true)?.kind, 'refused', url);
      }
      assert.equal(audioAddress(null, true), undefined);
      assert.equal(audioAddress('', true), undefined);
    });
  });

  describe('renderRecordings', () => {
    it('says a plan without recordings has none, with no button', () => {
      const dom = rendered({ kind: 'forbidden' });
      assert.match(dom.text, /Recordings are not part of this workspace’s plan/);
      assert.equal(dom.withAttr('data-action').length, 0);
    });

    it('says why loading failed, the message escaped', () => {
      const dom = rendered({ kind: 'error', message: '<img src=x onerror=alert(1)> timed out' });
      assertNoActiveContent(dom, 'error');
      assert.match(dom.text, /The recording could not be loaded: <img src=x onerror=alert\(1\)> timed out/);
    });

    it('says a segment is still processing', () => {
      const dom = rendered({ kind: 'found', value: [segment({ url: null, duration: null, status: 'processing' })] });
      assert.match(dom.text, /The recording is still processing/);
      assert.equal(dom.withAttr('data-action').length, 0);
      assert.equal(dom.one('h4').text, 'Recording', 'no length while there is none');
    });

    it('says a segment whose address is not https is not downloaded', () => {
      const dom = rendered({ kind: 'found', value: [segment({ url: 'http://media.quo.example/a.wav' })] }, NONE, true);
      assert.match(dom.text, /This recording cannot be played here: its address is not https, so it is not downloaded\./);
      assert.equal(dom.withAttr('data-action').length, 0);
      assert.ok(!dom.text.includes('media.quo.example'), 'the address is not shown');
    });

    it('gives a playable segment a Play button naming it, an audio element without source, and a status line', () => {
      const dom = rendered({ kind: 'found', value: [segment()] });
      const [button] = dom.withAttr('data-action', 'playRecording');
      assert.ok(button);
      assert.equal(button.tag, 'button');
      assert.equal(button.attrs['data-value'], `${CALL}:0`);
      assert.equal(button.attrs['type'], 'button');
      const audio = dom.one('audio');
      assert.equal(audio.attrs['data-recording'], `${CALL}:0`);
      assert.ok('hidden' in audio.attrs);
      assert.equal(audio.attrs['preload'], 'none');
      assert.equal(audio.attrs['src'], undefined, 'nothing is downloaded until Play');
      assert.equal(dom.withAttr('data-recording-problem', `${CALL}:0`).length, 1);
      assert.equal(dom.one('h4').text, 'Recording · 2:05');
      assert.ok(!renderRecordings(CALL, { kind: 'found', value: [segment()] }, NONE, false).includes('media.quo.example'), 'no address in the page');
    });

    it('numbers the parts of a recording in several segments, each with its own reference', () => {
      const dom = rendered({
        kind: 'found',
        value: [segment(), segment({ id: 'CRseg00002', duration: 3_725 }), segment({ id: 'CRseg00003', url: null, duration: null })],
      });
      assert.deepEqual(
        dom.all('h4').map((h) => h.text),
        ['Recording, part 1 · 2:05', 'Recording, part 2 · 1:02:05', 'Recording, part 3'],
      );
      assert.deepEqual(
        dom.withAttr('data-action', 'playRecording').map((b) => b.attrs['data-value']),
        [`${CALL}:0`, `${CALL}:1`],
      );
    });

    it('shows a voicemail with its transcript escaped, and a Play button of its own', () => {
      const dom = rendered(NO_RECORDINGS, { kind: 'found', value: voicemail({ transcript: HOSTILE_TRANSCRIPT }) });
      assertNoActiveContent(dom, 'voicemail');
      assert.equal(dom.one('h4').text, 'Voicemail · 0:23');
      const transcript = dom.elements.find((e) => e.attrs['class']?.includes('voicemail-transcript'));
      assert.equal(transcript?.text, HOSTILE_TRANSCRIPT);
      assert.deepEqual(
        dom.withAttr('data-action', 'playRecording').map((b) => [b.attrs['data-value'], b.text]),
        [[`${CALL}:vm`, 'Play voicemail']],
      );
    });

    it('keeps a multi-line transcript in one paragraph, and leaves out an empty one', () => {
      const dom = rendered(NO_RECORDINGS, { kind: 'found', value: voicemail({ transcript: 'one\ntwo\r\n<b>three</b>' }) });
      assertNoActiveContent(dom, 'multiline');
      assert.match(dom.text, /one\s*two\s*<b>three<\/b>/);
      for (const transcript of [null, '', '   \n ']) {
        const none = rendered(NO_RECORDINGS, { kind: 'found', value: voicemail({ transcript }) });
        assert.equal(none.elements.filter((e) => e.attrs['class']?.includes('voicemail-transcript')).length, 0, JSON.stringify(transcript));
        assert.equal(none.withAttr('data-action', 'playRecording').length, 1);
      }
    });

    it('says a voicemail is still processing, or cannot be played, transcript still shown', () => {
      const processing = rendered(NO_RECORDINGS, { kind: 'found', value: voicemail({ recordingUrl: null, duration: null, status: 'in-progress' }) });
      assert.match(processing.text, /The voicemail is still processing/);
      assert.equal(processing.one('h4').text, 'Voicemail');
      const plain = rendered(NO_RECORDINGS, { kind: 'found', value: voicemail({ recordingUrl: 'http://media.quo.example/vm.wav' }) });
      assert.match(plain.text, /This voicemail cannot be played here: its address is not https/);
      assert.match(plain.text, /tables print/);
      assert.equal(plain.withAttr('data-action').length, 0);
    });

    it('shows nothing for a call with neither, and no voicemail when there is none or it is forbidden', () => {
      assert.equal(renderRecordings(CALL, NO_RECORDINGS, NONE, false), '');
      assert.equal(renderRecordings(CALL, { kind: 'not-found' }, { kind: 'forbidden' }, false), '');
      assert.doesNotMatch(rendered({ kind: 'found', value: [segment()] }, { kind: 'error', message: 'x' }).text, /Voicemail/);
    });

    it('names a hostile call id in attributes only as text', () => {
      const html = renderRecordings('AC"><script>alert(1)</script>', { kind: 'found', value: [segment()] }, NONE, false);
      const dom = parseHtmlFragment(html);
      assertNoActiveContent(dom, 'call id');
      assert.equal(dom.one('button').attrs['data-value'], 'AC"><script>alert(1)</script>:0');
    });

    it('gives only buttons whose value the panel accepts', () => {
      const recordings: CallDetailPart<readonly CallRecording[]> = {
        kind: 'found',
        value: Array.from({ length: 12 }, (_, i) => segment({ id: `CRseg${i}` })),
      };
      const dom = rendered(recordings, { kind: 'found', value: voicemail() });
      const buttons = dom.withAttr('data-action', 'playRecording');
      assert.equal(buttons.length, 13);
      for (const button of buttons) {
        const value = button.attrs['data-value'] ?? null;
        assert.deepEqual(messageForAction('playRecording', value), { type: 'playRecording', value }, String(value));
      }
    });
  });

  describe('recordingAddresses', () => {
    it('maps each Play button to its address, and nothing else', () => {
      const recordings: CallDetailPart<readonly CallRecording[]> = {
        kind: 'found',
        value: [
          segment(),
          segment({ url: null }),
          segment({ url: 'http://media.quo.example/plain.wav' }),
          segment({ url: 'https://media.quo.example/b.mp3' }),
          segment({ url: 'http://127.0.0.1:4010/media/c.wav' }),
        ],
      };
      const vm: CallDetailPart<CallVoicemail> = { kind: 'found', value: voicemail() };
      assert.deepEqual(
        [...recordingAddresses(CALL, recordings, vm, false)],
        [
          [`${CALL}:0`, 'https://media.quo.example/recordings/CRseg00001.mp3'],
          [`${CALL}:3`, 'https://media.quo.example/b.mp3'],
          [`${CALL}:vm`, 'https://media.quo.example/voicemails/VM1.mp3'],
        ],
      );
      assert.equal(recordingAddresses(CALL, recordings, vm, true).get(`${CALL}:4`), 'http://127.0.0.1:4010/media/c.wav');
      const page = parseHtmlFragment(renderRecordings(CALL, recordings, vm, true));
      assert.deepEqual(
        page.withAttr('data-action', 'playRecording').map((b) => b.attrs['data-value']),
        [...recordingAddresses(CALL, recordings, vm, true).keys()],
        'the buttons and the addresses agree',
      );
    });

    it('is empty when nothing can be played', () => {
      assert.equal(recordingAddresses(CALL, { kind: 'forbidden' }, NONE, true).size, 0);
      assert.equal(recordingAddresses(CALL, { kind: 'error', message: 'x' }, { kind: 'found', value: voicemail({ recordingUrl: null }) }, true).size, 0);
    });
  });
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A storage host on 127.0.0.1 whose answer each test sets; it remembers the headers and whether the client hung up. */
class StorageHost {
  private server: Server | undefined;
  handler: Handler = (_req, res) => res.end();
  readonly headers: IncomingHttpHeaders[] = [];
  readonly closedEarly: boolean[] = [];
  base = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.headers.push(req.headers);
      const index = this.closedEarly.push(false) - 1;
      res.on('close', () => {
        if (!res.writableFinished) {
          this.closedEarly[index] = true;
        }
      });
      this.handler(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(probe: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !probe(); i++) {
    await sleep(5);
  }
  assert.ok(probe(), what);
}

describe('downloadAudio (issue 29)', function () {
  this.timeout(10_000);
  const host = new StorageHost();
  const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => i % 256));

  beforeEach(async () => {
    host.headers.length = 0;
    host.closedEarly.length = 0;
    await host.start();
  });
  afterEach(() => host.stop());

  it('caps at 25 MB by default', () => {
    assert.equal(MAX_AUDIO_BYTES, 25 * 1024 * 1024);
  });

  it('returns the audio as a data: URL, and sends no Authorization header or cookie', async () => {
    host.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': String(bytes.length) });
      res.end(bytes);
    };
    const result = await downloadAudio(`${host.base}/a.wav`, { timeoutMs: 2_000, maxBytes: 300 });
    assert.deepEqual(result, { kind: 'audio', dataUrl: `data:audio/wav;base64,${bytes.toString('base64')}`, bytes: 300 });
    assert.equal(host.headers.length, 1);
    assert.equal(host.headers[0]?.authorization, undefined);
    assert.equal(host.headers[0]?.cookie, undefined);
  });

  it('refuses where a redirect ended when that address is not allowed (https to http), follows one that is', async () => {
    host.handler = (req, res) => {
      if (req.url === '/start') {
        res.writeHead(302, { Location: `${host.base.replace('127.0.0.1', 'localhost')}/plain` });
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'audio/wav' });
      res.end(bytes);
    };
    const onlyFirstHost = (url: string): boolean => url.startsWith(host.base);
    const refused = await downloadAudio(`${host.base}/start`, { timeoutMs: 2_000, maxBytes: 1_000, allowed: onlyFirstHost });
    assert.deepEqual(refused, { kind: 'failed', reason: 'network' });
    const followed = await downloadAudio(`${host.base}/start`, { timeoutMs: 2_000, maxBytes: 1_000, allowed: () => true });
    assert.equal(followed.kind, 'audio');
  });

  it('drops the type’s parameters and reads it in lower case', async () => {
    host.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'Audio/MPEG; charset=binary' });
      res.end(bytes);
    };
    const result = await downloadAudio(`${host.base}/a.mp3`, { timeoutMs: 2_000, maxBytes: 1_000 });
    assert.equal(result.kind === 'audio' ? result.dataUrl.slice(0, 23) : result.kind, 'data:audio/mpeg;base64,');
  });

  it('refuses a Content-Length over the cap without reading the body', async () => {
    host.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': '1000' });
      res.write(bytes.subarray(0, 10));
      // The rest never comes: a client that read on would time out instead.
    };
    const started = Date.now();
    assert.deepEqual(await downloadAudio(`${host.base}/big.wav`, { timeoutMs: 3_000, maxBytes: 999 }), { kind: 'failed', reason: 'too-large' });
    assert.ok(Date.now() - started < 1_500, `${Date.now() - started} ms`);
    await until(() => host.closedEarly[0] === true, 'the connection was given up');
  });

  it('takes a Content-Length of exactly the cap', async () => {
    host.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': String(bytes.length) });
      res.end(bytes);
    };
    const result = await downloadAudio(`${host.base}/a.wav`, { timeoutMs: 2_000, maxBytes: bytes.length });
    assert.equal(result.kind, 'audio');
  });

  it('cuts a chunked body that grows past the cap, and hangs up', async () => {
    host.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'audio/wav' });
      const timer = setInterval(() => {
        if (res.destroyed) {
          clearInterval(timer);
          return;
        }
        res.write(bytes.subarray(0, 50));
      }, 5);
      res.on('close', () => clearInterval(timer));
    };
    assert.deepEqual(await downloadAudio(`${host.base}/endless.wav`, { timeoutMs: 5_000, maxBytes: 120 }), { kind: 'failed', reason: 'too-large' });
    await until(() => host.closedEarly[0] === true, 'the connection was given up');
  });

  it('cuts a chunked body past the cap even when it all arrives at once', async () => {
    host.handler = (req) => {
      req.socket.write(`HTTP/1.1 200 OK\r\nContent-Type: audio/wav\r\nTransfer-Encoding: chunked\r\n\r\n`);
      for (let i = 0; i < 10; i++) {
        req.socket.write(`32\r\n${'x'.repeat(50)}\r\n`);
      }
      req.socket.end('0\r\n\r\n');
    };
    assert.deepEqual(await downloadAudio(`${host.base}/liar.wav`, { timeoutMs: 2_000, maxBytes: 200 }), { kind: 'failed', reason: 'too-large' });
  });

  it('times out when the host never answers, and when the body stalls', async () => {
    host.handler = () => undefined;
    const started = Date.now();
    assert.deepEqual(await downloadAudio(`${host.base}/silent.wav`, { timeoutMs: 200, maxBytes: 1_000 }), { kind: 'failed', reason: 'timeout' });
    assert.ok(Date.now() - started < 1_500);
    host.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': '100' });
      res.write(bytes.subarray(0, 10));
    };
    assert.deepEqual(await downloadAudio(`${host.base}/stall.wav`, { timeoutMs: 200, maxBytes: 1_000 }), { kind: 'failed', reason: 'timeout' });
  });

  it('refuses what is not audio', async () => {
    for (const type of ['text/html; charset=utf-8', 'application/json', 'image/svg+xml', 'video/mp4', 'audio/', 'audio/x"y']) {
      host.handler = (_req, res) => {
        res.writeHead(200, { 'Content-Type': type });
        res.end('<html><script>alert(1)</script></html>');
      };
      assert.deepEqual(await downloadAudio(`${host.base}/page`, { timeoutMs: 2_000, maxBytes: 1_000, type: 'audio/wav' }), { kind: 'failed', reason: 'not-audio' }, type);
    }
  });

  it('uses the type Quo gave for application/octet-stream or none, audio/mpeg when Quo gave none or not audio', async () => {
    for (const [sent, given, expected] of [
      ['application/octet-stream', 'audio/wav', 'audio/wav'],
      ['binary/octet-stream', 'audio/ogg', 'audio/ogg'],
      ['application/octet-stream', null, 'audio/mpeg'],
      ['application/octet-stream', 'text/html', 'audio/mpeg'],
      ['application/octet-stream', 'audio/wav;x=<b>', 'audio/mpeg'],
      [undefined, 'audio/wav', 'audio/wav'],
    ] as const) {
      host.handler = (_req, res) => {
        res.writeHead(200, sent === undefined ? {} : { 'Content-Type': sent });
        res.end(bytes);
      };
      const result = await downloadAudio(`${host.base}/x`, { timeoutMs: 2_000, maxBytes: 1_000, type: given });
      assert.equal(result.kind === 'audio' ? result.dataUrl.split(';')[0] : result.kind, `data:${expected}`, `${sent} ${given}`);
    }
  });

  it('reports a refusal with its status, and a host that is not there', async () => {
    for (const status of [403, 404, 500]) {
      host.handler = (_req, res) => {
        res.writeHead(status, { 'Content-Type': 'application/xml' });
        res.end('<Error><Code>AccessDenied</Code></Error>');
      };
      assert.deepEqual(await downloadAudio(`${host.base}/signed.wav`, { timeoutMs: 2_000, maxBytes: 1_000 }), { kind: 'failed', reason: 'http', status });
    }
    const closed = host.base;
    await host.stop();
    assert.deepEqual(await downloadAudio(`${closed}/gone.wav`, { timeoutMs: 2_000 }), { kind: 'failed', reason: 'network' });
    await host.start();
  });

  it('ends when the caller gives up, by throwing rather than answering', async () => {
    host.handler = () => undefined;
    const caller = new AbortController();
    const download = downloadAudio(`${host.base}/slow.wav`, { timeoutMs: 5_000, signal: caller.signal });
    await until(() => host.headers.length === 1, 'asked');
    caller.abort();
    await assert.rejects(download);
  });

  it('downloads the sandbox’s recordings from its storage host without the key (a real session)', async () => {
    const sandbox = await startSandbox({ contacts: 5, rateLimit: Infinity, recordingsBaseUrl: (url) => `${url}/media` });
    const key: ApiKey = { value: sandbox.key, source: 'secret-storage', fingerprint: 'fp_rec', workspaceId: 'rec' };
    const LOG: RedactingLog = { ...silentLogger, redact: (text) => text, setSecrets: () => undefined };
    const session = new WorkspaceSession(key, { apiBaseUrl: sandbox.url, maxRequestsPerSecond: 10, requestTimeoutMs: 5_000, cacheTtlMs: 60_000, indexPersist: false, defaultCountry: 'US', activityMaxItems: 10 } as Settings, LOG);
    session.open();
    try {
      const recordings = await session.resources.recordings(RESOURCES.recordedCallId);
      const vm = await session.resources.voicemail(RESOURCES.voicemailCallId);
      const addresses = recordingAddresses(RESOURCES.recordedCallId, recordings, vm, true);
      assert.deepEqual([...addresses.keys()], [`${RESOURCES.recordedCallId}:0`, `${RESOURCES.recordedCallId}:1`, `${RESOURCES.recordedCallId}:vm`]);
      assert.equal(recordingAddresses(RESOURCES.recordedCallId, recordings, vm, false).size, 0, 'loopback http only when allowed');
      const files = [...RESOURCES.recordedCallFiles];
      for (const [reference, url] of addresses) {
        const result = await downloadAudio(url, { timeoutMs: 5_000, type: 'audio/wav' });
        assert.ok(result.kind === 'audio', `${reference}: ${JSON.stringify(result)}`);
        const file = reference.endsWith(':vm') ? url.slice(`${sandbox.recordingsBaseUrl}/`.length) : files.shift();
        assert.equal(result.dataUrl, `data:audio/wav;base64,${mediaBytes(file ?? '')?.toString('base64')}`);
      }
      assert.equal(sandbox.stats.byRoute.media, 3);
      assert.equal(sandbox.stats.mediaWithAuthorization, 0, 'the key never went to the storage host');
    } finally {
      session.dispose();
      await sandbox.close();
    }
  });
});

describe('recordings: what the review of issue 29 found', () => {
  const CALL_ID = 'AC0123456789abcdef0123456789abcdef';
  it('says a failed, deleted or absent segment is not available, not that it is processing', () => {
    for (const status of ['failed', 'deleted', 'absent'] as const) {
      const html = renderRecordings(CALL_ID, { kind: 'found', value: [{ id: 'CR1', url: null, type: null, duration: null, status, startTime: null }] }, { kind: 'not-found' }, false);
      assert.match(html, /This recording is not available\./, status);
      assert.doesNotMatch(html, /processing/, status);
    }
  });

  it('says a voicemail that failed to load could not be loaded', () => {
    const html = renderRecordings(CALL_ID, { kind: 'not-found' }, { kind: 'error', message: 'Quo answered 500' }, false);
    assert.match(html, /The voicemail could not be loaded: Quo answered 500/);
  });
});
