/** Which files the mention scan leaves out, as one glob for workspace.findFiles. */

/**
 * The exclude pattern: search.exclude's globs that are plainly on (`true`; a `when` clause depends on a sibling
 * file, which one pattern cannot say) and quo.exclude. Globs with braces of their own cannot be nested in the
 * pattern's braces, so they are left out of it.
 */
export function excludePattern(searchExclude: unknown, quoExclude: readonly string[]): string | undefined {
  const globs = new Set<string>(enabledGlobs(searchExclude));
  for (const glob of quoExclude) {
    globs.add(glob);
  }
  const usable = [...globs].filter((glob) => glob.length > 0 && !/[{}]/.test(glob));
  return usable.length === 0 ? undefined : `{${usable.join(',')}}`;
}

/**
 * A glob as VS Code's settings write them (`**`, `*`, `?`, `{a,b}`, `[abc]`, relative to the workspace folder), as
 * a regular expression over a relative path with `/` separators.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const char = glob.charAt(i);
    if (char === '*') {
      if (glob.charAt(i + 1) === '*') {
        const slashAfter = glob.charAt(i + 2) === '/';
        source += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '{' && !inGroup) {
      inGroup = true;
      source += '(?:';
    } else if (char === '}' && inGroup) {
      inGroup = false;
      source += ')';
    } else if (char === ',' && inGroup) {
      source += '|';
    } else if (char === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close > i + 1) {
        source += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      } else {
        source += '\\[';
      }
    } else {
      source += char.replace(/[.+^$()|\\\]{}]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}${inGroup ? ')' : ''}$`);
}

/**
 * Whether a workspace-relative path is excluded by any of `globs`: the path itself or a folder it is in, as
 * findFiles leaves out a whole excluded folder. For what the file watcher reports, which knows no exclude setting.
 */
export function excludeMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  // A glob that is no regular expression (`[z-a]`, from a cloned repository's settings) is left out, not thrown on.
  const patterns = globs.flatMap((glob) => {
    if (glob.length === 0) {
      return [];
    }
    try {
      return [globToRegExp(glob)];
    } catch {
      return [];
    }
  });
  return (relativePath) => {
    const parts = relativePath.split('/');
    for (let end = parts.length; end > 0; end--) {
      const candidate = parts.slice(0, end).join('/');
      if (patterns.some((pattern) => pattern.test(candidate))) {
        return true;
      }
    }
    return false;
  };
}

/** The globs of a `files.exclude` / `search.exclude` object that are plainly on. */
export function enabledGlobs(setting: unknown): string[] {
  return typeof setting === 'object' && setting !== null
    ? Object.entries(setting as Record<string, unknown>).flatMap(([glob, on]) => (on === true ? [glob] : []))
    : [];
}
