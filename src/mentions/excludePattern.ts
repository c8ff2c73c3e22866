/** Which files the mention scan leaves out, as one glob for workspace.findFiles. */

/**
 * The exclude pattern: search.exclude's globs that are plainly on (`true`; a `when` clause depends on a sibling
 * file, which one pattern cannot say) and quo.exclude. Globs with braces of their own cannot be nested in the
 * pattern's braces, so they are left out of it.
 */
export function excludePattern(searchExclude: unknown, quoExclude: readonly string[]): string | undefined {
  const globs = new Set<string>();
  if (typeof searchExclude === 'object' && searchExclude !== null) {
    for (const [glob, on] of Object.entries(searchExclude as Record<string, unknown>)) {
      if (on === true) {
        globs.add(glob);
      }
    }
  }
  for (const glob of quoExclude) {
    globs.add(glob);
  }
  const usable = [...globs].filter((glob) => glob.length > 0 && !/[{}]/.test(glob));
  return usable.length === 0 ? undefined : `{${usable.join(',')}}`;
}
