/**
 * Reads rendered HTML the way a browser does (parse5 implements the WHATWG parser), so the renderer tests check the
 * elements and attributes a webview would really get, not what a regex thinks the markup says.
 */
import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

export interface El {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  /** Attribute names in source order, duplicates included (the parser keeps only the first). */
  readonly attrNames: readonly string[];
  /** Text content, entities decoded, `<br>` as a line break. */
  readonly text: string;
}

export interface Dom {
  readonly elements: readonly El[];
  /** Text of the whole document, entities decoded. */
  readonly text: string;
  all(tag: string): El[];
  one(tag: string): El;
  /** Elements having the attribute (and value, if given). */
  withAttr(name: string, value?: string): El[];
}

function isParent(node: Node): node is Node & ParentNode {
  return 'childNodes' in node;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') {
    return (node as DefaultTreeAdapterMap['textNode']).value;
  }
  if (node.nodeName === 'br') {
    return '\n';
  }
  if (node.nodeName === 'template') {
    return textOf((node as DefaultTreeAdapterMap['template']).content);
  }
  return isParent(node) ? node.childNodes.map(textOf).join('') : '';
}

function collect(root: Node): El[] {
  const out: El[] = [];
  const visit = (node: Node): void => {
    if ('tagName' in node) {
      const element = node;
      out.push({
        tag: element.tagName,
        attrs: Object.fromEntries(element.attrs.map((a) => [a.name, a.value])),
        attrNames: element.attrs.map((a) => a.name),
        text: textOf(element),
      });
    }
    if (isParent(node)) {
      node.childNodes.forEach(visit);
    }
  };
  visit(root);
  return out;
}

function wrap(root: Node): Dom {
  const elements = collect(root);
  return {
    elements,
    text: textOf(root),
    all: (tag) => elements.filter((e) => e.tag === tag),
    one(tag) {
      const found = elements.filter((e) => e.tag === tag);
      if (found.length !== 1) {
        throw new Error(`expected one <${tag}>, found ${found.length}`);
      }
      return found[0];
    },
    withAttr: (name, value) => elements.filter((e) => name in e.attrs && (value === undefined || e.attrs[name] === value)),
  };
}

export function parseDocument(html: string): Dom {
  return wrap(parse(html));
}

export function parseHtmlFragment(html: string): Dom {
  return wrap(parseFragment(html));
}

/** The structure of a document without its text: tag names and attribute names, in order. */
export function shape(dom: Dom): string[] {
  return dom.elements.map((e) => `${e.tag}[${e.attrNames.join(',')}]`);
}
