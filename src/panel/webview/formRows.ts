/**
 * The edit form's lists, in the page: email and phone rows added (cloned from the `<template>` the extension
 * rendered, never built from values), removed and moved, and a multi-select's choices added. After each change the
 * rows are numbered again from their position: ids, `<label for>`, `name` and `data-path` (`emails.2.value`), the
 * row's label ("Email 3") and which move buttons can act; a problem marked at a field stays with its row.
 */

/** A row's list: the `<fieldset data-list>` around it. */
export function listOf(element: Element): Element | null {
  return element.closest('[data-list]');
}

export function rowsOf(list: Element): Element[] {
  return Array.from(list.querySelectorAll('[data-row]'));
}

/** Adds an empty row at the end of `list`; undefined when the list is full. */
export function addRow(list: Element): Element | undefined {
  const rows = rowsOf(list);
  const max = Number(list.getAttribute('data-max-rows') ?? '0');
  const template = list.querySelector<HTMLTemplateElement>('[data-row-template]');
  const container = list.querySelector('[data-rows]');
  if (rows.length >= max || !template || !container) {
    return undefined;
  }
  const row = (template.content.cloneNode(true) as DocumentFragment).querySelector('[data-row]');
  if (!row) {
    return undefined;
  }
  container.append(row);
  renumber(list);
  return row;
}

/** Removes `row`; answers what should take the focus: the next row's, else the previous row's Remove, else Add. */
export function removeRow(row: Element): Element | null {
  const list = listOf(row);
  if (!list) {
    return null;
  }
  const rows = rowsOf(list);
  const at = rows.indexOf(row);
  row.remove();
  renumber(list);
  const next = rows[at + 1] ?? rows[at - 1];
  return next?.querySelector('[data-form-action="removeRow"]') ?? list.querySelector('[data-form-action="addRow"]');
}

/** Moves `row` one place up (-1) or down (1); false when it is already first or last. */
export function moveRow(row: Element, by: -1 | 1): boolean {
  const list = listOf(row);
  if (!list) {
    return false;
  }
  const rows = rowsOf(list);
  const at = rows.indexOf(row);
  const other = rows[at + by];
  if (at < 0 || !other) {
    return false;
  }
  if (by < 0) {
    other.before(row);
  } else {
    other.after(row);
  }
  renumber(list);
  return true;
}

/** Numbers every row of `list` from its position. */
export function renumber(list: Element): void {
  const name = list.getAttribute('data-list') ?? '';
  const label = list.getAttribute('data-row-label') ?? '{0}';
  const rows = rowsOf(list);
  rows.forEach((row, index) => {
    row.setAttribute('aria-label', label.replace('{0}', String(index + 1)));
    for (const part of ['name', 'value']) {
      const input = row.querySelector(`[data-part="${part}"]`);
      if (!input) {
        continue;
      }
      const path = `${name}.${index}.${part}`;
      const id = `edit-${name}-${index}-${part}`;
      input.setAttribute('id', id);
      input.setAttribute('name', path);
      input.setAttribute('data-path', path);
      input.closest('[data-field]')?.querySelector('label')?.setAttribute('for', id);
    }
    // aria-disabled, not disabled: a button that moved to the end keeps the focus, and says it can go no further.
    setAriaDisabled(row.querySelector('[data-form-action="moveUp"]'), index === 0);
    setAriaDisabled(row.querySelector('[data-form-action="moveDown"]'), index === rows.length - 1);
  });
  setAriaDisabled(list.querySelector('[data-form-action="addRow"]'), rows.length >= Number(list.getAttribute('data-max-rows') ?? '0'));
}

export function setAriaDisabled(element: Element | null, disabled: boolean): void {
  if (disabled) {
    element?.setAttribute('aria-disabled', 'true');
  } else {
    element?.removeAttribute('aria-disabled');
  }
}

export function isAriaDisabled(element: Element | null): boolean {
  return element?.getAttribute('aria-disabled') === 'true';
}

let choices = 0;

/**
 * Adds the value typed in a multi-select's "Add a value" box as a checked choice (checks it when the field already
 * offers it), and empties the box. False when there is nothing to add or no room.
 */
export function addChoice(field: Element, maxChoices: number): boolean {
  const input = field.querySelector<HTMLInputElement>('[data-choice-input]');
  const list = field.querySelector('[data-choices]');
  const template = field.querySelector<HTMLTemplateElement>('[data-choice-template]');
  const value = input?.value.trim() ?? '';
  if (!input || !list || !template || value === '') {
    return false;
  }
  const boxes = Array.from(field.querySelectorAll<HTMLInputElement>('[data-choice]'));
  const existing = boxes.find((box) => box.getAttribute('value') === value);
  if (existing) {
    existing.checked = true;
    input.value = '';
    return true;
  }
  if (boxes.length >= maxChoices) {
    return false;
  }
  const row = (template.content.cloneNode(true) as DocumentFragment).querySelector('[data-choice-row]');
  const box = row?.querySelector<HTMLInputElement>('[data-choice]');
  const label = row?.querySelector('[data-choice-label]');
  if (!row || !box || !label) {
    return false;
  }
  const id = `edit-choice-${++choices}`;
  box.setAttribute('id', id);
  box.setAttribute('value', value);
  box.checked = true;
  label.setAttribute('for', id);
  label.textContent = value;
  list.append(row);
  input.value = '';
  return true;
}
