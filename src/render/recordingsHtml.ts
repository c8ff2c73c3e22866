/**
 * A call's recording and voicemail inside its expanded row (issue 29): each segment with a Play button, or why it
 * cannot be played (the plan has no recordings, it is still processing, its address is not https), and the
 * voicemail's transcript when Quo has one. Nothing is downloaded until Play; the page then gets the audio itself (a
 * `data:` source), never the storage host's address, so no page can reach that host.
 */
import * as l10n from '@vscode/l10n';
import { cleanLine, cleanMultiline } from '../common/text.js';
import { isLoopback } from '../quo/baseUrl.js';
import type { CallRecording, CallVoicemail } from '../quo/resourceTypes.js';
import type { CallDetailPart } from './activityHtml.js';
import { durationText } from './activityText.js';
import { attr, html } from './html.js';

/** What can be played: `https` (or loopback `http` against the bundled sandbox). */
export type AudioAddress = { readonly kind: 'playable'; readonly url: string } | { readonly kind: 'refused'; readonly why: string };

/** Whether the extension will download `url`: https only, and http on loopback when Quo itself is the local sandbox. */
export function audioAddress(url: string | null, loopbackAllowed: boolean): AudioAddress | undefined {
  if (url === null || url === '') {
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refused', why: l10n.t('its address cannot be read') };
  }
  if (parsed.protocol === 'https:' || (loopbackAllowed && isLoopback(parsed.hostname) && parsed.protocol === 'http:')) {
    return { kind: 'playable', url: parsed.toString() };
  }
  return { kind: 'refused', why: l10n.t('its address is not https, so it is not downloaded') };
}

function note(text: string, icon = 'info'): string {
  return `<p class="activity-note"><span class="codicon codicon-${icon}" aria-hidden="true"></span><span>${html(text)}</span></p>`;
}

function player(reference: string, label: string): string {
  return `<span class="recording-player"><button type="button" class="button button-secondary" data-action="playRecording" data-value="${attr(reference)}"><span class="codicon codicon-play" aria-hidden="true"></span>${html(
    label,
  )}</button><audio controls preload="none" hidden data-recording="${attr(reference)}"></audio><span class="recording-problem" data-recording-problem="${attr(reference)}" role="status"></span></span>`;
}

/** `callId:<segment>` and `callId:vm` name what a Play button plays; the panel keeps the addresses. */
export function renderRecordings(
  callId: string,
  recordings: CallDetailPart<readonly CallRecording[]>,
  voicemail: CallDetailPart<CallVoicemail>,
  loopbackAllowed: boolean,
): string {
  const parts: string[] = [];
  if (recordings.kind === 'forbidden') {
    parts.push(note(l10n.t('Recordings are not part of this workspace’s plan.')));
  } else if (recordings.kind === 'error') {
    parts.push(note(l10n.t('The recording could not be loaded: {0}', cleanLine(recordings.message)), 'warning'));
  } else if (recordings.kind === 'found') {
    recordings.value.forEach((segment, index) => {
      const heading = recordings.value.length > 1 ? l10n.t('Recording, part {0}', index + 1) : l10n.t('Recording');
      const length = segment.duration !== null && segment.duration > 0 ? ` · ${durationText(segment.duration)}` : '';
      const address = audioAddress(segment.url, loopbackAllowed);
      const gone = segment.status === 'failed' || segment.status === 'deleted' || segment.status === 'absent';
      const body =
        address === undefined
          ? note(gone ? l10n.t('This recording is not available.') : l10n.t('The recording is still processing.'))
          : address.kind === 'refused'
            ? note(l10n.t('This recording cannot be played here: {0}.', address.why), 'warning')
            : player(`${callId}:${index}`, l10n.t('Play'));
      parts.push(`<div class="recording"><h4>${html(heading + length)}</h4>${body}</div>`);
    });
  }
  // A 403 says nothing here: most calls have no voicemail, and a plan without them would put a note on every call.
  if (voicemail.kind === 'error') {
    parts.push(note(l10n.t('The voicemail could not be loaded: {0}', cleanLine(voicemail.message)), 'warning'));
  } else if (voicemail.kind === 'found') {
    const vm = voicemail.value;
    const address = audioAddress(vm.recordingUrl, loopbackAllowed);
    const length = vm.duration !== null && vm.duration > 0 ? ` · ${durationText(vm.duration)}` : '';
    const transcript = vm.transcript === null || vm.transcript.trim() === '' ? '' : `<p class="multiline voicemail-transcript">${html(cleanMultiline(vm.transcript))}</p>`;
    const body =
      address === undefined
        ? note(l10n.t('The voicemail is still processing.'))
        : address.kind === 'refused'
          ? note(l10n.t('This voicemail cannot be played here: {0}.', address.why), 'warning')
          : player(`${callId}:vm`, l10n.t('Play voicemail'));
    parts.push(`<div class="recording voicemail"><h4>${html(l10n.t('Voicemail') + length)}</h4>${body}${transcript}</div>`);
  }
  return parts.join('\n');
}

/** The addresses behind a call's Play buttons, by reference. */
export function recordingAddresses(
  callId: string,
  recordings: CallDetailPart<readonly CallRecording[]>,
  voicemail: CallDetailPart<CallVoicemail>,
  loopbackAllowed: boolean,
): Map<string, string> {
  const addresses = new Map<string, string>();
  if (recordings.kind === 'found') {
    recordings.value.forEach((segment, index) => {
      const address = audioAddress(segment.url, loopbackAllowed);
      if (address?.kind === 'playable') {
        addresses.set(`${callId}:${index}`, address.url);
      }
    });
  }
  if (voicemail.kind === 'found') {
    const address = audioAddress(voicemail.value.recordingUrl, loopbackAllowed);
    if (address?.kind === 'playable') {
      addresses.set(`${callId}:vm`, address.url);
    }
  }
  return addresses;
}
