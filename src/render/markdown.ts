/**
 * Markdown escaping for hover cards. VS Code renders MarkdownString with `marked` (GFM): a contact name such as
 * `[x](command:workbench.action.terminal.new)` must stay text, and so must `<img>`, `*`, autolinks and theme icons.
 */
import { cleanLine } from '../common/text.js';

/**
 * Every ASCII punctuation character may be backslash-escaped in CommonMark and then renders as itself, so escaping
 * all of them is the one rule that leaves no syntax: links, emphasis, code, headings, lists, tables, HTML tags and
 * entities (`&`), GFM autolinks (`https\://`, `www\.`, `a\@b`) and VS Code theme icons (`\$(zap)`).
 */
const MARKDOWN_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** Escapes one line of text for markdown. Line breaks become spaces so a value cannot start a block. */
export function escapeMarkdown(value: string): string {
  return cleanLine(value).replace(MARKDOWN_PUNCTUATION, '\\$&');
}

/**
 * A link target that cannot break out of `[label](...)`: whitespace, parentheses, angle brackets, quotes and
 * backslashes are percent-encoded (VS Code decodes a command link's query before parsing its JSON arguments).
 */
export function markdownLinkTarget(uri: string): string {
  return uri.replace(/[\s()<>"'\\`[\]]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
