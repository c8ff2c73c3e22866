import assert from 'node:assert/strict';
import { Commands } from '../../src/commands/commandIds.js';
import { openContactCommandUri } from '../../src/commands/commandUris.js';

/**
 * What VS Code's command opener does with a `command:` link: the URI parser decodes the query once, then the opener
 * decodes it again and parses JSON (falling back to the once-decoded query when that fails). The UI suite clicks a real
 * link; this keeps the rule next to the code.
 */
function argumentsVsCodeSees(link: string): unknown {
  const query = decodeURIComponent(link.slice(link.indexOf('?') + 1));
  try {
    return JSON.parse(decodeURIComponent(query));
  } catch {
    return JSON.parse(query);
  }
}

describe('command links', () => {
  for (const id of ['5ff2d910a1f623871380caa6', 'QT-7%22%2C%22QT-8', 'a%2Fb', '100%', 'x%25y', 'quote"d', 'é/ü?#&']) {
    it(`deliver exactly the id ${JSON.stringify(id)} as the only argument`, () => {
      assert.deepEqual(argumentsVsCodeSees(openContactCommandUri(id)), [id]);
    });
  }

  it('name the open contact command', () => {
    assert.ok(openContactCommandUri('x').startsWith(`command:${Commands.openContact}?`));
  });
});
