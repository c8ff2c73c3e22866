/**
 * When the inline names need drawing again. Every redraw makes VS Code lay out the lines of every visible editor
 * anew, which detaches the elements a person (or a test) is about to click, such as a document link next to a
 * name; a redraw on every contact that arrives anywhere, every page of a listing and every state change kept a
 * line being rebuilt while nothing on it changed. So a redraw happens only when what the last pass drew could
 * differ: a contact it showed or waited for arrived, or the contact list changed while it showed a number or an
 * address or waited for an id. Plain, so unit tests count the redraws.
 */

/** What one pass over a document's visible range drew, and what it waited for. */
export interface InlinePass {
  /** Every contact id on screen, named or not yet known. */
  readonly ids: Iterable<string>;
  /** Whether a phone number or an email was on screen (named from the contact list alone). */
  readonly points: boolean;
  /** Whether an id on screen is not known yet (the contact list may answer it). */
  readonly waiting: boolean;
}

/** Documents remembered: more than the editors one window shows at once. */
const MAX_DOCUMENTS = 32;

export class InlineRedraws {
  private readonly passes = new Map<string, { readonly ids: ReadonlySet<string>; readonly points: boolean; readonly waiting: boolean }>();

  /** The last pass over `document` (its URI); replaces the one before. */
  noted(document: string, pass: InlinePass): void {
    this.passes.delete(document);
    this.passes.set(document, { ids: new Set(pass.ids), points: pass.points, waiting: pass.waiting });
    if (this.passes.size > MAX_DOCUMENTS) {
      const oldest = this.passes.keys().next().value;
      if (oldest !== undefined) {
        this.passes.delete(oldest);
      }
    }
  }

  /** A document was closed: nothing of it is on screen any more. */
  closed(document: string): void {
    this.passes.delete(document);
  }

  /** A contact arrived from Quo. */
  onContact(id: string): boolean {
    for (const pass of this.passes.values()) {
      if (pass.ids.has(id)) {
        return true;
      }
    }
    return false;
  }

  /** The contact list changed (a page arrived, a refresh was swapped in, a clear). */
  onContactList(): boolean {
    for (const pass of this.passes.values()) {
      if (pass.points || pass.waiting) {
        return true;
      }
    }
    return false;
  }
}
