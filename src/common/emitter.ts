/** A minimal typed event, shaped like vscode.Event so plain modules can expose events without importing vscode. */
export type Listener<T> = (value: T) => void;

export interface Subscription {
  dispose(): void;
}

export type Event<T> = (listener: Listener<T>) => Subscription;

export class Emitter<T> {
  private listeners = new Set<Listener<T>>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      listener(value);
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
