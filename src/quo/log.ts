/** The part of VS Code's LogOutputChannel the plain modules use, so they can log without importing vscode. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A logger that knows the keys in use and takes them out of every line, and of any text shown (RedactingLogger). */
export interface RedactingLog extends Logger {
  redact(text: string): string;
  /** The key values to take out from now on. */
  setSecrets(values: readonly string[]): void;
}
