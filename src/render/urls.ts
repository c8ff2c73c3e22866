/**
 * Which URLs from the API may become links. A contact's `sourceUrl` or a url custom field is hostile input:
 * `javascript:`, `data:`, `command:` and `vscode:` links must stay text, so only absolute http(s) URLs pass.
 */

export const QUO_WEB_ORIGIN = 'https://my.quo.com';

/**
 * The normalized URL if `value` is an absolute http or https URL without credentials (`https://quo.com@evil.io`
 * reads as a Quo link but goes elsewhere), else undefined.
 */
export function safeHttpUrl(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '') {
    return undefined;
  }
  return url.href;
}

/** The contact's page in the Quo web app. The id is opaque, so it is encoded as one path segment. */
export function quoContactWebUrl(contactId: string, origin: string = QUO_WEB_ORIGIN): string {
  return `${origin.replace(/\/+$/, '')}/contacts/${encodeURIComponent(contactId)}`;
}
