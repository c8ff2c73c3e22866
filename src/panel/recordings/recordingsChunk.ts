/**
 * Recordings and voicemails in a call's details (issue 29), built into dist/recordings.js (esbuild.mjs) and required
 * by callDetails.ts when a call is first expanded: the rows, and the download behind Play.
 */
import * as vscode from 'vscode';
import { downloadAudio, type AudioDownload } from '../../quo/audioDownload.js';
import { audioAddress, recordingAddresses, renderRecordings } from '../../render/recordingsHtml.js';
import { configureTranslations } from '../../translations.js';

configureTranslations();

export { audioAddress, downloadAudio, recordingAddresses, renderRecordings };

/** Why Play did not play, in the page's words. */
export function downloadProblem(result: Exclude<AudioDownload, { kind: 'audio' }>): string {
  switch (result.reason) {
    case 'too-large':
      return vscode.l10n.t('The audio is larger than 25 MB: open the call in Quo to listen to it.');
    case 'timeout':
      return vscode.l10n.t('The audio took too long to download. Try again.');
    case 'http':
      return vscode.l10n.t('The storage host answered {0}: the address may have expired and was asked for again. Press Play again.', result.status ?? 0);
    case 'not-audio':
      return vscode.l10n.t('The storage host did not send audio.');
    case 'network':
      return vscode.l10n.t('The audio could not be downloaded: the storage host cannot be reached.');
  }
}
