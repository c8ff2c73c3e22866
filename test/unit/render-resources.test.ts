/**
 * Hover cards and tool facts for lines, teammates and webhooks (issue 29): every value from Quo inert once rendered
 * as VS Code renders markdown (marked, GFM, HTML allowed), lists capped, a null label, a deletion and an unknown
 * status read sensibly, and a webhook's signing key nowhere, from a sandbox body that carries it.
 */
import assert from 'node:assert/strict';
import { marked } from 'marked';
import { cleanLine } from '../../src/common/text.js';
import { decodeTeammateResponse, decodeWebhookResponse, decodeWebhooks } from '../../src/quo/decodeResources.js';
import { decodePhoneNumbers } from '../../src/quo/decodeWorkspace.js';
import type { Teammate, Webhook } from '../../src/quo/resourceTypes.js';
import type { PhoneNumber, PhoneNumberUser } from '../../src/quo/types.js';
import { MAX_CARD_ITEMS, MAX_CARD_TEAMMATES, renderLineCard, renderTeammateCard, renderWebhookCard } from '../../src/render/resourceCards.js';
import { lineFacts, teammateFacts, webhookFacts } from '../../src/render/resourceFacts.js';
import { MAX_VALUE, MAX_VALUES } from '../../src/render/toolAnswer.js';
import { LINE_IDS, SANDBOX_PHONE_NUMBERS, SANDBOX_USERS, USER_IDS, WEBHOOK_IDS, WEBHOOK_KEYS } from '../sandbox/generate.js';
import { HOSTILE_WEBHOOK_LABEL, sandboxResources } from '../sandbox/resources.js';
import { parseHtmlFragment, type Dom } from './htmlDom.js';
import { HOSTILE_VALUES } from './renderFixtures.js';

const OPTIONS = { defaultCountry: 'US', locale: 'en-US' };
const LINES: readonly PhoneNumber[] = decodePhoneNumbers({ data: SANDBOX_PHONE_NUMBERS });
/** What marked may make of a card: paragraphs, bold, code spans and line breaks; never a link, image or tag. */
const CARD_TAGS = new Set(['p', 'strong', 'code', 'br']);

function render(markdown: string): Dom {
  return parseHtmlFragment(marked.parse(markdown, { async: false, gfm: true }));
}

function line(id: string): PhoneNumber {
  const found = LINES.find((candidate) => candidate.id === id);
  assert.ok(found, id);
  return found;
}

/** Every sandbox webhook as Quo sends it (with its `key`), decoded as the extension decodes one. */
function sandboxWebhook(id: string): Webhook {
  const body = sandboxResources().webhooks.find((webhook) => webhook.id === id);
  assert.ok(body, id);
  assert.equal(body.key, WEBHOOK_KEYS[id], 'the body carries the key');
  return decodeWebhookResponse({ data: body });
}

function teammate(overrides: Partial<Teammate> = {}): Teammate {
  return { id: USER_IDS.owner, firstName: 'Grace', lastName: 'Hopper', email: 'grace@quo-sandbox.example', role: 'owner', ...overrides };
}

function user(i: number, overrides: Partial<PhoneNumberUser> = {}): PhoneNumberUser {
  return { id: `USmember${String(i).padStart(3, '0')}`, email: `m${i}@x.example`, firstName: `Member${i}`, lastName: null, role: 'member', ...overrides };
}

/** A rendered card: only the tags a card may have, no handler or href anywhere. */
function assertInertCard(markdown: string, what: string): Dom {
  const dom = render(markdown);
  for (const element of dom.elements) {
    assert.ok(CARD_TAGS.has(element.tag), `${what}: <${element.tag}> in ${markdown}`);
    assert.deepEqual(Object.keys(element.attrs), [], `${what}: attributes on <${element.tag}>`);
  }
  return dom;
}

describe('resource cards (issue 29)', () => {
  describe('line', () => {
    it('names the line, its number and its teammates, and shows its id', () => {
      const markdown = renderLineCard(line(LINE_IDS.main), OPTIONS);
      const dom = assertInertCard(markdown, 'main');
      assert.match(dom.text, /Main line/);
      assert.match(dom.text, /\(415\) 555-0142/);
      assert.match(dom.text, /Teammates: Grace Hopper, Alan Turing/);
      assert.equal(dom.all('code')[0]?.text, LINE_IDS.main);
      assert.equal(dom.one('strong').text, 'Main line');
    });

    it('falls back to an email for a teammate without a name, and to "Quo line" for a line without one', () => {
      const support = render(renderLineCard(line(LINE_IDS.support), OPTIONS));
      assert.match(support.text, /ops@quo-sandbox\.example/);
      for (const name of [null, '', '  \u202E ']) {
        const dom = assertInertCard(renderLineCard({ ...line(LINE_IDS.direct), name }, OPTIONS), String(name));
        assert.equal(dom.one('strong').text, 'Quo line', JSON.stringify(name));
      }
    });

    it(`names ${MAX_CARD_TEAMMATES} teammates and counts the rest`, () => {
      const users = Array.from({ length: MAX_CARD_TEAMMATES + 7 }, (_, i) => user(i));
      const dom = assertInertCard(renderLineCard({ ...line(LINE_IDS.main), users }, OPTIONS), 'many');
      for (let i = 0; i < users.length; i++) {
        assert.equal(dom.text.includes(`Member${i},`) || dom.text.includes(`Member${i} `), i < MAX_CARD_TEAMMATES, `Member${i}`);
      }
      assert.match(dom.text, /and 7 more/);
      const none = render(renderLineCard({ ...line(LINE_IDS.main), users: [] }, OPTIONS));
      assert.doesNotMatch(none.text, /Teammates/);
    });

    for (const value of HOSTILE_VALUES) {
      it(`keeps ${JSON.stringify(value)} inert as a line or teammate name`, () => {
        const hostile = { ...line(LINE_IDS.main), name: value, users: [user(1, { firstName: value }), user(2, { firstName: null, email: value })] };
        const dom = assertInertCard(renderLineCard(hostile, OPTIONS), value);
        assert.equal(dom.one('strong').text, cleanLine(value).trim() === '' ? 'Quo line' : cleanLine(value));
      });
    }

    it('bounds a long name', () => {
      const dom = render(renderLineCard({ ...line(LINE_IDS.main), name: 'x'.repeat(10_000) }, OPTIONS));
      assert.ok(dom.one('strong').text.length <= 121, `${dom.one('strong').text.length}`);
    });
  });

  describe('teammate', () => {
    it('names the teammate, the role and the email, from a decoded sandbox user', () => {
      const body = SANDBOX_USERS.find((candidate) => candidate.id === USER_IDS.alan);
      const dom = assertInertCard(renderTeammateCard(decodeTeammateResponse({ data: body })), 'alan');
      assert.equal(dom.one('strong').text, 'Alan Turing');
      assert.match(dom.text, /Teammate · Admin/);
      assert.match(dom.text, /Email: alan@quo-sandbox\.example/);
      assert.equal(dom.one('code').text, USER_IDS.alan);
    });

    it('falls back to the email, then the id, and shows an unknown role as sent', () => {
      assert.equal(render(renderTeammateCard(teammate({ firstName: null, lastName: null }))).one('strong').text, 'grace@quo-sandbox.example');
      const bare = render(renderTeammateCard(teammate({ firstName: null, lastName: null, email: null })));
      assert.equal(bare.one('strong').text, USER_IDS.owner);
      assert.doesNotMatch(bare.text, /Email/);
      assert.match(render(renderTeammateCard(teammate({ role: 'unknown' }))).text, /Teammate · unknown/);
      for (const [role, shown] of [
        ['owner', 'Owner'],
        ['member', 'Member'],
      ] as const) {
        assert.match(render(renderTeammateCard(teammate({ role }))).text, new RegExp(`Teammate · ${shown}`));
      }
    });

    for (const value of HOSTILE_VALUES) {
      it(`keeps ${JSON.stringify(value)} inert as a teammate's name and email`, () => {
        assertInertCard(renderTeammateCard(teammate({ firstName: value, lastName: value, email: value })), value);
      });
    }
  });

  describe('webhook', () => {
    it('shows label, status, url as text, events and watched lines by name', () => {
      const dom = assertInertCard(renderWebhookCard(sandboxWebhook(WEBHOOK_IDS.messages), { ...OPTIONS, lines: LINES }), 'messages');
      assert.equal(dom.one('strong').text, 'CRM sync');
      assert.match(dom.text, /Webhook · enabled/);
      assert.match(dom.text, /Sends to: https:\/\/hooks\.crm\.example\/quo\/messages/);
      assert.match(dom.text, /Events: message\.received, message\.delivered/);
      assert.match(dom.text, /Watches: Main line, Support/);
      assert.equal(dom.all('code').at(-1)?.text, WEBHOOK_IDS.messages);
    });

    it('names watched lines by id without the list of lines, and says "every line" for *', () => {
      assert.match(render(renderWebhookCard(sandboxWebhook(WEBHOOK_IDS.messages), OPTIONS)).text, new RegExp(`Watches: ${LINE_IDS.main}, ${LINE_IDS.support}`));
      assert.match(render(renderWebhookCard(sandboxWebhook(WEBHOOK_IDS.calls), OPTIONS)).text, /Watches: every line/);
    });

    it('reads a null label and a deletion sensibly', () => {
      const unlabelled = render(renderWebhookCard(sandboxWebhook(WEBHOOK_IDS.calls), OPTIONS));
      assert.equal(unlabelled.one('strong').text, 'Webhook without a label');
      assert.doesNotMatch(unlabelled.text, /null|Deleted/);
      const deleted = assertInertCard(renderWebhookCard(sandboxWebhook(WEBHOOK_IDS.summaries), { ...OPTIONS, lines: LINES }), 'deleted');
      assert.match(deleted.text, /Webhook · disabled/);
      assert.match(deleted.text, /Deleted on Jun 30, 2025/);
      assert.match(deleted.text, /Watches: Grace's direct line/);
    });

    it('shows an unknown status as sent, and a garbled deletion date without markup', () => {
      const webhook: Webhook = { ...sandboxWebhook(WEBHOOK_IDS.messages), status: 'unknown', deletedAt: '<b>[x](command:evil)</b>' };
      const dom = assertInertCard(renderWebhookCard(webhook, OPTIONS), 'garbled');
      assert.match(dom.text, /Webhook · unknown/);
      assert.match(dom.text, /Deleted on/);
    });

    it(`names ${MAX_CARD_ITEMS} events and watched lines and counts the rest`, () => {
      const events = Array.from({ length: MAX_CARD_ITEMS + 4 }, (_, i) => `event.number${i}`);
      const resourceIds = Array.from({ length: MAX_CARD_ITEMS + 3 }, (_, i) => `PNline${String(i).padStart(4, '0')}`);
      const dom = assertInertCard(renderWebhookCard({ ...sandboxWebhook(WEBHOOK_IDS.messages), events, resourceIds }, OPTIONS), 'many');
      assert.ok(dom.text.includes(`event.number${MAX_CARD_ITEMS - 1}`));
      assert.ok(!dom.text.includes(`event.number${MAX_CARD_ITEMS},`) && !dom.text.includes(`event.number${MAX_CARD_ITEMS} `));
      assert.match(dom.text, /and 4 more/);
      assert.ok(!dom.text.includes(`PNline${String(MAX_CARD_ITEMS).padStart(4, '0')}`));
      assert.match(dom.text, /and 3 more/);
    });

    it('keeps the hostile sandbox label inert', () => {
      const dom = assertInertCard(renderWebhookCard(sandboxWebhook(WEBHOOK_IDS.transcripts), OPTIONS), 'transcripts');
      assert.equal(dom.one('strong').text, cleanLine(HOSTILE_WEBHOOK_LABEL));
    });

    for (const value of HOSTILE_VALUES) {
      it(`keeps ${JSON.stringify(value)} inert as a label, url, event and watched id`, () => {
        const webhook: Webhook = { ...sandboxWebhook(WEBHOOK_IDS.messages), label: value, url: value, events: [value, value], resourceIds: [value] };
        assertInertCard(renderWebhookCard(webhook, { ...OPTIONS, lines: LINES }), value);
      });
    }

    it('never holds a signing key: the decoded webhooks have none, nor do their cards or facts', () => {
      const listed = decodeWebhooks({ data: sandboxResources().webhooks });
      for (const webhook of listed) {
        const everything = [JSON.stringify(webhook), renderWebhookCard(webhook, { ...OPTIONS, lines: LINES }), JSON.stringify(webhookFacts(webhook))].join('\n');
        for (const key of Object.values(WEBHOOK_KEYS)) {
          assert.ok(!everything.includes(key), `${webhook.id} shows ${key}`);
          assert.ok(!everything.includes(key.slice(6)), `${webhook.id} shows part of a key`);
        }
        assert.ok(!('key' in webhook));
      }
    });
  });
});

describe('resource facts for the lookup tool (issue 29)', () => {
  /** No markup, handler, markdown link or control in any string of the facts. */
  function assertInertFacts(facts: unknown, what: string): void {
    const text = JSON.stringify(facts);
    assert.doesNotMatch(text, /<[A-Za-z!?/]/, `${what}: markup`);
    assert.doesNotMatch(text, /\bon[a-z]+=/i, `${what}: handler`);
    assert.doesNotMatch(text, /(^|[^\\])\]\(/, `${what}: link syntax`);
    assert.doesNotMatch(text, /\\u(00[01][0-9a-f]|202[a-e]|206[6-9])/i, `${what}: control`);
  }

  it('gives a line its name, number and teammates', () => {
    assert.deepEqual(lineFacts(line(LINE_IDS.main)), {
      type: 'line',
      id: LINE_IDS.main,
      name: 'Main line',
      number: '+14155550142',
      teammates: ['Grace Hopper', 'Alan Turing'],
    });
    const unnamed = lineFacts({ ...line(LINE_IDS.main), name: null });
    assert.equal(unnamed.type === 'line' ? unnamed.name : undefined, '');
  });

  it(`bounds a line's teammates at ${MAX_VALUES}, and a webhook's events and watched lines`, () => {
    const users = Array.from({ length: MAX_VALUES + 5 }, (_, i) => user(i));
    const facts = lineFacts({ ...line(LINE_IDS.main), users });
    assert.ok(facts.type === 'line' && facts.teammates.length === MAX_VALUES);
    const many = webhookFacts({
      ...sandboxWebhook(WEBHOOK_IDS.messages),
      events: Array.from({ length: 40 }, (_, i) => `e${i}`),
      resourceIds: Array.from({ length: 40 }, (_, i) => `PN${i}`),
      url: `https://x.example/${'a'.repeat(5_000)}`,
    });
    assert.ok(many.type === 'webhook');
    assert.equal(many.events.length, MAX_VALUES);
    assert.equal(many.watches.length, MAX_VALUES);
    assert.ok(many.url.length <= 300);
    const long = teammateFacts(teammate({ firstName: 'y'.repeat(5_000) }));
    assert.ok(long.type === 'teammate' && long.name.length <= MAX_VALUE);
  });

  it('gives a teammate a name, email and role', () => {
    assert.deepEqual(teammateFacts(teammate()), {
      type: 'teammate',
      id: USER_IDS.owner,
      name: 'Grace Hopper',
      email: 'grace@quo-sandbox.example',
      role: 'owner',
    });
    const noEmail = teammateFacts(teammate({ email: null }));
    assert.equal(noEmail.type === 'teammate' ? noEmail.email : undefined, '');
  });

  it('gives a webhook its label (empty when null), deletion only when deleted, and never its key', () => {
    const unlabelled = webhookFacts(sandboxWebhook(WEBHOOK_IDS.calls));
    assert.ok(unlabelled.type === 'webhook');
    assert.equal(unlabelled.label, '');
    assert.deepEqual(unlabelled.watches, ['*']);
    assert.ok(!('deletedAt' in unlabelled));
    const deleted = webhookFacts(sandboxWebhook(WEBHOOK_IDS.summaries));
    assert.ok(deleted.type === 'webhook');
    assert.equal(deleted.deletedAt, '2025-06-30T17:45:00.000Z');
    assert.equal(deleted.status, 'disabled');
  });

  for (const value of [...HOSTILE_VALUES, HOSTILE_WEBHOOK_LABEL]) {
    it(`keeps ${JSON.stringify(value)} inert in every fact`, () => {
      assertInertFacts(lineFacts({ ...line(LINE_IDS.main), name: value, users: [user(1, { firstName: value })] }), value);
      assertInertFacts(teammateFacts(teammate({ firstName: value, email: value, role: 'unknown' })), value);
      assertInertFacts(
        webhookFacts({ ...sandboxWebhook(WEBHOOK_IDS.messages), label: value, url: value, events: [value], resourceIds: [value], deletedAt: value }),
        value,
      );
    });
  }
});

describe('a webhook for the language model (review of issue 29)', () => {
  it('sends the receiver without its query, fragment or user info, where tokens are kept', () => {
    const facts = webhookFacts({
      ...sandboxWebhook(WEBHOOK_IDS.messages),
      url: 'https://user:pass@hooks.example.com/quo/inbound?token=s3cr3t#frag',
    });
    assert.ok(facts.type === 'webhook');
    assert.equal(facts.url, 'https://hooks.example.com/quo/inbound');
    assert.ok(!JSON.stringify(facts).includes('s3cr3t'));
    assert.ok(!JSON.stringify(facts).includes('pass'));
  });
});
