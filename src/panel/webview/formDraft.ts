/**
 * The edit form's draft, read in the page from the form's controls (src/render/contactFormHtml.ts says where each
 * value is), and whether two drafts differ the way the user would count it: spaces at either end, a row added and
 * left empty, an empty custom field and a missing one, and the order of a multi-select's choices change nothing.
 */
import type { ContactDraft, DraftCustomField, DraftCustomValue, DraftItem } from '../../contacts/edit/contactDraft.js';

const TEXT_FIELDS = ['firstName', 'lastName', 'company', 'role'] as const;
const LISTS = ['emails', 'phoneNumbers'] as const;
const CUSTOM_TYPES = ['string', 'address', 'url', 'number', 'boolean', 'date', 'multi-select'] as const;

type Control = HTMLInputElement | HTMLTextAreaElement;

/** The controls whose `data-path` is `path` (compared as strings: no selector is built from a value). */
export function controlsAt(root: ParentNode, path: string): Element[] {
  return Array.from(root.querySelectorAll('[data-path]')).filter((control) => control.getAttribute('data-path') === path);
}

function valueAt(form: Element, path: string): string {
  const control = controlsAt(form, path)[0] as Control | undefined;
  return control?.value ?? '';
}

export function readDraft(form: Element): ContactDraft {
  const [firstName, lastName, company, role] = TEXT_FIELDS.map((path) => valueAt(form, path));
  const [emails, phoneNumbers] = LISTS.map((list) => readItems(form, list));
  return {
    firstName: firstName ?? '',
    lastName: lastName ?? '',
    company: company ?? '',
    role: role ?? '',
    emails: emails ?? [],
    phoneNumbers: phoneNumbers ?? [],
    customFields: Array.from(form.querySelectorAll('[data-custom]')).flatMap(readCustomField),
  };
}

function readItems(form: Element, list: string): DraftItem[] {
  const fieldset = Array.from(form.querySelectorAll('[data-list]')).find((element) => element.getAttribute('data-list') === list);
  if (!fieldset) {
    return [];
  }
  return Array.from(fieldset.querySelectorAll('[data-row]')).map((row) => {
    const id = row.getAttribute('data-id');
    const name = row.querySelector<Control>('[data-part="name"]')?.value ?? '';
    const value = row.querySelector<Control>('[data-part="value"]')?.value ?? '';
    return id === null || id === '' ? { name, value } : { id, name, value };
  });
}

function readCustomField(wrapper: Element): DraftCustomField[] {
  const key = wrapper.getAttribute('data-custom-key');
  const type = CUSTOM_TYPES.find((known) => known === wrapper.getAttribute('data-custom-type'));
  if (key === null || key === '' || type === undefined) {
    return [];
  }
  const id = wrapper.getAttribute('data-custom-id');
  return [
    {
      key,
      name: wrapper.getAttribute('data-custom-name') ?? '',
      field: readCustomValue(wrapper, type),
      ...(id === null || id === '' ? {} : { id }),
    },
  ];
}

function readCustomValue(wrapper: Element, type: (typeof CUSTOM_TYPES)[number]): DraftCustomValue {
  if (type === 'multi-select') {
    const checked = Array.from(wrapper.querySelectorAll<HTMLInputElement>('[data-choice]'))
      .filter((box) => box.checked)
      .map((box) => box.getAttribute('value') ?? '');
    // A value typed in "Add a value" and not added yet is meant too: it is not lost on Save.
    const typed = wrapper.querySelector<HTMLInputElement>('[data-choice-input]')?.value.trim() ?? '';
    return { type, value: [...new Set([...checked, typed].filter((choice) => choice !== ''))] };
  }
  if (type === 'boolean') {
    const box = wrapper.querySelector<HTMLInputElement>('[data-path]');
    // An unset field left unticked stays unset; ticked then unticked, it is unset again.
    return { type, value: box?.checked === true ? true : box?.hasAttribute('data-null') === true ? null : false };
  }
  return { type, value: wrapper.querySelector<Control>('[data-path]')?.value ?? '' };
}

/** Whether `a` and `b` hold something different, as the user would count it. */
export function draftsDiffer(a: ContactDraft, b: ContactDraft): boolean {
  return JSON.stringify(meaning(a)) !== JSON.stringify(meaning(b));
}

function meaning(draft: ContactDraft): unknown {
  const items = (list: readonly DraftItem[]): string[][] =>
    list
      .filter((item) => item.id !== undefined || item.value.trim() !== '')
      .map((item) => [item.id ?? '', item.name.trim(), item.value.trim()]);
  const custom = draft.customFields
    .map((field): [string, string] => [field.key, customMeaning(field.field)])
    .filter(([, value]) => value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [TEXT_FIELDS.map((field) => draft[field].trim()), items(draft.emails), items(draft.phoneNumbers), custom];
}

/** A custom value reduced to what it means; '' for an empty one. */
function customMeaning(value: DraftCustomValue): string {
  switch (value.type) {
    case 'boolean':
      return value.value === null ? '' : String(value.value);
    case 'multi-select': {
      const choices = [...new Set(value.value.map((choice) => choice.trim()).filter((choice) => choice !== ''))].sort();
      return choices.length === 0 ? '' : JSON.stringify(choices);
    }
    default:
      return value.value.trim();
  }
}
