import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ContactDraft, EditSession } from '../../src/contacts/edit/contactDraft.js';
import { renderComparison } from '../../src/render/comparisonHtml.js';
import { renderContactForm } from '../../src/render/contactFormHtml.js';
import { isPanelMessage, isPanelWebviewState } from '../../src/render/panelMessages.js';
import { loadPage, type FakeElement, type Page } from './pageDom.js';
import { DEFINITIONS, DRAFT, draftFilledWith, SESSION } from './formFixtures.js';
import { HOSTILE_VALUES } from './renderFixtures.js';

const PANEL = `<header><button type="button" class="icon-button" data-action="edit" aria-label="Edit contact"></button></header>
<div id="contact-fields"><section class="section"><h2>Details</h2><p>Jane Doe</p></section></div>
<section class="section"><h2>Record</h2></section>`;

function load(state?: unknown): Page {
  return loadPage(PANEL, { 'data-contact-id': SESSION.contactId }, { state });
}

function open(page: Page, session: EditSession = SESSION, draft: ContactDraft = session.draft, definitions = DEFINITIONS): void {
  page.receive({ type: 'form', html: renderContactForm({ session, draft, definitions }), session });
}

function editing(session: EditSession = SESSION, definitions = DEFINITIONS): Page {
  const page = load();
  open(page, session, session.draft, definitions);
  page.posted.length = 0;
  return page;
}

function one(root: Page | FakeElement, selector: string): FakeElement {
  const found = 'body' in root ? root.body.querySelector(selector) : root.querySelector(selector);
  assert.ok(found, selector);
  return found;
}

function at(page: Page, path: string): FakeElement {
  const found = page.body.querySelectorAll('[data-path]').filter((control) => control.getAttribute('data-path') === path);
  assert.ok(found.length > 0, path);
  return found[0];
}

function type(page: Page, control: FakeElement, value: string): void {
  control.value = value;
  page.dispatch('input', control);
}

function submit(page: Page): ContactDraft | undefined {
  assert.equal(page.dispatch('submit', one(page, '[data-contact-form]')), true, 'the form never navigates');
  const save = page.posted.filter((message) => (message as { type: string }).type === 'save').at(-1) as { draft: ContactDraft } | undefined;
  if (save) {
    assert.equal(isPanelMessage(save), true, 'the extension takes it');
  }
  return save?.draft;
}

function list(page: Page, name: 'emails' | 'phoneNumbers'): FakeElement {
  return one(page, `[data-list="${name}"]`);
}

function rows(page: Page, name: 'emails' | 'phoneNumbers'): FakeElement[] {
  return list(page, name).querySelectorAll('[data-row]');
}

const hidden = (element: FakeElement): boolean => element.hasAttribute('hidden');

describe('the panel page’s edit form', () => {
  it('shows the form in place of the contact’s fields, focuses its first field and keeps the edit in the state', () => {
    const page = load();
    open(page);
    assert.equal(hidden(one(page, '[id="contact-fields"]')), true);
    const area = page.getElementById('contact-edit');
    assert.ok(area?.querySelector('[data-contact-form]'));
    assert.equal(page.focused(), at(page, 'firstName'));
    const state = page.state() as { edit?: unknown };
    assert.equal(isPanelWebviewState(state), true);
    assert.deepEqual(state.edit, { session: SESSION, draft: DRAFT });
  });

  it('reads the draft back from the form as the extension sent it, and posts it on Save', () => {
    const page = editing();
    assert.deepEqual(submit(page), DRAFT);
    assert.equal(one(page, '[data-form-save]').getAttribute('aria-disabled'), 'true', 'Save waits for the answer');
    submit(page);
    assert.equal(page.posted.length, 1, 'a second Save while the first is on its way sends nothing');
    page.receive({ type: 'saving', busy: false });
    assert.equal(one(page, '[data-form-save]').getAttribute('aria-disabled'), null);
  });

  for (const value of HOSTILE_VALUES) {
    it(`reads ${JSON.stringify(value).slice(0, 40)} back as it was`, () => {
      const draft = draftFilledWith(value);
      const page = editing({ ...SESSION, base: draft, draft }, []);
      assert.deepEqual(submit(page), draft);
    });
  }

  it('adds a row from the template, numbered after the others, and removes it', () => {
    const page = editing();
    page.click(one(list(page, 'emails'), '[data-form-action="addRow"]'));
    const added = rows(page, 'emails');
    assert.equal(added.length, 3);
    const value = one(added[2], '[data-part="value"]');
    assert.equal(value.getAttribute('data-path'), 'emails.2.value');
    assert.equal(value.getAttribute('name'), 'emails.2.value');
    assert.equal(added[2].getAttribute('aria-label'), 'Email 3');
    assert.equal(added[2].getAttribute('data-id'), null, 'a new row has no item id');
    const label = one(added[2], 'label');
    assert.equal(label.getAttribute('for'), one(added[2], '[data-part="name"]').getAttribute('id'));
    assert.equal(page.focused(), value);
    type(page, value, 'jane@new.example');
    assert.deepEqual(submit(page)?.emails, [...DRAFT.emails, { name: '', value: 'jane@new.example' }]);

    page.receive({ type: 'saving', busy: false });
    page.click(one(added[2], '[data-form-action="removeRow"]'));
    assert.equal(rows(page, 'emails').length, 2);
    assert.equal(page.focused(), one(rows(page, 'emails')[1], '[data-form-action="removeRow"]'));
    assert.deepEqual(submit(page), DRAFT);
  });

  it('adds no row past the list’s limit', () => {
    const emails = Array.from({ length: 50 }, (_, i) => ({ id: `E${i}`, name: '', value: `a${i}@x.example` }));
    const page = editing({ ...SESSION, draft: { ...DRAFT, emails } });
    const add = one(list(page, 'emails'), '[data-form-action="addRow"]');
    assert.equal(add.getAttribute('aria-disabled'), 'true');
    page.click(add);
    assert.equal(rows(page, 'emails').length, 50);
  });

  it('moves a row down and up, numbering the rows again and keeping the focus on the button', () => {
    const page = editing();
    const first = rows(page, 'emails')[0];
    const down = one(first, '[data-form-action="moveDown"]');
    assert.equal(one(first, '[data-form-action="moveUp"]').getAttribute('aria-disabled'), 'true', 'the first cannot go up');
    page.click(down);
    const moved = rows(page, 'emails');
    assert.deepEqual(moved.map((row) => row.getAttribute('data-id')), ['EM2', 'EM1']);
    assert.equal(one(moved[0], '[data-part="value"]').getAttribute('data-path'), 'emails.0.value');
    assert.deepEqual(moved.map((row) => row.getAttribute('aria-label')), ['Email 1', 'Email 2']);
    assert.equal(page.focused(), down);
    assert.equal(down.getAttribute('aria-disabled'), 'true', 'now last');
    assert.equal(one(page, '[data-form-status]').textContent, 'Moved to position 2 of 2.');
    assert.deepEqual(submit(page)?.emails, [DRAFT.emails[1], DRAFT.emails[0]]);
    page.receive({ type: 'saving', busy: false });
    page.click(down);
    assert.deepEqual(rows(page, 'emails').map((row) => row.getAttribute('data-id')), ['EM2', 'EM1'], 'the last goes no further');
    page.click(one(first, '[data-form-action="moveUp"]'));
    assert.deepEqual(submit(page), DRAFT);
  });

  it('adds a multi-select value typed in its box (Enter adds it rather than saving), ticks a boolean', () => {
    const page = editing();
    const input = one(page, '[data-choice-input]');
    type(page, input, ' west ');
    assert.equal(page.dispatch('keydown', input, { key: 'Enter' }), true);
    assert.equal(input.value, '');
    const boxes = one(page, '[data-custom-key="tags"]').querySelectorAll('[data-choice]');
    assert.deepEqual(boxes.map((box) => [box.getAttribute('value'), box.checked]), [['vip', true], ['beta', true], ['west', true]]);
    const added = boxes[2];
    assert.equal(one(page, '[data-custom-key="tags"]').querySelectorAll('label').find((label) => label.getAttribute('for') === added.getAttribute('id'))?.textContent, 'west');
    boxes[0].checked = false;
    page.dispatch('change', boxes[0]);
    const active = at(page, 'customFields.active');
    active.checked = true;
    page.dispatch('change', active);
    const custom = submit(page)?.customFields;
    assert.deepEqual(custom?.find((field) => field.key === 'tags')?.field, { type: 'multi-select', value: ['beta', 'west'] });
    assert.deepEqual(custom?.find((field) => field.key === 'active')?.field, { type: 'boolean', value: true });
  });

  it('asks before discarding changes on Escape, and keeps editing when told', () => {
    const page = editing();
    type(page, at(page, 'company'), 'Acme Corp');
    assert.equal(page.dispatch('keydown', at(page, 'company'), { key: 'Escape' }), true);
    const confirm = one(page, '[data-form-confirm]');
    assert.equal(hidden(confirm), false);
    assert.match(confirm.textContent, /Discard your changes to this contact\?/);
    assert.equal(page.focused(), one(confirm, '[data-form-action="keepEditing"]'));
    assert.deepEqual(page.posted, []);
    page.click(one(confirm, '[data-form-action="keepEditing"]'));
    assert.equal(hidden(confirm), true);
    assert.equal(at(page, 'company').value, 'Acme Corp', 'what was typed stays');

    page.click(one(page, '[data-form-action="cancel"]'));
    assert.equal(hidden(confirm), false, 'Cancel asks too');
    page.dispatch('keydown', confirm, { key: 'Escape' });
    assert.equal(hidden(confirm), true, 'Escape answers "keep editing"');
    page.dispatch('keydown', at(page, 'company'), { key: 'Escape' });
    page.click(one(confirm, '[data-form-action="discard"]'));
    assert.deepEqual(page.posted, [{ type: 'cancelEdit' }]);
    assert.equal(page.body.querySelector('[data-contact-form]'), null);
    assert.equal(hidden(one(page, '[id="contact-fields"]')), false);
    assert.equal((page.state() as { edit?: unknown }).edit, undefined);
    assert.equal(page.focused(), one(page, '[data-action="edit"]'));
  });

  it('discards at once when nothing changed (spaces and an empty new row are no change)', () => {
    const page = editing();
    type(page, at(page, 'company'), ' Acme Inc ');
    page.click(one(list(page, 'phoneNumbers'), '[data-form-action="addRow"]'));
    page.dispatch('keydown', at(page, 'company'), { key: 'Escape' });
    assert.deepEqual(page.posted, [{ type: 'cancelEdit' }]);
    assert.equal(page.body.querySelector('[data-contact-form]'), null);
  });

  it('marks each problem at its field with aria-invalid and aria-describedby, the rest in the alert banner', () => {
    const page = editing();
    submit(page);
    page.receive({
      type: 'formProblems',
      problems: [
        { path: 'emails.1.value', message: 'Enter an email address.' },
        { path: 'phoneNumbers.0', message: 'Not a phone number.' },
        { path: 'nowhere', message: '<b>Quo</b> refused it.' },
      ],
      general: 'Nothing was saved.',
    });
    const email = at(page, 'emails.1.value');
    assert.equal(email.getAttribute('aria-invalid'), 'true');
    const message = page.getElementById(email.getAttribute('aria-describedby') ?? '');
    assert.equal(message?.textContent, 'Enter an email address.');
    assert.equal(message?.parent, email.closest('[data-field]'), 'beside the field');
    assert.equal(at(page, 'phoneNumbers.0.value').getAttribute('aria-invalid'), 'true');
    const banner = one(page, '[data-form-general]');
    assert.equal(banner.getAttribute('role'), 'alert');
    assert.equal(hidden(banner), false);
    assert.equal(banner.textContent, 'Nothing was saved.<b>Quo</b> refused it.');
    assert.equal(banner.querySelector('b'), null, 'text, never markup');
    assert.equal(page.focused(), email);
    assert.equal(one(page, '[data-form-save]').getAttribute('aria-disabled'), null, 'Save again');

    type(page, email, 'jane@fixed.example');
    assert.equal(email.getAttribute('aria-invalid'), null, 'changing the field clears its mark');
    assert.equal(email.getAttribute('aria-describedby'), null);
    assert.equal(page.getElementById(message?.getAttribute('id') ?? ''), null);
    page.receive({ type: 'formProblems', problems: [] });
    assert.equal(page.body.querySelectorAll('[aria-invalid]').length, 0);
    assert.equal(hidden(banner), true);
  });

  it('writes the draft to the state as the user types, and asks for it again after a reload', () => {
    const page = editing();
    type(page, at(page, 'firstName'), 'Janet');
    const state = page.state() as { edit: { session: EditSession; draft: ContactDraft } };
    assert.equal(isPanelWebviewState(state), true);
    assert.equal(state.edit.draft.firstName, 'Janet');
    assert.deepEqual(state.edit.session, SESSION);

    const reloaded = load(state);
    assert.deepEqual(reloaded.posted, [{ type: 'ready' }, { type: 'resumeEdit', session: SESSION, draft: state.edit.draft }]);
    assert.equal(isPanelMessage(reloaded.posted[1]), true);
    assert.deepEqual((reloaded.state() as { edit?: unknown }).edit, state.edit, 'kept until the form is back');
    open(reloaded, SESSION, state.edit.draft);
    assert.equal(at(reloaded, 'firstName').value, 'Janet');
    reloaded.receive({ type: 'closeForm' });
    assert.equal((reloaded.state() as { edit?: unknown }).edit, undefined);
    assert.equal(hidden(one(reloaded, '[id="contact-fields"]')), false);
  });

  it('resumes no edit of another contact, and shows no form of one', () => {
    const page = loadPage(PANEL, { 'data-contact-id': 'CTother' }, { state: { contactId: 'CTother', edit: { session: SESSION, draft: DRAFT } } });
    assert.deepEqual(page.posted, [{ type: 'ready' }]);
    open(page);
    assert.equal(page.body.querySelector('[data-contact-form]'), null);
  });

  it('keeps the edit in the state while the page has no fields to replace yet (still loading), and asks again', () => {
    const state = { contactId: SESSION.contactId, edit: { session: SESSION, draft: { ...DRAFT, role: 'Founder' } } };
    const loading = loadPage('<section class="status" role="status"><h1>Loading contact…</h1></section>', { 'data-contact-id': SESSION.contactId }, { state });
    assert.deepEqual(loading.posted.at(-1), { type: 'resumeEdit', ...state.edit });
    open(loading, SESSION, state.edit.draft);
    assert.equal(loading.body.querySelector('[data-contact-form]'), null);
    assert.deepEqual((loading.state() as { edit?: unknown }).edit, state.edit);
    const drawn = load(loading.state());
    assert.deepEqual(drawn.posted.at(-1), { type: 'resumeEdit', ...state.edit });
  });

  it('shows the comparison above the form, focuses its heading, and posts the answer', () => {
    const page = editing();
    submit(page);
    const html = renderComparison({ fields: [{ label: 'Company', base: 'Acme Inc', theirs: 'Acme Corp', mine: 'Acme Inc', changedBy: 'them' }] });
    page.receive({ type: 'conflict', html });
    const slot = one(page, '[data-edit-conflict]');
    assert.equal(hidden(slot), false);
    assert.equal(page.focused(), one(slot, '[data-conflict-heading]'));
    assert.equal(one(page, '[data-form-save]').getAttribute('aria-disabled'), null);
    page.posted.length = 0;
    page.click(one(slot, '[data-action="overwrite"]'));
    assert.deepEqual(page.posted, [{ type: 'overwrite' }]);
    assert.equal(hidden(slot), true);

    page.receive({ type: 'conflict', html });
    type(page, at(page, 'role'), 'Founder');
    assert.deepEqual(page.posted.at(-1), { type: 'cancelSave' }, 'a changed draft withdraws the comparison');
    assert.equal(hidden(slot), true);
  });

  it('offers Try again after a 429 once the wait is over, with a countdown, and sends only on its click', async () => {
    const page = editing();
    submit(page);
    page.receive({ type: 'retryAfter', seconds: 1 });
    const region = one(page, '[data-form-retry]');
    const again = one(region, '[data-action="tryAgain"]');
    assert.equal(hidden(region), false);
    assert.equal(again.getAttribute('aria-disabled'), 'true');
    assert.match(one(region, '[data-retry-text]').textContent, /try again in 1 seconds/);
    page.posted.length = 0;
    page.click(again);
    submit(page);
    assert.deepEqual(page.posted, [], 'nothing while waiting');
    await sleep(1100);
    assert.equal(again.getAttribute('aria-disabled'), null);
    assert.equal(one(region, '[data-retry-text]').textContent, 'You can try again now.');
    assert.deepEqual(page.posted, [], 'never by itself');
    page.click(again);
    assert.deepEqual(page.posted, [{ type: 'tryAgain' }]);

    page.receive({ type: 'retryAfter', seconds: 0 });
    type(page, at(page, 'role'), 'Founder');
    page.click(again);
    assert.deepEqual(page.posted.at(-1), { type: 'save', draft: { ...DRAFT, role: 'Founder' } }, 'the form as it is now');
  });

  it('sends Edit while no form is shown, and goes to the form while one is', () => {
    const page = load();
    page.click(one(page, '[data-action="edit"]'));
    assert.deepEqual(page.posted.at(-1), { type: 'edit' });
    open(page);
    page.posted.length = 0;
    at(page, 'role').focus();
    page.click(one(page, '[data-action="edit"]'));
    assert.deepEqual(page.posted, []);
    assert.equal(page.focused(), at(page, 'firstName'));
  });

  it('replaces a form shown with the one sent ("Keep theirs")', () => {
    const page = editing();
    type(page, at(page, 'company'), 'Mine');
    const theirs = { ...SESSION, baseUpdatedAt: '2025-11-21T00:00:00.000Z', base: { ...DRAFT, company: 'Theirs' }, draft: { ...DRAFT, company: 'Theirs' } };
    open(page, theirs);
    assert.equal(page.body.querySelectorAll('[data-contact-form]').length, 1);
    assert.equal(at(page, 'company').value, 'Theirs');
    assert.deepEqual((page.state() as { edit: { session: EditSession } }).edit.session, theirs);
  });
});
