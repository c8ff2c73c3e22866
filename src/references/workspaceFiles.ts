/**
 * The workspace's files for the mention scan, through VS Code: workspace.findFiles lists them (it applies
 * files.exclude itself; search.exclude's enabled globs and quo.exclude are passed as its exclude pattern, so
 * node_modules is left out by default), and workspace.fs reads them, so remote and virtual workspaces work as local
 * ones do. Listing follows search.followSymlinks; a link loop is not entered (the search service stops at it).
 */
import * as vscode from 'vscode';
import { excludePattern } from '../mentions/excludePattern.js';
import type { FileFacts, MentionFileSource } from '../mentions/mentionScanner.js';

/** Past this many files the rest are left out (and the log says so): set quo.mentions.enabled off for such a tree. */
export const MAX_FILES = 100_000;

export class WorkspaceFileSource implements MentionFileSource {
  constructor(
    private readonly quoExclude: () => readonly string[],
    private readonly log: (message: string) => void,
  ) {}

  async list(signal: AbortSignal): Promise<readonly string[]> {
    const exclude = excludePattern(vscode.workspace.getConfiguration('search').get('exclude'), this.quoExclude());
    const cancel = new vscode.CancellationTokenSource();
    const onAbort = (): void => cancel.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const files = await vscode.workspace.findFiles('**/*', exclude ?? null, MAX_FILES, cancel.token);
      if (files.length >= MAX_FILES) {
        this.log(`Mentions: the workspace has more than ${MAX_FILES} files; only the first ${MAX_FILES} are scanned.`);
      }
      return files.map((uri) => uri.toString());
    } finally {
      signal.removeEventListener('abort', onAbort);
      cancel.dispose();
    }
  }

  async stat(uri: string): Promise<FileFacts | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
      if ((stat.type & vscode.FileType.File) === 0) {
        return undefined;
      }
      return { size: stat.size, mtime: stat.mtime, symbolicLink: (stat.type & vscode.FileType.SymbolicLink) !== 0 };
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
        return undefined;
      }
      throw error;
    }
  }

  async read(uri: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(vscode.Uri.parse(uri));
  }
}
