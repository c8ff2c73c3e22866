/**
 * The contact panel's edit form: a pure function of an edit session and its draft, so it is tested without VS Code.
 * The extension posts it to the page (`form`), which puts it in place of the contact's fields; the page script
 * (src/panel/webview/editForm.ts) reads the draft back from it. So the markup is the contract between the two:
 *
 * - every control's `name` and `data-path` is its DraftPath (`firstName`, `emails.0.value`, `customFields.<key>`), and
 *   every control has a `<label for>`; a problem is marked at the control of its path;
 * - an email or phone row is `[data-row]` in the `[data-rows]` list of its `[data-list="emails"]` fieldset, with the
 *   item's id in `data-id` and its two inputs `data-part="name"` / `data-part="value"`; the page numbers rows (ids,
 *   names, paths, the row's label) from their position, and adds a row by cloning the fieldset's `<template>`;
 * - a custom field is a `[data-custom]` wrapper carrying the field's key, name, type (and id) for the draft;
 * - buttons the page handles itself carry `data-form-action`; the page's sentences (a countdown, a confirmation)
 *   are in this markup, translated here, since the page has no translations of its own.
 *
 * Values go in as they are (escaped, never cleaned: what the user sees is what is saved); names shown as labels are
 * cleaned like the panel's. The page's CSP allows no inline script or style, and the form has no `action`: the page
 * posts `save` on submit and never lets the form navigate.
 */
import * as l10n from '@vscode/l10n';
import type { ContactDraft, DraftCustomField, DraftCustomValue, DraftItem, EditSession, FieldDefinition } from '../contacts/edit/contactDraft.js';
import { cleanLine } from '../common/text.js';
import { attr, html } from './html.js';
import { MAX_DRAFT_CUSTOM_FIELDS, MAX_DRAFT_ITEMS, MAX_MESSAGE_VALUE, type FormProblem } from './panelMessages.js';

export interface ContactFormInput {
  readonly session: EditSession;
  /** What the form shows: the session's draft, or the one the page kept (`resumeEdit`). */
  readonly draft: ContactDraft;
  /** The workspace's custom field definitions; a definition the draft has no field for is an empty field. */
  readonly definitions: readonly FieldDefinition[];
  /** Marked at their fields as the form is drawn; a path no field has goes to the banner. */
  readonly problems?: readonly FormProblem[];
  /** A problem of the whole draft, in the banner. */
  readonly general?: string;
  /** Why the contact cannot be saved (read-only mode, a contact an integration owns): shown, fields disabled, no Save. */
  readonly readOnlyReason?: string;
  /** Values seen for a multi-select field (in other contacts), by its key: offered as unchecked choices. */
  readonly seenValues?: ReadonlyMap<string, readonly string[]>;
}

type ItemList = 'emails' | 'phoneNumbers';

interface Marks {
  readonly byPath: Map<string, string[]>;
  readonly unplaced: string[];
}

export function renderContactForm(input: ContactFormInput): string {
  const draft = input.draft;
  const customs = customFieldsToShow(draft, input.definitions);
  const marks = placeProblems(input.problems ?? [], controlPaths(draft, customs));
  const general = [...(input.general === undefined || cleanLine(input.general) === '' ? [] : [cleanLine(input.general)]), ...marks.unplaced];
  const readOnly = input.readOnlyReason !== undefined;
  const disabled = readOnly ? ' disabled' : '';
  return `<form class="contact-form" data-contact-form novalidate aria-labelledby="edit-title" data-contact-id="${raw(input.session.contactId)}"${pageTexts()}>
<h2 id="edit-title" class="form-title">${html(l10n.t('Edit contact'))}</h2>
<div class="form-banner" role="alert" data-form-general${general.length === 0 ? ' hidden' : ''}>${general.map((line) => `<p>${html(line)}</p>`).join('')}</div>
${readOnly ? `<p class="form-note"><span class="codicon codicon-lock" aria-hidden="true"></span> ${html(cleanLine(input.readOnlyReason ?? ''))}</p>\n` : ''}<fieldset class="form-group"${disabled}>
<legend>${html(l10n.t({ message: 'Details', comment: ['Heading of the contact panel section with name, company and role'] }))}</legend>
${textField('firstName', l10n.t('First name'), draft.firstName, marks)}
${textField('lastName', l10n.t('Last name'), draft.lastName, marks)}
${textField('company', l10n.t('Company'), draft.company, marks)}
${textField('role', l10n.t('Role'), draft.role, marks)}
</fieldset>
${itemList('phoneNumbers', draft.phoneNumbers, marks, disabled)}
${itemList('emails', draft.emails, marks, disabled)}
${customs.length === 0 ? '' : `<fieldset class="form-group"${disabled}>
<legend>${html(l10n.t('Custom fields'))}</legend>
${customs.map((field, index) => customField(field, index, marks, choicesFor(field, input))).join('\n')}
</fieldset>
`}<div class="form-retry" data-form-retry hidden>
<p data-retry-text></p>
<button type="button" class="button button-secondary" data-action="tryAgain" aria-disabled="true"><span class="codicon codicon-refresh" aria-hidden="true"></span>${html(l10n.t('Try again'))}</button>
</div>
<div class="form-confirm" role="group" aria-labelledby="edit-confirm-text" data-form-confirm hidden>
<p id="edit-confirm-text">${html(l10n.t('Discard your changes to this contact?'))}</p>
<div class="actions">
<button type="button" class="button button-primary" data-form-action="discard">${html(l10n.t('Discard changes'))}</button>
<button type="button" class="button button-secondary" data-form-action="keepEditing">${html(l10n.t('Keep editing'))}</button>
</div>
</div>
<div class="form-actions">
${readOnly ? '' : `<button type="submit" class="button button-primary" data-form-save><span class="codicon codicon-save" aria-hidden="true"></span>${html(l10n.t('Save'))}</button>\n`}<button type="button" class="button button-secondary" data-form-action="cancel">${html(l10n.t('Cancel'))}</button>
</div>
<p class="visually-hidden" role="status" data-form-status></p>
</form>`;
}

/**
 * A value the page reads back, escaped: a carriage return too, as a reference, since the parser reads a bare one as
 * a line feed and the draft would differ from what the contact holds.
 */
function raw(value: string): string {
  return attr(value).replace(/\r/g, '&#13;');
}

/** The sentences the page shows as things happen, with `{0}` where it puts a number. */
function pageTexts(): string {
  const texts: Readonly<Record<string, string>> = {
    'data-countdown-text': l10n.t('Quo is receiving too many requests. You can try again in {0} seconds.'),
    'data-retry-ready-text': l10n.t('You can try again now.'),
    'data-saving-text': l10n.t('Saving…'),
    'data-moved-text': l10n.t('Moved to position {0} of {1}.'),
    'data-removed-text': l10n.t('Removed.'),
    'data-too-large-text': l10n.t('This contact holds too much to save from VS Code: shorten or remove some values.'),
  };
  return Object.entries(texts)
    .map(([name, value]) => ` ${name}="${attr(value)}"`)
    .join('');
}

/** `id` of the control of a text field or row input; the page numbers rows the same way. */
function controlId(path: string): string {
  return `edit-${path.replace(/\./g, '-')}`;
}

function textField(path: 'firstName' | 'lastName' | 'company' | 'role', label: string, value: string, marks: Marks): string {
  const id = controlId(path);
  return `<div class="form-field" data-field>
<label for="${id}">${html(label)}</label>
<input type="text" id="${id}" name="${path}" data-path="${path}" value="${raw(value)}" maxlength="${MAX_MESSAGE_VALUE}" autocomplete="off"${invalid(id, path, marks)}>
${problemText(id, path, marks)}</div>`;
}

function itemList(list: ItemList, items: readonly DraftItem[], marks: Marks, disabled: string): string {
  const phones = list === 'phoneNumbers';
  const title = phones ? l10n.t('Phone numbers') : l10n.t('Emails');
  const rowLabel = phones ? l10n.t('Phone number {0}', '{0}') : l10n.t('Email {0}', '{0}');
  const add = phones ? l10n.t('Add phone number') : l10n.t('Add email');
  const rows = items.slice(0, MAX_DRAFT_ITEMS).map((item, index) => itemRow(list, index, item, marks));
  return `<fieldset class="form-group form-list" data-list="${list}" data-max-rows="${MAX_DRAFT_ITEMS}" data-row-label="${attr(rowLabel)}"${disabled}>
<legend>${html(title)}</legend>
<ol class="form-rows" data-rows>
${rows.join('\n')}
</ol>
<template data-row-template>${itemRow(list, 0, { name: '', value: '' }, { byPath: new Map(), unplaced: [] })}</template>
<button type="button" class="button button-secondary" data-form-action="addRow"><span class="codicon codicon-add" aria-hidden="true"></span>${html(add)}</button>
</fieldset>`;
}

function itemRow(list: ItemList, index: number, item: DraftItem, marks: Marks): string {
  const phones = list === 'phoneNumbers';
  const label = (phones ? l10n.t('Phone number {0}', '{0}') : l10n.t('Email {0}', '{0}')).replace('{0}', String(index + 1));
  const part = (name: 'name' | 'value', text: string, type: string, value: string, extra = ''): string => {
    const path = `${list}.${index}.${name}`;
    const id = controlId(path);
    return `<div class="form-field" data-field>
<label for="${id}">${html(text)}</label>
<input type="${type}" id="${id}" name="${path}" data-path="${path}" data-part="${name}" value="${raw(value)}" maxlength="${MAX_MESSAGE_VALUE}" autocomplete="off"${extra}${invalid(id, path, marks)}>
${problemText(id, path, marks)}</div>`;
  };
  return `<li class="form-row" data-row role="group" aria-label="${attr(label)}"${item.id === undefined ? '' : ` data-id="${raw(item.id)}"`}>
${part('name', l10n.t({ message: 'Label', comment: ['The label of an email or phone number, such as "work"'] }), 'text', item.name)}
${part('value', phones ? l10n.t('Phone number') : l10n.t('Email'), phones ? 'tel' : 'email', item.value, phones ? ' inputmode="tel"' : '')}
<div class="form-row-actions">
${rowButton('moveUp', l10n.t('Move up'), 'arrow-up')}
${rowButton('moveDown', l10n.t('Move down'), 'arrow-down')}
${rowButton('removeRow', l10n.t('Remove'), 'trash')}
</div>
</li>`;
}

function rowButton(action: string, label: string, icon: string): string {
  return `<button type="button" class="icon-button" data-form-action="${action}" title="${attr(label)}" aria-label="${attr(label)}"><span class="codicon codicon-${icon}" aria-hidden="true"></span></button>`;
}

/**
 * The draft's custom fields in its order (the model puts the definitions' first), then the definitions it has no
 * field for, empty; at most MAX_DRAFT_CUSTOM_FIELDS, so what the page reads back is a draft the extension accepts.
 */
function customFieldsToShow(draft: ContactDraft, definitions: readonly FieldDefinition[]): DraftCustomField[] {
  const shown: DraftCustomField[] = [];
  const keys = new Set<string>();
  for (const field of draft.customFields) {
    if (!keys.has(field.key)) {
      keys.add(field.key);
      shown.push(field);
    }
  }
  for (const definition of definitions) {
    if (!keys.has(definition.key)) {
      keys.add(definition.key);
      shown.push({ key: definition.key, name: definition.name, field: emptyValue(definition.type) });
    }
  }
  return shown.slice(0, MAX_DRAFT_CUSTOM_FIELDS);
}

function emptyValue(type: DraftCustomValue['type']): DraftCustomValue {
  switch (type) {
    case 'boolean':
      return { type, value: null };
    case 'multi-select':
      return { type, value: [] };
    default:
      return { type, value: '' };
  }
}

/** A multi-select's choices: its values, then those the session started from, then those seen elsewhere; once each. */
function choicesFor(field: DraftCustomField, input: ContactFormInput): string[] {
  if (field.field.type !== 'multi-select') {
    return [];
  }
  const base = input.session.base.customFields.find((candidate) => candidate.key === field.key)?.field;
  const values = [...field.field.value, ...(base?.type === 'multi-select' ? base.value : []), ...(input.seenValues?.get(field.key) ?? [])];
  const choices: string[] = [];
  for (const value of values) {
    if (typeof value === 'string' && value !== '' && value.length <= MAX_MESSAGE_VALUE && !choices.includes(value)) {
      choices.push(value);
    }
  }
  return choices.slice(0, 2 * MAX_DRAFT_ITEMS);
}

function customField(field: DraftCustomField, index: number, marks: Marks, choices: readonly string[]): string {
  const path = `customFields.${field.key}`;
  const id = `edit-custom-${index}`;
  const label = cleanLine(field.name) || cleanLine(field.key) || l10n.t('Custom field');
  const data = ` data-custom data-custom-key="${raw(field.key)}" data-custom-name="${raw(field.name)}" data-custom-type="${attr(field.field.type)}"${field.id === undefined ? '' : ` data-custom-id="${raw(field.id)}"`}`;
  const common = `id="${id}" name="${raw(path)}" data-path="${raw(path)}"${invalid(id, path, marks)}`;
  const value = field.field;
  switch (value.type) {
    case 'boolean':
      return `<div class="form-field form-check" data-field${data}>
<input type="checkbox" ${common}${value.value === true ? ' checked' : ''}${value.value === null ? ' data-null' : ''}>
<label for="${id}">${html(label)}</label>
${problemText(id, path, marks)}</div>`;
    case 'multi-select':
      return multiSelect(field.key, value.value, label, id, path, data, marks, choices);
    case 'address':
      // A line break right after <textarea> is dropped by the parser: this one, so a value's own first one stays.
      return wrap(id, label, data, path, marks, `<textarea ${common} rows="3" maxlength="${MAX_MESSAGE_VALUE}">\n${raw(value.value)}</textarea>`);
    case 'number':
      return wrap(id, label, data, path, marks, `<input type="number" ${common} value="${raw(value.value)}" step="any">`);
    case 'date':
      return wrap(id, label, data, path, marks, `<input type="date" ${common} value="${raw(value.value)}">`);
    case 'url':
    case 'string':
      return wrap(
        id,
        label,
        data,
        path,
        marks,
        `<input type="text" ${common} value="${raw(value.value)}" maxlength="${MAX_MESSAGE_VALUE}" autocomplete="off"${value.type === 'url' ? ' inputmode="url"' : ''}>`,
      );
  }
}

function wrap(id: string, label: string, data: string, path: string, marks: Marks, control: string): string {
  return `<div class="form-field" data-field${data}>
<label for="${id}">${html(label)}</label>
${control}
${problemText(id, path, marks)}</div>`;
}

function multiSelect(
  key: string,
  values: readonly string[],
  label: string,
  id: string,
  path: string,
  data: string,
  marks: Marks,
  choices: readonly string[],
): string {
  const checked = new Set(values);
  const boxes = choices.map((choice, index) => choiceBox(`${id}-${index}`, path, choice, checked.has(choice), marks, id));
  return `<fieldset class="form-field form-choices" data-field${data}>
<legend>${html(label)}</legend>
<div class="form-choice-list" data-choices>
${boxes.join('\n')}
</div>
<template data-choice-template>${choiceBox(`${id}-new`, path, '', true, { byPath: new Map(), unplaced: [] }, id)}</template>
<div class="form-choice-add">
<label for="${id}-add">${html(l10n.t('Add a value to {0}', label))}</label>
<input type="text" id="${id}-add" data-choice-input data-path="${raw(path)}" data-key="${raw(key)}" maxlength="${MAX_MESSAGE_VALUE}" autocomplete="off">
<button type="button" class="button button-secondary" data-form-action="addChoice">${html(l10n.t({ message: 'Add', comment: ['Adds the value typed beside it to a multi-select field'] }))}</button>
</div>
${problemText(id, path, marks)}</fieldset>`;
}

function choiceBox(id: string, path: string, value: string, checked: boolean, marks: Marks, fieldId: string): string {
  return `<div class="form-check" data-choice-row>
<input type="checkbox" id="${id}" name="${raw(path)}" data-path="${raw(path)}" data-choice value="${raw(value)}"${checked ? ' checked' : ''}${invalid(fieldId, path, marks)}>
<label for="${id}" data-choice-label>${html(cleanLine(value) || value)}</label>
</div>`;
}

/** Every path the form has a control for, so a problem at another path goes to the banner. */
function controlPaths(draft: ContactDraft, customs: readonly DraftCustomField[]): Set<string> {
  const paths = new Set<string>(['firstName', 'lastName', 'company', 'role']);
  for (const list of ['emails', 'phoneNumbers'] as const) {
    draft[list].slice(0, MAX_DRAFT_ITEMS).forEach((_, index) => {
      paths.add(`${list}.${index}.name`);
      paths.add(`${list}.${index}.value`);
    });
  }
  for (const field of customs) {
    paths.add(`customFields.${field.key}`);
  }
  return paths;
}

/**
 * Each problem at the control of its path; a path naming a whole item (`emails.1`) at the item's value; any other
 * path to the banner. Several problems at one field are said together.
 */
function placeProblems(problems: readonly FormProblem[], paths: ReadonlySet<string>): Marks {
  const byPath = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const problem of problems) {
    const message = cleanLine(problem.message);
    const path = paths.has(problem.path) ? problem.path : paths.has(`${problem.path}.value`) ? `${problem.path}.value` : undefined;
    if (message === '') {
      continue;
    }
    if (path === undefined) {
      unplaced.push(message);
    } else {
      byPath.set(path, [...(byPath.get(path) ?? []), message]);
    }
  }
  return { byPath, unplaced };
}

function invalid(id: string, path: string, marks: Marks): string {
  return marks.byPath.has(path) ? ` aria-invalid="true" aria-describedby="${id}-problem"` : '';
}

function problemText(id: string, path: string, marks: Marks): string {
  const messages = marks.byPath.get(path);
  return messages === undefined ? '' : `<p class="form-problem" id="${id}-problem" data-problem>${html(messages.join(' '))}</p>\n`;
}
