/**
 * UI labels (`templates/labels.json`): `{ "visitSummary": { "ar": "ملخص الزيارة", "en": "Visit summary" }, … }`.
 * A label is looked up for the exact tag, then for ever shorter prefixes of it (`ar-IQ` → `ar`), then `en`.
 */

import { join } from 'node:path';
import { BriefingError } from '../errors.js';
import { parsedFile } from '../fileCache.js';
import { parseStrictJson } from '../strictJson.js';
import { TEMPLATES_DIR } from '../resources.js';

export type Labels = Record<string, Record<string, string>>;

/** Largest labels file read (the project's is a few KB). */
const MAX_LABELS_BYTES = 1024 * 1024;

/** The project's own `templates/labels.json`. */
export function defaultLabelsFile(): string {
  return join(TEMPLATES_DIR, 'labels.json');
}

/** Reads and checks a labels file. Throws BriefingError `template` (or `io` when it cannot be read). */
export function loadLabels(file: string = defaultLabelsFile()): Labels {
  return parsedFile(
    file,
    (source) => {
      let data: unknown;
      try {
        data = parseStrictJson(source);
      } catch (cause) {
        throw new BriefingError('template', `the labels file is ${(cause as Error).message}`, { file, cause });
      }
      return checkLabels(data, file);
    },
    { what: 'the labels file', code: 'template', maxBytes: MAX_LABELS_BYTES, within: [TEMPLATES_DIR] },
  );
}

/** Checks the shape `{key: {tag: string}}`; returns the same object typed. */
export function checkLabels(data: unknown, file?: string): Labels {
  const problems: { message: string; path: string }[] = [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new BriefingError('template', 'labels must be an object of {key: {language: text}}', file === undefined ? {} : { file });
  }
  for (const [key, entry] of Object.entries(data)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push({ path: key, message: 'must be an object {language: text}' });
      continue;
    }
    for (const [tag, value] of Object.entries(entry as Record<string, unknown>)) {
      if (typeof value !== 'string') problems.push({ path: `${key}.${tag}`, message: 'must be a string' });
    }
  }
  if (problems.length > 0) throw new BriefingError('template', problems, file === undefined ? {} : { file });
  return data as Labels;
}

function canonical(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
}

/** The tags to try for `lang`, most specific first, ending with `en`: `ar-IQ` → `ar-IQ`, `ar`, `en`. */
export function labelFallbacks(lang: string): string[] {
  const subtags = canonical(lang).split('-');
  const tags: string[] = [];
  for (let n = subtags.length; n >= 1; n--) {
    // skip prefixes ending in a singleton (`-u`, `-x`): they are not tags
    if (subtags[n - 1]!.length === 1 && n > 1) continue;
    tags.push(subtags.slice(0, n).join('-'));
  }
  if (!tags.includes('en')) tags.push('en');
  return tags;
}

/** The label `key` in `lang` (exact tag, shorter prefixes, then `en`), or undefined when there is none. */
export function lookupLabel(labels: Labels, key: string, lang: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(labels, key)) return undefined;
  const entry = labels[key]!;
  const byTag = new Map<string, string>();
  for (const [tag, value] of Object.entries(entry)) byTag.set(canonical(tag).toLowerCase(), value);
  for (const tag of labelFallbacks(lang)) {
    const value = byTag.get(tag.toLowerCase());
    if (value !== undefined) return value;
  }
  return undefined;
}
