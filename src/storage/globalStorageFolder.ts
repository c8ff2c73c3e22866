/** Files the extension keeps for the whole installation (every window), in VS Code's global storage. */
import * as vscode from 'vscode';
import type { IndexFolder } from '../contacts/savedIndex.js';

/** A folder in the extension's global storage, through `vscode.workspace.fs` (local, remote or web alike). */
export function globalStorageFolder(globalStorage: vscode.Uri, name: string): IndexFolder {
  const fs = vscode.workspace.fs;
  const folder = vscode.Uri.joinPath(globalStorage, name);
  const at = (file: string): vscode.Uri => vscode.Uri.joinPath(folder, file);
  const notFound = (error: unknown): boolean => error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
  return {
    async size(name) {
      try {
        return (await fs.stat(at(name))).size;
      } catch (error) {
        if (notFound(error)) {
          return undefined;
        }
        throw error;
      }
    },
    read: async (name) => fs.readFile(at(name)),
    async write(name, data) {
      await fs.createDirectory(folder);
      await fs.writeFile(at(name), data);
    },
    rename: async (from, to) => fs.rename(at(from), at(to), { overwrite: true }),
    async list() {
      try {
        return (await fs.readDirectory(folder)).map(([name]) => name);
      } catch (error) {
        if (notFound(error)) {
          return [];
        }
        throw error;
      }
    },
    async delete(name) {
      try {
        await fs.delete(at(name), { useTrash: false });
      } catch (error) {
        if (!notFound(error)) {
          throw error;
        }
      }
    },
  };
}
