/**
 * HTML escaping for the contact panel. One function for text and attribute values (always double-quoted), so no
 * contact field can open a tag, close an attribute or start an entity.
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
