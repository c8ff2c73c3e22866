import assert from 'node:assert/strict';
import { InlineRedraws } from '../../src/editor/inlineRedraws.js';

describe('when inline names are drawn again', () => {
  it('redraws for a contact on screen, named or awaited, and not for one elsewhere', () => {
    const redraws = new InlineRedraws();
    redraws.noted('file:///notes.md', { ids: ['a', 'b'], points: false, waiting: false });
    assert.equal(redraws.onContact('a'), true);
    assert.equal(redraws.onContact('z'), false, 'a contact the panel or another window loaded changes nothing here');
  });

  it('redraws on any contact while an id on screen is unknown: a success is when failed asks may be asked again', () => {
    const redraws = new InlineRedraws();
    redraws.noted('file:///log.txt', { ids: ['failed-once'], points: false, waiting: true });
    assert.equal(redraws.onContact('someone-else'), true);
  });

  it('leaves a settled screen alone while the contact list loads page after page, and redraws once when it completes', () => {
    const redraws = new InlineRedraws();
    redraws.noted('file:///percent-ids.md', { ids: ['QT-7'], points: false, waiting: false });
    for (let page = 0; page < 50; page++) {
      assert.equal(redraws.onContactList(false), false);
    }
    assert.equal(redraws.onContactList(true), true, 'a completed listing may rename or remove a contact shown');
  });

  it('redraws on a contact list change while a number is on screen or an id is awaited', () => {
    const redraws = new InlineRedraws();
    redraws.noted('file:///log.txt', { ids: [], points: true, waiting: false });
    assert.equal(redraws.onContactList(false), true);
    redraws.redrawn();
    redraws.noted('file:///log.txt', { ids: ['a'], points: false, waiting: true });
    assert.equal(redraws.onContactList(false), true);
    redraws.redrawn();
    redraws.noted('file:///log.txt', { ids: ['a'], points: false, waiting: false });
    assert.equal(redraws.onContactList(false), false, 'the first pass after a redraw starts afresh');
  });

  it('adds up the passes over several ranges of one document between two redraws (folded regions, split editors)', () => {
    const redraws = new InlineRedraws();
    redraws.noted('file:///log.txt', { ids: ['above-the-fold'], points: false, waiting: false });
    redraws.noted('file:///log.txt', { ids: ['below-the-fold'], points: false, waiting: false });
    assert.equal(redraws.onContact('above-the-fold'), true);
    assert.equal(redraws.onContact('below-the-fold'), true);
    redraws.redrawn();
    redraws.noted('file:///log.txt', { ids: ['below-the-fold'], points: false, waiting: false });
    assert.equal(redraws.onContact('above-the-fold'), false);
  });

  it('forgets a closed document, and all but the last 32', () => {
    const redraws = new InlineRedraws();
    redraws.noted('file:///closed.md', { ids: ['a'], points: true, waiting: false });
    redraws.closed('file:///closed.md');
    assert.equal(redraws.onContact('a'), false);
    assert.equal(redraws.onContactList(true), false);
    redraws.noted('file:///first.md', { ids: ['first'], points: false, waiting: false });
    for (let i = 0; i < 32; i++) {
      redraws.noted(`file:///other-${i}.md`, { ids: [`id-${i}`], points: false, waiting: false });
    }
    assert.equal(redraws.onContact('first'), false);
    assert.equal(redraws.onContact('id-31'), true);
  });
});
