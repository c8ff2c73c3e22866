/**
 * VS Code draws `$(name)` as an icon in quick picks, status bar text and theme-icon markdown. A value from Quo must
 * read as typed: a contact named `$(verified-filled) Jane` must not get a verified badge.
 */

/** For quick pick labels, descriptions and details, and status bar text: VS Code shows `\$(x)` as `$(x)`. */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}
