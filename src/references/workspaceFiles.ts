/**
 * The workspace's files for the mention scan, through VS Code: workspace.findFiles lists them (it applies
 * files.exclude itself; search.exclude's enabled globs and quo.exclude are passed as its exclude pattern, so
 * node_modules is left out by default), and workspace.fs reads them, so remote and virtual workspaces work as local
 * ones do. Listing follows search.followSymlinks; a link loop is not entered (the search service stops at it).
 */
import * as vscode from 'vscode';
import { enabledGlobs, excludeMatcher, excludePattern } from '../mentions/excludePattern.js';
import type { FileFacts, MentionFileSource } from '../mentions/mentionScanner.js';

/** Past this many files the rest are left out (and the log says so): set quo.mentions.enabled off for such a tree. */
export const MAX_FILES = 100_000;

export class WorkspaceFileSource implements MentionFileSource {
  private matcherKey = '';
  private matcher: (relativePath: string) => boolean = () => false;
  /** Whether each folder met so far is a symbolic link, asked once per folder. */
  private readonly linkedFolders = new Map<string, Promise<boolean>>();

  constructor(
    private readonly quoExclude: () => readonly string[],
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Whether the watcher's or an editor's file is one findFiles would leave out (files.exclude, search.exclude,
   * quo.exclude): the file watcher knows none of these, and an edit inside node_modules is no mention.
   */
  isExcluded(uri: vscode.Uri): boolean {
    if (uri.scheme === 'untitled') {
      return false;
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) {
      return true;
    }
    const globs = [
      ...enabledGlobs(vscode.workspace.getConfiguration('files', folder).get('exclude')),
      ...enabledGlobs(vscode.workspace.getConfiguration('search', folder).get('exclude')),
      ...this.quoExclude(),
    ];
    const key = JSON.stringify(globs);
    if (key !== this.matcherKey) {
      this.matcherKey = key;
      this.matcher = excludeMatcher(globs);
    }
    return this.matcher(vscode.workspace.asRelativePath(uri, false));
  }

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
      // Globs findFiles' one pattern could not hold (braces of their own) are applied here.
      return files.filter((uri) => !this.isExcluded(uri)).map((uri) => uri.toString());
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
      const linked = (stat.type & vscode.FileType.SymbolicLink) !== 0 || (await this.underLinkedFolder(vscode.Uri.parse(uri)));
      return { size: stat.size, mtime: stat.mtime, symbolicLink: linked };
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Whether a folder between the file and its workspace folder is a symbolic link: the search service follows links
   * (search.followSymlinks), so a linked folder's files would be listed twice, and a loop's once more.
   */
  private async underLinkedFolder(file: vscode.Uri): Promise<boolean> {
    const root = vscode.workspace.getWorkspaceFolder(file)?.uri.toString();
    for (let folder = vscode.Uri.joinPath(file, '..'); root !== undefined && folder.toString().length > root.length; folder = vscode.Uri.joinPath(folder, '..')) {
      const key = folder.toString();
      let linked = this.linkedFolders.get(key);
      if (!linked) {
        linked = Promise.resolve(vscode.workspace.fs.stat(folder)).then(
          (stat) => (stat.type & vscode.FileType.SymbolicLink) !== 0,
          () => false,
        );
        this.linkedFolders.set(key, linked);
      }
      if (await linked) {
        return true;
      }
    }
    return false;
  }

  async read(uri: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(vscode.Uri.parse(uri));
  }
}
