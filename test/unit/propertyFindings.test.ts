/**
 * Issue 25: the shrunk counterexamples of the property tests (test/properties), each kept as an example beside the
 * property that found it, so the defect stays fixed whatever seed the properties run with.
 */
import assert from 'node:assert/strict';
import { clearPhoneMemo, normalizePhone } from '../../src/contacts/phone.js';
import { foldText } from '../../src/contacts/search/folding.js';
import { findLinks } from '../../src/detect/builtin.js';
import { createDetector } from '../../src/detect/detector.js';
import { isHostMessage, isPanelMessage, isPanelWebviewState, oversizedHostMessage } from '../../src/render/panelMessages.js';
import { truncate } from '../../src/common/text.js';

describe('Found by the properties', () => {
  it('foldText turns a C1 control character into a space, as it does C0 ones', () => {
    assert.equal(foldText('\x80'), ' ');
    assert.equal(foldText('Zo\x85ë'), 'zo e');
  });

  it('foldText folds the capital sharp s as the small one, so folding twice changes nothing', () => {
    assert.equal(foldText('ẞ'), 'ss');
    assert.equal(foldText('STRAẞE'), foldText('straße'));
  });

  it('normalizePhone refuses an international number that would normalise to another', () => {
    clearPhoneMemo();
    assert.equal(normalizePhone('+ 8 2000000 0'), undefined);
    assert.equal(normalizePhone('+44 (0) 20 7946 0958'), '+442079460958');
  });

  it('normalizePhone refuses a number read through an international prefix that does not read as itself', () => {
    clearPhoneMemo();
    assert.equal(normalizePhone('0043000000', 'AC'), undefined);
    clearPhoneMemo();
    assert.equal(normalizePhone('+4300000'), undefined);
    assert.equal(normalizePhone('00 44 20 7946 0958', 'AC'), '+442079460958');
  });

  it('findLinks does not report a link inside the previous link’s segment: results never overlap', () => {
    const text = 'https://my.quo.com/contacts/%2F\u0000https://my.quo.com/contacts/000000000000000000000000';
    const links = findLinks(text, 0);
    assert.equal(links.length, 1);
    assert.equal(links[0].start, 0);
    // The detector dropped the inner link already; what it finds is the same as before.
    assert.deepEqual(createDetector().detector.findAll(text).map((match) => match.kind), ['link', 'id']);
  });

  it('truncate to 0 gives the empty string, not an ellipsis one unit over the limit', () => {
    assert.equal(truncate('ß', 0), '');
    assert.equal(truncate('ab', 1), '…');
  });

  it('normalizePhone never gives more than 15 digits: a 14-digit German national number is no number', () => {
    clearPhoneMemo();
    assert.equal(normalizePhone(' 30000 000000000', 'de'), undefined);
    assert.equal(normalizePhone('+4930000000000000'), undefined);
  });

  it('the webview message checks refuse, rather than throw on, an object whose getter throws', () => {
    const data = Object.defineProperty({}, 'type', { get: () => { throw new Error('getter type'); }, enumerable: true });
    assert.equal(isPanelMessage(data), false);
    assert.equal(isHostMessage(data), false);
    assert.equal(isPanelWebviewState(Object.defineProperty({}, 'contactId', { get: () => { throw new Error('x'); } })), false);
    assert.equal(oversizedHostMessage(new Proxy({}, { get: () => { throw new Error('trap'); } })), undefined);
  });
});
