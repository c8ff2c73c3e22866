/**
 * A call's recording plays in the contact panel (issue 29), as a person meets it: Ada's panel, her summarized call
 * expanded in the Activity section, Play on its first part. The extension downloads the audio from the storage host
 * (the sandbox's own /media/, see session.ts) without the key and hands it to the page as a `data:` source: the
 * page's <audio> gets it and shows, and neither the key nor the storage address is anywhere in the page. Sets the
 * key itself, so that it also runs alone (`--grep "Recordings in the panel"`).
 */
import assert from 'node:assert/strict';
import { ACTIVITY, RESOURCES, WELL_KNOWN } from '../sandbox/generate.js';
import { ui } from './session.js';
import { answerInput, parkPointer, runCommand, screenshot, setKey, webview } from './workbench.js';

describe('Recordings in the panel', () => {
  before(async () => {
    // After editor.test.ts this replaces the key; run alone, it is the first key.
    const { page, quo } = ui();
    await setKey(page, quo.key);
  });

  it('plays part 1 of Ada\'s summarized call: the audio element gets a data: WAV, and the page holds neither the key nor the storage address', async () => {
    const { page, quo } = ui();
    const callId = RESOURCES.recordedCallId;
    assert.equal(callId, ACTIVITY.summarizedCallId);
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Quo: Open Contact');
    await answerInput(page, ACTIVITY.historyContactId);
    const panel = webview(page);
    await panel.getByText(WELL_KNOWN.company).first().waitFor();
    const section = panel.locator('#activity');
    const call = section.locator(`details[data-call-id="${callId}"]`);
    // Filled in by postMessage after the fields.
    await call.locator('summary').waitFor({ timeout: 30_000 });
    const mediaBefore = quo.stats.byRoute.media;
    await call.locator('summary').click();
    // Each part of the recording in a row of its own, with its Play button; nothing downloaded yet.
    await call.getByText(/Recording, part 1/).waitFor({ timeout: 30_000 });
    await call.getByText(/Recording, part 2/).waitFor();
    const reference = `${callId}:0`;
    const play = call.locator(`button[data-action="playRecording"][data-value="${reference}"]`);
    await play.waitFor({ state: 'visible' });
    assert.match(await play.innerText(), /Play/);
    const audio = call.locator(`audio[data-recording="${reference}"]`);
    assert.equal(await audio.isVisible(), false, 'the player is hidden before Play');
    assert.equal(await audio.getAttribute('src'), null, 'no source before Play');
    assert.equal(quo.stats.byRoute.media, mediaBefore, 'nothing downloaded before Play');

    await play.click();
    // The page sets the source once the extension has posted the audio, shows the player and hides the button.
    await audio.waitFor({ state: 'visible', timeout: 30_000 });
    const src = await audio.evaluate((element) => (element as HTMLAudioElement).src);
    assert.ok(src.startsWith('data:audio/wav;base64,'), `a WAV as data: (${src.slice(0, 40)}…)`);
    await play.waitFor({ state: 'hidden' });
    // The page's audio element decodes it: the sandbox's half-second tone.
    await audio.evaluate(async (element) => {
      const media = element as HTMLAudioElement;
      const deadline = Date.now() + 10_000;
      while (media.readyState < HTMLMediaElement.HAVE_METADATA) {
        if (media.error !== null) throw new Error(`the audio element failed: code ${media.error.code} ${media.error.message}`);
        if (Date.now() > deadline) throw new Error(`no metadata after 10 s (readyState ${media.readyState})`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    const duration = await audio.evaluate((element) => (element as HTMLAudioElement).duration);
    assert.ok(Math.abs(duration - 0.5) < 0.05, `the sandbox's half-second WAV (duration ${duration})`);

    assert.equal(quo.stats.byRoute.media, mediaBefore + 1, 'one download, on Play');
    assert.equal(quo.stats.mediaWithAuthorization, 0, 'the key never went to the storage host');
    const pageHtml = await panel.locator('html').evaluate((element) => element.outerHTML);
    assert.ok(pageHtml.includes('data:audio/wav;base64,'), 'the page read is the one holding the audio');
    assert.ok(!pageHtml.includes(quo.key), 'the key is in no page');
    // The storage address (the sandbox's /media/recordings/...); the page's own stylesheet is the extension's
    // media/panel.css, which is not it.
    assert.ok(!pageHtml.includes(quo.recordingsBaseUrl), `the storage address (${quo.recordingsBaseUrl}) is in no page`);
    assert.ok(!pageHtml.includes('/media/recordings/'), 'no recording\'s address is in the page');
    const mediaPaths = [...new Set([...pageHtml.matchAll(/\/media\/[\w./-]*/g)].map((match) => match[0]))];
    assert.deepEqual(mediaPaths, ['/media/panel.css'], 'the only /media/ in the page is the extension\'s stylesheet');
    for (const file of RESOURCES.recordedCallFiles) {
      assert.ok(!pageHtml.includes(file.replace(/^.*\//, '')), `${file} is named nowhere in the page`);
    }
    await call.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await parkPointer(page);
    await screenshot(page, 'panel-recording');
  });
});
