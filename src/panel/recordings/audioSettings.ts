/** How a recording's audio is downloaded, from the settings: the request timeout, and loopback http only against the sandbox. */
import { isLoopback } from '../../quo/baseUrl.js';
import type { Settings } from '../../settings/settingsPolicy.js';
import type { AudioSettings } from '../callDetails.js';

export function audioSettings(settings: Pick<Settings, 'apiBaseUrl' | 'requestTimeoutMs'>): AudioSettings {
  let loopbackAllowed = false;
  try {
    const base = new URL(settings.apiBaseUrl);
    loopbackAllowed = base.protocol === 'http:' && isLoopback(base.hostname);
  } catch {
    // An unreadable base URL has no client either.
  }
  return { timeoutMs: settings.requestTimeoutMs, loopbackAllowed };
}
