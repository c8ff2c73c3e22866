/**
 * The contact panel's edit form, in the page. The extension renders the form (src/render/contactFormHtml.ts) and
 * posts it (`form`); this puts it in place of the contact's fields (`#contact-fields`, hidden while the form shows,
 * in `#contact-edit` after it), runs its buttons, reads the draft back from it, posts `save`, and shows what comes
 * back: problems at their fields, the comparison (`conflict`) above the form, Save disabled while a save is on its
 * way, a countdown to "Try again" after a 429. Cancel and Escape discard the form after asking, in the form, when it
 * has changes (`window.confirm` does not exist in a webview). The draft goes into the page's state as the user types,
 * so the form comes back after the panel was hidden or VS Code reloaded (`resumeEdit`).
 */
import type { ContactDraft, EditSession } from '../../contacts/edit/contactDraft.js';
import { isContactDraft, MAX_DRAFT_ITEMS, type HostMessage, type PanelMessage, type PanelWebviewState } from '../../render/panelMessages.js';
import { draftsDiffer, readDraft } from './formDraft.js';
import { clearProblemAt, markProblems, showGeneral } from './formMarks.js';
import { createRetryOffer } from './formRetry.js';
import { addChoice, addRow, isAriaDisabled, listOf, moveRow, removeRow, renumber, setAriaDisabled } from './formRows.js';

export type SavedEdit = NonNullable<PanelWebviewState['edit']>;

export interface EditFormHost {
  post(message: PanelMessage): void;
  /** Writes the page's state again; it asks `edit()` for the form's part. */
  saveState(): void;
}

export interface EditForm {
  /** The unsaved form, for the page's state; undefined when there is none. */
  edit(): SavedEdit | undefined;
  /** A click the form handles (true), or one for the page's own handler (false). */
  click(target: Element): boolean;
  /** A message for the form (true), or one for the rest of the page (false). */
  receive(message: HostMessage): boolean;
  /** After `ready`: asks for the form the saved state holds, if it is this contact's. */
  resume(): void;
}

/** Most choices a multi-select offers, checked or not. */
const MAX_CHOICES = 2 * MAX_DRAFT_ITEMS;

export function createEditForm(host: EditFormHost, saved: SavedEdit | undefined, contactId: string | null): EditForm {
  /** The edit shown, or (before its form arrives) the one the saved state holds. */
  let session: EditSession | undefined;
  let pending: SavedEdit | undefined = saved && saved.session.contactId === contactId ? saved : undefined;
  /** The last draft read that the extension would accept. */
  let lastDraft: ContactDraft | undefined;
  /** What the last Save sent: "Try again" sends it again, unless the form changed since. */
  let sentDraft: ContactDraft | undefined;
  let busy = false;

  const form = (): Element | null => document.querySelector('[data-contact-form]');
  const part = (selector: string): Element | null => form()?.querySelector(selector) ?? null;
  const retry = createRetryOffer(
    () => setAriaDisabled(part('[data-form-save]'), busy || retry.waiting()),
    (text) => announce(text),
  );

  function current(): ContactDraft | undefined {
    const shown = form();
    if (shown && session) {
      const draft = readDraft(shown);
      if (isContactDraft(draft)) {
        lastDraft = draft;
      }
    }
    return lastDraft;
  }

  function open(html: string, next: EditSession): void {
    // No fields yet (the page is still loading the contact): the edit stays in the state, and the page drawn with the
    // contact asks for it again. A form of another contact is not this page's.
    const fields = document.getElementById('contact-fields');
    if (!fields || next.contactId !== contactId) {
      return;
    }
    let area = document.getElementById('contact-edit');
    if (!area) {
      area = document.createElement('div');
      area.setAttribute('id', 'contact-edit');
      area.className = 'contact-edit';
      fields.after(area);
    }
    const conflict = document.createElement('div');
    conflict.className = 'edit-conflict';
    conflict.setAttribute('data-edit-conflict', '');
    conflict.setAttribute('hidden', '');
    area.replaceChildren(conflict, fragment(html));
    fields.setAttribute('hidden', '');
    session = next;
    pending = undefined;
    lastDraft = next.draft;
    sentDraft = undefined;
    retry.stop();
    setBusy(false);
    for (const list of Array.from(area.querySelectorAll('[data-list]'))) {
      renumber(list);
    }
    focusFirstField();
    host.saveState();
  }

  function close(): void {
    document.getElementById('contact-edit')?.remove();
    document.getElementById('contact-fields')?.removeAttribute('hidden');
    const wasOpen = session !== undefined;
    session = undefined;
    pending = undefined;
    lastDraft = undefined;
    retry.stop();
    host.saveState();
    if (wasOpen) {
      focus(document.querySelector('[data-action="edit"]'));
    }
  }

  function focusFirstField(): void {
    focus(form()?.querySelector('input, textarea') ?? null);
  }

  function setBusy(value: boolean): void {
    busy = value;
    form()?.setAttribute('aria-busy', String(value));
    setAriaDisabled(part('[data-form-save]'), busy || retry.waiting());
    if (value) {
      announce(form()?.getAttribute('data-saving-text') ?? '');
    }
  }

  function save(): void {
    const shown = form();
    if (!shown || !session || busy || retry.waiting()) {
      return;
    }
    const draft = readDraft(shown);
    if (!isContactDraft(draft)) {
      showGeneral(shown, [shown.getAttribute('data-too-large-text') ?? '']);
      return;
    }
    hideConfirm();
    part('[data-form-retry]')?.setAttribute('hidden', '');
    sentDraft = draft;
    setBusy(true);
    host.post({ type: 'save', draft });
  }

  function requestCancel(): void {
    const draft = current();
    if (session && draft && draftsDiffer(draft, session.base)) {
      const confirm = part('[data-form-confirm]');
      confirm?.removeAttribute('hidden');
      focus(confirm?.querySelector('[data-form-action="keepEditing"]') ?? null);
      return;
    }
    discard();
  }

  function discard(): void {
    host.post({ type: 'cancelEdit' });
    close();
  }

  function hideConfirm(): boolean {
    const confirm = part('[data-form-confirm]');
    if (!confirm || confirm.hasAttribute('hidden')) {
      return false;
    }
    confirm.setAttribute('hidden', '');
    return true;
  }

  /** The comparison is answered or withdrawn: it goes, and the form is as it was. */
  function hideConflict(): void {
    const slot = document.querySelector('[data-edit-conflict]');
    slot?.replaceChildren();
    slot?.setAttribute('hidden', '');
  }

  function conflictShown(): boolean {
    const slot = document.querySelector('[data-edit-conflict]');
    return slot !== null && !slot.hasAttribute('hidden');
  }

  function showConflict(html: string): void {
    const slot = document.querySelector('[data-edit-conflict]');
    if (!slot || !session) {
      return;
    }
    setBusy(false);
    slot.replaceChildren(fragment(html));
    slot.removeAttribute('hidden');
    focus(slot.querySelector('[data-conflict-heading]'));
  }

  function tryAgain(button: Element): void {
    if (isAriaDisabled(button) || retry.waiting() || busy) {
      return;
    }
    const draft = current();
    part('[data-form-retry]')?.setAttribute('hidden', '');
    if (draft && sentDraft && draftsDiffer(draft, sentDraft)) {
      sentDraft = draft;
      setBusy(true);
      host.post({ type: 'save', draft });
      return;
    }
    setBusy(true);
    host.post({ type: 'tryAgain' });
  }

  function announce(text: string): void {
    const status = part('[data-form-status]');
    if (status) {
      status.textContent = text;
    }
  }

  function changed(): void {
    // At once, not after a pause: the extension may draw the page again at any moment (a pin, a refresh), and the
    // form comes back from the state. Reading a form is a few hundred attribute reads.
    host.saveState();
    if (conflictShown()) {
      // The comparison was of the draft saved; a changed draft is compared again on the next Save.
      hideConflict();
      host.post({ type: 'cancelSave' });
    }
  }

  function formAction(control: Element, action: string): void {
    const row = control.closest('[data-row]');
    const list = listOf(control);
    switch (action) {
      case 'addRow': {
        const added = list && !isAriaDisabled(control) ? addRow(list) : undefined;
        focus(added?.querySelector('[data-part="value"]') ?? null);
        break;
      }
      case 'removeRow':
        if (row) {
          focus(removeRow(row));
          announce(form()?.getAttribute('data-removed-text') ?? '');
        }
        break;
      case 'moveUp':
      case 'moveDown':
        if (row && list && moveRow(row, action === 'moveUp' ? -1 : 1)) {
          const rows = Array.from(list.querySelectorAll('[data-row]'));
          focus(control);
          const moved = form()?.getAttribute('data-moved-text') ?? '';
          announce(moved.replace('{0}', String(rows.indexOf(row) + 1)).replace('{1}', String(rows.length)));
        }
        break;
      case 'addChoice': {
        const field = control.closest('[data-custom]');
        if (field && addChoice(field, MAX_CHOICES)) {
          focus(field.querySelector('[data-choice-input]'));
        }
        break;
      }
      case 'cancel':
        requestCancel();
        return;
      case 'discard':
        discard();
        return;
      case 'keepEditing':
        hideConfirm();
        focus(part('[data-form-action="cancel"]'));
        return;
      default:
        return;
    }
    changed();
  }

  document.addEventListener('submit', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('[data-contact-form]')) {
      // The form has no action, and must never navigate the webview.
      event.preventDefault();
      save();
    }
  });

  const typed = (event: Event): void => {
    const target = event.target instanceof Element ? event.target : null;
    if (target && session && target.closest('[data-contact-form]')) {
      clearProblemAt(target);
      changed();
    }
  };
  document.addEventListener('input', typed);
  document.addEventListener('change', typed);

  document.addEventListener('keydown', (event) => {
    if (!session) {
      return;
    }
    const target = event.target instanceof Element ? event.target : null;
    if (event.key === 'Escape') {
      event.preventDefault();
      if (hideConfirm()) {
        focus(part('[data-form-action="cancel"]'));
      } else {
        requestCancel();
      }
    } else if (event.key === 'Enter' && target?.hasAttribute('data-choice-input')) {
      // Enter in "Add a value" adds it, rather than saving the form.
      event.preventDefault();
      const field = target.closest('[data-custom]');
      if (field && addChoice(field, MAX_CHOICES)) {
        changed();
      }
    }
  });

  return {
    edit(): SavedEdit | undefined {
      if (session) {
        const draft = current();
        return draft ? { session, draft } : undefined;
      }
      return pending;
    },

    click(target: Element): boolean {
      const formControl = target.closest('[data-form-action]');
      if (formControl && session && formControl.closest('[data-contact-form]')) {
        formAction(formControl, formControl.getAttribute('data-form-action') ?? '');
        return true;
      }
      const control = target.closest('[data-action]');
      const action = control?.getAttribute('data-action');
      if (!control || !session) {
        return false;
      }
      switch (action) {
        case 'edit':
          // The form is open: Edit goes to it rather than starting again from Quo's values.
          focusFirstField();
          return true;
        case 'tryAgain':
          tryAgain(control);
          return true;
        case 'overwrite':
        case 'keepTheirs':
        case 'cancelSave':
          hideConflict();
          if (action === 'overwrite') {
            setBusy(true);
          }
          host.post({ type: action });
          if (action === 'cancelSave') {
            focus(part('[data-form-save]'));
          }
          return true;
        default:
          return false;
      }
    },

    receive(message: HostMessage): boolean {
      switch (message.type) {
        case 'form':
          open(message.html, message.session);
          return true;
        case 'closeForm':
          close();
          return true;
        case 'formProblems': {
          const shown = form();
          if (shown) {
            setBusy(false);
            hideConflict();
            focus(markProblems(shown, message.problems, message.general) ?? null);
          }
          return true;
        }
        case 'conflict':
          showConflict(message.html);
          return true;
        case 'saving':
          setBusy(message.busy);
          return true;
        case 'retryAfter': {
          const shown = form();
          if (shown && session) {
            setBusy(false);
            retry.start(shown, message.seconds);
          }
          return true;
        }
        default:
          return false;
      }
    },

    resume(): void {
      if (pending) {
        host.post({ type: 'resumeEdit', session: pending.session, draft: pending.draft });
      }
    },
  };
}

function focus(element: Element | null): void {
  (element as HTMLElement | null)?.focus();
}

/** HTML as nodes, parsed inert: a <template> runs no script and loads nothing. */
function fragment(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

