import assert from 'node:assert/strict';
import fc from 'fast-check';
import { marked, type Token } from 'marked';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { escapeHtml } from '../../src/render/html.js';
import { renderHoverMarkdown } from '../../src/render/hoverMarkdown.js';
import { escapeMarkdown } from '../../src/render/markdown.js';
import { renderPanelHtml } from '../../src/render/panelHtml.js';
import { cleanLine, truncate } from '../../src/common/text.js';
import { quoContactWebUrl } from '../../src/render/urls.js';
import { hostileText } from './arbitraries.js';
import { contactArbitrary, fieldText } from './contacts.js';
import { propertySuite } from './harness.js';

type Node = DefaultTreeAdapterMap['node'];

/** Links, images and raw HTML in what marked (VS Code's markdown renderer) makes of `markdown`, nested ones too. */
function markdownNodes(markdown: string): { links: string[]; images: string[]; html: string[] } {
  const found = { links: [] as string[], images: [] as string[], html: [] as string[] };
  const visit = (tokens: readonly Token[] | undefined): void => {
    for (const token of tokens ?? []) {
      if (token.type === 'link') {
        found.links.push(String(token.href));
      } else if (token.type === 'image') {
        found.images.push(String(token.href));
      } else if (token.type === 'html') {
        found.html.push(token.raw);
      }
      const nested = token as { tokens?: Token[]; items?: Token[]; rows?: Token[][]; header?: Token[] };
      visit(nested.tokens);
      visit(nested.items);
      nested.rows?.forEach((row) => row.forEach((cell) => visit((cell as { tokens?: Token[] }).tokens)));
      nested.header?.forEach((cell) => visit((cell as { tokens?: Token[] }).tokens));
    }
  };
  visit(marked.lexer(markdown, { gfm: true }));
  return found;
}

function elements(node: Node, out: Array<{ tag: string; attrs: Array<{ name: string; value: string }> }> = []): typeof out {
  if ('tagName' in node) {
    out.push({ tag: node.tagName, attrs: node.attrs });
  }
  if ('childNodes' in node) {
    node.childNodes.forEach((child) => elements(child, out));
  }
  if (node.nodeName === 'template') {
    elements((node as DefaultTreeAdapterMap['template']).content, out);
  }
  return out;
}

function decoded(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/**
 * Lone surrogates as a browser decodes them (U+FFFD): parse5's tokenizer throws on some pairs of them, which says
 * nothing about the page.
 */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

const NONCE = 'r4nd0mN0nceV4lue+/AB==';
const SCRIPT_URI = 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/panel.js';

propertySuite('Properties: rendering', [
  {
    name: 'escapeHtml leaves no <, >, ", \' or backtick, and no & that does not start one of its entities',
    runs: 3000,
    property: () => fc.property(fc.oneof(hostileText, fieldText), (text) => {
      const escaped = escapeHtml(text);
      assert.doesNotMatch(escaped, /[<>"'`]/);
      assert.doesNotMatch(escaped, /&(?!amp;|lt;|gt;|quot;|#39;|#96;)/);
    }),
  },
  {
    name: 'escapeMarkdown output, read by marked, holds no link, image or HTML',
    runs: 2000,
    property: () => fc.property(fc.oneof(hostileText, fieldText), (text) => {
      const nodes = markdownNodes(escapeMarkdown(text));
      assert.deepEqual(nodes, { links: [], images: [], html: [] });
    }),
  },
  {
    name: 'cleanLine is idempotent and leaves no line break, tab or C0/C1 control',
    runs: 2000,
    property: () => fc.property(fc.oneof(hostileText, fieldText), (text) => {
      const line = cleanLine(text);
      assert.equal(cleanLine(line), line);
      assert.doesNotMatch(line, /[\p{Cc}\u2028\u2029]/u);
    }),
  },
  {
    name: 'truncate never exceeds its limit, never ends on a high surrogate and never splits a surrogate pair',
    runs: 3000,
    property: () => fc.property(fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 40 })), fc.integer({ min: 0, max: 50 }), (text, max) => {
      const cut = truncate(text, max);
      assert.ok(cut.length <= max, `${cut.length} > ${max}`);
      const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
      const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
      if (cut !== text) {
        assert.ok(!isHigh(cut.charCodeAt(cut.length - 1)), 'ends on a high surrogate');
        const kept = cut.endsWith('…') ? cut.length - 1 : cut.length;
        assert.ok(!(isHigh(text.charCodeAt(kept - 1)) && isLow(text.charCodeAt(kept))), 'splits a surrogate pair');
      }
    }),
  },
  {
    name: 'a hover card, read by marked, has no link, image or HTML but its own Open Contact and Open in Quo links',
    runs: 400,
    property: () => fc.property(contactArbitrary, (contact) => {
      const openCommandUri = `command:quo.openContact?${encodeURIComponent(JSON.stringify([contact.id]))}`;
      const nodes = markdownNodes(renderHoverMarkdown(contact, { openCommandUri, locale: 'en-US', timeZone: 'UTC' }));
      assert.deepEqual(nodes.images, []);
      assert.deepEqual(nodes.html, []);
      // The card percent-encodes what could end a link target; compared decoded, the links are the card's own.
      const ours = new Set([openCommandUri, quoContactWebUrl(contact.id)].map(decoded));
      for (const href of nodes.links) {
        assert.ok(ours.has(decoded(href)), `a link the card did not add: ${href}`);
      }
    }),
  },
  {
    name: 'a rendered panel, read by parse5, has one script (the nonce’d one from dist) and no on* attribute',
    runs: 300,
    property: () => fc.property(contactArbitrary, fieldText, fieldText, (contact, errorMessage, workspaceName) => {
      const page = renderPanelHtml({
        state: 'ready',
        contact,
        errorMessage,
        workspaceName,
        creatorName: errorMessage,
        cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
        nonce: NONCE,
        scriptUri: SCRIPT_URI,
        styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
        codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
        locale: 'en-US',
        timeZone: 'UTC',
      });
      const all = elements(parse(wellFormed(page)));
      const scripts = all.filter((element) => element.tag === 'script');
      assert.equal(scripts.length, 1);
      const attrs = Object.fromEntries(scripts[0].attrs.map((a) => [a.name, a.value]));
      assert.equal(attrs['nonce'], NONCE);
      assert.equal(attrs['src'], SCRIPT_URI);
      for (const element of all) {
        for (const attribute of element.attrs) {
          assert.doesNotMatch(attribute.name, /^on/i, `<${element.tag} ${attribute.name}>`);
        }
      }
      assert.equal(all.filter((element) => ['iframe', 'object', 'embed', 'base'].includes(element.tag)).length, 0);
    }),
  },
]);
