import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ContactSet } from '../../src/contacts/contactSet.js';
import { isPackedId, PackTable, packContact, packedId, unpackContact } from '../../src/contacts/packedContact.js';
import { normalizeEmail, normalizePhone } from '../../src/contacts/phone.js';
import type { Contact, CustomField, LabelledValue } from '../../src/quo/types.js';
import { contactArbitrary, fieldText } from './contacts.js';
import { propertySuite } from './harness.js';

/** Contacts as Quo may send them: ids on labelled values and custom fields, a source URL around the contact's id. */
const withOptionalParts: fc.Arbitrary<Contact> = fc
  .tuple(contactArbitrary, fc.array(fc.option(fieldText, { nil: undefined }), { minLength: 12, maxLength: 12 }), fc.boolean())
  .map(([contact, extras, urlAroundId]) => {
    let next = 0;
    const extra = (): string | undefined => extras[next++ % extras.length];
    const labelled = (item: LabelledValue): LabelledValue => {
      const id = extra();
      return id === undefined ? { ...item } : { ...item, id };
    };
    const custom = (field: CustomField): CustomField => {
      const key = extra();
      const id = extra();
      return { ...field, ...(key === undefined ? {} : { key }), ...(id === undefined ? {} : { id }) };
    };
    return {
      ...contact,
      sourceUrl: urlAroundId ? `https://crm.example/r/${contact.id}/view?x=${contact.id}` : contact.sourceUrl,
      updatedAt: extras[0] === undefined ? contact.createdAt : contact.updatedAt,
      defaultFields: {
        ...contact.defaultFields,
        emails: contact.defaultFields.emails.map(labelled),
        phoneNumbers: contact.defaultFields.phoneNumbers.map(labelled),
      },
      customFields: [
        ...contact.customFields.map(custom),
        { name: 'Zero', type: 'number', value: -0 },
        { name: 'When', type: 'date', value: contact.createdAt },
      ],
    };
  });

const SHARED_NUMBERS = ['+14155550100', '(415) 555-0101', '+44 20 7946 0958'];

/** As JSON carries it: the generated records may have no prototype, which the set's copies do. */
const plain = (contact: Contact): unknown => JSON.parse(JSON.stringify(contact));

propertySuite('Properties: packed contacts', [
  {
    name: 'a packed contact unpacks to exactly the contact packed, whatever its fields hold',
    runs: 300,
    property: () =>
      fc.property(fc.array(withOptionalParts, { minLength: 1, maxLength: 6 }), (contacts) => {
        // One table for several contacts, as in an index: what one interned must not change another.
        const table = new PackTable();
        const packed = contacts.map((contact) => packContact(contact, table));
        table.forget();
        contacts.forEach((contact, i) => {
          const record = packed[i];
          assert.deepStrictEqual(unpackContact(record, table), contact);
          assert.equal(packedId(record), contact.id);
          assert.ok(isPackedId(record, contact.id));
          // Packing again after the table forgot its lookups gives the same record (a refresh compares records).
          assert.equal(packContact(contact, table), record);
        });
      }),
  },
  {
    name: 'a set answers every contact put into it by id, number and address, and none removed',
    runs: 100,
    property: () =>
      fc.property(
        fc.uniqueArray(withOptionalParts, { minLength: 1, maxLength: 10, selector: (contact) => contact.id }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (generated, removals) => {
          // Numbers and addresses several contacts share, as a company's main line is.
          const contacts = generated.map((contact, i): Contact => ({
            ...contact,
            defaultFields: {
              ...contact.defaultFields,
              phoneNumbers: [...contact.defaultFields.phoneNumbers, { name: 'main', value: SHARED_NUMBERS[i % SHARED_NUMBERS.length] ?? null }],
              emails: [...contact.defaultFields.emails, { name: 'team', value: `Team${i % 2}@Shared.example` }],
            },
          }));
          const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
          const set = new ContactSet('US', () => collator);
          contacts.forEach((contact) => set.put(contact));
          const removed = new Set(removals.map((i) => (contacts[i % contacts.length]).id));
          removed.forEach((id) => set.remove(id));
          assert.equal(set.size, contacts.length - removed.size);
          for (const contact of contacts) {
            const found = set.byId(contact.id);
            assert.deepStrictEqual(found && plain(found), removed.has(contact.id) ? undefined : plain(contact));
          }
          for (const contact of contacts) {
            for (const phone of contact.defaultFields.phoneNumbers) {
              const key = phone.value === null ? undefined : normalizePhone(phone.value, 'US');
              if (key !== undefined) {
                assert.equal(set.byPhone(key).some((found) => found.id === contact.id), !removed.has(contact.id));
              }
            }
            for (const email of contact.defaultFields.emails) {
              const key = email.value === null ? '' : normalizeEmail(email.value);
              if (key.includes('@')) {
                assert.equal(set.byEmail(key).some((found) => found.id === contact.id), !removed.has(contact.id));
              }
            }
          }
          assert.deepStrictEqual(new Set([...set.all()].map((contact) => contact.id)), new Set(contacts.map((c) => c.id).filter((id) => !removed.has(id))));
          // Put back, the removed contacts take the freed slots: found again, by search too.
          contacts.filter((contact) => removed.has(contact.id)).forEach((contact) => set.put(contact));
          assert.equal(set.size, contacts.length);
          for (const contact of contacts) {
            assert.equal(set.byId(contact.id)?.id, contact.id);
          }
          assert.equal(set.corpus.liveCount, contacts.length);
        },
      ),
  },
]);
