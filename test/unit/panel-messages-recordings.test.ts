/**
 * The panel's messages for recordings and voicemails (issue 29): Play names `<callId>:<segment>` or `<callId>:vm` and
 * nothing else; the page takes audio only as a bounded `data:audio/…` source, for a reference of the same shape.
 */
import assert from 'node:assert/strict';
import { MAX_AUDIO_BYTES } from '../../src/quo/audioDownload.js';
import { isHostMessage, isPanelMessage, messageForAction } from '../../src/render/panelMessages.js';

const CALL = 'ACca110000000000000000000000000001';
/** What the page takes at most: 25 MB as base64 and its prefix, with room to spare (36 MiB). */
const MAX_SRC = 36 * 1024 * 1024;

const GOOD_VALUES = [`${CALL}:0`, `${CALL}:12`, `${CALL}:999`, `${CALL}:vm`, 'ACa:0', `AC${'Z9'.repeat(32)}:vm`];
const BAD_VALUES: readonly (string | null)[] = [
  null,
  '',
  CALL,
  `${CALL}:`,
  `${CALL}:1000`,
  `${CALL}:-1`,
  `${CALL}:1.5`,
  `${CALL}:VM`,
  `${CALL}:voicemail`,
  `${CALL}:0 `,
  ` ${CALL}:0`,
  `${CALL}:0\n`,
  `${CALL}:0:1`,
  `AC:0`,
  `ac${CALL.slice(2)}:0`,
  `AC${'a'.repeat(65)}:0`,
  '5ff2d910a1f623871380caa6:0',
  `AC/../../v1/contacts:0`,
  `${CALL}"]:0`,
  `https://media.quo.example/a.mp3`,
  '0:0',
];

describe('panel messages for recordings (issue 29)', () => {
  describe('playRecording', () => {
    it('maps a Play button naming a segment or the voicemail to its message', () => {
      for (const value of GOOD_VALUES) {
        assert.deepEqual(messageForAction('playRecording', value), { type: 'playRecording', value }, value);
        assert.equal(isPanelMessage({ type: 'playRecording', value }), true, value);
      }
    });

    it('refuses any other value, from a button or posted', () => {
      for (const value of BAD_VALUES) {
        assert.equal(messageForAction('playRecording', value), undefined, String(value));
        assert.equal(isPanelMessage({ type: 'playRecording', value }), false, String(value));
      }
      for (const message of [
        { type: 'playRecording' },
        { type: 'playRecording', value: 0 },
        { type: 'playRecording', value: [`${CALL}:0`] },
        { type: 'playRecording', value: `${CALL}:0`, url: 'https://evil.example/a.mp3' },
        { type: 'playRecording', reference: `${CALL}:0` },
      ]) {
        assert.equal(isPanelMessage(message), false, JSON.stringify(message));
      }
    });

    it('is not confused with a mention reference', () => {
      assert.equal(messageForAction('playRecording', '1:2'), undefined);
      assert.equal(messageForAction('openMention', `${CALL}:0`), undefined);
      assert.deepEqual(messageForAction('openMention', '1:2'), { type: 'openMention', value: '1:2' });
    });

    it('refuses a posted message whose value is a getter that throws, or an object not plain', () => {
      const throwing = Object.defineProperty({ type: 'playRecording' }, 'value', {
        enumerable: true,
        get() {
          throw new Error('boom');
        },
      });
      assert.equal(isPanelMessage(throwing), false);
      class Play {
        readonly type = 'playRecording';
        readonly value = `${CALL}:0`;
      }
      assert.equal(isPanelMessage(new Play()), false);
    });
  });

  describe('recordingAudio', () => {
    const src = 'data:audio/wav;base64,UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=';

    it('takes a data:audio/ source for a Play reference', () => {
      for (const reference of GOOD_VALUES) {
        assert.equal(isHostMessage({ type: 'recordingAudio', reference, src }), true, reference);
      }
      assert.equal(isHostMessage({ type: 'recordingAudio', reference: `${CALL}:vm`, src: 'data:audio/mpeg;base64,' }), true);
    });

    it('refuses any other source: the page must never reach the storage host or run anything', () => {
      for (const other of [
        'https://media.quo.example/recordings/a.wav',
        'http://127.0.0.1:4010/media/a.wav',
        'blob:vscode-webview://x/y',
        'data:text/html,<script>alert(1)</script>',
        'data:image/svg+xml;base64,PHN2Zz4=',
        'data:video/mp4;base64,AAAA',
        'DATA:AUDIO/WAV;base64,AAAA',
        ' data:audio/wav;base64,AAAA',
        'javascript:alert(1)',
        'data:',
        '',
      ]) {
        assert.equal(isHostMessage({ type: 'recordingAudio', reference: `${CALL}:0`, src: other }), false, other);
      }
      for (const message of [
        { type: 'recordingAudio', reference: `${CALL}:0` },
        { type: 'recordingAudio', reference: `${CALL}:0`, src: 42 },
        { type: 'recordingAudio', reference: `${CALL}:0`, src: [src] },
        { type: 'recordingAudio', src },
      ]) {
        assert.equal(isHostMessage(message), false, JSON.stringify(message));
      }
    });

    it('refuses a source for a reference no Play button could have', () => {
      for (const reference of BAD_VALUES) {
        assert.equal(isHostMessage({ type: 'recordingAudio', reference, src }), false, String(reference));
      }
    });

    it('bounds the source, leaving room for the largest download as base64', () => {
      const prefix = 'data:audio/mpeg;base64,';
      const largest = prefix.length + Math.ceil(MAX_AUDIO_BYTES / 3) * 4;
      assert.ok(largest <= MAX_SRC, `${largest} > ${MAX_SRC}`);
      assert.equal(isHostMessage({ type: 'recordingAudio', reference: `${CALL}:0`, src: prefix + 'A'.repeat(largest - prefix.length) }), true);
      assert.equal(isHostMessage({ type: 'recordingAudio', reference: `${CALL}:0`, src: prefix + 'A'.repeat(MAX_SRC - prefix.length) }), true);
      assert.equal(isHostMessage({ type: 'recordingAudio', reference: `${CALL}:0`, src: prefix + 'A'.repeat(MAX_SRC - prefix.length + 1) }), false);
    });
  });

  describe('recordingProblem', () => {
    it('takes a message for a Play reference', () => {
      assert.equal(isHostMessage({ type: 'recordingProblem', reference: `${CALL}:1`, message: 'The recording is larger than 25 MB.' }), true);
      assert.equal(isHostMessage({ type: 'recordingProblem', reference: `${CALL}:vm`, message: 'x' }), true);
      // Bounded like every other string a message carries, never empty, and with no other field.
      assert.equal(isHostMessage({ type: 'recordingProblem', reference: `${CALL}:vm`, message: '' }), false);
      assert.equal(isHostMessage({ type: 'recordingProblem', reference: `${CALL}:vm`, message: 'x'.repeat(10_000) }), false);
      assert.equal(isHostMessage({ type: 'recordingProblem', reference: `${CALL}:vm`, message: 'x', extra: 1 }), false);
      assert.equal(isHostMessage({ type: 'recordingAudio', reference: `${CALL}:vm`, src: 'data:audio/wav;base64,AA', extra: 1 }), false);
    });

    it('refuses one without a string message, or for another reference', () => {
      for (const message of [
        { type: 'recordingProblem', reference: `${CALL}:1` },
        { type: 'recordingProblem', reference: `${CALL}:1`, message: 5 },
        { type: 'recordingProblem', reference: `${CALL}:1`, message: { text: 'x' } },
        { type: 'recordingProblem', reference: 'x', message: 'x' },
        { type: 'recordingProblem', message: 'x' },
        ...BAD_VALUES.map((reference) => ({ type: 'recordingProblem', reference, message: 'x' })),
      ]) {
        assert.equal(isHostMessage(message), false, JSON.stringify(message));
      }
    });

    it('is never taken for a page message, nor Play for a host message', () => {
      assert.equal(isPanelMessage({ type: 'recordingProblem', reference: `${CALL}:1`, message: 'x' }), false);
      assert.equal(isPanelMessage({ type: 'recordingAudio', reference: `${CALL}:1`, src: 'data:audio/wav;base64,' }), false);
      assert.equal(isHostMessage({ type: 'playRecording', value: `${CALL}:1` }), false);
      assert.equal(messageForAction('recordingAudio', `${CALL}:1`), undefined);
      assert.equal(messageForAction('recordingProblem', `${CALL}:1`), undefined);
    });

    it('refuses a message whose fields throw when read', () => {
      const throwing = Object.defineProperty({ type: 'recordingProblem', message: 'x' }, 'reference', {
        enumerable: true,
        get() {
          throw new Error('boom');
        },
      });
      assert.equal(isHostMessage(throwing), false);
    });
  });
});
