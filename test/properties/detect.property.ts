import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeEmail, normalizePhone } from '../../src/contacts/phone.js';
import { findBareIds, findLinks, findWorkspaceIds } from '../../src/detect/builtin.js';
import { contactPointAt, findContactPoints, findEmails, findPhones } from '../../src/detect/contactPoints.js';
import { createDetector } from '../../src/detect/detector.js';
import type { DetectedId } from '../../src/detect/match.js';
import { CURSOR_RADIUS, windowAround } from '../../src/detect/window.js';
import { encodeIdSegment } from '../../src/quo/client.js';
import { QuoError } from '../../src/quo/errors.js';
import { hostileText } from './arbitraries.js';
import { detectText, megabyteText } from './detectText.js';
import { propertySuite } from './harness.js';
import { region } from './phoneText.js';

interface Range {
  readonly start: number;
  readonly end: number;
}

const LINK = /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)*(?:quo\.com|openphone\.com|openphone\.co)(?::\d{1,5})?(?:\/v1)?\/contacts\/[^\s/?#"'`<>()[\]{}|\\^]{1,256}$/i;
const ALPHANUMERIC = /[A-Za-z0-9]/;

function decodeSegment(raw: string): string {
  try {
    return raw.includes('%') ? decodeURIComponent(raw) : raw;
  } catch {
    return raw;
  }
}

/** Each id's range holds what it stands for: the id itself, or the link whose segment it is. */
function checkIds(text: string, found: readonly DetectedId[]): void {
  for (const match of found) {
    const written = text.slice(match.start, match.end);
    assert.ok(match.start <= match.idStart && match.idStart < match.idEnd && match.idEnd <= match.end, JSON.stringify(match));
    if (match.kind === 'link') {
      assert.match(written, LINK);
      assert.equal(match.idEnd, match.end);
      assert.equal(match.id, decodeSegment(text.slice(match.idStart, match.idEnd)));
      assert.ok(text.slice(match.idStart, match.idEnd).length <= 256);
    } else {
      assert.equal(written, match.id);
      assert.match(match.id, match.kind === 'id' ? /^[0-9a-f]{24}$/ : /^AC[0-9a-f]{24,34}$/);
    }
  }
}

function checkSortedApart(found: readonly Range[]): void {
  for (let i = 1; i < found.length; i++) {
    assert.ok(found[i - 1].end <= found[i].start, `${JSON.stringify(found[i - 1])} overlaps or precedes ${JSON.stringify(found[i])}`);
  }
}

function checkUntouched(text: string, found: readonly Range[]): void {
  for (const { start, end } of found) {
    assert.ok(!ALPHANUMERIC.test(text.charAt(start - 1)) && !ALPHANUMERIC.test(text.charAt(end)), `${JSON.stringify(text.slice(Math.max(0, start - 1), end + 1))} touches a letter or digit`);
  }
}

function allFinders(text: string, country: string): Record<string, Range[]> {
  return {
    findBareIds: findBareIds(text, 0),
    findActivityIds: findWorkspaceIds(text, 0).activity,
    findResourceIds: findWorkspaceIds(text, 0).resources,
    findLinks: findLinks(text, 0),
    findPhones: findPhones(text, { defaultCountry: country }),
    findEmails: findEmails(text, { defaultCountry: country }),
    findContactPoints: findContactPoints(text, { defaultCountry: country }),
  };
}

function shift(found: readonly Range[], by: number): Range[] {
  return found.map((match) => {
    const moved: Range & { idStart?: number; idEnd?: number } = { ...match, start: match.start + by, end: match.end + by };
    if ('idStart' in match && 'idEnd' in match) {
      moved.idStart = (match.idStart as number) + by;
      moved.idEnd = (match.idEnd as number) + by;
    }
    return moved;
  });
}

/** A prefix that ends where no token can go on: a line break, or a letter and a space. */
const prefix = fc.tuple(hostileText, fc.constantFrom('\n', 'a ', 'Z ', '\r\n', 'é ')).map(([text, end]) => text + end);

propertySuite('Properties: detection', [
  {
    name: 'every id range holds exactly its id (24 hex, AC + 24 to 34 hex) or the link (segment up to 256) that holds it',
    runs: 600,
    property: () => fc.property(detectText, (text) => {
      checkIds(text, findBareIds(text, 0));
      checkIds(text, findWorkspaceIds(text, 0).activity);
      checkIds(text, findWorkspaceIds(text, 0).resources);
      checkIds(text, findLinks(text, 0));
      checkIds(text, createDetector().detector.findAll(text));
    }),
  },
  {
    name: 'every number and address range holds exactly the text it reports, normalised as the index keys it',
    runs: 500,
    property: () => fc.property(detectText, region, (text, country) => {
      for (const point of findContactPoints(text, { defaultCountry: country })) {
        assert.equal(text.slice(point.start, point.end), point.text);
        assert.equal(point.normalized, point.kind === 'phone' ? normalizePhone(point.text, country) : normalizeEmail(point.text));
      }
    }),
  },
  {
    name: 'every finder returns matches sorted and not overlapping, none touching a letter or digit',
    runs: 500,
    property: () => fc.property(detectText, region, (text, country) => {
      for (const found of [...Object.values(allFinders(text, country)), createDetector().detector.findAll(text)]) {
        checkSortedApart(found);
        checkUntouched(text, found);
      }
    }),
  },
  {
    name: 'on a megabyte and more, every finder stays sorted, apart and exact',
    runs: 4,
    property: () => fc.property(megabyteText, region, ({ text }, country) => {
      const finders = allFinders(text, country);
      for (const found of Object.values(finders)) {
        checkSortedApart(found);
      }
      checkIds(text, createDetector().detector.findAll(text));
    }),
  },
  {
    name: 'a prefix ending in a space or a line break shifts every offset by its length',
    runs: 400,
    property: () => fc.property(prefix, detectText, region, (before, text, country) => {
      const alone = allFinders(text, country);
      const after = allFinders(before + text, country);
      const detectorAlone = createDetector().detector.findAll(text);
      const detectorAfter = createDetector().detector.findAll(before + text);
      for (const [name, found] of [...Object.entries(after), ['detector', detectorAfter] as const]) {
        const own = name === 'detector' ? detectorAlone : alone[name];
        const inText = found.filter((match) => match.start >= before.length);
        assert.ok(found.every((match) => match.start >= before.length || match.end <= before.length), `${name}: a match crosses the prefix`);
        assert.deepEqual(inText, shift(own, before.length), name);
      }
    }),
  },
  {
    name: 'the id, number or address at a position agrees with the full scan away from the window edges',
    runs: 500,
    property: () => fc.property(fc.array(detectText, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' ')), fc.nat(), region, (text, seed, country) => {
      const position = text.length === 0 ? 0 : seed % (text.length + 1);
      const atOrEnding = <T extends Range>(found: readonly T[]): T | undefined =>
        found.find((match) => match.start <= position && position < match.end) ?? found.filter((match) => match.end === position).at(-1);
      const nearCut = (found: readonly Range[], from: number, to: number, margin: number): boolean =>
        found.some((match) => (from > 0 && match.start < from + margin && match.end > from - margin) || (to < text.length && match.end > to - margin && match.start < to + margin));

      const { detector } = createDetector();
      const window = windowAround(text, position, CURSOR_RADIUS);
      const windowEnd = window.offset + window.text.length;
      const full = detector.findAll(text);
      const inWindow = detector.findAll(window.text, window.offset);
      if (!nearCut([...full, ...inWindow], window.offset, windowEnd, 2)) {
        assert.deepEqual(detector.findAt(text, position), atOrEnding(full));
      }

      // contactPointAt cuts its window plainly, CURSOR_RADIUS either side.
      const from = Math.max(0, position - CURSOR_RADIUS);
      const to = Math.min(text.length, position + CURSOR_RADIUS);
      const points = findContactPoints(text, { defaultCountry: country });
      const windowPoints = findContactPoints(text.slice(from, to), { defaultCountry: country, offset: from });
      // A rejected candidate may hide up to 94 characters of a number, and the guards read two characters back.
      if (!nearCut([...points, ...windowPoints], from, to, 128)) {
        assert.deepEqual(contactPointAt(text, position, { defaultCountry: country }), atOrEnding(points));
      }
    }),
  },
  {
    name: 'encoding any id for a path gives one segment or throws a QuoError',
    runs: 3000,
    property: () => fc.property(fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('.', '..', '...', '%2e%2e', '', 'a/b', '?', '#')), (id) => {
      let segment: string;
      try {
        segment = encodeIdSegment(id);
      } catch (error) {
        assert.ok(error instanceof QuoError, String(error));
        return;
      }
      assert.doesNotMatch(segment, /[/?#\s\\]/);
      assert.ok(segment !== '' && segment !== '.' && segment !== '..');
      const url = new URL(`https://api.quo.com/v1/contacts/${segment}`);
      assert.equal(url.pathname, `/v1/contacts/${segment}`);
      assert.equal(decodeURIComponent(segment), id);
    }),
  },
]);
