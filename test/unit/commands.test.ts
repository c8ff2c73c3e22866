import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Commands, UNCONTRIBUTED_COMMANDS } from '../../src/commands/commandIds.js';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    viewsWelcome: { when?: string }[];
  };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const contributed = manifest.contributes.commands.map((entry) => entry.command);
const registered: string[] = Object.values(Commands);

describe('Commands', () => {
  it('registers every contributed command', () => {
    for (const id of contributed) {
      assert.ok(registered.includes(id), `${id} is contributed but not registered`);
    }
  });

  it('contributes every registered command, or says it is deliberately hidden', () => {
    for (const id of registered) {
      assert.ok(
        contributed.includes(id) !== UNCONTRIBUTED_COMMANDS.includes(id as never),
        `${id}: contributed exactly when not listed as uncontributed`,
      );
    }
  });

  it('has one id per name', () => {
    assert.equal(new Set(registered).size, registered.length);
  });

  it('menus name only registered commands', () => {
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) {
        assert.ok(registered.includes(entry.command) || entry.command.startsWith('workbench.'), `${menu}: ${entry.command}`);
      }
    }
  });

  it('reads the one availability context key, not the old quo.hasApiKey', () => {
    const text = readFileSync('package.json', 'utf8');
    assert.doesNotMatch(text, /quo\.hasApiKey/);
    assert.ok(manifest.contributes.viewsWelcome.every((entry) => entry.when?.includes('quo.availability')));
  });
});
