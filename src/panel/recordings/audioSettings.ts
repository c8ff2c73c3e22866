/** How a recording's audio is downloaded, from the settings: the request timeout, and loopback http only against the sandbox. */
import type { Settings } from '../../settings/settingsPolicy.js';
import type { AudioSettings } from '../callDetails.js';

export function audioSettings(settings: Pick<Settings, 'apiBaseUrl' | 'requestTimeoutMs'>): AudioSettings {
  let loopbackAllowed = false;
  try {
    const base = new URL(settings.apiBaseUrl);
    loopbackAllowed = base.protocol === 'http:' && (base.hostname === 'localhost' || base.hostname === '127.0.0.1' || base.hostname === '[::1]');
  } catch {
    // An unreadable base URL has no client either.
  }
  return { timeoutMs: settings.requestTimeoutMs, loopbackAllowed };
}
