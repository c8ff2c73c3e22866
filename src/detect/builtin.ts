/**
 * The built-in ways a contact id is written: a bare 24-hex id and a Quo contact link; and Quo's call and message ids. They run on every hover and
 * every visible range, so they are tuned for V8: a skipping scan for ids, an `indexOf` pass for links and one regex
 * for the prefixed ids (a single regex with ids and links measured about twice as slow as an id regex alone).
 */
import type { DetectedId } from './match.js';
import { NOT_A_WORD, RESOURCE_ID_SOURCE, RESOURCE_KINDS } from './resourceIds.js';

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
 * So an id is a whole run of ASCII letters and digits, exactly 24 long, all lowercase hex. findBareIds looks for
 * these by skipping, not with a regex: the character 23 places ahead of where an id could start is read first, and
 * when it is no hex digit no id can cover it, so the scan jumps past it. Most of any text is read not at all, where a
 * regex (`/(?:^|[^0-9A-Za-z])[0-9a-f]{24}(?![0-9A-Za-z])/g`) tries every position: it measured about 3 times slower
 * on 10 MB of mixed text, as slow as `/\b[0-9a-f]{24}\b/g`.
 */
const ID_LENGTH = 24;
const OTHER = 0;
const HEX = 1;
/** Upper-case letters and `g` to `z`: they continue a token without being hex. */
const ALPHANUMERIC = 2;
const CHARACTER_CLASS = ((): Uint8Array => {
  const classes = new Uint8Array(128);
  const mark = (from: string, to: string, kind: number): void => {
    classes.fill(kind, from.charCodeAt(0), to.charCodeAt(0) + 1);
  };
  mark('A', 'Z', ALPHANUMERIC);
  mark('g', 'z', ALPHANUMERIC);
  mark('0', '9', HEX);
  mark('a', 'f', HEX);
  return classes;
})();

/** Past ASCII, everything is OTHER: a non-ASCII letter separates ids as it always has. */
function classAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? CHARACTER_CLASS[code] : OTHER;
}

/**
 * A Quo contact link, tried at each `/contacts/` found with `indexOf` (far cheaper than letting a regex look for
 * hosts everywhere). The lookbehind reads the host backwards from `/contacts/`: the web app (`my.quo.com`,
 * `app.openphone.com`, `my.openphone.com`), the spec's `openphone.co`, or the API (`api.quo.com/v1`), with or
 * without a scheme, with an optional port. The character before the host must not continue a host name or an email
 * address, so `notquo.com` and `me@quo.com` are not links.
 *
 * The id segment is any opaque text up to `/`, `?`, `#`, whitespace, or a character that ends a URL in prose, JSON or
 * markdown (quotes, brackets, `<>`, backtick, `|`, `\`, `^`). Bounded so a huge token is never copied whole.
 */
const LINK_AT =
  /(?<=(?:^|[^\w.@-])((?:https?:\/\/)?(?:[a-z0-9-]+\.)*(?:quo\.com|openphone\.com|openphone\.co)(?::\d{1,5})?(?:\/v1)?))\/contacts\/([^\s/?#"'`<>()[\]{}|\\^]{1,257})/iy;

const CONTACTS_PATH = '/contacts/';
const MAX_LINK_ID_LENGTH = 256;

/** Sentence punctuation after a link (`see https://my.quo.com/contacts/abc.`) is not part of the id. */
const TRAILING_PUNCTUATION = /[.,;:!?*]+$/;

/**
 * A Quo call or message id: `AC` and 24 to 34 lowercase hex digits, as a whole word. Twilio's account ids (`AC` and
 * 32 hex digits) look the same, so finding one costs nothing: it is asked about only when hovered or opened. Looked
 * for in the same pass as line, teammate and webhook ids (resourceIds.ts): their prefixes differ, so one alternation
 * finds exactly what two scans did, in one read of the text.
 */
const WORKSPACE_ID = new RegExp(`\\b(?:AC[0-9a-f]{24,34}|${RESOURCE_ID_SOURCE})\\b`, 'g');

/** Call and message ids, and line, teammate and webhook ids, each in text order. */
export function findWorkspaceIds(text: string, base: number): { readonly activity: DetectedId[]; readonly resources: DetectedId[] } {
  const activity: DetectedId[] = [];
  const resources: DetectedId[] = [];
  WORKSPACE_ID.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = WORKSPACE_ID.exec(text)) !== null) {
    const id = match[0];
    const start = base + match.index;
    const end = start + id.length;
    if (id.startsWith('AC')) {
      activity.push({ kind: 'activity', id, start, end, idStart: start, idEnd: end });
      continue;
    }
    const kind = RESOURCE_KINDS[id.slice(0, 2)];
    if (kind !== undefined && NOT_A_WORD.test(id.slice(2))) {
      resources.push({ kind, id, start, end, idStart: start, idEnd: end });
    }
  }
  return { activity, resources };
}

export function findBareIds(text: string, base: number): DetectedId[] {
  const found: DetectedId[] = [];
  const length = text.length;
  // Invariant: no id starts before `from`, and `from` is 0 or follows a character that is not hex.
  let from = 0;
  while (from + ID_LENGTH <= length) {
    const last = from + ID_LENGTH - 1;
    if (classAt(text, last) !== HEX) {
      from = last + 1;
      continue;
    }
    let back = last - 1;
    while (back >= from && classAt(text, back) === HEX) {
      back--;
    }
    if (back >= from) {
      from = back + 1;
      continue;
    }
    // `from` to `last` are hex: the run is an id if nothing alphanumeric touches it on either side.
    let end = last + 1;
    while (end < length && classAt(text, end) === HEX) {
      end++;
    }
    if (end === last + 1 && (from === 0 || classAt(text, from - 1) === OTHER) && (end === length || classAt(text, end) === OTHER)) {
      const start = base + from;
      found.push({ kind: 'id', id: text.slice(from, end), start, end: start + ID_LENGTH, idStart: start, idEnd: start + ID_LENGTH });
    }
    // No id starts inside this run, nor at `end`, which is not hex.
    from = end + 1;
  }
  return found;
}

export function findLinks(text: string, base: number): DetectedId[] {
  const found: DetectedId[] = [];
  for (let path = text.indexOf(CONTACTS_PATH); path !== -1; path = text.indexOf(CONTACTS_PATH, path + 1)) {
    LINK_AT.lastIndex = path;
    const match = LINK_AT.exec(text);
    const host = match?.[1];
    const raw = match?.[2]?.replace(TRAILING_PUNCTUATION, '');
    if (host === undefined || raw === undefined || raw.length === 0 || raw.length > MAX_LINK_ID_LENGTH) {
      continue;
    }
    const idStart = path + CONTACTS_PATH.length;
    const start = base + path - host.length;
    if (start < (found.at(-1)?.end ?? -1)) {
      // A host inside the previous link's opaque segment (`…/contacts/a,https://quo.com/contacts/b`): that link
      // already holds this text, and results never overlap.
      continue;
    }
    found.push({
      kind: 'link',
      id: decodeSegment(raw),
      start,
      end: base + idStart + raw.length,
      idStart: base + idStart,
      idEnd: base + idStart + raw.length,
    });
  }
  return found;
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
