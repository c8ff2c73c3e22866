import assert from 'node:assert/strict';
import type { CallRecording } from '../../src/quo/resourceTypes.js';
import { renderRecordings } from '../../src/render/recordingsHtml.js';
import { FakeAudio, loadPage, type Page } from './pageDom.js';

const CALL = 'AC0123456789abcdef0123456789abcdef';
const SEGMENT: CallRecording = { id: 'CR1', url: 'https://storage.example/r1.mp3', type: 'audio/mpeg', duration: 42, status: 'completed', startTime: null };
const AUDIO = 'data:audio/mpeg;base64,SUQzBAAAAAAA';

function open(): Page {
  const html = renderRecordings(CALL, { kind: 'found', value: [SEGMENT] }, { kind: 'not-found' }, false);
  return loadPage(`<div class="call-details">${html}</div>`, { 'data-contact-id': 'CTada' });
}

function audioOf(page: Page): FakeAudio {
  const audio = page.body.querySelector(`audio[data-recording="${CALL}:0"]`);
  assert.ok(audio instanceof FakeAudio);
  return audio;
}

describe('the panel page’s recordings (issue 29)', () => {
  it('posts Play with the segment it names, and nothing else', () => {
    const page = open();
    const play = page.body.querySelector('[data-action="playRecording"]');
    assert.ok(play);
    page.click(play);
    assert.deepEqual(page.posted.filter((message) => (message as { type: string }).type === 'playRecording'), [{ type: 'playRecording', value: `${CALL}:0` }]);
    assert.equal(audioOf(page).src, '', 'no source before the extension sends the audio');
    assert.equal(audioOf(page).hidden, true);
  });

  it('puts the audio it is given into the call’s own player, shows it and plays it, hiding Play', async () => {
    const page = open();
    page.receive({ type: 'recordingAudio', reference: `${CALL}:0`, src: AUDIO });
    await Promise.resolve();
    const audio = audioOf(page);
    assert.equal(audio.src, AUDIO);
    assert.equal(audio.hidden, false);
    assert.equal(audio.plays, 1);
    assert.equal(page.body.querySelector('[data-action="playRecording"]')?.hasAttribute('hidden'), true);
  });

  it('takes no source that is not data:audio (a storage address, a script), and says a problem beside the button', () => {
    const page = open();
    for (const src of ['https://storage.example/r1.mp3', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>']) {
      page.receive({ type: 'recordingAudio', reference: `${CALL}:0`, src });
    }
    assert.equal(audioOf(page).src, '');
    page.receive({ type: 'recordingProblem', reference: `${CALL}:0`, message: '<b>The storage host did not send audio.</b>' });
    const problem = page.body.querySelector(`[data-recording-problem="${CALL}:0"]`);
    assert.equal(problem?.textContent, '<b>The storage host did not send audio.</b>', 'as text, never as markup');
    assert.equal(problem?.querySelector('b'), null);
  });
});
