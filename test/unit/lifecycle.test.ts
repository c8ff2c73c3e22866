import assert from 'node:assert/strict';
import { Emitter } from '../../src/common/emitter.js';
import { Disposable, type DisposableLike } from '../../src/common/lifecycle.js';

class Owner extends Disposable {
  readonly changed = this.register(new Emitter<void>());

  own<T extends DisposableLike>(disposable: T): T {
    return this.register(disposable);
  }

  get disposed(): boolean {
    return this.isDisposed;
  }
}

/** A disposable that writes its name to `log` each time it is disposed of. */
function logged(log: string[], name: string, fail = false): DisposableLike {
  return {
    dispose: () => {
      log.push(name);
      if (fail) {
        throw new Error(`${name} failed`);
      }
    },
  };
}

describe('Disposable (src/common/lifecycle.ts)', () => {
  it('returns what it registers, so a field is declared and owned at once', () => {
    const owner = new Owner();
    const subscription = logged([], 'a');
    assert.equal(owner.own(subscription), subscription);
    assert.ok(owner.changed instanceof Emitter);
  });

  it('disposes of everything it owns, the last registered first', () => {
    const owner = new Owner();
    const log: string[] = [];
    let heard = 0;
    owner.changed.event(() => heard++);
    owner.own(logged(log, 'first'));
    owner.own(logged(log, 'second'));
    owner.dispose();
    assert.deepEqual(log, ['second', 'first']);
    owner.changed.fire();
    assert.equal(heard, 0, 'the emitter registered as a field was disposed of too');
    assert.equal(owner.disposed, true);
  });

  it('disposes once: a second dispose() does nothing', () => {
    const owner = new Owner();
    const log: string[] = [];
    owner.own(logged(log, 'once'));
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['once']);
  });

  it('disposes at once of what is registered after dispose()', () => {
    const owner = new Owner();
    owner.dispose();
    const log: string[] = [];
    owner.own(logged(log, 'late'));
    assert.deepEqual(log, ['late']);
    owner.dispose();
    assert.deepEqual(log, ['late'], 'and does not hold on to it');
  });

  it('disposes of the rest when one throws, then throws its error', () => {
    const owner = new Owner();
    const log: string[] = [];
    owner.own(logged(log, 'a'));
    owner.own(logged(log, 'b', true));
    owner.own(logged(log, 'c'));
    assert.throws(() => owner.dispose(), /b failed/);
    assert.deepEqual(log, ['c', 'b', 'a']);
    owner.dispose();
    assert.deepEqual(log, ['c', 'b', 'a'], 'a failed dispose is not tried again');
  });

  it('throws an AggregateError when several throw', () => {
    const owner = new Owner();
    owner.own(logged([], 'a', true));
    owner.own(logged([], 'b', true));
    assert.throws(
      () => owner.dispose(),
      (error: unknown) => error instanceof AggregateError && error.errors.length === 2,
    );
  });
});
