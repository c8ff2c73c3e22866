/**
 * A base for classes that own things to dispose of (subscriptions, emitters, VS Code items), instead of each keeping
 * its own array and loop. Plain: a vscode.Disposable, an Emitter and a Subscription all have `dispose(): void`.
 */

/** Anything that can be disposed of. */
export interface DisposableLike {
  dispose(): void;
}

export abstract class Disposable implements DisposableLike {
  /** What is owned, in the order registered; undefined once disposed. */
  private owned: DisposableLike[] | undefined = [];

  /** Whether dispose() has run. */
  protected get isDisposed(): boolean {
    return this.owned === undefined;
  }

  /**
   * Owns `disposable`: it is disposed of with this object. Returns it, so a field can be declared and owned at once
   * (`private readonly changed = this.register(new Emitter<void>())`). Registered after dispose(), it is disposed of
   * at once rather than leaked.
   */
  protected register<T extends DisposableLike>(disposable: T): T {
    if (this.owned) {
      this.owned.push(disposable);
    } else {
      disposable.dispose();
    }
    return disposable;
  }

  /**
   * Disposes of everything owned, the last registered first (what came later may use what came before), once: a
   * second call does nothing. One that throws does not keep the others from being disposed of; the error is
   * thrown afterwards (several as an AggregateError).
   */
  dispose(): void {
    const owned = this.owned;
    if (!owned) {
      return;
    }
    this.owned = undefined;
    const errors: unknown[] = [];
    for (const disposable of owned.reverse()) {
      try {
        disposable.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) {
      throw errors[0];
    }
    if (errors.length > 1) {
      throw new AggregateError(errors, `${errors.length} disposables failed to dispose`);
    }
  }
}
