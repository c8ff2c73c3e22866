/**
 * Just enough of a browser to run the contact panel's page script (src/panel/webview/main.ts) in Node: elements
 * parsed by parse5, the few selectors the script uses (tag, `.class`, `[attr]`, `[attr="value"]`, descendants),
 * the DOM calls it makes (the edit form's too: templates cloned, rows moved, `value`, `checked`, `focus`), and its
 * events. Every element a selector looks at is counted, so a test can tell how the
 * script's work grows with the page without timing it.
 */
import { runInNewContext } from 'node:vm';
import { buildSync } from 'esbuild';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';

type P5Node = DefaultTreeAdapterMap['node'];

/** Elements selectors have looked at since the last reset. */
export const selectorStats = { visits: 0 };

/** The element the page script last focused. */
export const focusState: { element: FakeElement | null } = { element: null };

export class FakeNode {
  parent: FakeParent | null = null;

  get textContent(): string {
    return '';
  }

  cloneNode(_deep?: boolean): FakeNode {
    return new FakeNode();
  }

  /** Puts `nodes` just before this node, as ChildNode.before does. */
  before(...nodes: FakeNode[]): void {
    this.insertBeside(nodes, 0);
  }

  /** Puts `nodes` just after this node, as ChildNode.after does. */
  after(...nodes: FakeNode[]): void {
    this.insertBeside(nodes, 1);
  }

  private insertBeside(nodes: FakeNode[], offset: 0 | 1): void {
    const parent = this.parent;
    if (!parent) {
      return;
    }
    const moved = nodes.flatMap((node) => (node instanceof FakeFragment ? [...node.children] : [node]));
    for (const node of moved) {
      node.remove();
    }
    parent.children.splice(parent.children.indexOf(this) + offset, 0, ...moved);
    for (const node of moved) {
      node.parent = parent;
    }
  }

  remove(): void {
    if (this.parent) {
      this.parent.children.splice(this.parent.children.indexOf(this), 1);
      this.parent = null;
    }
  }
}

export class FakeText extends FakeNode {
  constructor(readonly data: string) {
    super();
  }

  override get textContent(): string {
    return this.data;
  }

  override cloneNode(): FakeText {
    return new FakeText(this.data);
  }
}

export class FakeParent extends FakeNode {
  children: FakeNode[] = [];

  override get textContent(): string {
    return this.children.map((child) => child.textContent).join('');
  }

  append(...nodes: FakeNode[]): void {
    for (const node of nodes) {
      const moved = node instanceof FakeFragment ? [...node.children] : [node];
      for (const child of moved) {
        child.remove();
        child.parent = this;
        this.children.push(child);
      }
    }
  }

  replaceChildren(...nodes: FakeNode[]): void {
    for (const child of this.children) {
      child.parent = null;
    }
    this.children = [];
    this.append(...nodes);
  }

  querySelector(selector: string): FakeElement | null {
    return this.select(selector, true)[0] ?? null;
  }

  querySelectorAll(selector: string): FakeElement[] {
    return this.select(selector, false);
  }

  private select(selector: string, first: boolean): FakeElement[] {
    const groups = selector.split(',').map(parseSelector);
    const found: FakeElement[] = [];
    const visit = (node: FakeNode): boolean => {
      if (!(node instanceof FakeElement)) {
        return false;
      }
      selectorStats.visits++;
      if (groups.some((steps) => matches(node, steps, this))) {
        found.push(node);
        if (first) {
          return true;
        }
      }
      return node.children.some(visit);
    };
    this.children.some(visit);
    return found;
  }
}

export class FakeFragment extends FakeParent {
  override cloneNode(deep?: boolean): FakeFragment {
    const copy = new FakeFragment();
    if (deep) {
      copy.append(...this.children.map((child) => child.cloneNode(true)));
    }
    return copy;
  }
}

export class FakeElement extends FakeParent {
  readonly attrs = new Map<string, string>();
  /** What the user typed or ticked (the `value` and `checked` properties), once set; the attributes until then. */
  private typed: string | undefined;
  private ticked: boolean | undefined;

  constructor(readonly tagName: string) {
    super();
  }

  get value(): string {
    return this.typed ?? (this.tagName === 'textarea' ? this.textContent : (this.getAttribute('value') ?? ''));
  }

  set value(value: string) {
    this.typed = String(value);
  }

  get checked(): boolean {
    return this.ticked ?? this.hasAttribute('checked');
  }

  set checked(value: boolean) {
    this.ticked = value;
  }

  focus(): void {
    focusState.element = this;
  }

  override cloneNode(deep?: boolean): FakeElement {
    const copy = createElement(this.tagName);
    for (const [name, value] of this.attrs) {
      copy.setAttribute(name, value);
    }
    copy.typed = this.typed;
    copy.ticked = this.ticked;
    if (deep) {
      copy.append(...this.children.map((child) => child.cloneNode(true)));
      if (this instanceof FakeTemplate && copy instanceof FakeTemplate) {
        copy.content.append(this.content.cloneNode(true));
      }
    }
    return copy;
  }

  getAttribute(name: string): string | null {
    return this.attrs.get(name) ?? null;
  }

  setAttribute(name: string, value: string): void {
    this.attrs.set(name, String(value));
  }

  hasAttribute(name: string): boolean {
    return this.attrs.has(name);
  }

  removeAttribute(name: string): void {
    this.attrs.delete(name);
  }

  get className(): string {
    return this.getAttribute('class') ?? '';
  }

  set className(value: string) {
    this.setAttribute('class', value);
  }

  get classList(): { contains(name: string): boolean; add(name: string): void; replace(from: string, to: string): void } {
    const names = (): string[] => this.className.split(/\s+/).filter(Boolean);
    return {
      contains: (name) => names().includes(name),
      add: (name) => {
        if (!names().includes(name)) {
          this.className = [...names(), name].join(' ');
        }
      },
      replace: (from, to) => {
        this.className = names().map((name) => (name === from ? to : name)).join(' ');
      },
    };
  }

  set textContent(value: string) {
    this.replaceChildren(new FakeText(value));
  }

  override get textContent(): string {
    return super.textContent;
  }

  closest(selector: string): FakeElement | null {
    const steps = parseSelector(selector);
    if (matches(this, steps, null)) {
      return this;
    }
    for (let node = this.parent; node; node = node.parent) {
      if (node instanceof FakeElement && matches(node, steps, null)) {
        return node;
      }
    }
    return null;
  }

  replaceWith(node: FakeNode): void {
    const parent = this.parent;
    if (!parent) {
      return;
    }
    node.remove();
    const at = parent.children.indexOf(this);
    parent.children[at] = node;
    node.parent = parent;
    this.parent = null;
  }
}

export class FakeTemplate extends FakeElement {
  readonly content = new FakeFragment();

  set innerHTML(value: string) {
    this.content.replaceChildren(...convert(parseFragment(value).childNodes));
  }
}

export class FakeDetails extends FakeElement {
  get open(): boolean {
    return this.hasAttribute('open');
  }

  set open(value: boolean) {
    if (value) {
      this.setAttribute('open', '');
    } else {
      this.removeAttribute('open');
    }
  }
}

/** An <audio> element: its source, whether it is hidden, and how often it was played. */
export class FakeAudio extends FakeElement {
  plays = 0;

  get src(): string {
    return this.getAttribute('src') ?? '';
  }

  set src(value: string) {
    this.setAttribute('src', value);
  }

  get hidden(): boolean {
    return this.hasAttribute('hidden');
  }

  set hidden(value: boolean) {
    if (value) {
      this.setAttribute('hidden', '');
    } else {
      this.removeAttribute('hidden');
    }
  }

  play(): Promise<void> {
    this.plays++;
    return Promise.resolve();
  }
}

export function createElement(tag: string): FakeElement {
  return tag === 'template'
    ? new FakeTemplate(tag)
    : tag === 'details'
      ? new FakeDetails(tag)
      : tag === 'audio'
        ? new FakeAudio(tag)
        : new FakeElement(tag);
}

function convert(nodes: readonly P5Node[]): FakeNode[] {
  const out: FakeNode[] = [];
  for (const node of nodes) {
    if (node.nodeName === '#text') {
      out.push(new FakeText((node as DefaultTreeAdapterMap['textNode']).value));
    } else if ('tagName' in node) {
      const element = createElement(node.tagName);
      for (const { name, value } of node.attrs) {
        element.setAttribute(name, value);
      }
      // A template's content is not among its children, as in a browser: selectors do not find what is in it.
      if (element instanceof FakeTemplate) {
        element.content.append(...convert((node as DefaultTreeAdapterMap['template']).content.childNodes));
      } else {
        element.append(...convert(node.childNodes));
      }
      out.push(element);
    }
  }
  return out;
}

/** Nodes for some HTML, as a parser would build them. */
export function fromHtml(html: string): FakeNode[] {
  return convert(parseFragment(html).childNodes);
}

interface Compound {
  readonly tag?: string;
  readonly classes: readonly string[];
  readonly attrs: readonly { readonly name: string; readonly value?: string }[];
}

/** `a b.c[d="e"]`: compounds joined by descendant combinators (and lists of those), which is all the page script asks. */
function parseSelector(selector: string): Compound[] {
  const steps: Compound[] = [];
  const pattern = /\s*([a-z][a-z0-9-]*)?((?:\.[\w-]+|\[[\w-]+(?:="(?:[^"\\]|\\.)*")?\])*)/gy;
  let rest = selector.trim();
  while (rest.length > 0) {
    pattern.lastIndex = 0;
    const match = pattern.exec(rest);
    if (!match || match[0].trim() === '') {
      throw new Error(`selector not supported by the fake DOM: ${selector}`);
    }
    const parts = match[2] ?? '';
    steps.push({
      ...(match[1] ? { tag: match[1] } : {}),
      classes: [...parts.matchAll(/\.([\w-]+)/g)].map((found) => found[1]),
      attrs: [...parts.matchAll(/\[([\w-]+)(?:="((?:[^"\\]|\\.)*)")?\]/g)].map((found) =>
        found[2] === undefined ? { name: found[1] } : { name: found[1], value: found[2].replace(/\\(.)/g, '$1') },
      ),
    });
    rest = rest.slice(match[0].length).trim();
  }
  return steps;
}

function matchesCompound(element: FakeElement, step: Compound): boolean {
  return (
    (step.tag === undefined || element.tagName === step.tag) &&
    step.classes.every((name) => element.classList.contains(name)) &&
    step.attrs.every((want) => (want.value === undefined ? element.hasAttribute(want.name) : element.getAttribute(want.name) === want.value))
  );
}

/** Right to left, each earlier compound on some ancestor below `scope` (or any ancestor for closest). */
function matches(element: FakeElement, steps: readonly Compound[], scope: FakeParent | null): boolean {
  if (!matchesCompound(element, steps[steps.length - 1])) {
    return false;
  }
  let at = steps.length - 2;
  for (let node = element.parent; node && node !== scope && at >= 0; node = node.parent) {
    if (node instanceof FakeElement && matchesCompound(node, steps[at])) {
      at--;
    }
  }
  return at < 0;
}

type Listener = (event: unknown) => void;

class Events {
  private readonly listeners = new Map<string, Listener[]>();

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  dispatch(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) {
      listener(event);
    }
  }
}

export interface Page {
  readonly body: FakeElement;
  /** What the script posted to the extension. */
  readonly posted: unknown[];
  /** Delivers a message from the extension, as `window.postMessage` into the webview does. */
  receive(data: unknown): void;
  click(element: FakeElement): void;
  /**
   * An event of `type` at `target` reaching the document's listeners (submit, input, change, keydown); answers
   * whether a listener called preventDefault.
   */
  dispatch(type: string, target: FakeElement, fields?: Readonly<Record<string, unknown>>): boolean;
  /** The element the script focused last. */
  focused(): FakeElement | null;
  /** What the script saved with setState. */
  state(): unknown;
  getElementById(id: string): FakeElement | null;
}

let script: string | undefined;

/** The page script as esbuild.mjs bundles it for the webview, built once per test run. */
function pageScript(): string {
  script ??= buildSync({
    entryPoints: ['src/panel/webview/main.ts'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
  }).outputFiles[0].text;
  return script;
}

/**
 * Runs the page script on a page whose body is `bodyHtml` (with `bodyAttrs`), in a context of its own: each page
 * starts afresh, and nothing of the fake browser leaks into the globals of the rest of the suite.
 */
export function loadPage(
  bodyHtml: string,
  bodyAttrs: Readonly<Record<string, string>> = {},
  options: { readonly state?: unknown } = {},
): Page {
  const documentEvents = new Events();
  const windowEvents = new Events();
  const body = createElement('body');
  for (const [name, value] of Object.entries(bodyAttrs)) {
    body.setAttribute(name, value);
  }
  body.append(...fromHtml(bodyHtml));
  const root = createElement('html');
  root.append(body);
  const getElementById = (id: string): FakeElement | null => document.querySelector(`[id="${id.replace(/["\\]/g, '\\$&')}"]`);
  const document = Object.assign(new FakeParent(), {
    body,
    documentElement: root,
    createElement,
    getElementById,
    addEventListener: (type: string, listener: Listener) => documentEvents.addEventListener(type, listener),
  });
  document.append(root);
  focusState.element = null;
  const posted: unknown[] = [];
  // Cloned, as VS Code keeps it: what the page saves is data, not the script's objects.
  let state: unknown = options.state === undefined ? undefined : JSON.parse(JSON.stringify(options.state));
  runInNewContext(pageScript(), {
    document,
    window: {
      scrollY: 0,
      addEventListener: (type: string, listener: Listener) => windowEvents.addEventListener(type, listener),
      scrollTo: () => undefined,
    },
    acquireVsCodeApi: () => ({
      // Cloned, as postMessage does: the script's objects belong to its own context.
      postMessage: (message: unknown) => posted.push(JSON.parse(JSON.stringify(message))),
      setState: (value: unknown) => {
        state = value;
      },
      getState: () => state,
    }),
    CSS: { escape: (value: string) => value.replace(/["\\]/g, '\\$&') },
    Element: FakeElement,
    HTMLDetailsElement: FakeDetails,
    HTMLAudioElement: FakeAudio,
    setTimeout,
    clearTimeout,
  });
  return {
    body,
    posted,
    receive: (data) => windowEvents.dispatch('message', { data }),
    click: (element) => documentEvents.dispatch('click', { target: element, preventDefault: () => undefined }),
    dispatch: (type, target, fields = {}) => {
      let prevented = false;
      documentEvents.dispatch(type, { ...fields, type, target, preventDefault: () => (prevented = true) });
      return prevented;
    },
    focused: () => focusState.element,
    state: (): unknown => (state === undefined ? undefined : (JSON.parse(JSON.stringify(state)) as unknown)),
    getElementById,
  };
}
