/**
 * HTML escaping for the contact panel, and the one button markup its pages share. One function for text and
 * attribute values (always double-quoted), so no contact field can open a tag, close an attribute or start an entity.
 */

const HTML_SPECIAL = /[&<>"'`]/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(value: string): string {
  return value.replace(HTML_SPECIAL, (char) => ENTITIES[char] ?? char);
}

/** Text between tags. The same escaping as `attr`; two names so each call says where its value goes. */
export const html = escapeHtml;
/** A double-quoted attribute value. */
export const attr = escapeHtml;

/** A labelled button whose click the page posts as `action` (see messageForAction). */
export function button(action: string, label: string, icon: string, kind: 'primary' | 'secondary'): string {
  return `<button type="button" class="button button-${kind}" data-action="${attr(action)}"><span class="codicon codicon-${attr(icon)}" aria-hidden="true"></span>${html(label)}</button>`;
}
