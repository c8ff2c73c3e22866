/**
 * The Get Started walkthrough: the manifest's steps complete on events that exist (commands the extension registers,
 * its view, its context keys), their buttons run commands that exist, their media are small SVGs that follow the
 * theme, the sidebar's welcome links to the walkthrough; and the sample note its hover step opens.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Commands, ContextKeys, WALKTHROUGH_ID } from '../../src/commands/commandIds.js';
import { createDetector } from '../../src/detect/detector.js';
import { sampleNote, SAMPLE_NOTE_IDS } from '../../src/render/sampleNote.js';

const ROOT = path.resolve(__dirname, '..', '..');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { svg?: string; image?: string; altText?: string };
  completionEvents?: string[];
}

interface Manifest {
  publisher: string;
  name: string;
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    viewsWelcome: { view: string; contents: string }[];
    walkthroughs: { id: string; title: string; description: string; steps: Step[] }[];
  };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const registered = new Set<string>(Object.values(Commands));
const contextKeys = new Set<string>(Object.values(ContextKeys));
const viewIds = new Set(Object.values(manifest.contributes.views).flatMap((views) => views.map((view) => view.id)));
/** VS Code's own commands a step may run: showing the Quo view container. */
const workbenchCommands = new Set(manifest.contributes.viewsContainers.activitybar.map((container) => `workbench.view.extension.${container.id}`));

function english(value: string): string {
  const key = /^%(.+)%$/.exec(value)?.[1];
  assert.ok(key !== undefined && key in nls, `${value} is a package.nls.json key`);
  return nls[key];
}

/** The commands the `command:` links of a description run (`toSide:` opens them beside the walkthrough). */
function linkedCommands(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(command:(?:toSide:)?([\w.-]+)/g)].map((match) => match[1]);
}

describe('the Get Started walkthrough', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;

  it('is the one WALKTHROUGH_ID names, with translated title, description and steps', () => {
    assert.equal(manifest.contributes.walkthroughs.length, 1);
    assert.equal(`${manifest.publisher}.${manifest.name}#${walkthrough.id}`, WALKTHROUGH_ID);
    assert.ok(english(walkthrough.title).length > 0);
    assert.ok(english(walkthrough.description).length > 0);
    assert.deepEqual(
      walkthrough.steps.map((step) => step.id),
      ['connect', 'hover', 'sidebar', 'search', 'openContact'],
    );
  });

  for (const step of walkthrough.steps) {
    describe(`step ${step.id}`, () => {
      it('completes on events that exist', () => {
        const events = step.completionEvents ?? [];
        assert.ok(events.length > 0, 'explicit completion events (else a click on the step would tick it)');
        for (const event of events) {
          const [, kind, argument] = /^(\w+):(.+)$/.exec(event) ?? [];
          if (kind === 'onCommand') assert.ok(registered.has(argument), `${event}: a registered command`);
          else if (kind === 'onView') assert.ok(viewIds.has(argument), `${event}: a contributed view`);
          else if (kind === 'onContext') {
            const keys = [...argument.matchAll(/[\w.]+/g)].map((match) => match[0]).filter((word) => word.startsWith('quo.'));
            assert.ok(keys.length > 0 && keys.every((key) => contextKeys.has(key)), `${event}: the extension's context keys`);
          } else assert.fail(`${event}: unexpected kind of event`);
        }
      });

      it('has a title, a description whose buttons run commands that exist, and alt text', () => {
        assert.ok(english(step.title).length > 0);
        const description = english(step.description);
        const commands = linkedCommands(description);
        assert.ok(commands.length > 0, 'a button to do the step');
        for (const command of commands) assert.ok(registered.has(command) || workbenchCommands.has(command), command);
        assert.ok(step.media.altText !== undefined && english(step.media.altText).length > 0);
      });

      it('shows a small SVG from media/ that takes its colours from the theme', () => {
        const media = step.media.svg;
        assert.ok(media !== undefined && media.startsWith('media/'), 'an SVG in media/ (packaged by .vscodeignore)');
        const file = path.join(ROOT, media);
        assert.ok(statSync(file).size < 4096, `${media} is small`);
        const svg = readFileSync(file, 'utf8');
        assert.doesNotMatch(svg, /<script|<foreignObject|href=/i, 'nothing active');
        // Every colour is a theme variable (with a fallback for renderers without them) or currentColor.
        const colours = [...svg.matchAll(/(?:fill|stroke|stop-color|color)="([^"]*)"/g)].map((match) => match[1]);
        assert.ok(colours.length > 0);
        for (const colour of colours) assert.match(colour, /^(none|currentColor|var\(--vscode-[\w-]+.*\))$/, `${media}: ${colour}`);
      });
    });
  }

  it('is linked from the sidebar\'s welcome content, its id encoded as VS Code\'s opener reads it', () => {
    const welcome = manifest.contributes.viewsWelcome.find((entry) => entry.view === 'quo.contacts');
    assert.ok(welcome);
    const contents = english(welcome.contents);
    const link = /\]\(command:workbench\.action\.openWalkthrough\?([^)\s]+)\)/.exec(contents);
    assert.ok(link, contents);
    // `#` must stay encoded: unencoded, it would start the URI's fragment and the argument would lose the walkthrough.
    assert.doesNotMatch(link[1], /#/);
    assert.equal(JSON.parse(decodeURIComponent(link[1])), WALKTHROUGH_ID);
    assert.doesNotMatch(contents, /npm start|sandbox/i, 'the bundled sandbox is for contributors (README)');
  });
});

describe('the sample note of the hover step', () => {
  const { detector } = createDetector();
  const ids = ['65f0c1a2b3c4d5e6f7a8b9c0', '65f0c1a2b3c4d5e6f7a8b9c1', '65f0c1a2b3c4d5e6f7a8b9c2', '65f0c1a2b3c4d5e6f7a8b9c3'];

  function lineAt(text: string, line: number): string {
    return text.split('\n')[line];
  }

  it('lists the workspace\'s contacts it knows, once each, with the cursor inside the first id', () => {
    const note = sampleNote({ hasKey: true, contactIds: [ids[0], ids[1], ids[0], ids[2], ids[3]] });
    const found = detector.findAll(note.text).map((match) => match.id);
    assert.deepEqual(found, ids.slice(0, SAMPLE_NOTE_IDS));
    const line = lineAt(note.text, note.cursor.line);
    assert.equal(detector.findAt(line, note.cursor.character)?.id, ids[0], 'a hover at the cursor finds the first id');
    assert.doesNotMatch(note.text, /API key first/);
  });

  it('leaves out ids that would not stay on one line of the list', () => {
    const note = sampleNote({ hasKey: true, contactIds: ['line\nbreak', 'x'.repeat(10_000), '`tick`', ids[0]] });
    assert.deepEqual(detector.findAll(note.text).map((match) => match.id), [ids[0]]);
    assert.doesNotMatch(note.text, /line\nbreak|xxxx|`tick`/);
  });

  it('without known contacts, says where ids are found and leaves the cursor on an empty line for one', () => {
    const note = sampleNote({ hasKey: true, contactIds: [] });
    assert.deepEqual(detector.findAll(note.text), []);
    assert.match(note.text, /my\.quo\.com\/contacts\//);
    assert.match(note.text, /Copy Contact Id/);
    assert.equal(lineAt(note.text, note.cursor.line), '');
    assert.match(lineAt(note.text, note.cursor.line - 1), /Paste one on the line below/);
  });

  it('without a key, says to set one first', () => {
    const note = sampleNote({ hasKey: false, contactIds: [] });
    assert.match(note.text, /Set your Quo API key first/);
  });
});
