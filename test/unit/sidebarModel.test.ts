import type { GroupBy } from '../../src/settings/settingsPolicy.js';
import assert from 'node:assert/strict';
import type { IndexState } from '../../src/contacts/contactIndex.js';
import { contactListOf, type ContactList } from '../../src/contacts/contactList.js';
import type { PinnedContact } from '../../src/contacts/pinnedContacts.js';
import type { RecentContact } from '../../src/contacts/recentContacts.js';
import { createDetector } from '../../src/detect/detector.js';
import { QuoError } from '../../src/quo/errors.js';
import type { Contact } from '../../src/quo/types.js';
import { letterOf, MAX_GROUP_CHILDREN, noCompanyLabel, RANGE_SIZE } from '../../src/sidebar/contactGroups.js';
import { findMentions, resolveMentions } from '../../src/sidebar/inFile.js';
import {
  TreeModel,
  type ContactNode,
  type GroupNode,
  type InFileView,
  type MentionNode,
  type StatusNode,
  type TreeNode,
} from '../../src/sidebar/treeModel.js';
import { hexId, makeContact } from './contactFixtures.js';
import { classifyFailure, type Availability } from '../../src/connection/availability.js';

/** Mutable inputs, so a test can change what the sidebar sees and ask again. */
class World {
  /** Set to force a state; otherwise derived from the index's error as the session's pager reports it. */
  connection: Availability | undefined;
  state: IndexState = { status: 'complete', loadedCount: 0, complete: true };
  contacts: Contact[] = [];
  pinned: PinnedContact[] = [];
  recent: RecentContact[] = [];
  inFile: InFileView | undefined;
  groupBy: GroupBy = 'letter';
  retry = false;
  /** The index's name-ordered list, the same array until setContacts. */
  private sorted: ContactList = contactListOf([]);

  setContacts(contacts: Contact[]): void {
    this.contacts = contacts;
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    const model = new TreeModel(this.sources());
    this.sorted = contactListOf([...contacts].sort((a, b) => collator.compare(model.nameOf(a), model.nameOf(b))));
    this.state = { status: 'complete', loadedCount: contacts.length, complete: true };
  }

  model(): TreeModel {
    return new TreeModel(this.sources(), { locale: 'en-US' });
  }

  /** What the session's classifier makes of the index's last error. */
  private reported(): Availability | undefined {
    return this.state.status === 'error' ? classifyFailure(this.state.error, (text) => text) : undefined;
  }

  sources(): ConstructorParameters<typeof TreeModel>[0] {
    return {
      connection: () => this.connection ?? this.reported() ?? { kind: 'ready' },
      listingError: () =>
        this.state.status === 'error' && this.state.error && this.reported() === undefined ? this.state.error : undefined,
      index: {
        get state() {
          return world.state;
        },
        all: () => this.sorted,
      },
      pinned: () => this.pinned,
      recent: () => this.recent,
      known: (id) => this.contacts.find((contact) => contact.id === id),
      inFile: () => this.inFile,
      groupBy: () => this.groupBy,
      retryScheduled: () => this.retry,
    };
  }
}

let world: World;

function labels(nodes: readonly TreeNode[]): string[] {
  return nodes.map((node) => node.label);
}

function childLabels(model: TreeModel, path: string[]): string[] {
  const node = model.find(path);
  assert.ok(node, `no node at ${path.join(' / ')}`);
  return labels(model.children(node));
}

function statusOf(model: TreeModel): StatusNode[] {
  return model.children(model.find(['All contacts'])).filter((node): node is StatusNode => node.kind === 'status');
}

const ada = makeContact(hexId(1), { first: 'Ada', last: 'Lovelace', company: 'Analytical Engines', role: 'Mathematician', phones: ['+14155550100'] });
const charles = makeContact(hexId(2), { first: 'Charles', last: 'Babbage', company: 'analytical engines', phones: ['+14155550100'] });
const emile = makeContact(hexId(3), { first: 'Émile', last: 'Zola', company: 'Les Éditions' });
const bob = makeContact(hexId(4), { first: 'bob', company: 'Acme' });
const club = makeContact(hexId(5), { company: '42 Club' });
const zoe = makeContact(hexId(6), { first: 'Zoë', last: 'Ng' });
const hostile = makeContact(hexId(7), { first: '<img src=x onerror=alert(1)>', last: 'line\nbreak\u202e' });

describe('Sidebar tree model', () => {
  beforeEach(() => {
    world = new World();
    world.setContacts([ada, charles, emile, bob, club, zoe, hostile]);
  });

  describe('sections', () => {
    it('is empty without a key, so the welcome content shows', () => {
      world.connection = { kind: 'no-key' };
      assert.deepEqual(world.model().roots(), []);
    });

    it('shows only the sections that have something, All contacts always', () => {
      assert.deepEqual(labels(world.model().roots()), ['All contacts']);
      world.pinned = [{ id: ada.id, name: 'Ada Lovelace' }];
      world.recent = [{ id: bob.id, name: 'bob' }];
      world.inFile = { fileName: 'notes.md', contacts: [], unknownIds: 0, truncated: false };
      const roots = world.model().roots();
      assert.deepEqual(labels(roots), ['Pinned', 'Recent', 'In this file', 'All contacts']);
      assert.deepEqual(
        roots.map((node) => node.description),
        ['1', '1', undefined, '7'],
      );
      assert.ok(roots.every((node) => node.collapsible === 'expanded'));
    });

    it('keys every node uniquely across sections', () => {
      world.pinned = [{ id: ada.id, name: 'Ada Lovelace' }];
      world.recent = [{ id: ada.id, name: 'Ada Lovelace' }];
      const model = world.model();
      const keys = [
        ...model.children(model.find(['Pinned'])),
        ...model.children(model.find(['Recent'])),
        ...model.children(model.find(['All contacts', 'A'])),
      ].map((node) => node.key);
      assert.equal(keys.length, 3);
      assert.equal(new Set(keys).size, 3);
    });
  });

  describe('contacts', () => {
    it('labels a contact with its name and describes it by company and role', () => {
      const model = world.model();
      const [node] = model.children(model.find(['All contacts', 'A'])) as ContactNode[];
      assert.equal(node?.label, 'Ada Lovelace');
      assert.equal(node?.description, 'Analytical Engines · Mathematician');
      assert.equal(node?.id, ada.id);
      assert.equal(node?.contact, ada);
      assert.equal(node?.pinned, false);
      assert.equal(node?.collapsible, 'none');
    });

    it('shows hostile names as one clean line of text', () => {
      const model = world.model();
      const node = model.children(model.find(['All contacts', '#'])).find((child) => child.key === `all/${hostile.id}`);
      assert.equal(node?.label, '<img src=x onerror=alert(1)> line break');
    });

    it('marks pinned contacts wherever they appear, and keeps the pin order', () => {
      world.pinned = [
        { id: zoe.id, name: 'Zoë Ng' },
        { id: ada.id, name: 'Ada Lovelace' },
      ];
      world.recent = [{ id: ada.id, name: 'Ada' }, { id: bob.id, name: 'bob' }];
      const model = world.model();
      assert.deepEqual(childLabels(model, ['Pinned']), ['Zoë Ng', 'Ada Lovelace']);
      const recent = model.children(model.find(['Recent'])) as ContactNode[];
      assert.deepEqual(
        recent.map((node) => [node.label, node.pinned]),
        [
          ['Ada Lovelace', true],
          ['bob', false],
        ],
      );
      const inAll = model.children(model.find(['All contacts', 'A'])) as ContactNode[];
      assert.equal(inAll[0]?.pinned, true);
    });

    it('shows a pin the index does not know by its stored name', () => {
      world.pinned = [{ id: hexId(99), name: 'Gone\nPerson' }];
      const model = world.model();
      const [node] = model.children(model.find(['Pinned'])) as ContactNode[];
      assert.equal(node?.label, 'Gone Person');
      assert.equal(node?.contact, undefined);
      assert.equal(node?.id, hexId(99));
    });
  });

  describe('grouping', () => {
    it('groups by first letter, accents and case folded, A–Z then #', () => {
      const model = world.model();
      assert.deepEqual(childLabels(model, ['All contacts']), ['A', 'B', 'C', 'E', 'Z', '#']);
      assert.deepEqual(childLabels(model, ['All contacts', 'E']), ['Émile Zola']);
      assert.deepEqual(childLabels(model, ['All contacts', 'B']), ['bob']);
      assert.deepEqual(childLabels(model, ['All contacts', '#']), ['<img src=x onerror=alert(1)> line break', '42 Club']);
      const groups = model.groups();
      assert.deepEqual(
        groups.map((group) => group.description),
        ['1', '1', '1', '1', '1', '2'],
      );
      assert.ok(groups.every((group) => group.collapsible === 'collapsed'));
    });

    it('reads letters from folded text', () => {
      assert.equal(letterOf('Łukasz'), 'L');
      assert.equal(letterOf("O'Brien"), 'O');
      assert.equal(letterOf('ørsted'), 'O');
      assert.equal(letterOf('Анна'), '#');
      assert.equal(letterOf('😀 Smile'), '#');
      assert.equal(letterOf(''), '#');
    });

    it('groups by company, spellings folded together, no company last', () => {
      world.groupBy = 'company';
      const model = world.model();
      assert.deepEqual(childLabels(model, ['All contacts']), ['42 Club', 'Acme', 'Analytical Engines', 'Les Éditions', noCompanyLabel()]);
      assert.deepEqual(childLabels(model, ['All contacts', 'Analytical Engines']), ['Ada Lovelace', 'Charles Babbage']);
      assert.deepEqual(childLabels(model, ['All contacts', noCompanyLabel()]), ['<img src=x onerror=alert(1)> line break', 'Zoë Ng']);
    });

    it('works the groups out once per listing and again when the contacts or the grouping change', () => {
      const model = world.model();
      const first = model.groups();
      assert.equal(model.groups(), first);
      world.groupBy = 'company';
      const byCompany = model.groups();
      assert.notEqual(byCompany, first);
      assert.equal(model.groups(), byCompany);
      world.setContacts([ada]);
      assert.deepEqual(labels(model.groups()), ['Analytical Engines']);
    });

    it('gives no children for a group of a listing since replaced', () => {
      const model = world.model();
      const group = model.find(['All contacts', 'A']) as GroupNode;
      world.setContacts([ada, bob]);
      assert.deepEqual(model.children(group), []);
      assert.deepEqual(childLabels(model, ['All contacts', 'A']), ['Ada Lovelace']);
    });

    it('turns only the expanded group into contact nodes, and splits a huge one into ranges', () => {
      const many: Contact[] = [];
      for (let i = 0; i < 10_000; i++) {
        // Names spread over the alphabet, except that 1,200 start with S.
        const letter = i < 1200 ? 'S' : String.fromCharCode(65 + (i % 26));
        many.push(makeContact(hexId(1000 + i), { first: `${letter}name${String(i).padStart(5, '0')}` }));
      }
      world.setContacts(many);
      const model = world.model();
      const groups = model.groups();
      assert.equal(groups.length, 26);
      assert.equal(
        groups.reduce((sum, group) => sum + group.members.length, 0),
        10_000,
      );
      const s = model.find(['All contacts', 'S']) as GroupNode;
      assert.ok(s.members.length > MAX_GROUP_CHILDREN);
      const ranges = model.children(s);
      assert.ok(ranges.every((node) => node.kind === 'group'));
      assert.equal(ranges.length, Math.ceil(s.members.length / RANGE_SIZE));
      assert.equal(ranges[0]?.label, 'Sname00000 – Sname00249');
      const firstRange = model.children(ranges[0]);
      assert.equal(firstRange.length, RANGE_SIZE);
      assert.ok(firstRange.every((node) => node.kind === 'contact'));
      const t = model.find(['All contacts', 'T']) as GroupNode;
      const contacts = model.children(t);
      assert.equal(contacts.length, t.members.length);
      assert.ok(contacts.length <= MAX_GROUP_CHILDREN);
      assert.ok(contacts.every((node) => node.kind === 'contact' && node.label.startsWith('T')));
    });
  });

  describe('status', () => {
    it('says how far the first load got, growing with the index', () => {
      world.state = { status: 'loading', loadedCount: 150, complete: false };
      const model = world.model();
      assert.deepEqual(labels(statusOf(model)), ['Loading contacts… (150 so far)']);
      assert.equal(model.find(['All contacts'])?.description, 'loading…');
      assert.deepEqual(childLabels(model, ['All contacts']).slice(1), ['A', 'B', 'C', 'E', 'Z', '#']);
    });

    it('shows loading before the first sync has started', () => {
      world.state = { status: 'empty', loadedCount: 0, complete: false };
      assert.deepEqual(labels(statusOf(world.model())), ['Loading contacts…']);
    });

    it('keeps the list while a refresh runs, and only says so in the description', () => {
      world.state = { status: 'loading', loadedCount: 50, complete: true };
      const model = world.model();
      assert.deepEqual(statusOf(model), []);
      assert.equal(model.find(['All contacts'])?.description, '7 · refreshing…');
    });

    it('says Quo is unreachable and keeps what was loaded', () => {
      world.state = {
        status: 'error',
        loadedCount: 7,
        complete: false,
        error: new QuoError({ kind: 'network', message: 'ECONNREFUSED' }),
      };
      const model = world.model();
      const [node] = statusOf(model);
      assert.equal(node?.label, 'Quo is unreachable — showing what was loaded');
      // Retry probes the connection and keeps what is cached; it does not re-list every contact.
      assert.equal(node?.action, 'retry');
      assert.equal(model.find(['All contacts'])?.description, '7 · incomplete');
      assert.equal(model.groups().length, 6);
    });

    it('says when Quo went offline after a complete load', () => {
      world.connection = { kind: 'offline', cause: 'Could not reach Quo: ECONNREFUSED.' };
      assert.deepEqual(labels(statusOf(world.model())), ['Quo is unreachable — showing what was loaded']);
      world.setContacts([]);
      assert.deepEqual(labels(statusOf(world.model())), ['Quo is unreachable', 'No contacts in this workspace']);
    });

    it('says it is retrying when rate limited and a retry is scheduled', () => {
      world.state = {
        status: 'error',
        loadedCount: 0,
        complete: false,
        error: new QuoError({ kind: 'http', status: 429, message: 'Too many requests' }),
      };
      world.retry = true;
      const [retrying] = statusOf(world.model());
      assert.equal(retrying?.label, 'Rate limited by Quo, retrying');
      assert.equal(retrying?.action, undefined);
      world.retry = false;
      const [stopped] = statusOf(world.model());
      assert.equal(stopped?.label, 'Rate limited by Quo');
      assert.equal(stopped?.action, 'retry');
    });

    it('offers a new key when Quo refuses this one', () => {
      world.state = {
        status: 'error',
        loadedCount: 0,
        complete: false,
        error: new QuoError({ kind: 'http', status: 401, message: 'Unauthorized' }),
      };
      const [node] = statusOf(world.model());
      assert.equal(node?.status, 'key-refused');
      assert.equal(node?.action, 'setApiKey');
    });

    it('describes other failures and offers a retry', () => {
      const error = new QuoError({ kind: 'http', status: 500, message: 'Internal error', trace: 't-1' });
      world.state = { status: 'error', loadedCount: 7, complete: false, error };
      const [partly] = statusOf(world.model());
      assert.equal(partly?.label, 'Not every contact could be loaded');
      assert.equal(partly?.action, 'refresh');
      assert.match(partly?.detail ?? '', /500.*t-1/);
      world.state = { status: 'error', loadedCount: 3, complete: true, error };
      const [refresh] = statusOf(world.model());
      assert.equal(refresh?.label, 'Could not refresh — showing the last complete list');
      world.setContacts([]);
      world.state = { status: 'error', loadedCount: 0, complete: false, error };
      const [none] = statusOf(world.model());
      assert.equal(none?.label, 'Contacts could not be loaded');
    });

    it('says when the workspace has no contacts', () => {
      world.setContacts([]);
      assert.deepEqual(labels(statusOf(world.model())), ['No contacts in this workspace']);
    });

    it('shows no status for a cancelled refresh', () => {
      world.state = { status: 'error', loadedCount: 7, complete: true, error: new QuoError({ kind: 'cancelled', message: 'x' }) };
      assert.deepEqual(statusOf(world.model()), []);
    });
  });

  describe('In this file', () => {
    const { detector } = createDetector();

    function scan(text: string, unknownIds = 0): InFileView {
      const resolved = resolveMentions(findMentions(text, detector).mentions, {
        byId: (id) => world.contacts.find((contact) => contact.id === id) ?? null,
        byPhone: (e164) =>
          world.contacts.filter((contact) => contact.defaultFields.phoneNumbers.some((phone) => phone.value === e164)),
        byEmail: () => [],
      });
      return { fileName: 'notes.md', contacts: resolved.contacts, unknownIds, truncated: resolved.truncated };
    }

    it('lists the contacts mentioned with their lines, every contact of a shared number', () => {
      world.inFile = scan([`owner ${zoe.id}`, 'main line: (415) 555-0100', `cc ${zoe.id}`, '', `again ${zoe.id}`].join('\n'));
      const model = world.model();
      const nodes = model.children(model.find(['In this file'])) as ContactNode[];
      assert.deepEqual(
        nodes.map((node) => [node.label, node.description, node.collapsible]),
        [
          ['Zoë Ng', 'lines 1, 3, 5', 'collapsed'],
          ['Ada Lovelace', 'line 2 · Analytical Engines · Mathematician', 'none'],
          ['Charles Babbage', 'line 2 · analytical engines', 'none'],
        ],
      );
      assert.equal(model.find(['In this file'])?.description, '3');
      const lines = model.children(nodes[0]) as MentionNode[];
      assert.deepEqual(labels(lines), ['Line 1', 'Line 3', 'Line 5']);
      assert.deepEqual(
        lines.map((node) => [node.mention.line, node.mention.character, node.description]),
        [
          [0, 6, zoe.id],
          [2, 3, zoe.id],
          [4, 6, zoe.id],
        ],
      );
      assert.deepEqual(model.children(nodes[1]), []);
    });

    it('lists a line once when a contact is mentioned twice on it', () => {
      world.inFile = scan(`${zoe.id} ${zoe.id}\n${zoe.id}`);
      const model = world.model();
      const [node] = model.children(model.find(['In this file'])) as ContactNode[];
      assert.equal(node?.description, 'lines 1, 2');
      assert.deepEqual(childLabels(model, ['In this file', 'Zoë Ng']), ['Line 1', 'Line 2']);
    });

    it('says when nothing is mentioned, and when ids are still being looked up', () => {
      world.inFile = scan('nothing here');
      assert.deepEqual(childLabels(world.model(), ['In this file']), ['No contacts mentioned']);
      world.inFile = scan(`${zoe.id}`, 2);
      assert.deepEqual(childLabels(world.model(), ['In this file']), ['Zoë Ng', 'Looking up 2 ids…']);
    });
  });
});
