/**
 * Keeps the detector in step with `quo.idPatterns` and `quo.activity.detectIds`. A bad pattern is reported once (log and one warning), then
 * skipped; the same bad pattern is not reported again when other settings change.
 */
import * as vscode from 'vscode';
import { createDetector, type Detector } from '../detect/detector.js';
import type { Logger } from '../quo/log.js';

export class ConfiguredDetector {
  private current: Detector;
  private patterns = '';
  private readonly reported = new Set<string>();

  constructor(
    patterns: readonly string[],
    private readonly log: Logger,
    private activityIds = true,
  ) {
    this.current = this.build(patterns);
  }

  get detector(): Detector {
    return this.current;
  }

  /** `activityIds`: whether Quo call and message ids (`AC…`) are found too. */
  update(patterns: readonly string[], activityIds = this.activityIds): void {
    if (JSON.stringify(patterns) !== this.patterns || activityIds !== this.activityIds) {
      this.activityIds = activityIds;
      this.current = this.build(patterns);
    }
  }

  private build(patterns: readonly string[]): Detector {
    this.patterns = JSON.stringify(patterns);
    // Problems found later (a pattern that ran too long and was switched off) are reported the same way.
    const { detector, problems } = createDetector({
      patterns: [...patterns],
      activityIds: this.activityIds,
      onProblem: (problem) => this.report([problem]),
    });
    this.report(problems);
    return detector;
  }

  private report(problems: readonly string[]): void {
    const fresh = problems.filter((problem) => !this.reported.has(problem));
    for (const problem of fresh) {
      this.reported.add(problem);
      this.log.warn(`quo.idPatterns: ${problem}`);
    }
    if (fresh.length > 0) {
      void vscode.window.showWarningMessage(
        fresh.length === 1
          ? vscode.l10n.t('Quo: a pattern in quo.idPatterns is skipped: {0}', fresh[0] ?? '')
          : vscode.l10n.t('Quo: {0} patterns in quo.idPatterns are skipped: {1}', fresh.length, fresh[0] ?? ''),
      );
    }
  }
}
