/**
 * Localization: every text field of a loaded briefing resolved to one language and sanitized.
 *
 * A text is a string (used as is, whatever the language) or a map from language tag to string. For a map the
 * value for the exact tag is used (tags compare case-insensitively), else the value for its primary subtag
 * (`ar-IQ` falls back to `ar`). Missing translations are all reported at once in one `contract` error.
 * Which fields are texts is read from the zod schema, so this stays in step with the contract.
 */
import { z } from 'zod';
import { BriefingError, type Problem } from '../errors.js';
import { deepFreeze } from '../freeze.js';
import { formatPath, locate, type FieldPath } from './path.js';
import { stripBidiControls } from '../text/controls.js';
import { sanitizeText } from './sanitize.js';
import { LANG_TAG_PATTERN, briefingSchema, calendarProblem } from './schema.js';
import type { Briefing, DigitStyle, LoadedBriefing } from './types.js';

/**
 * What a renderer keeps of localized fields: a top-level value kept from an earlier load (data/entries.ts: deep-
 * frozen, so the same object is the same text) resolved once per field and language.
 */
export interface LocalizeMemo {
  /** The values the data entries keep (their `canonical` map: a value is kept exactly when it is there). */
  kept: WeakMap<object, unknown>;
  /** Each kept value's resolved form, by field and language tag. */
  resolved: WeakMap<object, Map<string, unknown>>;
}

/**
 * Resolves every text of `loaded` to `lang` (default: the file's own `lang`) and fills the defaults
 * (`digits: latn`, `page: A4`, `calendar: [gregory]`; `calendar` given here, from `--calendar`, wins over the
 * file's). Optional texts that come out blank are left out.
 */
export function localizeBriefing(loaded: LoadedBriefing, lang?: string, calendar?: string | readonly string[], memo?: LocalizeMemo): Briefing {
  const target = lang ?? loaded.lang;
  if (!LANG_TAG_PATTERN.test(target) || !isValidTag(target)) {
    throw new BriefingError('usage', `not a language tag: ${JSON.stringify(target)} (expected e.g. ar, en, ar-IQ)`, {
      file: loaded.file,
    });
  }
  const problems: Problem[] = [];
  const resolved = resolve(briefingSchema, loaded.raw, [], { lang: target, loaded, problems, memo }) as Record<string, unknown>;
  if (problems.length > 0) {
    // In file order (the data's key order is the schema's, not the file's).
    problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
    throw new BriefingError('contract', problems, {
      file: loaded.file,
      hint: `add the missing translations, or choose a language every text has`,
    });
  }
  const { $schema: _ignored, ...data } = resolved;
  return {
    ...data,
    lang: target,
    digits: (loaded.raw.digits as DigitStyle | undefined) ?? 'latn',
    page: loaded.raw.page === 'Letter' ? 'Letter' : 'A4',
    calendar: calendarsOf(calendar ?? (loaded.raw.calendar as string | string[] | undefined)),
  } as unknown as Briefing;
}

/** Whether Intl takes the tag (the pattern admits shapes such as `ar-12` that BCP 47 does not). */
function isValidTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** `persian` → `['persian']`; the default is the Gregorian calendar. Checks names given by the caller (`--calendar`). */
export function calendarsOf(calendar: string | readonly string[] | undefined): string[] {
  const names = calendar === undefined ? ['gregory'] : typeof calendar === 'string' ? [calendar] : [...calendar];
  const problem = calendarProblem(names);
  if (problem !== undefined) {
    throw new BriefingError('usage', `calendar: ${problem}`, {
      hint: 'name one ICU calendar (gregory, islamic-umalqura, islamic-civil, persian, hebrew, …) or two separated by a comma, primary first',
    });
  }
  return names;
}

/** Picks the translation of a text for `lang`: exact tag, else primary subtag; `undefined` if none. */
export function pickTranslation(text: string | Record<string, string>, lang: string): string | undefined {
  if (typeof text === 'string') return text;
  const wanted = lang.toLowerCase();
  const primary = wanted.split('-')[0];
  const keys = Object.keys(text);
  const exact = keys.find((key) => key.toLowerCase() === wanted);
  if (exact !== undefined) return text[exact];
  const fallback = keys.find((key) => key.toLowerCase() === primary);
  return fallback === undefined ? undefined : text[fallback];
}

/**
 * The languages a file can be rendered in, as its author wrote them: its own `lang` first, then every tag
 * used in its translation maps, in the order first met (tags compared case-insensitively). A language some
 * texts lack is listed too; rendering it names the missing translations.
 */
export function translationLanguages(loaded: LoadedBriefing): string[] {
  const tags = new Map<string, string>();
  const add = (tag: string) => {
    if (LANG_TAG_PATTERN.test(tag) && !tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag);
  };
  add(loaded.lang);
  const visit = (schemaIn: unknown, value: unknown): void => {
    const schema = unwrap(schemaIn);
    if (value === undefined || value === null) return;
    if (schema instanceof z.ZodUnion) {
      if (typeof value === 'object') for (const tag of Object.keys(value)) add(tag);
    } else if (schema instanceof z.ZodArray && Array.isArray(value)) {
      for (const item of value) visit(schema.element, item);
    } else if (schema instanceof z.ZodObject && typeof value === 'object') {
      const shape = schema.shape as Record<string, unknown>;
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) visit(shape[key], item);
    }
  };
  visit(briefingSchema, loaded.raw);
  return [...tags.values()];
}

interface Context {
  lang: string;
  loaded: LoadedBriefing;
  problems: Problem[];
  memo?: LocalizeMemo;
}

/** A top-level field resolved, or found resolved when its value is a kept one that resolved without a problem before. */
function resolveField(schema: unknown, value: unknown, key: string, ctx: Context, required: boolean): unknown {
  const memo = ctx.memo;
  if (!memo || value === null || typeof value !== 'object' || !memo.kept.has(value)) return resolve(schema, value, [key], ctx, required);
  // By field too: the same value under another field (data a program made) is resolved by that field's rules.
  const as = `${key}\u0000${ctx.lang}`;
  let kept = memo.resolved.get(value);
  if (kept?.has(as)) return kept.get(as);
  const problems = ctx.problems.length;
  const result = resolve(schema, value, [key], ctx, required);
  // A problem names the field's line, which may move: only a clean result is kept (frozen: shared by renders).
  if (ctx.problems.length === problems) {
    if (!kept) memo.resolved.set(value, (kept = new Map()));
    kept.set(as, deepFreeze(result));
  }
  return result;
}

function unwrap(schema: unknown): unknown {
  return schema instanceof z.ZodOptional ? unwrap(schema.unwrap()) : schema;
}

function resolve(schemaIn: unknown, value: unknown, path: FieldPath, ctx: Context, required = true): unknown {
  const schema = unwrap(schemaIn);
  if (value === undefined || value === null) return value;
  // Text fields are the unions with a translation map (string | map); `calendar` (name | list) is not text.
  if (schema instanceof z.ZodUnion && schema.options.some((option) => option instanceof z.ZodRecord)) return resolveText(value as string | Record<string, string>, path, ctx, required);
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    return value.map((item, index) => resolve(schema.element, item, [...path, index], ctx));
  }
  if (schema instanceof z.ZodObject && typeof value === 'object') {
    const shape = schema.shape as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const fieldSchema = shape[key];
      const fieldRequired = !(fieldSchema instanceof z.ZodOptional);
      const result = path.length === 0 ? resolveField(fieldSchema, item, key, ctx, fieldRequired) : resolve(fieldSchema, item, [...path, key], ctx, fieldRequired);
      if (result !== undefined) out[key] = result;
    }
    return out;
  }
  // Plain strings reach the page and the PDF too (mission.acronym, source.url): cleaned like texts, so
  // "\u202eOTAN" cannot show as «NATO». A URL keeps no bidi control at all: it is read character by character.
  if (typeof value === 'string') return path.at(-1) === 'url' ? stripBidiControls(value) : sanitizeText(value);
  return value;
}

function resolveText(text: string | Record<string, string>, path: FieldPath, ctx: Context, required: boolean): string | undefined {
  const picked = pickTranslation(text, ctx.lang);
  const where = () => ({ path: formatPath(path), ...locate(ctx.loaded.locations, path) });
  if (picked === undefined) {
    const have = Object.keys(text).join(', ');
    const primary = ctx.lang.split('-')[0]!;
    const wanted = primary.toLowerCase() === ctx.lang.toLowerCase() ? `"${ctx.lang}"` : `"${ctx.lang}" or "${primary}"`;
    ctx.problems.push({ message: `no ${wanted} translation (have: ${have})`, ...where() });
    return undefined;
  }
  const clean = sanitizeText(picked);
  if (clean.replace(/[\s\u200E\u200F\u061C\u2066-\u2069]/g, '') === '') {
    if (required) ctx.problems.push({ message: 'empty', ...where() });
    return undefined;
  }
  return clean;
}
