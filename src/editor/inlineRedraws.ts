/**
 * When the inline names need drawing again. Every redraw makes VS Code lay out the lines of every visible editor
 * anew, which detaches the elements a person (or a test) is about to click, such as a document link next to a
 * name; a redraw on every contact that arrives anywhere and every page of a listing kept a line being rebuilt while
 * nothing on it changed. So a redraw happens only when what was drawn could differ:
 * - a contact shown or awaited on screen arrived, or any contact arrived while an id on screen is still unknown (its
 *   ask may have failed, and a success is when failed asks may be asked again);
 * - the contact list changed while a number or an address was shown (named from the list alone) or an id awaited;
 * - a listing completed while ids were shown (the list names ids the cache does not hold; a contact may have been
 *   renamed or deleted), once per listing rather than once per page.
 * Plain, so unit tests count the redraws.
 */

/** What one pass over a range of a document drew, and what it waited for. */
export interface InlinePass {
  /** Every contact id in the range, named or not yet known. */
  readonly ids: Iterable<string>;
  /** Whether a phone number or an email was in the range (named from the contact list alone). */
  readonly points: boolean;
  /** Whether an id in the range is not known yet (the contact list or a later ask may answer it). */
  readonly waiting: boolean;
}

/** Documents remembered: more than the editors one window shows at once. */
const MAX_DOCUMENTS = 32;
/** Ids remembered per document; past this, any contact that arrives redraws it. */
const MAX_IDS = 10_000;

interface Drawn {
  /** The redraw this was drawn after: passes over other ranges since then add to it. */
  generation: number;
  readonly ids: Set<string>;
  points: boolean;
  waiting: boolean;
  /** More ids than remembered. */
  many: boolean;
}

export class InlineRedraws {
  private readonly documents = new Map<string, Drawn>();
  private generation = 0;

  /**
   * A pass over a range of `document` (its URI). VS Code asks once per visible range (folded regions, split editors):
   * passes since the last redraw add up; the first one after a redraw starts afresh.
   */
  noted(document: string, pass: InlinePass): void {
    let drawn = this.documents.get(document);
    this.documents.delete(document);
    if (!drawn || drawn.generation !== this.generation) {
      drawn = { generation: this.generation, ids: new Set(), points: false, waiting: false, many: false };
    }
    for (const id of pass.ids) {
      if (drawn.ids.size >= MAX_IDS) {
        drawn.many = true;
        break;
      }
      drawn.ids.add(id);
    }
    drawn.points ||= pass.points;
    drawn.waiting ||= pass.waiting;
    this.documents.set(document, drawn);
    if (this.documents.size > MAX_DOCUMENTS) {
      const oldest = this.documents.keys().next().value;
      if (oldest !== undefined) {
        this.documents.delete(oldest);
      }
    }
  }

  /** The names were redrawn: VS Code asks for every visible range again. */
  redrawn(): void {
    this.generation++;
  }

  /** A document was closed: nothing of it is on screen any more. */
  closed(document: string): void {
    this.documents.delete(document);
  }

  /** A contact arrived from Quo. */
  onContact(id: string): boolean {
    return this.any((drawn) => drawn.many || drawn.waiting || drawn.ids.has(id));
  }

  /** The contact list changed; `completed`: a listing was completed and shown. */
  onContactList(completed: boolean): boolean {
    return this.any((drawn) => drawn.points || drawn.waiting || (completed && (drawn.ids.size > 0 || drawn.many)));
  }

  private any(test: (drawn: Drawn) => boolean): boolean {
    for (const drawn of this.documents.values()) {
      if (test(drawn)) {
        return true;
      }
    }
    return false;
  }
}
