import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cleanWorkspaceName, MAX_WORKSPACE_NAME, uniqueWorkspaceName } from '../../src/workspaces/workspaceNames.js';
import type { Workspace } from '../../src/workspaces/workspaceStore.js';
import { hostileText } from './arbitraries.js';
import { propertySuite } from './harness.js';

const rawName = fc.oneof(
  hostileText,
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.tuple(fc.string({ minLength: 55, maxLength: 70 }), fc.constantFrom('', ' 2', ' 10', '\u202e', '\u200b', ' ')).map(([a, b]) => a + b),
  fc.constantFrom('Quo', 'Quo 2', 'quo', 'QUO 3', 'Quó', '', ' ', '\u200b'),
);

function workspace(name: string, index: number): Workspace {
  return { id: `ws${index}`, name } as Workspace;
}

propertySuite('Properties: workspace names', [
  {
    name: 'cleanWorkspaceName is idempotent, at most 60 code points, with no Cc or Cf character',
    runs: 3000,
    property: () => fc.property(rawName, (raw) => {
      const clean = cleanWorkspaceName(raw);
      assert.equal(cleanWorkspaceName(clean), clean);
      assert.ok([...clean].length <= MAX_WORKSPACE_NAME);
      assert.doesNotMatch(clean, /[\p{Cc}\p{Cf}]/u);
    }),
  },
  {
    name: 'uniqueWorkspaceName terminates, is clean, and never equals an existing name',
    runs: 1500,
    property: () => fc.property(rawName, fc.array(rawName, { maxLength: 30 }), fc.boolean(), (base, names, numbered) => {
      // Existing names taken from the base itself make the numbering do the work.
      const existing = [...names, ...(numbered ? Array.from({ length: 25 }, (_, i) => `${cleanWorkspaceName(base) || 'Quo'}${i === 0 ? '' : ` ${i + 1}`}`) : [])].map(workspace);
      const chosen = uniqueWorkspaceName(base, existing);
      assert.equal(cleanWorkspaceName(chosen), chosen);
      assert.ok(chosen.length > 0);
      for (const other of existing) {
        assert.notEqual(chosen.localeCompare(other.name, undefined, { sensitivity: 'accent' }), 0, `${JSON.stringify(chosen)} equals ${JSON.stringify(other.name)}`);
      }
    }),
  },
]);
