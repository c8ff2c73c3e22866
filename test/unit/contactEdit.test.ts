/**
 * The edit form's model: the draft from a contact, the change set, the PATCH and POST bodies (checked against the
 * spec's request schemas), and phone validation.
 */
import assert from 'node:assert/strict';
import { changesOf } from '../../src/contacts/edit/changeSet.js';
import type { ContactDraft, DraftCustomField, DraftCustomValue } from '../../src/contacts/edit/contactDraft.js';
import { draftOf } from '../../src/contacts/edit/draftOf.js';
import { phoneProblem } from '../../src/contacts/edit/phoneProblem.js';
import { createBody, patchBody, type BuiltBody } from '../../src/contacts/edit/requestBody.js';
import type { UpdateContactBody } from '../../src/quo/client.js';
import { assertSpecBody, DEFINITIONS, fullContact } from './contactEditFixtures.js';

const BASE = draftOf(fullContact(), DEFINITIONS);

function withCustom(draft: ContactDraft, key: string, field: DraftCustomValue): ContactDraft {
  return { ...draft, customFields: draft.customFields.map((custom) => (custom.key === key ? { ...custom, field } : custom)) };
}

/** The body of a save that must be valid: checked against the spec, then returned. */
function sent(built: BuiltBody<UpdateContactBody>): UpdateContactBody {
  assert.ok(built.ok, `expected a body, got problems: ${JSON.stringify(built.ok ? [] : built.problems)}`);
  assertSpecBody('update', built.body);
  return built.body;
}

function custom(draft: ContactDraft, key: string): DraftCustomField | undefined {
  return draft.customFields.find((field) => field.key === key);
}

describe('The edit model', () => {
  describe('draftOf', () => {
    it('starts from the contact: names, lists with their ids, empty text for null', () => {
      assert.equal(BASE.firstName, 'Ada');
      assert.equal(BASE.role, '');
      assert.deepEqual(BASE.emails, [
        { id: 'e1', name: 'work', value: 'ada@engines.example' },
        { id: 'e2', name: 'home', value: 'ada@home.example' },
      ]);
      assert.deepEqual(BASE.phoneNumbers.map((item) => item.value), ['+15551007919', '+442079460958']);
    });

    it('holds one field per definition, in their order, then the contact\'s fields that no definition names', () => {
      assert.deepEqual(
        BASE.customFields.map((field) => field.key),
        ['street', 'notes', 'site', 'tier', 'vip', 'renewal', 'tags', 'source-system', 'legacy'],
      );
    });

    it('reads every custom field type as the form holds it (numbers as text, dates as UTC days)', () => {
      const values = Object.fromEntries(BASE.customFields.map((field) => [field.key, field.field]));
      assert.deepEqual(values, {
        street: { type: 'address', value: '1 Infinite Loop' },
        notes: { type: 'string', value: '' },
        site: { type: 'url', value: 'https://engines.example' },
        tier: { type: 'number', value: '2.5' },
        vip: { type: 'boolean', value: true },
        renewal: { type: 'date', value: '2026-05-04' },
        tags: { type: 'multi-select', value: ['gold', 'beta'] },
        'source-system': { type: 'string', value: 'hubspot' },
        legacy: { type: 'string', value: 'L-7' },
      });
      assert.equal(custom(BASE, 'source-system')?.id, 'c8', 'a field without a key is matched by its name');
      assert.equal(custom(BASE, 'legacy')?.name, 'Legacy id');
    });

    it('gives an empty field for a definition the contact has no value for, and reads a date in UTC', () => {
      const contact = fullContact({
        customFields: [{ key: 'renewal', name: 'Renewal', type: 'date', value: '2026-05-04T23:30:00-05:00' }],
      });
      const draft = draftOf(contact, DEFINITIONS);
      assert.deepEqual(custom(draft, 'renewal')?.field, { type: 'date', value: '2026-05-05' });
      assert.deepEqual(custom(draft, 'vip')?.field, { type: 'boolean', value: null });
      assert.deepEqual(custom(draft, 'tags')?.field, { type: 'multi-select', value: [] });
      assert.equal(custom(draft, 'vip')?.id, undefined);
    });

    it('reads a value by its definition\'s type, and keeps the contact\'s fields without any definitions', () => {
      const contact = fullContact({ customFields: [{ key: 'tier', name: 'Tier', type: 'string', value: '12' }] });
      assert.deepEqual(custom(draftOf(contact, DEFINITIONS), 'tier')?.field, { type: 'number', value: '12' });
      assert.deepEqual(draftOf(contact).customFields, [{ key: 'tier', name: 'Tier', field: { type: 'string', value: '12' } }]);
    });
  });

  describe('the change set and the PATCH body', () => {
    it('is empty for an unchanged draft, and for values retyped as they were', () => {
      assert.deepEqual(changesOf(BASE, BASE), []);
      assert.deepEqual(sent(patchBody(BASE, BASE)), {});
      const retyped: ContactDraft = withCustom(
        withCustom(
          {
            ...BASE,
            company: ' Analytical Engines ',
            phoneNumbers: [{ id: 'p1', name: 'mobile', value: '(555) 100-7919' }, BASE.phoneNumbers[1]],
            // A row added and left empty is nothing.
            emails: [...BASE.emails, { name: 'other', value: '' }],
          },
          'tier',
          { type: 'number', value: '2.50' },
        ),
        'tags',
        { type: 'multi-select', value: ['beta', 'gold'] },
      );
      assert.deepEqual(changesOf(BASE, retyped), []);
      assert.deepEqual(sent(patchBody(BASE, retyped)), {});
    });

    it('sends a changed name alone, and an emptied one as null', () => {
      const draft = { ...BASE, company: 'Difference Engines', lastName: '  ' };
      assert.deepEqual(changesOf(BASE, draft), ['lastName', 'company']);
      assert.deepEqual(sent(patchBody(BASE, draft)), { defaultFields: { lastName: null, company: 'Difference Engines' } });
    });

    it('sends a list with an added item whole, each kept item with its id', () => {
      const draft = { ...BASE, emails: [...BASE.emails, { name: 'billing', value: ' billing@engines.example ' }] };
      assert.deepEqual(changesOf(BASE, draft), ['emails']);
      assert.deepEqual(sent(patchBody(BASE, draft)), {
        defaultFields: {
          emails: [
            { id: 'e1', name: 'work', value: 'ada@engines.example' },
            { id: 'e2', name: 'home', value: 'ada@home.example' },
            { name: 'billing', value: 'billing@engines.example' },
          ],
        },
      });
    });

    it('sends a removed item with value null, so that a replace and a merge both remove it', () => {
      const draft = { ...BASE, phoneNumbers: [BASE.phoneNumbers[0]] };
      assert.deepEqual(sent(patchBody(BASE, draft)), {
        defaultFields: {
          phoneNumbers: [
            { id: 'p1', name: 'mobile', value: '+15551007919' },
            { id: 'p2', name: 'office', value: null },
          ],
        },
      });
    });

    it('sends an emptied item with value null in its place', () => {
      const draft = { ...BASE, emails: [{ id: 'e1', name: 'work', value: '' }, BASE.emails[1]] };
      assert.deepEqual(sent(patchBody(BASE, draft)).defaultFields?.emails, [
        { id: 'e1', name: 'work', value: null },
        { id: 'e2', name: 'home', value: 'ada@home.example' },
      ]);
    });

    it('sends a reordered list whole in the new order, nothing removed', () => {
      const draft = { ...BASE, emails: [...BASE.emails].reverse() };
      assert.deepEqual(changesOf(BASE, draft), ['emails']);
      assert.deepEqual(sent(patchBody(BASE, draft)).defaultFields?.emails?.map((item) => [item.id, item.value]), [
        ['e2', 'ada@home.example'],
        ['e1', 'ada@engines.example'],
      ]);
    });

    it('sends a renamed item (its label) with its id', () => {
      const draft = { ...BASE, emails: [{ id: 'e1', name: 'office', value: 'ada@engines.example' }, BASE.emails[1]] };
      assert.deepEqual(sent(patchBody(BASE, draft)).defaultFields?.emails?.[0], { id: 'e1', name: 'office', value: 'ada@engines.example' });
    });

    it('saves phone numbers in E.164, read in the default country', () => {
      const draft = { ...BASE, phoneNumbers: [...BASE.phoneNumbers, { name: 'desk', value: '020 7946 0959' }] };
      assert.deepEqual(sent(patchBody(BASE, draft, { country: 'GB' })).defaultFields?.phoneNumbers?.[2], { name: 'desk', value: '+442079460959' });
      const american = { ...BASE, phoneNumbers: [...BASE.phoneNumbers, { name: 'desk', value: '(555) 100-7920' }] };
      assert.deepEqual(sent(patchBody(BASE, american)).defaultFields?.phoneNumbers?.[2], { name: 'desk', value: '+15551007920' });
    });

    it('sends nothing while a phone number does not read, and marks its row', () => {
      const draft = { ...BASE, company: 'New', phoneNumbers: [...BASE.phoneNumbers, { name: 'desk', value: '555-01' }] };
      const built = patchBody(BASE, draft);
      assert.equal(built.ok, false);
      assert.deepEqual(built.ok ? [] : built.problems.map((problem) => problem.path), ['phoneNumbers.2.value']);
    });

    it('sends each custom field by its key with its typed value and id', () => {
      let draft = BASE;
      draft = withCustom(draft, 'street', { type: 'address', value: '2 Loop Road' });
      draft = withCustom(draft, 'notes', { type: 'string', value: 'Prefers email' });
      draft = withCustom(draft, 'site', { type: 'url', value: '' });
      draft = withCustom(draft, 'tier', { type: 'number', value: '3' });
      draft = withCustom(draft, 'vip', { type: 'boolean', value: false });
      draft = withCustom(draft, 'renewal', { type: 'date', value: '2027-01-31' });
      draft = withCustom(draft, 'tags', { type: 'multi-select', value: ['gold'] });
      assert.deepEqual(changesOf(BASE, draft), ['customFields.street', 'customFields.notes', 'customFields.site', 'customFields.tier', 'customFields.vip', 'customFields.renewal', 'customFields.tags']);
      assert.deepEqual(sent(patchBody(BASE, draft)), {
        customFields: [
          { key: 'street', id: 'c1', value: '2 Loop Road' },
          { key: 'notes', id: 'c2', value: 'Prefers email' },
          { key: 'site', id: 'c3', value: null },
          { key: 'tier', id: 'c4', value: 3 },
          { key: 'vip', id: 'c5', value: false },
          { key: 'renewal', id: 'c6', value: '2027-01-31T00:00:00.000Z' },
          { key: 'tags', id: 'c7', value: ['gold'] },
        ],
      });
    });

    it('sends emptied custom fields as null', () => {
      let draft = withCustom(BASE, 'tier', { type: 'number', value: ' ' });
      draft = withCustom(draft, 'renewal', { type: 'date', value: '' });
      draft = withCustom(draft, 'tags', { type: 'multi-select', value: [] });
      draft = withCustom(draft, 'vip', { type: 'boolean', value: null });
      assert.deepEqual(sent(patchBody(BASE, draft)).customFields?.map((field) => [field.key, field.value]), [
        ['tier', null],
        ['vip', null],
        ['renewal', null],
        ['tags', null],
      ]);
    });

    it('marks a number or a date that does not read at its field, and sends nothing', () => {
      let draft = withCustom(BASE, 'tier', { type: 'number', value: 'three' });
      draft = withCustom(draft, 'renewal', { type: 'date', value: '2027-02-30' });
      const built = patchBody(BASE, draft);
      assert.equal(built.ok, false);
      assert.deepEqual(built.ok ? [] : built.problems.map((problem) => problem.path), ['customFields.tier', 'customFields.renewal']);
    });

    it('keeps where each sent item came from, for the errors of the answer', () => {
      const draft = {
        ...BASE,
        emails: [{ name: '', value: '' }, { name: 'new', value: 'n@x.example' }, BASE.emails[1]],
      };
      const built = patchBody(BASE, withCustom(draft, 'vip', { type: 'boolean', value: false }));
      assert.ok(built.ok);
      assert.deepEqual(built.origins, {
        'defaultFields.emails.0': 'emails.1',
        'defaultFields.emails.1': 'emails.2',
        'defaultFields.emails.2': 'emails',
        'customFields.0': 'customFields.vip',
      });
      assert.deepEqual(built.body.defaultFields?.emails?.[2], { id: 'e1', name: 'work', value: null });
    });
  });

  describe('the POST body', () => {
    const empty: ContactDraft = { firstName: '', lastName: '', company: '', role: '', emails: [], phoneNumbers: [], customFields: [] };

    it('requires a first name', () => {
      const built = createBody({ ...empty, phoneNumbers: [{ name: 'mobile', value: '+15551007919' }] });
      assert.equal(built.ok, false);
      assert.deepEqual(built.ok ? [] : built.problems.map((problem) => problem.path), ['firstName']);
    });

    it('sends every field with a value, no ids, phone numbers in E.164, only custom fields that have a value', () => {
      const draft: ContactDraft = {
        ...BASE,
        emails: [...BASE.emails, { name: 'blank', value: '' }],
        phoneNumbers: [{ name: 'mobile', value: '(555) 100-7919' }],
        customFields: BASE.customFields.filter((field) => ['notes', 'tier', 'vip', 'renewal'].includes(field.key)),
      };
      const built = createBody(draft);
      assert.ok(built.ok);
      assertSpecBody('create', built.body);
      assert.deepEqual(built.body, {
        defaultFields: {
          firstName: 'Ada',
          lastName: 'Lovelace',
          company: 'Analytical Engines',
          emails: [
            { name: 'work', value: 'ada@engines.example' },
            { name: 'home', value: 'ada@home.example' },
          ],
          phoneNumbers: [{ name: 'mobile', value: '+15551007919' }],
        },
        customFields: [
          { key: 'tier', value: 2.5 },
          { key: 'vip', value: true },
          { key: 'renewal', value: '2026-05-04T00:00:00.000Z' },
        ],
      });
    });

    it('sends a first name alone for a contact with nothing else', () => {
      const built = createBody({ ...empty, firstName: 'Grace' });
      assert.ok(built.ok);
      assertSpecBody('create', built.body);
      assert.deepEqual(built.body, { defaultFields: { firstName: 'Grace' } });
    });

    it('marks a phone number that does not read', () => {
      const built = createBody({ ...empty, firstName: 'Grace', phoneNumbers: [{ name: 'mobile', value: 'call me' }] }, 'US');
      assert.deepEqual(built.ok ? [] : built.problems.map((problem) => problem.path), ['phoneNumbers.0.value']);
    });
  });

  describe('phoneProblem', () => {
    it('accepts a national number in the US and an international one, and an empty field', () => {
      assert.equal(phoneProblem('(555) 100-7919', 'US'), undefined);
      assert.equal(phoneProblem('555.100.7919', 'us'), undefined);
      assert.equal(phoneProblem('+44 20 7946 0958', 'US'), undefined);
      assert.equal(phoneProblem('020 7946 0958', 'GB'), undefined);
      assert.equal(phoneProblem('  ', 'US'), undefined);
    });

    it('says why a number does not read, naming the country', () => {
      for (const value of ['555-0100', 'call me', '+1 055 100 7919', '020 7946 0958']) {
        const problem = phoneProblem(value, 'US');
        assert.ok(problem, value);
        assert.match(problem, /US/);
        assert.match(problem, /\+/);
      }
    });
  });
});
