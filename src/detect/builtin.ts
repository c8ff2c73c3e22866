/**
 * The built-in ways a contact id is written: a bare 24-hex id and a Quo contact link. They run on every hover and
 * every visible range, so they are tuned for V8: one global regex pass for ids and an `indexOf` pass for links
 * (a single regex with both alternatives measured about twice as slow as the id regex alone).
 */
import type { DetectedId } from './match.js';

/**
 * A bare id: 24 lowercase hex digits, not touching another ASCII letter or digit.
 *
 * - Lowercase only. Every real id is lowercase (MongoDB ObjectIds as Quo prints them); accepting A-F would add
 *   upper-case hashes, hex dumps and constants, and the API treats ids as opaque strings, so an upper-cased id would
 *   not be found anyway. Users who have such ids can add a custom pattern.
 * - Guarded by letters and digits rather than `\b`, so `_` separates: `contact_66d0d87e8dc1211467372303` and
 *   `66d0d87e8dc1211467372303_backup.json` are common in code and file names. A 25th hex digit, a 40-hex git SHA,
 *   a 32-hex dashless UUID or any letter next to the run still rule it out.
 *
 * Measured as fast as `/\b[0-9a-f]{24}\b/g` on 10 MB of mixed text.
 */
const BARE_ID = /(?<![0-9A-Za-z])[0-9a-f]{24}(?![0-9A-Za-z])/g;

const CONTACTS_PATH = '/contacts/';

/** How far before `/contacts/` the host may start. Longer than any real Quo host with scheme, port and `/v1`. */
const HOST_LOOKBACK = 96;

/**
 * The text before `/contacts/` must end with a Quo host: the web app (`my.quo.com`, `app.openphone.com`,
 * `my.openphone.com`), the spec's `openphone.co`, or the API (`api.quo.com/v1`, `api.openphone.com/v1`), with or
 * without a scheme. The character before the host must not continue a host name or an email address, so
 * `notquo.com` and `me@quo.com` are not links.
 */
const QUO_HOST_AT_END =
  /(?:^|[^\w.@-])((?:https?:\/\/)?(?:[a-z0-9-]+\.)*(?:quo\.com|openphone\.com|openphone\.co)(?::\d{1,5})?(?:\/v1)?)$/i;

/**
 * The id segment: any opaque text up to `/`, `?`, `#`, whitespace, or a character that ends a URL in prose, JSON or
 * markdown (quotes, brackets, `<>`, backtick, `|`, `\`, `^`). Bounded so a huge token is never copied whole.
 */
const ID_SEGMENT = /[^\s/?#"'`<>()[\]{}|\\^]{1,257}/y;
const MAX_LINK_ID_LENGTH = 256;

/** Sentence punctuation after a link (`see https://my.quo.com/contacts/abc.`) is not part of the id. */
const TRAILING_PUNCTUATION = /[.,;:!?*]+$/;

export function findBareIds(text: string, base: number): DetectedId[] {
  const found: DetectedId[] = [];
  BARE_ID.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = BARE_ID.exec(text)) !== null) {
    const start = base + match.index;
    const end = start + 24;
    found.push({ kind: 'id', id: match[0], start, end, idStart: start, idEnd: end });
  }
  return found;
}

export function findLinks(text: string, base: number): DetectedId[] {
  const found: DetectedId[] = [];
  for (let path = text.indexOf(CONTACTS_PATH); path !== -1; path = text.indexOf(CONTACTS_PATH, path + 1)) {
    const link = linkAt(text, path);
    if (link) {
      found.push({
        kind: 'link',
        id: link.id,
        start: base + link.start,
        end: base + link.idEnd,
        idStart: base + path + CONTACTS_PATH.length,
        idEnd: base + link.idEnd,
      });
    }
  }
  return found;
}

function linkAt(text: string, path: number): { start: number; id: string; idEnd: number } | undefined {
  const lookbackStart = Math.max(0, path - HOST_LOOKBACK);
  const before = text.slice(lookbackStart, path);
  // Cheap filter first: API paths like `/v1/contacts/` in code are far more common than Quo links.
  const lower = before.toLowerCase();
  if (!lower.includes('quo.com') && !lower.includes('openphone.co')) {
    return undefined;
  }
  // At the true start of the text `^` may stand for the separator; anywhere else the slice may begin inside a host
  // name, so its leading host characters are replaced by a separator.
  const host = QUO_HOST_AT_END.exec(lookbackStart === 0 ? before : before.replace(/^[\w.-]*/, '\0'));
  if (!host || host[1] === undefined) {
    return undefined;
  }
  const idStart = path + CONTACTS_PATH.length;
  ID_SEGMENT.lastIndex = idStart;
  const segment = ID_SEGMENT.exec(text);
  if (!segment) {
    return undefined;
  }
  const raw = segment[0].replace(TRAILING_PUNCTUATION, '');
  if (raw.length === 0 || raw.length > MAX_LINK_ID_LENGTH) {
    return undefined;
  }
  return { start: path - host[1].length, id: decodeSegment(raw), idEnd: idStart + raw.length };
}

function decodeSegment(raw: string): string {
  if (!raw.includes('%')) {
    return raw;
  }
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
