import assert from 'node:assert/strict';
import { contactDisplayName } from '../../src/contacts/contactName.js';
import type { Contact, DefaultFields } from '../../src/quo/types.js';
import { EMPTY_CONTACT } from './renderFixtures.js';

function withFields(fields: Partial<DefaultFields>): Contact {
  return { ...EMPTY_CONTACT, defaultFields: { ...EMPTY_CONTACT.defaultFields, ...fields } };
}

describe('contactDisplayName', () => {
  it('joins first and last name', () => {
    assert.equal(contactDisplayName(withFields({ firstName: 'Jane', lastName: 'Doe', company: 'Acme' })), 'Jane Doe');
    assert.equal(contactDisplayName(withFields({ firstName: 'Jane' })), 'Jane');
    assert.equal(contactDisplayName(withFields({ lastName: 'Doe' })), 'Doe');
  });

  it('falls back to company, then the first email, then the first phone', () => {
    const emails = [
      { name: 'a', value: null },
      { name: 'b', value: ' jane@acme.com ' },
    ];
    const phoneNumbers = [{ name: 'm', value: '+12345678901' }];
    assert.equal(contactDisplayName(withFields({ firstName: ' ', company: 'Acme', emails, phoneNumbers })), 'Acme');
    assert.equal(contactDisplayName(withFields({ company: '', emails, phoneNumbers })), 'jane@acme.com');
    assert.equal(contactDisplayName(withFields({ emails: [{ name: 'a', value: '  ' }], phoneNumbers })), '+12345678901');
  });

  it('says "Unnamed contact" when there is nothing', () => {
    assert.equal(contactDisplayName(EMPTY_CONTACT), 'Unnamed contact');
    assert.equal(contactDisplayName(withFields({ firstName: '\n\t', lastName: '\u202E' })), 'Unnamed contact');
  });

  it('treats a name with nothing visible as no name, falling back to the company or the number', () => {
    assert.equal(contactDisplayName(withFields({ firstName: '\u200B', lastName: '', company: 'Acme' })), 'Acme');
    assert.equal(contactDisplayName(withFields({ firstName: '\u3164', lastName: '\uFEFF\u2060', company: 'Acme' })), 'Acme');
    assert.equal(
      contactDisplayName(withFields({ firstName: '\u200D', company: '\u115F\u1160', phoneNumbers: [{ name: 'm', value: '+12345678901' }] })),
      '+12345678901',
    );
    assert.equal(contactDisplayName(withFields({ firstName: '\uFE0F\u00AD', lastName: 'Doe' })), 'Doe');
    assert.equal(contactDisplayName(withFields({ firstName: '\u061C' })), 'Unnamed contact');
  });

  it('keeps the joiners a name needs', () => {
    assert.equal(contactDisplayName(withFields({ firstName: 'می\u200Cخواهم', lastName: '👩\u200D💻' })), 'می\u200Cخواهم 👩\u200D💻');
  });

  it('is one clean line: no line breaks, controls or bidi overrides', () => {
    assert.equal(
      contactDisplayName(withFields({ firstName: 'Ja\u0000ne\r\n', lastName: '\u202EDoe\u202C\u2028Jr' })),
      'Jane Doe Jr',
    );
  });
});
