/**
 * What happens around a save: a teammate's change between open and save (the comparison, and Overwrite's body),
 * whether Quo took what was sent, and a 400's errors at the form's fields.
 */
import assert from 'node:assert/strict';
import { compareVersions, overwriteBody } from '../../src/contacts/edit/compareVersions.js';
import type { ContactDraft, DraftCustomValue, DraftItem } from '../../src/contacts/edit/contactDraft.js';
import { draftOf } from '../../src/contacts/edit/draftOf.js';
import { draftPathOf, problemsOfError } from '../../src/contacts/edit/errorPaths.js';
import { notTaken } from '../../src/contacts/edit/notTaken.js';
import { createBody, patchBody, type BuiltBody, type SentBody } from '../../src/contacts/edit/requestBody.js';
import type { CreateContactBody, UpdateContactBody } from '../../src/quo/client.js';
import { errorFromResponse } from '../../src/quo/errors.js';
import type { Contact, CustomField } from '../../src/quo/types.js';
import { assertSpecBody, DEFINITIONS, fullContact } from './contactEditFixtures.js';

const CONTACT = fullContact();
const BASE = draftOf(CONTACT, DEFINITIONS);
const [E1, E2] = BASE.emails as [DraftItem, DraftItem];
const [P1, P2] = BASE.phoneNumbers as [DraftItem, DraftItem];

function withCustom(draft: ContactDraft, key: string, field: DraftCustomValue): ContactDraft {
  return { ...draft, customFields: draft.customFields.map((custom) => (custom.key === key ? { ...custom, field } : custom)) };
}

function ok<B>(built: BuiltBody<B>, operation: 'create' | 'update'): SentBody<B> {
  assert.ok(built.ok, `expected a body, got problems: ${JSON.stringify(built.ok ? [] : built.problems)}`);
  assertSpecBody(operation, built.body);
  return built;
}

/** A teammate, meanwhile: a new company, one email changed, one phone number removed and another added, a tier. */
const THEIRS: ContactDraft = withCustom(
  {
    ...BASE,
    company: 'Engines Ltd',
    emails: [{ ...E1, value: 'ada@new.example' }, E2],
    phoneNumbers: [P1, { id: 'p3', name: 'desk', value: '+15551007921' }],
  },
  'tier',
  { type: 'number', value: '3' },
);

/** The user, meanwhile: a new first name, another company, one email removed and one added, a tag less. */
const MINE: ContactDraft = withCustom(
  {
    ...BASE,
    firstName: 'Augusta',
    company: 'Analytical Engines Ltd',
    emails: [E1, { name: 'billing', value: 'billing@engines.example' }],
  },
  'tags',
  { type: 'multi-select', value: ['gold'] },
);

describe('A teammate\'s change between open and save', () => {
  it('lists who changed each field, with both values', () => {
    const rows = compareVersions(BASE, THEIRS, MINE).map((row) => [row.field, row.label, row.changedBy, row.same]);
    assert.deepEqual(rows, [
      ['firstName', 'First name', 'mine', false],
      ['company', 'Company', 'both', false],
      ['emails', 'Emails', 'both', false],
      ['phoneNumbers', 'Phone numbers', 'theirs', false],
      ['customFields.tier', 'Tier', 'theirs', false],
      ['customFields.tags', 'Tags', 'mine', false],
    ]);
    const company = compareVersions(BASE, THEIRS, MINE).find((row) => row.field === 'company');
    assert.deepEqual([company?.base, company?.theirs, company?.mine], ['Analytical Engines', 'Engines Ltd', 'Analytical Engines Ltd']);
    const tier = compareVersions(BASE, THEIRS, MINE).find((row) => row.field === 'customFields.tier');
    assert.deepEqual(tier?.theirs, { type: 'number', value: '3' });
  });

  it('says when both made the same change, and lists nothing when neither changed anything', () => {
    const same = { ...BASE, role: 'Countess' };
    assert.deepEqual(
      compareVersions(BASE, same, same).map((row) => [row.field, row.changedBy, row.same]),
      [['role', 'both', true]],
    );
    assert.deepEqual(compareVersions(BASE, BASE, BASE), []);
  });

  it('overwrites only what the user changed: the teammate\'s other changes stay', () => {
    const { body } = ok(overwriteBody(BASE, THEIRS, MINE), 'update');
    assert.deepEqual(body, {
      defaultFields: {
        firstName: 'Augusta',
        company: 'Analytical Engines Ltd',
        // The teammate's new value of e1 (the user did not touch it), the user's new email, e2 removed by the user.
        emails: [
          { id: 'e1', name: 'work', value: 'ada@new.example' },
          { name: 'billing', value: 'billing@engines.example' },
          { id: 'e2', name: 'home', value: null },
        ],
      },
      customFields: [{ key: 'tags', id: 'c7', value: ['gold'] }],
    });
  });

  it('keeps an item the teammate removed removed, and one the teammate added, when the user changes the list', () => {
    const mine = { ...BASE, phoneNumbers: [P1, P2, { name: 'home', value: '(555) 100-7930' }] };
    const { body } = ok(overwriteBody(BASE, THEIRS, mine), 'update');
    assert.deepEqual(body, {
      defaultFields: {
        phoneNumbers: [
          { id: 'p1', name: 'mobile', value: '+15551007919' },
          { name: 'home', value: '+15551007930' },
          { id: 'p3', name: 'desk', value: '+15551007921' },
        ],
      },
    });
  });

  it('adds again, as a new item, what the user changed and the teammate removed', () => {
    const mine = { ...BASE, phoneNumbers: [P1, { ...P2, value: '+442079460000' }] };
    const { body } = ok(overwriteBody(BASE, THEIRS, mine), 'update');
    assert.deepEqual(body.defaultFields?.phoneNumbers, [
      { id: 'p1', name: 'mobile', value: '+15551007919' },
      { name: 'office', value: '+442079460000' },
      { id: 'p3', name: 'desk', value: '+15551007921' },
    ]);
  });

  it('sends nothing for a change the teammate already made, and marks a bad phone number at the user\'s row', () => {
    assert.deepEqual(ok(overwriteBody(BASE, THEIRS, { ...BASE, company: 'Engines Ltd' }), 'update').body, {});
    const mine = { ...BASE, phoneNumbers: [{ name: 'x', value: 'nope' }, P1, P2] };
    const built = overwriteBody(BASE, THEIRS, mine);
    assert.deepEqual(built.ok ? [] : built.problems.map((problem) => problem.path), ['phoneNumbers.0.value']);
  });
});

describe('notTaken', () => {
  /** The contact as Quo would answer after taking `change`. */
  function answered(change: Partial<Contact['defaultFields']>, customFields = CONTACT.customFields): Contact {
    return fullContact({ defaultFields: { ...CONTACT.defaultFields, ...change }, customFields, updatedAt: '2024-01-03T00:00:00.000Z' });
  }

  const DRAFT = withCustom(
    withCustom({ ...BASE, company: 'New Co', phoneNumbers: [P1, { name: 'desk', value: '(555) 100-7940' }] }, 'tier', {
      type: 'number',
      value: '4',
    }),
    'renewal',
    { type: 'date', value: '2027-01-31' },
  );
  const SENT = ok(patchBody(BASE, DRAFT), 'update').body;
  /** The contact's custom fields with `values` by key, as Quo would answer them. */
  function fieldsWith(values: Readonly<Record<string, number | string>>): CustomField[] {
    return CONTACT.customFields.map((field) => (field.key !== undefined && field.key in values ? ({ ...field, value: values[field.key] } as CustomField) : field));
  }
  const TAKEN_FIELDS = fieldsWith({ tier: 4, renewal: '2027-01-31T00:00:00Z' });

  it('names nothing when the answer holds what was sent (a date spelled otherwise is the same date)', () => {
    const answer = answered(
      { company: 'New Co', phoneNumbers: [CONTACT.defaultFields.phoneNumbers[0], { id: 'p9', name: 'desk', value: '+15551007940' }] },
      TAKEN_FIELDS,
    );
    assert.deepEqual(notTaken(SENT, answer, { draft: DRAFT }), []);
  });

  it('names each field the answer does not hold as sent', () => {
    // The company, the new number and the removal of p2, and the tier did not take.
    const answer = answered({}, fieldsWith({ renewal: '2027-01-31T00:00:00.000Z' }));
    assert.deepEqual(notTaken(SENT, answer, { draft: DRAFT }), [
      { field: 'company', label: 'Company' },
      { field: 'phoneNumbers', label: 'Phone numbers' },
      { field: 'customFields.tier', label: 'Tier' },
    ]);
  });

  it('checks a removal: the item must be gone', () => {
    const sent = ok(patchBody(BASE, { ...BASE, emails: [E1] }), 'update').body;
    assert.deepEqual(notTaken(sent, answered({})).map((field) => field.field), ['emails']);
    assert.deepEqual(notTaken(sent, answered({ emails: [CONTACT.defaultFields.emails[0]] })), []);
  });

  it('checks a create\'s answer too, naming a custom field by the answer\'s name', () => {
    const draft = withCustom({ ...BASE, emails: [], phoneNumbers: [], customFields: BASE.customFields.filter((f) => f.key === 'vip') }, 'vip', { type: 'boolean', value: true });
    const sent: CreateContactBody = ok(createBody(draft), 'create').body;
    const answer = fullContact({
      defaultFields: { firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines', role: null, emails: [], phoneNumbers: [] },
      customFields: [{ key: 'vip', name: 'V.I.P.', type: 'boolean', value: null }],
    });
    assert.deepEqual(notTaken(sent, answer), [{ field: 'customFields.vip', label: 'V.I.P.' }]);
  });
});

describe('A 400\'s errors at the form\'s fields', () => {
  // Sent: emails [the new one (row 1), e2 (row 2), e1 removed (no row)], customFields [vip].
  const DRAFT = withCustom({ ...BASE, emails: [{ name: '', value: '' }, { name: 'new', value: 'new@x.example' }, E2] }, 'vip', {
    type: 'boolean',
    value: false,
  });
  const SENT = ok(patchBody(BASE, DRAFT), 'update');

  function badRequest(errors?: readonly object[]): ReturnType<typeof errorFromResponse> {
    return errorFromResponse(
      400,
      'Bad Request',
      JSON.stringify({ message: 'Invalid request', code: '0801400', status: 400, title: 'Invalid Custom Field Item', errors }),
    );
  }

  it('maps every spelling of a body path to the row the user typed in', () => {
    const error = badRequest([
      { path: 'defaultFields.emails[0].value', message: 'not an email' },
      { path: 'defaultFields.emails.1.value', message: 'taken' },
      { path: '/defaultFields/emails/0/name', message: 'too long' },
      { path: 'customFields[0].value', message: 'not a boolean' },
      { path: 'defaultFields.firstName', message: 'too long' },
      { path: 'defaultFields.emails.2', message: 'unknown id' },
      { path: 'workspace', message: 'read-only' },
      { message: 'something else' },
    ]);
    assert.deepEqual(problemsOfError(error, SENT), {
      fields: [
        { path: 'emails.1.value', message: 'not an email' },
        { path: 'emails.2.value', message: 'taken' },
        { path: 'emails.1.name', message: 'too long' },
        { path: 'customFields.vip', message: 'not a boolean' },
        { path: 'firstName', message: 'too long' },
        { path: 'emails', message: 'unknown id' },
      ],
      general: ['read-only (workspace)', 'something else'],
    });
  });

  it('marks a custom field by the key sent at that index when no origin says more', () => {
    const sent: SentBody<UpdateContactBody> = { body: { customFields: [{ key: 'tier', value: 3 }] }, origins: {} };
    assert.equal(draftPathOf('customFields[0].value', sent), 'customFields.tier');
    assert.equal(draftPathOf('customFields[4].value', sent), undefined);
    assert.equal(draftPathOf('body.defaultFields.phoneNumbers', sent), 'phoneNumbers');
  });

  it('gives a 400 without errors[] as one general problem, and nothing for other failures', () => {
    assert.deepEqual(problemsOfError(badRequest(), SENT), { fields: [], general: ['Invalid request'] });
    assert.deepEqual(problemsOfError(errorFromResponse(500, 'Internal Server Error', '{}'), SENT), { fields: [], general: [] });
    assert.deepEqual(problemsOfError(new Error('boom'), SENT), { fields: [], general: [] });
  });
});
