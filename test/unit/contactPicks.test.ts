import assert from 'node:assert/strict';
import { sharedNumberPicks } from '../../src/render/contactPicks.js';
import { hexId, makeContact } from './contactFixtures.js';

describe('the shared-number picker', () => {
  it('shows company and role on one clean line: no bidi overrides, line breaks or theme icons from Quo', () => {
    const hostile = makeContact(hexId(1), { first: 'Ada' });
    const contact = {
      ...hostile,
      defaultFields: { ...hostile.defaultFields, company: 'Acme\u202Egnp.exe\nInc', role: '$(terminal)\r\nCEO\u2066' },
    };
    const [pick] = sharedNumberPicks([contact, makeContact(hexId(2), { first: 'Bob' })]);
    assert.ok(pick);
    assert.equal(pick.description, 'Acmegnp.exe Inc · \\$(terminal) CEO');
    assert.doesNotMatch(pick.description, /[\u202A-\u202E\u2066-\u2069\r\n]/);
    assert.equal(pick.label, 'Ada');
    assert.equal(pick.contactId, hexId(1));
  });

  it('leaves the description empty when neither is set', () => {
    const [pick] = sharedNumberPicks([makeContact(hexId(1), { first: 'Ada' })]);
    assert.equal(pick?.description, '');
  });
});
