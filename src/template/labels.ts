/**
 * UI labels: `{ "visitSummary": { "ar": "ملخص الزيارة", "fa": "خلاصهٔ سفر", "en": "Visit summary" }, … }`.
 *
 * The built-in `templates/labels.json` holds every language the tool ships; a template may ship a `labels.json`
 * beside it, whose texts are added to (and win over) the built-in ones, so a language is added by labels alone.
 * A label is looked up for the exact tag, then for ever shorter prefixes of it (`ar-IQ` → `ar`). Never a silent
 * English: a language with no labels is an error naming it and the files, and so is a label missing in it,
 * unless a fallback language is asked for explicitly (`--label-fallback en`); a fallback text is inserted as a
 * bidi isolate of its own direction (LRI/RLI … PDI), so it cannot reorder the line around it.
 */

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BriefingError } from '../errors.js';
import { parsedFile } from '../fileCache.js';
import type { Memo } from '../renderCache.js';
import { parseStrictJson } from '../strictJson.js';
import { textDirection } from '../language/locale.js';
import { TEMPLATES_DIR } from '../resources.js';
import type { DateWords, ListWords } from './format.js';
import { balanceIsolates, PDI } from './isolate.js';

export type Labels = Record<string, Record<string, string>>;

/** Largest labels file read (the project's is a few KB). */
const MAX_LABELS_BYTES = 1024 * 1024;
/** The labels a template uses and the files they came from (built-in first). */
export interface LabelSet {
  labels: Labels;
  files: readonly string[];
}

/** The project's own `templates/labels.json`. */
export function defaultLabelsFile(): string {
  return join(TEMPLATES_DIR, 'labels.json');
}

/** Reads and checks a labels file. Throws BriefingError `template` (or `io` when it cannot be read). */
export function loadLabels(file: string = defaultLabelsFile(), parsed?: Memo<unknown>): Labels {
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
    // The built-in labels stay in templates/, a template's own beside it (a link elsewhere is refused).
    { what: 'the labels file', code: 'template', maxBytes: MAX_LABELS_BYTES, within: [dirname(resolve(file))] },
    parsed,
  );
}

const merged = new WeakMap<Labels, WeakMap<Labels, Labels>>();

/** Where a template's labels are looked for: the built-in file, and a `labels.json` beside the template (may be absent). */
export function labelFilesFor(templateFile: string): { builtIn: string; own: string } {
  return { builtIn: defaultLabelsFile(), own: join(dirname(resolve(templateFile)), 'labels.json') };
}

/**
 * The labels for a template: the built-in ones, plus the `labels.json` beside the template when there is one
 * (its texts win). The same files unchanged give the same object (caches key on it) while `parsed` keeps them.
 */
export function loadLabelSet(templateFile: string, parsed?: Memo<unknown>): LabelSet {
  const { builtIn: builtInFile, own: ownFile } = labelFilesFor(templateFile);
  const builtIn = loadLabels(builtInFile, parsed);
  if (resolve(ownFile) === resolve(builtInFile) || !existsSync(ownFile)) return { labels: builtIn, files: [builtInFile] };
  const own = loadLabels(ownFile, parsed);
  let byOwn = merged.get(builtIn);
  if (!byOwn) merged.set(builtIn, (byOwn = new WeakMap()));
  let labels = byOwn.get(own);
  if (!labels) {
    labels = { ...builtIn };
    for (const [key, texts] of Object.entries(own)) labels[key] = { ...(builtIn[key] ?? {}), ...texts };
    byOwn.set(own, labels);
  }
  return { labels, files: [builtInFile, ownFile] };
}

/** Checks the shape `{key: {tag: string}}`; returns the same object typed. */
export function checkLabels(data: unknown, file?: string): Labels {
  const problems: { message: string; path: string }[] = [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new BriefingError('template', 'labels must be an object of {key: {language: text}}', file === undefined ? {} : { file });
  }
  for (const [key, entry] of Object.entries(data)) {
    if (key === '$comment') continue;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push({ path: key, message: 'must be an object {language: text}' });
      continue;
    }
    for (const [tag, value] of Object.entries(entry as Record<string, unknown>)) {
      if (typeof value !== 'string') problems.push({ path: `${key}.${tag}`, message: 'must be a string' });
      else if (!isTag(tag)) problems.push({ path: `${key}.${tag}`, message: `"${tag}" is not a language tag` });
    }
  }
  if (problems.length > 0) throw new BriefingError('template', problems, file === undefined ? {} : { file });
  const { $comment: _comment, ...labels } = data as Labels & { $comment?: unknown };
  return labels as Labels;
}

function isTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

function canonical(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
}

/** The tags to try for `lang`, most specific first: `ar-IQ` → `ar-IQ`, `ar`. No English unless asked for. */
export function labelFallbacks(lang: string): string[] {
  const subtags = canonical(lang).split('-');
  const tags: string[] = [];
  for (let n = subtags.length; n >= 1; n--) {
    // skip prefixes ending in a singleton (`-u`, `-x`): they are not tags
    if (subtags[n - 1]!.length === 1 && n > 1) continue;
    tags.push(subtags.slice(0, n).join('-'));
  }
  return tags;
}

/** The label `key` in `lang` (exact tag, then shorter prefixes), or undefined when there is none. */
export function lookupLabel(labels: Labels, key: string, lang: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(labels, key)) return undefined;
  const byTag = textsByTag(labels[key]!);
  for (const tag of fallbacksFor(labels, lang)) {
    const value = byTag.get(tag.toLowerCase());
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * A label's texts by canonical lower-case tag. Kept per entry object, and gone with it: the labels are parsed
 * once per content and frozen (fileCache.ts), and a template looks dozens of labels up per render, each tag
 * through ICU's canonicalization otherwise.
 */
const indexes = new WeakMap<Readonly<Record<string, string>>, ReadonlyMap<string, string>>();

function textsByTag(entry: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  let index = indexes.get(entry);
  if (!index) {
    index = new Map(Object.entries(entry).map(([tag, value]) => [canonical(tag).toLowerCase(), value]));
    indexes.set(entry, index);
  }
  return index;
}

/**
 * `labelFallbacks(lang)`, asked of ICU once per language and labels set: kept with the set (which the renderer
 * keeps while renders use it, as `indexes` are kept with its entries), and gone with it.
 */
const fallbacks = new WeakMap<Labels, Map<string, readonly string[]>>();

function fallbacksFor(labels: Labels, lang: string): readonly string[] {
  let byLang = fallbacks.get(labels);
  if (!byLang) fallbacks.set(labels, (byLang = new Map()));
  let tags = byLang.get(lang);
  if (!tags) byLang.set(lang, (tags = labelFallbacks(lang)));
  return tags;
}

/** The languages the labels have texts in (canonical tags), sorted. */
export function labelLanguages(labels: Labels): string[] {
  const tags = new Set<string>();
  for (const entry of Object.values(labels)) for (const tag of Object.keys(entry)) tags.add(canonical(tag));
  return [...tags].sort();
}

function filesNamed(set: LabelSet): string {
  return set.files.join(' and ');
}

/**
 * Throws unless the labels have texts in `lang` (or `fallback` is given and has some): a briefing in a
 * language without labels is refused before anything is rendered.
 */
export function checkLabelLanguage(set: LabelSet, lang: string, fallback?: string): void {
  const has = (tag: string) => Object.keys(set.labels).some((key) => lookupLabel(set.labels, key, tag) !== undefined);
  if (has(lang)) return;
  if (fallback !== undefined && has(fallback)) return;
  throw new BriefingError('template', `no labels for language "${lang}" in ${filesNamed(set)}`, {
    hint:
      fallback !== undefined
        ? `the fallback "${fallback}" has no labels either; languages with labels: ${labelLanguages(set.labels).join(', ')}`
        : `add a "${lang}" text to every label (README: "Adding a language"), or ask for a fallback with --label-fallback <lang>; languages with labels: ${labelLanguages(set.labels).join(', ')}`,
  });
}

/** LRI or RLI: a text of a known direction isolated as that direction. */
const ISOLATE_OF = { ltr: '\u2066', rtl: '\u2067' } as const;

/**
 * The label `key` for a page in `lang`. Missing in `lang`: the `fallback` language's text as an isolate of
 * its own direction, or, without a fallback, an error naming the key, the language and the files.
 */
export function labelText(set: LabelSet, key: string, lang: string, fallback?: string): string {
  const value = lookupLabel(set.labels, key, lang);
  if (value !== undefined) return value;
  if (!Object.prototype.hasOwnProperty.call(set.labels, key)) throw new Error(`unknown label "${key}" (not in ${filesNamed(set)})`);
  const other = fallback === undefined ? undefined : lookupLabel(set.labels, key, fallback);
  if (other === undefined) {
    throw new Error(
      `label "${key}" has no "${lang}" text${fallback === undefined ? '' : ` nor a "${fallback}" one`} in ${filesNamed(set)}` +
        (fallback === undefined ? ' (add it, or ask for a fallback language with --label-fallback)' : ''),
    );
  }
  if (other === '') return '';
  return ISOLATE_OF[textDirection(fallback!)] + balanceIsolates(other) + PDI;
}

/** The list patterns the labels give for `lang` (`listAnd`, `listOr`, …; see format.ts), or undefined: ICU's then. */
export function listWords(labels: Labels, lang: string): ListWords | undefined {
  const word = (key: string) => lookupLabel(labels, key, lang);
  const and = word('listAnd');
  const or = word('listOr');
  if (and === undefined && or === undefined) return undefined;
  return { separator: word('comma') ?? ', ', and, andPair: word('listAndPair'), or, orPair: word('listOrPair') };
}

/** Month names and date pattern the labels give for `lang` (for a language ICU has no dates for). */
export function dateWords(labels: Labels, lang: string): DateWords {
  const months = lookupLabel(labels, 'months', lang);
  const pattern = lookupLabel(labels, 'datePattern', lang);
  return { ...(months !== undefined ? { months: months.split('|').map((m) => m.trim()) } : {}), ...(pattern !== undefined ? { pattern } : {}) };
}
