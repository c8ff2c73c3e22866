/**
 * How much of a name each surface shows. A contact's name comes from whoever typed it into Quo: a 6 MB name became a
 * 6 MB panel title. Titles and tooltips get 200 characters, inline names 80; the panel body shows the whole value.
 */
import { truncate } from '../common/text.js';

export const MAX_TITLE_CHARS = 200;
export const MAX_INLINE_CHARS = 80;

/** A tab title, a tooltip, a status line. */
export function forTitle(name: string): string {
  return truncate(name, MAX_TITLE_CHARS);
}

/** An inline name after an id in the editor. */
export function forInline(name: string): string {
  return truncate(name, MAX_INLINE_CHARS);
}
