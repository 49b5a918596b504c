/**
 * Parsed files kept per process and re-parsed only when their content changes: every render reads the theme and
 * labels again (so watch mode sees an edit at once), but parses and checks them only when they differ.
 */
import { readRegularFile, type ReadRules } from './inputFiles.js';

interface Entry<T> {
  source: string;
  value: T;
}

const entries = new Map<string, Entry<unknown>>();

/**
 * `parse(source)` of the file's current content (deeply frozen: it is shared), from the cache when the content is unchanged. The file
 * is read by `readRegularFile` under `rules` (a regular file, size limit, folders); its errors and `parse`'s
 * propagate and are not cached.
 */
export function parsedFile<T>(file: string, parse: (source: string) => T, rules: ReadRules): T {
  const source = readRegularFile(file, rules).toString('utf8');
  const hit = entries.get(file) as Entry<T> | undefined;
  if (hit && hit.source === source) return hit.value;
  const value = deepFreeze(parse(source));
  entries.set(file, { source, value });
  return value;
}

/** Cached values are shared by every caller, so none may change them. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
