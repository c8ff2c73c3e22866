import assert from 'node:assert/strict';
import { renderContactForm, type ContactFormInput } from '../../src/render/contactFormHtml.js';
import { renderComparison, type ComparisonField } from '../../src/render/comparisonHtml.js';
import { renderPanelHtml, type PanelInput } from '../../src/render/panelHtml.js';
import { MAX_DRAFT_CUSTOM_FIELDS, MAX_DRAFT_ITEMS, MAX_MESSAGE_VALUE, messageForAction } from '../../src/render/panelMessages.js';
import { parseDocument, parseHtmlFragment, type Dom, type El } from './htmlDom.js';
import { PANEL_PAGE, FULL_CONTACT, HOSTILE_VALUES } from './renderFixtures.js';
import { DEFINITIONS, DRAFT, draftFilledWith, SESSION } from './formFixtures.js';

function form(input: Partial<ContactFormInput> = {}): Dom {
  return parseHtmlFragment(renderContactForm({ session: SESSION, draft: DRAFT, definitions: DEFINITIONS, ...input }));
}

const CONTROLS = new Set(['input', 'textarea', 'select']);

/** The text of the `<label for>` of `control`, or of the legend of its fieldset. */
function labelOf(dom: Dom, control: El): string | undefined {
  const id = control.attrs['id'];
  return id === undefined ? undefined : dom.all('label').find((label) => label.attrs['for'] === id)?.text;
}

function controlAt(dom: Dom, path: string): El {
  const found = dom.elements.filter((element) => CONTROLS.has(element.tag) && element.attrs['data-path'] === path);
  assert.equal(found.length, 1, `one control at ${path}`);
  return found[0];
}

/** What a form must never hold, whatever its values: script, inline style or handlers, or somewhere to submit. */
function assertSafe(dom: Dom): void {
  assert.deepEqual(dom.all('script'), []);
  assert.deepEqual(dom.all('style'), []);
  for (const tag of ['iframe', 'object', 'embed', 'img', 'svg', 'base', 'a', 'link', 'meta']) {
    assert.deepEqual(dom.all(tag), [], `no <${tag}>`);
  }
  for (const element of dom.elements) {
    for (const name of element.attrNames) {
      assert.ok(!/^on/i.test(name), `<${element.tag} ${name}>`);
      assert.ok(!['style', 'src', 'href', 'action', 'formaction', 'srcdoc'].includes(name), `<${element.tag} ${name}>`);
    }
  }
}

describe('renderContactForm', () => {
  const dom = form();

  it('is a form with no action, Save as its submit button and Cancel', () => {
    const forms = dom.all('form');
    assert.equal(forms.length, 1);
    assert.equal(forms[0].attrs['action'], undefined);
    assert.ok('data-contact-form' in forms[0].attrs);
    const save = dom.all('button').filter((button) => button.attrs['type'] === 'submit');
    assert.deepEqual(save.map((button) => button.text.trim()), ['Save']);
    assert.equal(dom.withAttr('data-form-action', 'cancel')[0]?.text.trim(), 'Cancel');
    for (const button of dom.all('button').filter((b) => b.attrs['type'] !== 'submit')) {
      assert.equal(button.attrs['type'], 'button', 'no other button submits');
    }
    assertSafe(dom);
  });

  it('labels every control with a <label for>, the company field "Company"', () => {
    for (const control of dom.elements.filter((element) => CONTROLS.has(element.tag))) {
      const label = labelOf(dom, control);
      assert.ok(label !== undefined && label.trim() !== '', `label for ${JSON.stringify(control.attrs)}`);
    }
    assert.equal(labelOf(dom, controlAt(dom, 'company')), 'Company');
    assert.equal(labelOf(dom, controlAt(dom, 'firstName')), 'First name');
    assert.equal(labelOf(dom, controlAt(dom, 'lastName')), 'Last name');
    assert.equal(labelOf(dom, controlAt(dom, 'role')), 'Role');
    const ids = dom.elements.map((element) => element.attrs['id']).filter((id) => id !== undefined);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  });

  it('gives every button an accessible name and keeps the tab order natural', () => {
    for (const button of dom.all('button')) {
      assert.ok((button.attrs['aria-label'] ?? button.text).trim() !== '', JSON.stringify(button.attrs));
    }
    assert.deepEqual(dom.withAttr('tabindex'), []);
  });

  it('names each control after its DraftPath and holds the values as they are', () => {
    assert.equal(controlAt(dom, 'firstName').attrs['value'], 'Jane');
    assert.equal(controlAt(dom, 'firstName').attrs['name'], 'firstName');
    assert.equal(controlAt(dom, 'emails.1.value').attrs['value'], 'jane@home.example');
    assert.equal(controlAt(dom, 'emails.1.name').attrs['value'], 'home');
    assert.equal(controlAt(dom, 'phoneNumbers.0.value').attrs['type'], 'tel');
    assert.equal(controlAt(dom, 'customFields.tier').attrs['value'], 'gold');
    assert.equal(controlAt(dom, 'customFields.office').tag, 'textarea');
    assert.equal(controlAt(dom, 'customFields.office').text, '1 Main St\nSpringfield');
    assert.equal(controlAt(dom, 'customFields.seats').attrs['type'], 'number');
    assert.equal(controlAt(dom, 'customFields.birthday').attrs['type'], 'date');
    assert.equal(controlAt(dom, 'customFields.birthday').attrs['value'], '1990-05-17');
    const active = controlAt(dom, 'customFields.active');
    assert.equal(active.attrs['type'], 'checkbox');
    assert.ok('data-null' in active.attrs, 'an unset boolean is marked so');
    assert.equal(active.attrs['checked'], undefined);
    for (const control of dom.elements.filter((element) => element.tag === 'input' && element.attrs['type'] === 'text')) {
      assert.equal(control.attrs['maxlength'], String(MAX_MESSAGE_VALUE));
    }
  });

  it('keeps each row’s item id and offers Remove, Move up, Move down and Add', () => {
    const rows = dom.withAttr('data-row');
    assert.deepEqual(rows.map((row) => row.attrs['data-id']), ['PH1', 'EM1', 'EM2']);
    assert.deepEqual(rows.map((row) => row.attrs['aria-label']), ['Phone number 1', 'Email 1', 'Email 2']);
    for (const [action, label] of [['removeRow', 'Remove'], ['moveUp', 'Move up'], ['moveDown', 'Move down']]) {
      assert.deepEqual(dom.withAttr('data-form-action', action).map((button) => button.attrs['aria-label']), [label, label, label]);
    }
    assert.deepEqual(dom.withAttr('data-form-action', 'addRow').map((button) => button.text.trim()), ['Add phone number', 'Add email']);
    assert.equal(dom.withAttr('data-row-template').length, 2, 'a template per list, for the page to clone');
    assert.deepEqual(dom.withAttr('data-list').map((list) => list.attrs['data-max-rows']), [String(MAX_DRAFT_ITEMS), String(MAX_DRAFT_ITEMS)]);
  });

  it('offers a multi-select’s values as checkboxes (checked when the draft holds them) and a box to add one', () => {
    const tags = dom.elements.filter((element) => element.attrs['data-path'] === 'customFields.tags' && 'data-choice' in element.attrs);
    assert.deepEqual(tags.map((box) => [box.attrs['value'], 'checked' in box.attrs]), [['vip', true], ['beta', true]]);
    const seen = form({ seenValues: new Map([['tags', ['beta', 'west']]]) });
    const boxes = seen.elements.filter((element) => 'data-choice' in element.attrs && element.attrs['value'] !== '');
    assert.deepEqual(boxes.map((box) => [box.attrs['value'], 'checked' in box.attrs]), [['vip', true], ['beta', true], ['west', false]]);
    const add = dom.withAttr('data-choice-input')[0];
    assert.equal(labelOf(dom, add), 'Add a value to Tags');
  });

  it('adds an empty field for a definition the draft has no field for, and keeps a field no definition names', () => {
    const draft = { ...DRAFT, customFields: [{ key: 'legacy', name: 'Legacy', field: { type: 'string', value: 'x' } } as const] };
    const dom2 = form({ draft, definitions: [{ key: 'tier', name: 'Tier', type: 'string' }] });
    const fields = dom2.withAttr('data-custom').map((field) => [field.attrs['data-custom-key'], field.attrs['data-custom-type']]);
    assert.deepEqual(fields, [['legacy', 'string'], ['tier', 'string']]);
    assert.equal(controlAt(dom2, 'customFields.tier').attrs['value'], '');
    const many = Array.from({ length: MAX_DRAFT_CUSTOM_FIELDS + 20 }, (_, i) => ({ key: `k${i}`, name: `F${i}`, type: 'string' as const }));
    assert.equal(form({ draft: { ...DRAFT, customFields: [] }, definitions: many }).withAttr('data-custom').length, MAX_DRAFT_CUSTOM_FIELDS);
  });

  it('marks a problem at its field, linked by aria-describedby, and puts one naming no field in the alert banner', () => {
    const marked = form({
      problems: [
        { path: 'emails.1.value', message: 'Enter an email address.' },
        { path: 'customFields.seats', message: 'Enter a number.' },
        { path: 'phoneNumbers.0', message: 'Not a phone number.' },
        { path: 'nowhere', message: 'Quo refused <b>this</b>.' },
      ],
      general: 'Quo did not take the change.',
    });
    for (const [path, message] of [['emails.1.value', 'Enter an email address.'], ['customFields.seats', 'Enter a number.'], ['phoneNumbers.0.value', 'Not a phone number.']]) {
      const control = controlAt(marked, path);
      assert.equal(control.attrs['aria-invalid'], 'true', path);
      const described = marked.elements.find((element) => element.attrs['id'] === control.attrs['aria-describedby']);
      assert.equal(described?.text, message);
    }
    const banner = marked.withAttr('data-form-general')[0];
    assert.equal(banner.attrs['role'], 'alert');
    assert.equal(banner.attrs['hidden'], undefined);
    assert.equal(banner.text, 'Quo did not take the change.Quo refused <b>this</b>.');
    assert.equal(marked.all('b').length, 0);
    assert.ok('hidden' in form().withAttr('data-form-general')[0].attrs, 'no banner without problems');
  });

  it('shows why the contact cannot be saved, with its fields disabled and no Save', () => {
    const readOnly = form({ readOnlyReason: 'Read-only mode is on (quo.readOnly).' });
    assert.match(readOnly.text, /Read-only mode is on/);
    assert.ok(readOnly.all('fieldset').filter((set) => set.attrs['class']?.includes('form-group')).every((set) => 'disabled' in set.attrs));
    assert.equal(readOnly.all('button').filter((button) => button.attrs['type'] === 'submit').length, 0);
    assert.equal(readOnly.withAttr('data-form-action', 'cancel').length, 1);
  });

  it('carries the page’s sentences, translated, with {0} for the numbers it puts in', () => {
    const attrs = dom.one('form').attrs;
    assert.match(attrs['data-countdown-text'] ?? '', /\{0\}/);
    assert.match(attrs['data-moved-text'] ?? '', /\{0\}.*\{1\}/);
    for (const name of ['data-retry-ready-text', 'data-saving-text', 'data-too-large-text', 'data-removed-text']) {
      assert.ok((attrs[name] ?? '') !== '', name);
    }
    assert.deepEqual(dom.withAttr('data-form-action', 'discard').map((b) => b.text), ['Discard changes']);
    assert.deepEqual(dom.withAttr('data-form-action', 'keepEditing').map((b) => b.text), ['Keep editing']);
    assert.equal(dom.withAttr('data-action', 'tryAgain')[0]?.attrs['aria-disabled'], 'true');
  });

  for (const value of HOSTILE_VALUES) {
    it(`escapes ${JSON.stringify(value).slice(0, 40)} everywhere`, () => {
      const draft = draftFilledWith(value);
      const html = renderContactForm({
        session: { ...SESSION, contactId: value, base: draft, draft },
        draft,
        definitions: [{ key: value, name: value, type: 'string' }],
        problems: [{ path: 'firstName', message: value }, { path: value, message: value }],
        general: value,
        readOnlyReason: value,
        seenValues: new Map([[`${value}m`, [value, `${value}2`]]]),
      });
      const hostile = parseHtmlFragment(html);
      assertSafe(hostile);
      assert.equal(hostile.all('form').length, 1);
      // As it is, a carriage return too (written as a reference: the parser reads a bare one as a line feed).
      const read = value;
      assert.equal(controlAt(hostile, 'firstName').attrs['value'], read, 'a value goes in as it is');
      assert.equal(controlAt(hostile, 'emails.0.value').attrs['value'], read);
      assert.equal(hostile.withAttr('data-row')[0]?.attrs['data-id'], read);
      const custom = hostile.withAttr('data-custom-key', read)[0];
      assert.equal(custom?.attrs['data-custom-name'], read);
      assert.equal(controlAt(hostile, `customFields.${read}`).attrs['value'], read);
      assert.equal(controlAt(hostile, `customFields.${read}a`).text, read);
      assert.deepEqual(
        hostile.withAttr('data-choice').map((box) => box.attrs['value']),
        [read, `${read}2`],
      );
      for (const control of hostile.elements.filter((element) => CONTROLS.has(element.tag))) {
        assert.ok(labelOf(hostile, control) !== undefined, 'still labelled');
      }
    });
  }
});

describe('renderComparison', () => {
  const FIELDS: readonly ComparisonField[] = [
    { label: 'Company', base: 'Acme', theirs: 'Acme Corp', mine: 'Acme', changedBy: 'them' },
    { label: 'Role', base: 'CEO', theirs: 'CEO', mine: 'Founder', changedBy: 'me' },
    { label: 'Emails', base: 'work: a@x.example', theirs: '', mine: 'work: b@x.example', changedBy: 'both' },
  ];

  it('is a region with its heading, a table of field, in Quo now and yours, and the three buttons', () => {
    const dom = parseHtmlFragment(renderComparison({ fields: FIELDS, teammateName: 'Sam' }));
    const region = dom.one('section');
    assert.equal(region.attrs['role'], 'region');
    const heading = dom.one('h2');
    assert.equal(region.attrs['aria-labelledby'], heading.attrs['id']);
    assert.equal(heading.text.trim(), 'This contact was changed in Quo while you edited it');
    assert.equal(heading.attrs['tabindex'], '-1', 'the page can focus it');
    assert.ok('data-conflict-heading' in heading.attrs);
    assert.deepEqual(dom.all('th').filter((th) => th.attrs['scope'] === 'col').map((th) => th.text), ['Field', 'In Quo now', 'Yours']);
    const rows = dom.all('tr').slice(1).map((row) => row.attrs['data-changed-by']);
    assert.deepEqual(rows, ['them', 'me', 'both']);
    assert.match(dom.text, /Changed in Quo by Sam\./);
    assert.match(dom.text, /Acme Corp/);
    assert.match(dom.text, /Not set/, 'an emptied value says so');
    assert.deepEqual(
      dom.withAttr('data-action').map((button) => [button.attrs['data-action'], button.text, button.attrs['type']]),
      [['overwrite', 'Overwrite', 'button'], ['keepTheirs', 'Keep theirs', 'button'], ['cancelSave', 'Cancel', 'button']],
    );
    for (const button of dom.withAttr('data-action')) {
      assert.ok(messageForAction(button.attrs['data-action'] ?? null, null), 'the page posts it');
    }
  });

  for (const value of HOSTILE_VALUES) {
    it(`escapes ${JSON.stringify(value).slice(0, 40)}`, () => {
      const html = renderComparison({ fields: [{ label: value, base: value, theirs: value, mine: value, changedBy: 'both' }], teammateName: value });
      const dom = parseHtmlFragment(html);
      assertSafe(dom);
      assert.equal(dom.all('section').length, 1);
      assert.equal(dom.all('tr').length, 2);
      assert.equal(dom.all('button').length, 3);
    });
  }
});

describe('renderPanelHtml: Edit and Delete', () => {
  const BASE: PanelInput = { ...PANEL_PAGE, state: 'ready', contact: FULL_CONTACT };

  it('offers neither unless canEdit', () => {
    for (const input of [BASE, { ...BASE, canEdit: false }]) {
      const dom = parseDocument(renderPanelHtml(input));
      assert.deepEqual(dom.withAttr('data-action', 'edit'), []);
      assert.deepEqual(dom.withAttr('data-action', 'delete'), []);
    }
  });

  it('offers Edit (its name starting with "Edit") and Delete contact with canEdit, as buttons the page posts', () => {
    const dom = parseDocument(renderPanelHtml({ ...BASE, canEdit: true }));
    const edit = dom.withAttr('data-action', 'edit');
    assert.equal(edit.length, 1);
    assert.equal(edit[0].tag, 'button');
    assert.equal(edit[0].attrs['type'], 'button');
    assert.match(edit[0].attrs['aria-label'] ?? '', /^Edit/);
    assert.equal(edit[0].attrs['aria-label'], 'Edit contact');
    const remove = dom.withAttr('data-action', 'delete');
    assert.equal(remove.length, 1);
    assert.equal(remove[0].attrs['aria-label'], 'Delete contact');
    assert.deepEqual(messageForAction('edit', null), { type: 'edit' });
    assert.deepEqual(messageForAction('delete', null), { type: 'delete' });
  });

  it('holds the contact’s fields in #contact-fields, for the form to replace', () => {
    const dom = parseDocument(renderPanelHtml(BASE));
    const container = dom.withAttr('id', 'contact-fields');
    assert.equal(container.length, 1);
    assert.match(container[0].text, /Phone numbers[\s\S]*Emails[\s\S]*Details[\s\S]*Custom fields/);
    assert.doesNotMatch(container[0].text, /Record/, 'ids and timestamps stay shown');
  });
});
