import assert from 'node:assert/strict';
import { allOn, cacheMinutes, excludeGlobs, languageIds } from '../../src/settings/settingsPolicy.js';

describe('what a workspace may set', () => {
  it('floors the cache period at a minute and takes it from the user only: a repository’s 0 changes nothing', () => {
    assert.equal(cacheMinutes({ defaultValue: 10, workspaceValue: 0 }), 10);
    assert.equal(cacheMinutes({ defaultValue: 10, globalValue: 30, workspaceFolderValue: 0 }), 30);
    assert.equal(cacheMinutes({ defaultValue: 10, globalValue: 0 }), 1);
    assert.equal(cacheMinutes({ defaultValue: 10, globalValue: Number.NaN }), 10);
    assert.equal(cacheMinutes({ defaultValue: 10, globalValue: 10_000_000 }), 24 * 60);
  });

  it('excludes every layer’s globs: a workspace adds to the user’s list and cannot empty it', () => {
    assert.deepEqual(excludeGlobs({ defaultValue: [], globalValue: ['**/secrets/**'], workspaceValue: [] }), ['**/secrets/**']);
    assert.deepEqual(
      excludeGlobs({ defaultValue: [], globalValue: ['**/secrets/**'], workspaceValue: ['**/*.lock'], workspaceFolderValue: ['**/secrets/**', 7] }),
      ['**/secrets/**', '**/*.lock'],
    );
  });

  it('lets a workspace narrow the languages only while the user looks at every one', () => {
    assert.deepEqual(languageIds({ defaultValue: [], workspaceValue: ['markdown'] }), ['markdown']);
    assert.deepEqual(languageIds({ defaultValue: [], workspaceValue: ['markdown'], workspaceFolderValue: ['log'] }), ['log']);
    assert.deepEqual(languageIds({ defaultValue: [], globalValue: ['markdown'], workspaceValue: [] }), ['markdown']);
    assert.deepEqual(languageIds({ defaultValue: [], globalValue: ['markdown'], workspaceValue: ['json', 'log'] }), ['markdown']);
  });

  it('turns id detection off when any layer does, and never back on against the user', () => {
    assert.equal(allOn({ defaultValue: true }), true);
    assert.equal(allOn({ defaultValue: true, globalValue: false, workspaceValue: true }), false);
    assert.equal(allOn({ defaultValue: true, workspaceFolderValue: false }), false);
  });
});
