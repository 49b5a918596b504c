/**
 * Parsed files kept per process and re-parsed only when their content changes: every render reads the theme and
 * labels again (so watch mode sees an edit at once), but parses and checks them only when they differ.
 */
import { readFileSync } from 'node:fs';

interface Entry<T> {
  source: string;
  value: T;
}

const entries = new Map<string, Entry<unknown>>();

/**
 * `parse(source)` of the file's current content (deeply frozen: it is shared), from the cache when the content is unchanged. A file that
 * cannot be read throws `readError(cause)`; `parse` errors propagate and are not cached.
 */
export function parsedFile<T>(file: string, parse: (source: string) => T, readError: (cause: Error) => Error): T {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (cause) {
    throw readError(cause as Error);
  }
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
