import assert from 'node:assert/strict';
import { describeError, errorFromResponse, QuoError } from '../../src/quo/errors.js';
import { validateBaseUrl } from '../../src/quo/baseUrl.js';
import { encodeIdSegment } from '../../src/quo/client.js';
import { retryAtFrom, retryDelayMs } from '../../src/quo/retryAfter.js';

describe('errorFromResponse', () => {
  it('reads the spec shape with trace and error details', () => {
    const body = JSON.stringify({
      message: 'Invalid custom field',
      code: '0801400',
      status: 400,
      docs: 'https://quo.com/docs',
      title: 'Invalid Custom Field Item',
      trace: 'trace-123',
      errors: [{ path: '/customFields/0', message: 'bad', value: 3, schema: { type: 'string' } }],
    });
    const error = errorFromResponse(400, 'Bad Request', body);
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 400);
    assert.equal(error.code, '0801400');
    assert.equal(error.title, 'Invalid Custom Field Item');
    assert.equal(error.message, 'Invalid custom field');
    assert.equal(error.trace, 'trace-123');
    assert.deepEqual(error.details, [{ path: '/customFields/0', message: 'bad', value: 3 }]);
  });

  it('reads the wrapped {"error": {...}} shape of live 401s', () => {
    const error = errorFromResponse(401, 'Unauthorized', '{"error":{"message":"Invalid API key","key":"unauthorized","trace":"t-9"}}');
    assert.equal(error.isUnauthorized, true);
    assert.equal(error.message, 'Invalid API key');
    assert.equal(error.trace, 't-9');
    assert.equal(error.code, 'unauthorized');
  });

  it('survives an HTML body without echoing the page', () => {
    const error = errorFromResponse(502, 'Bad Gateway', '<html><body><h1>502 Bad Gateway</h1><script>x</script></body></html>');
    assert.equal(error.status, 502);
    assert.equal(error.message, '502 Bad Gateway');
    assert.equal(error.isTransient, true);
  });

  it('survives an empty body and a JSON body that is not an object', () => {
    assert.equal(errorFromResponse(500, '', '').message, '500 HTTP 500');
    assert.equal(errorFromResponse(500, 'Internal Server Error', '[1,2]').message, '500 Internal Server Error: [1,2]');
  });

  it('describes each kind in one line for the user', () => {
    assert.match(describeError(new QuoError({ kind: 'network', message: 'x' })), /unreachable/);
    assert.match(describeError(errorFromResponse(404, 'Not Found', '{}')), /No Quo contact/);
    assert.match(describeError(errorFromResponse(401, 'Unauthorized', '{}')), /Set API Key/);
    assert.match(describeError(errorFromResponse(500, 'x', '{"message":"boom","trace":"abc"}')), /boom \(trace abc\)/);
  });

  it("never gives a 400's title as the reason", () => {
    const titleOnly = errorFromResponse(400, 'Bad Request', '{"code":"0101400","title":"Too Many Participants","trace":"t1"}');
    assert.equal(titleOnly.message, 'Too Many Participants', 'the parser falls back to the title');
    const line = describeError(titleOnly);
    assert.doesNotMatch(line, /Too Many Participants/);
    assert.match(line, /did not accept the request \(error 400\) \(trace t1\)/);
    const withMessage = errorFromResponse(400, 'Bad Request', '{"title":"A2P Registration Not Approved","message":"maxResults: Expected integer"}');
    assert.equal(describeError(withMessage), 'Quo did not accept the request (error 400): maxResults: Expected integer');
  });
});

describe('retryAtFrom', () => {
  const now = Date.parse('2026-05-04T14:00:00Z');
  const at = (headers: Record<string, string>): number | undefined => retryAtFrom(new Headers(headers), now);

  it('reads seconds, an HTTP date and epoch seconds, from the first header present, as ky does', () => {
    assert.equal(at({ 'Retry-After': '120' }), now + 120_000);
    assert.equal(at({ 'Retry-After': new Date(now + 90_000).toUTCString() }), now + 90_000);
    assert.equal(at({ 'X-RateLimit-Reset': String(now / 1000 + 30) }), now + 30_000);
    assert.equal(at({ 'RateLimit-Reset': '5', 'X-RateLimit-Reset': String(now / 1000 + 30) }), now + 5_000);
  });

  it('says nothing for no header, an empty or unreadable one, or "never"; and now for a time already past', () => {
    assert.equal(at({}), undefined);
    assert.equal(at({ 'Retry-After': '' }), undefined);
    assert.equal(at({ 'Retry-After': 'soon' }), undefined);
    assert.equal(at({ 'Retry-After': 'Infinity' }), undefined);
    assert.equal(retryDelayMs(new Headers({ 'Retry-After': 'Infinity' }), now), Infinity);
    assert.equal(at({ 'Retry-After': new Date(now - 60_000).toUTCString() }), now);
  });

  it('is carried by the error, and shown as the time to try again', () => {
    const error = errorFromResponse(429, 'Too Many Requests', '{}', now + 3_600_000);
    assert.equal(error.isRateLimited, true);
    assert.equal(error.retryAt, now + 3_600_000);
    assert.match(describeError(error), /try again after/);
    assert.equal(errorFromResponse(429, 'Too Many Requests', '{}').retryAt, undefined);
    assert.equal(new QuoError({ kind: 'http', status: 429, message: 'x', retryAt: Number.NaN }).retryAt, undefined);
  });

  it('describes a too-large answer', () => {
    assert.match(describeError(new QuoError({ kind: 'too-large', message: 'larger than 8 MB' })), /8 MB/);
  });
});

describe('validateBaseUrl', () => {
  it('accepts https anywhere and http only on loopback', () => {
    assert.equal(validateBaseUrl('https://api.quo.com'), 'https://api.quo.com/');
    assert.equal(validateBaseUrl('http://127.0.0.1:4010'), 'http://127.0.0.1:4010/');
    assert.equal(validateBaseUrl('http://localhost:4010/'), 'http://localhost:4010/');
    assert.equal(validateBaseUrl('http://[::1]:4010'), 'http://[::1]:4010/');
  });

  for (const bad of ['http://api.quo.com', 'http://127.0.0.1.evil.com', 'ftp://api.quo.com', 'https://user:pw@api.quo.com', 'not a url', 'https://api.quo.com/?x=1', 'http://10.0.0.1']) {
    it(`refuses ${bad}`, () => {
      assert.throws(() => validateBaseUrl(bad), (error: unknown) => error instanceof QuoError && error.kind === 'config');
    });
  }

  it('accepts plain http on localhost, any 127.0.0.0/8 address and [::1]', () => {
    assert.equal(validateBaseUrl('http://localhost:4010'), 'http://localhost:4010/');
    assert.equal(validateBaseUrl('http://127.0.0.2:4010'), 'http://127.0.0.2:4010/');
    assert.equal(validateBaseUrl('http://127.255.0.9'), 'http://127.255.0.9/');
    assert.equal(validateBaseUrl('http://[::1]:4010'), 'http://[::1]:4010/');
    assert.equal(validateBaseUrl('http://[0:0:0:0:0:0:0:1]:4010'), 'http://[::1]:4010/');
  });

  // Resolved through the system resolver, which may send them to DNS: only literal loopback and localhost are trusted.
  for (const bad of [
    'http://evil.localhost',
    'http://evil.localhost:4010',
    'http://api.quo.com.localhost',
    'http://localhost.',
    'http://localhost.evil.com',
    'http://[::ffff:127.0.0.1]:4010',
    'http://128.0.0.1',
  ]) {
    it(`refuses plain http to the name ${bad}`, () => {
      assert.throws(
        () => validateBaseUrl(bad),
        (error: unknown) => error instanceof QuoError && error.kind === 'config' && /must use https/.test(error.message),
      );
    });
  }
});

describe('encodeIdSegment', () => {
  it('turns any id into one path segment', () => {
    for (const id of ['a/b', '../x', '?q=1', '#frag', '%2F', 'ünïcødé', 'a b']) {
      const segment = encodeIdSegment(id);
      assert.equal(segment.includes('/'), false, id);
      assert.equal(new URL(`v1/contacts/${segment}`, 'https://api.quo.com/').pathname.split('/').length, 4, id);
    }
  });

  it('rejects ids that URL parsing would resolve or that are absurdly long', () => {
    for (const id of ['', '.', '..', 'x'.repeat(10_000), '\ud800']) {
      assert.throws(() => encodeIdSegment(id), (error: unknown) => error instanceof QuoError && error.kind === 'config');
    }
  });
});
