/**
 * The extension's log: a LogOutputChannel (the user picks the level), with every known secret replaced before a
 * line is written, whatever code wrote it.
 */
import type * as vscode from 'vscode';
import type { RedactingLog } from './quo/log.js';

export class RedactingLogger implements RedactingLog, vscode.Disposable {
  private secrets: string[] = [];

  /** `recorded`, when given, receives every line as written (tests search it for the key). */
  constructor(
    readonly channel: vscode.LogOutputChannel,
    private readonly recorded?: string[],
  ) {}

  /** The values to hide, e.g. the current API key. */
  setSecrets(values: readonly string[]): void {
    // Longest first, so a key containing another secret is replaced whole.
    this.secrets = values.filter((value) => value.length >= 4).sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      result = result.split(secret).join('‹redacted›');
    }
    return result;
  }

  trace(message: string): void {
    this.write('trace', message);
  }
  debug(message: string): void {
    this.write('debug', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  error(message: string): void {
    this.write('error', message);
  }

  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'error', message: string): void {
    const line = this.redact(message);
    this.recorded?.push(`${level} ${line}`);
    this.channel[level](line);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
