/**
 * How a screen full of contact ids gets its names (inline names): each unknown id asked of Quo, one request each,
 * or the workspace's contacts listed, one request per 50 contacts, after which every id on screen is answered from
 * the list. A log of 200 distinct ids asked one by one costs 200 requests (20 s at Quo's 10 a second); a workspace of
 * 5,000 contacts lists in 100. The size of a workspace is not known before it is listed (Quo's totalItems is
 * documented as inaccurate), so the choice is by the ids alone: from LIST_FOR_IDS unknown ids on, listing costs no
 * more than asking for any workspace of up to 50 × LIST_FOR_IDS contacts, and a screen of a few ids never lists.
 */
import type { IndexState } from './contactIndex.js';
import type { Known } from './known.js';

/** Unknown ids on screen from which the workspace is listed instead of asking each. */
export const LIST_FOR_IDS = 100;

export type FillChoice =
  /** Ask each unknown id (in the background, a bounded number a pass). */
  | 'ask'
  /** Start listing the workspace and ask none: the list answers them. */
  | 'list'
  /** A listing is under way: wait for it rather than ask ids it is about to answer. */
  | 'wait';

/**
 * `listingForNames`: the listing under way was started for names on screen, so every id waits for it (asking some of
 * them too would pay twice); a listing someone else started (the sidebar, a search) keeps a few ids from waiting.
 */
export function chooseFill(unknownIds: number, list: Pick<IndexState, 'status' | 'complete'>, listingForNames = false): FillChoice {
  // A whole list is there: the ids it lacks are asked one by one (created since, another workspace's).
  if (list.complete || unknownIds === 0) {
    return 'ask';
  }
  if (list.status === 'loading') {
    return listingForNames || unknownIds >= LIST_FOR_IDS ? 'wait' : 'ask';
  }
  return unknownIds >= LIST_FOR_IDS ? 'list' : 'ask';
}

/** What a pass needs of the workspace's store. */
export interface NameFillStore {
  know(id: string): Known;
  knowOrAskInBackground(id: string): Known;
  readonly listState: IndexState;
  startListing(): void;
}

export interface NameFill {
  /** What is known of each id, in the order given (ids repeated keep their first answer). */
  readonly known: ReadonlyMap<string, Known>;
  /** Whether some id is still to be answered (by a request on its way or the listing). */
  readonly waiting: boolean;
  readonly choice: FillChoice;
}

/** Passes over the ids on screen, remembering which workspaces' listings they started. */
export class NameFiller {
  private readonly listing = new WeakSet<NameFillStore>();

  /** One pass: answers what is known, then asks or lists as chooseFill says. */
  fill(store: NameFillStore, ids: Iterable<string>, maxAsks: number): NameFill {
    const known = new Map<string, Known>();
    const unknown: string[] = [];
    for (const id of ids) {
      if (!known.has(id)) {
        const answer = store.know(id);
        known.set(id, answer);
        if (answer.kind === 'unknown' && !answer.notFoundBefore) {
          unknown.push(id);
        }
      }
    }
    const state = store.listState;
    if (state.status !== 'loading') {
      this.listing.delete(store);
    }
    const choice = chooseFill(unknown.length, state, this.listing.has(store));
    if (choice === 'list') {
      this.listing.add(store);
      store.startListing();
    } else if (choice === 'ask') {
      for (const id of unknown.slice(0, maxAsks)) {
        known.set(id, store.knowOrAskInBackground(id));
      }
    }
    return { known, waiting: unknown.length > 0, choice };
  }
}
