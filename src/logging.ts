/**
 * The extension's log: a LogOutputChannel (the user picks the level), with every known secret replaced before a
 * line is written, whatever code wrote it.
 */
import * as vscode from 'vscode';
import type { Logger } from './quo/log.js';

export class RedactingLogger implements Logger, vscode.Disposable {
  private secrets: string[] = [];

  constructor(readonly channel: vscode.LogOutputChannel) {}

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
    this.channel.trace(this.redact(message));
  }
  debug(message: string): void {
    this.channel.debug(this.redact(message));
  }
  info(message: string): void {
    this.channel.info(this.redact(message));
  }
  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }
  error(message: string): void {
    this.channel.error(this.redact(message));
  }

  dispose(): void {
    this.channel.dispose();
  }
}
