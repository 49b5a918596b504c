/**
 * Parsed files re-parsed only when their content changes: every render reads the theme and labels again (so
 * watch mode sees an edit at once), but parses and checks them only when they differ. The parsed values live in
 * the renderer's cache (renderCache.ts), keyed by the file and the hash of its content.
 */
import { createHash } from 'node:crypto';
import { deepFreeze } from './freeze.js';
import { readRegularFile, type ReadRules } from './inputFiles.js';
import { noMemo, type Memo } from './renderCache.js';

/**
 * `parse(source)` of the file's current content (deeply frozen: it is shared), from `parsed` when the content is
 * unchanged. The file is read by `readRegularFile` under `rules` (a regular file, size limit, folders); its
 * errors and `parse`'s propagate and are not cached.
 */
export function parsedFile<T>(file: string, parse: (source: string) => T, rules: ReadRules, parsed: Memo<unknown> = noMemo()): T {
  const bytes = readRegularFile(file, rules);
  const key = `${file}\u0000${createHash('sha256').update(bytes).digest('hex')}`;
  return parsed.get(key, () => deepFreeze(parse(bytes.toString('utf8')))) as T;
}
