/**
 * Problems shown at the edit form's fields (`formProblems`): each control of a problem's path gets
 * `aria-invalid="true"` and, in its `aria-describedby`, the id of the message put beside it; what names no field goes
 * to the form's alert banner. All text goes in as text nodes.
 */
import type { FormProblem } from '../../render/panelMessages.js';
import { controlsAt } from './formDraft.js';

let problems = 0;

/** Marks `list` at their fields, after clearing earlier marks; answers the first control marked. */
export function markProblems(form: Element, list: readonly FormProblem[], general: string | undefined): Element | undefined {
  clearProblems(form);
  const byWrapper = new Map<Element, { controls: Element[]; messages: string[] }>();
  const unplaced: string[] = [];
  let first: Element | undefined;
  for (const problem of list) {
    const controls = controlsFor(form, problem.path);
    const wrapper = controls[0]?.closest('[data-field]');
    if (!wrapper) {
      unplaced.push(problem.message);
      continue;
    }
    first ??= controls[0];
    const entry = byWrapper.get(wrapper) ?? { controls: [], messages: [] };
    entry.controls.push(...controls);
    entry.messages.push(problem.message);
    byWrapper.set(wrapper, entry);
  }
  for (const [wrapper, { controls, messages }] of byWrapper) {
    const message = document.createElement('p');
    const id = `edit-problem-${++problems}`;
    message.className = 'form-problem';
    message.setAttribute('id', id);
    message.setAttribute('data-problem', '');
    message.textContent = messages.join(' ');
    wrapper.append(message);
    for (const control of new Set(controls)) {
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', [...describedBy(control), id].join(' '));
    }
  }
  showGeneral(form, [...(general === undefined || general.trim() === '' ? [] : [general]), ...unplaced]);
  return first;
}

/**
 * The controls a path names: its own; an item's value for the item (`emails.1`); else the field of the nearest
 * shorter path (`customFields.vip.value` is at `customFields.vip`).
 */
function controlsFor(form: Element, path: string): Element[] {
  for (let at: string | undefined = path; at !== undefined; at = parentPath(at)) {
    const controls = controlsAt(form, at);
    if (controls.length > 0) {
      return controls;
    }
    if (at === path) {
      const value = controlsAt(form, `${path}.value`);
      if (value.length > 0) {
        return value;
      }
    }
  }
  return [];
}

function parentPath(path: string): string | undefined {
  const dot = path.lastIndexOf('.');
  return dot > 0 ? path.slice(0, dot) : undefined;
}

/** Removes every mark and empties the banner. */
export function clearProblems(form: Element): void {
  for (const message of Array.from(form.querySelectorAll('[data-problem]'))) {
    message.remove();
  }
  for (const control of Array.from(form.querySelectorAll('[aria-invalid]'))) {
    unmark(control);
  }
  showGeneral(form, []);
}

/** The user changed a field: its mark goes (the message was about what it held before). */
export function clearProblemAt(control: Element): void {
  const wrapper = control.closest('[data-field]');
  if (!wrapper || !control.hasAttribute('aria-invalid')) {
    return;
  }
  for (const message of Array.from(wrapper.querySelectorAll('[data-problem]'))) {
    message.remove();
  }
  for (const marked of Array.from(wrapper.querySelectorAll('[aria-invalid]'))) {
    unmark(marked);
  }
}

function unmark(control: Element): void {
  control.removeAttribute('aria-invalid');
  const rest = describedBy(control).filter((id) => !/-problem(?:-\d+)?$/.test(id) && !id.startsWith('edit-problem-'));
  if (rest.length === 0) {
    control.removeAttribute('aria-describedby');
  } else {
    control.setAttribute('aria-describedby', rest.join(' '));
  }
}

function describedBy(control: Element): string[] {
  return (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id !== '');
}

/** The banner's lines, or the banner hidden when there are none. */
export function showGeneral(form: Element, lines: readonly string[]): void {
  const banner = form.querySelector('[data-form-general]');
  if (!banner) {
    return;
  }
  banner.replaceChildren(
    ...lines.map((line) => {
      const paragraph = document.createElement('p');
      paragraph.textContent = line;
      return paragraph;
    }),
  );
  if (lines.length === 0) {
    banner.setAttribute('hidden', '');
  } else {
    banner.removeAttribute('hidden');
  }
}
