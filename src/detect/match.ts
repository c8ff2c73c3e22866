/**
 * What the detector reports. Kept in its own module so that the editor side, the renderers and tests can name these
 * types without pulling in the scanning code.
 */

/**
 * How a contact id was written in the text.
 * - `id`: a bare Quo contact id (24 lowercase hex digits).
 * - `link`: a Quo web or API link to a contact (`https://my.quo.com/contacts/<id>` and the like).
 * - `custom`: a user-configured pattern.
 * - `activity`: not a contact id but a Quo call or message id (`AC` and hex digits), whose contact is found through
 *   the call or message.
 * - `line`, `user`, `webhook`: a Quo line, teammate or webhook id (src/detect/resourceIds.ts), found with `activity`. Surfaces that name contacts without being asked (inline names, links, "In this file") skip
 *   it: resolving one costs up to two requests.
 */
export type ContactIdKind = 'id' | 'link' | 'custom' | 'activity' | ResourceIdKind;

/**
 * Quo line (`PN…`), teammate (`US…`) and webhook (`WH…`) ids, found with call and message ids: each names a thing of
 * the workspace, not a contact, and shows a card of its own only when hovered.
 */
export type ResourceIdKind = 'line' | 'user' | 'webhook';

/** Whether a match names a contact by itself (a contact id, link or custom pattern), not through another resource. */
export function isContactReference(found: { readonly kind: ContactIdKind }): boolean {
  return found.kind === 'id' || found.kind === 'link' || found.kind === 'custom';
}

/** A reference to one contact id found in text. Offsets are UTF-16 indices, `end` exclusive. */
export interface DetectedId {
  readonly kind: ContactIdKind;
  /**
   * The contact id, ready for the API. For links this is the percent-decoded path segment; for `activity`, the call
   * or message id.
   */
  readonly id: string;
  /** The whole matched range: the link from its scheme, or the custom pattern's whole match. */
  readonly start: number;
  readonly end: number;
  /** Where the id itself is written inside the match (for a percent-encoded link, the encoded text). */
  readonly idStart: number;
  readonly idEnd: number;
}

