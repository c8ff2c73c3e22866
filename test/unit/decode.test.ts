import assert from 'node:assert/strict';
import { decodeContact, decodeContactPage, decodeContactResponse } from '../../src/quo/decodeContacts.js';
import { DecodeError } from '../../src/quo/decodeJson.js';

function rawContact(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '66d0d87e8dc1211467372303',
    externalId: null,
    source: 'public-api',
    sourceUrl: 'https://openphone.co/contacts/66d0d87e8dc1211467372303',
    defaultFields: {
      firstName: 'Ada',
      lastName: null,
      company: 'Analytical Engines',
      role: null,
      emails: [{ name: 'work', value: 'ada@example.com', id: 'e1' }],
      phoneNumbers: [{ name: 'mobile', value: null }],
    },
    customFields: [
      { name: 'Address', key: 'addr', id: 'c1', type: 'address', value: '1 Main St' },
      { name: 'Nickname', type: 'string', value: null },
      { name: 'Website', type: 'url', value: 'https://example.com' },
      { name: 'Tags', type: 'multi-select', value: ['a', 'b'] },
      { name: 'Tags empty', type: 'multi-select', value: [] },
      { name: 'VIP', type: 'boolean', value: false },
      { name: 'Renewal', type: 'date', value: '2024-09-11T04:00:00.000Z' },
      { name: 'Seats', type: 'number', value: 42 },
    ],
    createdAt: '2022-01-01T00:00:00Z',
    updatedAt: '2022-01-02T00:00:00Z',
    createdByUserId: 'US123abc',
    ...overrides,
  };
}

describe('decodeContact', () => {
  it('decodes every field and each custom field type', () => {
    const contact = decodeContactResponse({ data: rawContact() });
    assert.equal(contact.defaultFields.firstName, 'Ada');
    assert.equal(contact.defaultFields.lastName, null);
    assert.deepEqual(contact.defaultFields.emails[0], { name: 'work', value: 'ada@example.com', id: 'e1' });
    assert.deepEqual(contact.defaultFields.phoneNumbers[0], { name: 'mobile', value: null });
    assert.deepEqual(
      contact.customFields.map((field) => [field.type, field.value]),
      [
        ['address', '1 Main St'],
        ['string', null],
        ['url', 'https://example.com'],
        ['multi-select', ['a', 'b']],
        ['multi-select', []],
        ['boolean', false],
        ['date', '2024-09-11T04:00:00.000Z'],
        ['number', 42],
      ],
    );
    assert.equal(contact.customFields[0]?.key, 'addr');
  });

  it('ignores unknown extra fields', () => {
    const contact = decodeContact({ ...rawContact(), surprise: { nested: true } });
    assert.equal('surprise' in contact, false);
  });

  it('skips a custom field of a type it does not know instead of failing the contact', () => {
    const raw = rawContact({ customFields: [{ name: 'Future', type: 'hologram', value: 1 }] });
    assert.deepEqual(decodeContact(raw).customFields, []);
  });

  const malformed: Array<[string, Record<string, unknown>, string]> = [
    ['a missing id', rawContact({ id: undefined }), 'data.id: expected string, got undefined'],
    ['a number as a name', rawContact({ defaultFields: { ...(rawContact()['defaultFields'] as object), firstName: 7 } }), 'data.defaultFields.firstName: expected string or null, got number'],
    ['emails not an array', rawContact({ defaultFields: { ...(rawContact()['defaultFields'] as object), emails: {} } }), 'data.defaultFields.emails: expected array, got object'],
    ['a boolean field holding a string', rawContact({ customFields: [{ name: 'VIP', type: 'boolean', value: 'false' }] }), 'data.customFields[0].value: expected boolean or null, got string "false"'],
    ['a multi-select holding a number', rawContact({ customFields: [{ name: 'T', type: 'multi-select', value: ['a', 2] }] }), 'data.customFields[0].value[1]: expected string, got number'],
    ['a number field holding a string', rawContact({ customFields: [{ name: 'N', type: 'number', value: '42' }] }), 'data.customFields[0].value: expected number or null, got string "42"'],
  ];
  for (const [what, raw, message] of malformed) {
    it(`rejects ${what} naming the field`, () => {
      assert.throws(() => decodeContactResponse({ data: raw }), (error: unknown) => {
        assert.ok(error instanceof DecodeError);
        assert.equal(error.message, message);
        return true;
      });
    });
  }

  it('rejects a body without data', () => {
    assert.throws(() => decodeContactResponse({ contact: rawContact() }), /data: expected object, got undefined/);
  });

  it('keeps a huge string value intact but short in the error message', () => {
    const huge = 'x'.repeat(1_000_000);
    assert.equal(decodeContact(rawContact({ source: huge })).source?.length, 1_000_000);
    assert.throws(
      () => decodeContact(rawContact({ createdAt: 5, source: huge })),
      (error: unknown) => error instanceof Error && error.message.length < 200,
    );
  });
});

describe('decodeContactPage', () => {
  it('decodes a page and its token, and reads a missing token as the end', () => {
    const page = decodeContactPage({ data: [rawContact()], totalItems: 1, nextPageToken: 'abc' });
    assert.equal(page.contacts.length, 1);
    assert.equal(page.nextPageToken, 'abc');
    assert.equal(decodeContactPage({ data: [], totalItems: 0 }).nextPageToken, null);
  });

  it('names the index of a broken contact', () => {
    assert.throws(
      () => decodeContactPage({ data: [rawContact(), rawContact({ updatedAt: null })], nextPageToken: null }),
      /data\[1\]\.updatedAt: expected string, got null/,
    );
  });
});
