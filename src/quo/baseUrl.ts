/**
 * The base URL decides where the API key is sent. Only https is allowed, except loopback (the local sandbox), and the
 * check runs before any request so a mistyped or malicious URL never receives the key.
 */
import * as l10n from '@vscode/l10n';
import { QuoError } from './errors.js';

export const DEFAULT_BASE_URL = 'https://api.quo.com';

/**
 * Loopback by its literal address (the sandbox may listen on any of 127.0.0.0/8), or `localhost`, which every system
 * maps to loopback. Other names, `*.localhost` included, are looked up through the system resolver, and some resolvers
 * pass them on to DNS, which can point them anywhere. The URL parser has already normalised the host: `127.1` and
 * `2130706433` arrive as `127.0.0.1`, an IPv6 address compressed and in brackets, a name in lower case.
 */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Returns the normalised base URL (always ending in `/`), or throws a `config` QuoError saying why not. */
export function validateBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new QuoError({ kind: 'config', message: l10n.t('quo.apiBaseUrl is not a valid URL: "{0}".', value) });
  }
  if (url.username || url.password) {
    throw new QuoError({ kind: 'config', message: l10n.t('quo.apiBaseUrl must not contain a user name or password.') });
  }
  if (url.search || url.hash) {
    throw new QuoError({ kind: 'config', message: l10n.t('quo.apiBaseUrl must not contain a query or fragment.') });
  }
  const secure = url.protocol === 'https:';
  const localPlain = url.protocol === 'http:' && isLoopback(url.hostname);
  if (!secure && !localPlain) {
    throw new QuoError({
      kind: 'config',
      message: l10n.t(
        'quo.apiBaseUrl must use https (http is allowed only for localhost, 127.x.x.x and [::1]): refusing to send the API key to {0}.',
        url.origin,
      ),
    });
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}
