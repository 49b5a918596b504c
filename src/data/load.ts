/**
 * Loading a data file: bytes → text → YAML/JSON document (with positions) → plain data (yamlData.ts) → validated
 * data; or, for a renderer that read the file before, only its entries that changed (entries.ts).
 *
 * Every failure is a `BriefingError`: `syntax` when the file is not readable YAML/JSON/UTF-8, `contract` when the
 * data breaks the contract or a limit (all problems of the file at once, each with its field path and
 * line:column), `io` when the file cannot be read. The loader is hardened against hostile files: size limits,
 * alias bombs, deep nesting, prototype pollution, control characters.
 */
import type { z } from 'zod';
import { BriefingError, type Problem } from '../errors.js';
import { readRegularFileAsync, sizeInWords } from '../inputFiles.js';
import { jsonSyntaxError } from '../strictJson.js';
import { ourWording } from '../zodWording.js';
import { fingerprintOf } from './canonical.js';
import { readByEntries, type EntryMemo } from './entries.js';
import type { LoadedBriefing } from './types.js';
import { formatPath, locate, type FieldPath, type SourceLocation } from './path.js';
import { ISO_DATE_OR_MONTH_PATTERN, briefingSchema, fieldsAt } from './schema.js';
import { readYamlData, type YamlData } from './yamlData.js';

export { canonicalJson, fingerprintOf } from './canonical.js';
export { MAX_ALIAS_COUNT, MAX_COMBINING_MARKS, MAX_DEPTH, MAX_NODES, MAX_TEXT_CHARS } from './yamlData.js';

/**
 * Largest data file accepted, in bytes (2 MiB). A one-page briefing is a few KiB; every limit here keeps a run of
 * any file within them to seconds and well under a gigabyte (see scripts/growth.ts).
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** How a data file is read: a regular file of at most 20 MB; a missing or unreadable one is the user's to fix (exit 2). */
export const DATA_FILE_RULES = { what: 'the data file', code: 'usage', maxBytes: MAX_FILE_BYTES } as const;

/**
 * Reads, decodes (strict UTF-8, BOM stripped) and parses a data file; see `parseBriefingSource`. The file must be
 * a regular file (checked before it is opened: a FIFO would block) of at most `MAX_FILE_BYTES`; a missing,
 * unreadable or directory input is the user's to fix (`usage`, exit 2). `entries`: as `parseBriefingSource`'s.
 */
export async function loadBriefing(path: string, entries?: EntryMemo): Promise<LoadedBriefing> {
  const bytes = await readRegularFileAsync(path, DATA_FILE_RULES);
  // The file's own bytes (a byte order mark included), which the PDF carries and `briefing extract` gives back.
  return { ...parseBriefingSource(decodeUtf8(bytes, path), path, entries), source: bytes };
}

function tooLarge(size: number, file: string): BriefingError {
  return new BriefingError(
    'contract',
    [{ message: `the file is too large: ${size} bytes, the limit is ${sizeInWords(MAX_FILE_BYTES)}` }],
    { file },
  );
}

/** Strict UTF-8 decoding; a bad byte is reported with its byte offset and line:column. A BOM is dropped. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    const offset = firstInvalidUtf8Offset(bytes);
    let lineStart = 0;
    let line = 1;
    for (let i = 0; i < offset; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length + 1;
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new BriefingError(
      'syntax',
      [{ message: `not valid UTF-8: byte 0x${byte} at byte offset ${offset}`, line, column }],
      { file, hint: 'save the file as UTF-8', cause: error },
    );
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (`bytes.length` if none). */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f; // no UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c < lo || c > hi) return k === 1 ? i : i + k;
    }
    i += need + 1;
  }
  return bytes.length;
}

/**
 * Parses and validates the text of a data file (YAML, or JSON, which is YAML). Pure: no I/O. `file` is only
 * used in messages. Throws `BriefingError` (`syntax` or `contract`). With `entries` (a renderer's), the top-level
 * entries read before are found there instead of read again: the same result (entries.ts).
 */
export function parseBriefingSource(text: string, file: string, entries?: EntryMemo): LoadedBriefing {
  if (text.length > MAX_FILE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) {
    throw tooLarge(Buffer.byteLength(text, 'utf8'), file);
  }
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const jsonFile = /\.json$/i.test(file);
  if (jsonFile) {
    // YAML reads JSON too, but also what JSON refuses (trailing commas, comments, unquoted words): a .json file
    // must be JSON. The YAML parser still reads it afterwards, for the positions of its values.
    const error = jsonSyntaxError(source);
    if (error) throw new BriefingError('syntax', [{ message: error.message, line: error.line, column: error.column }], { file });
  }
  if (entries && !jsonFile) {
    // Each top-level entry read once and kept (entries.ts); when it cannot say, the whole file is read below,
    // which also words every problem.
    const read = readByEntries(source, file, entries);
    if (read && calendarProblems(read.raw, read.locations).length === 0) return loadedBriefing(file, text, read);
  }

  const yaml = readYamlData(source, file);
  const { data, locations } = yaml;
  const problems = [...yaml.problems];
  let hint: string | undefined;

  const result = briefingSchema.safeParse(data, { reportInput: true, error: ourWording });
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(...issueProblems(issue, [], data, yaml));
  }
  problems.push(...calendarProblems(data, locations));
  if (problems.some((p) => p.message.includes('YAML timestamp'))) {
    hint = 'YAML turns an unquoted tagged date into a timestamp; write dates in quotes: "2025-02-04"';
  }
  if (problems.length > 0 || !result.success) {
    if (problems.length === 0) problems.push({ message: 'the data does not follow the contract' });
    throw new BriefingError('contract', sortProblems(dedupe(problems)), { file, hint });
  }

  const { $schema: _ignored, ...raw } = result.data;
  return loadedBriefing(file, text, { raw, locations, fingerprint: fingerprintOf(raw) });
}

/** The loaded briefing of validated data (`$schema` left out); `source` is `text`'s bytes (loadBriefing gives the file's). */
function loadedBriefing(file: string, text: string, data: Pick<LoadedBriefing, 'raw' | 'locations' | 'fingerprint'>): LoadedBriefing {
  return { file, ...data, lang: data.raw.lang as string, source: new TextEncoder().encode(text) };
}

type Issue = z.core.$ZodIssue;

/** One zod issue → problems with path and location (unions over text are unfolded, unknown keys split). */
function issueProblems(issue: Issue, base: FieldPath, data: unknown, yaml: YamlData): Problem[] {
  const path: FieldPath = [...base, ...(issue.path as (string | number)[])];
  const value = valueAt(data, path);
  const problem = (message: string, at: FieldPath = path, keyed = false): Problem => {
    const formatted = formatPath(at);
    const location = (keyed ? yaml.keyLocations.get(formatted) : undefined) ?? locate(yaml.locations, at);
    return { message, path: formatted, ...location };
  };

  if (value === MISSING) return [problem('required')];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const suggestion = closest(key, fieldsAt(path));
        return problem(`unknown field ${JSON.stringify(key)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, [...path, key], true);
      });
    case 'invalid_union': {
      // A text map: report what is wrong inside it, not "not a string".
      const mapBranch = issue.errors[1];
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !ArrayBuffer.isView(value) && mapBranch) {
        return mapBranch.flatMap((inner) => issueProblems(inner, path, data, yaml));
      }
      return [problem(issue.message)];
    }
    case 'invalid_key': {
      const message = issue.issues[0]?.message ?? issue.message;
      return [problem(message, path, true)];
    }
    default:
      return [problem(issue.message)];
  }
}

const MISSING = Symbol('missing');

function valueAt(data: unknown, path: FieldPath): unknown {
  let value: unknown = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return MISSING;
    if (!Object.prototype.hasOwnProperty.call(value, segment)) return MISSING;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The known field closest to a misspelt one (edit distance ≤ 2, or same letters ignoring case). */
function closest(name: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.min(2, Math.max(1, Math.floor(name.length / 3))) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64 || b.length > 64) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why `value` (already shaped `YYYY-MM-DD` or `YYYY-MM`) is not a real calendar date, or undefined. */
export function calendarError(value: string): string | undefined {
  if (!ISO_DATE_OR_MONTH_PATTERN.test(value)) return undefined;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number | undefined];
  if (month < 1 || month > 12) return `${JSON.stringify(value)} is not a real date: there is no month ${String(month).padStart(2, '0')}`;
  if (day !== undefined && (day < 1 || day > daysInMonth(year, month))) {
    return `${JSON.stringify(value)} is not a real date: ${MONTHS[month - 1]} ${year} has ${daysInMonth(year, month)} days`;
  }
  return undefined;
}

/** Real calendar dates, and `visit.to` not before `visit.from`. Runs on the unvalidated data, defensively. */
function calendarProblems(data: unknown, locations: ReadonlyMap<string, SourceLocation>): Problem[] {
  const problems: Problem[] = [];
  const check = (path: FieldPath, dateOnly: boolean): string | undefined => {
    const value = valueAt(data, path);
    if (typeof value !== 'string') return undefined;
    if (dateOnly && value.length !== 10) return undefined; // shape errors come from the schema
    const error = calendarError(value);
    if (error) {
      problems.push({ message: error, path: formatPath(path), ...locate(locations, path) });
      return undefined;
    }
    return ISO_DATE_OR_MONTH_PATTERN.test(value) ? value : undefined;
  };
  check(['date'], true);
  const from = check(['visit', 'from'], true);
  const to = check(['visit', 'to'], true);
  check(['mission', 'established'], false);
  const programme = valueAt(data, ['visit', 'programme']);
  if (Array.isArray(programme)) {
    programme.forEach((_, k) => {
      const path = ['visit', 'programme', k, 'time'];
      const time = valueAt(data, path);
      const error = typeof time === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(time) ? calendarError(time.slice(0, 10)) : undefined;
      if (error) problems.push({ message: error, path: formatPath(path), ...locate(locations, path) });
    });
  }
  if (from && to && from.length === 10 && to.length === 10 && to < from) {
    const path = ['visit', 'to'];
    problems.push({ message: `${JSON.stringify(to)} is before visit.from ${JSON.stringify(from)}`, path: formatPath(path), ...locate(locations, path) });
  }
  return problems;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path ?? ''}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** By line, then column; problems without a location last. Stable. */
function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? Infinity) - (b.p.line ?? Infinity) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}
