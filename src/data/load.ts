/**
 * Loading a data file: bytes → text → YAML/JSON document (with positions) → plain data → validated data.
 *
 * Every failure is a `BriefingError`: `syntax` when the file is not readable YAML/JSON/UTF-8, `contract` when the
 * data breaks the contract or a limit (all problems of the file at once, each with its field path and
 * line:column), `io` when the file cannot be read. The loader is hardened against hostile files: size limits,
 * alias bombs, deep nesting, prototype pollution, control characters.
 */
import { createHash } from 'node:crypto';
import {
  CST,
  Composer,
  Lexer,
  LineCounter,
  Parser,
  YAMLParseError,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Alias,
  type Document,
  type DocumentOptions,
  type Node as YamlNode,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';
import type { z } from 'zod';
import { BriefingError, type Problem } from '../errors.js';
import { readRegularFileAsync, sizeInWords } from '../inputFiles.js';
import { jsonSyntaxError } from '../strictJson.js';
import { ourWording } from '../zodWording.js';
import type { LoadedBriefing } from './types.js';
import { formatPath, locate, type FieldPath, type SourceLocation } from './path.js';
import { ISO_DATE_OR_MONTH_PATTERN, briefingSchema, fieldsAt } from './schema.js';

/**
 * Largest data file accepted, in bytes (2 MiB). A one-page briefing is a few KiB; every limit here keeps a run of
 * any file within them to seconds and well under a gigabyte (see scripts/growth.ts).
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/**
 * Most characters of text one file may hold in all its strings, aliases expanded (256 Ki): some thirty pages'
 * worth, far more than one page can show, so the work of finding out stays small.
 */
export const MAX_TEXT_CHARS = 256 * 1024;
/** Deepest nesting of maps/lists accepted; the root map is level 1 (the contract itself needs 5). */
export const MAX_DEPTH = 64;
/** yaml's `maxAliasCount`: bound on alias expansion, which defeats "billion laughs" alias bombs. */
export const MAX_ALIAS_COUNT = 100;
/** Most maps, lists and scalars one file may hold or expand to (aliases included); a second line against bombs. */
export const MAX_NODES = 200_000;

/**
 * Most combining marks in a row: Unicode's Stream-Safe Text Format (UAX #15 §13) allows 30 non-starters; no
 * writing system needs more, and 10,000 marks on one letter would be drawn up through the page.
 */
export const MAX_COMBINING_MARKS = 30;
const TOO_MANY_MARKS = new RegExp(`\\p{M}{${MAX_COMBINING_MARKS + 1}}`, 'u');
/** A UTF-16 surrogate not part of a pair: no character at all (YAML and JSON escapes can write one). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** Noncharacters (U+FDD0–U+FDEF and the last two code points of every plane): for internal use, never interchanged. */
const NONCHARACTER = /[\uFDD0-\uFDEF\uFFFE\uFFFF\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/u;

/** Controls that are an error in any text: C0 except tab, line feed, carriage return; DEL; C1. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Any of the four above (`checkString`). */
const SUSPICIOUS_TEXT = new RegExp([CONTROL_CHARACTER, LONE_SURROGATE, NONCHARACTER, TOO_MANY_MARKS].map((pattern) => pattern.source).join('|'), 'u');

/** Stops conversion at the first limit hit (depth, alias bomb, node budget): only that problem is reported. */
class LimitExceeded extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/** How a data file is read: a regular file of at most 20 MB; a missing or unreadable one is the user's to fix (exit 2). */
export const DATA_FILE_RULES = { what: 'the data file', code: 'usage', maxBytes: MAX_FILE_BYTES } as const;

/**
 * Reads, decodes (strict UTF-8, BOM stripped) and parses a data file; see `parseBriefingSource`. The file must be
 * a regular file (checked before it is opened: a FIFO would block) of at most `MAX_FILE_BYTES`; a missing,
 * unreadable or directory input is the user's to fix (`usage`, exit 2).
 */
export async function loadBriefing(path: string): Promise<LoadedBriefing> {
  const bytes = await readRegularFileAsync(path, DATA_FILE_RULES);
  // The file's own bytes (a byte order mark included), which the PDF carries and `briefing extract` gives back.
  return { ...parseBriefingSource(decodeUtf8(bytes, path), path), source: bytes };
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
 * used in messages. Throws `BriefingError` (`syntax` or `contract`).
 */
export function parseBriefingSource(text: string, file: string): LoadedBriefing {
  if (text.length > MAX_FILE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) {
    throw tooLarge(Buffer.byteLength(text, 'utf8'), file);
  }
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (/\.json$/i.test(file)) {
    // YAML reads JSON too, but also what JSON refuses (trailing commas, comments, unquoted words): a .json file
    // must be JSON. The YAML parser still reads it afterwards, for the positions of its values.
    const error = jsonSyntaxError(source);
    if (error) throw new BriefingError('syntax', [{ message: error.message, line: error.line, column: error.column }], { file });
  }
  const lineCounter = new LineCounter();
  const doc = parseWithinLimits(source, file, lineCounter, {
    prettyErrors: false,
    version: '1.2',
    schema: 'core', // keeps 2025-02-04 a string (no timestamps), unlike the yaml-1.1 schema
    uniqueKeys: true,
    strict: true,
  });
  const where = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  if (doc.errors.length > 0) {
    const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
    if (exhausted) {
      throw new BriefingError('contract', [{ message: tooDeepMessage(), ...where(exhausted.pos[0]) }], { file });
    }
    const problems = doc.errors.slice(0, 20).map((e) => ({ message: e.message, ...where(e.pos[0]) }));
    throw new BriefingError('syntax', problems, { file });
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    throw new BriefingError('contract', [{ message: 'the file is empty: expected a map with lang, title, date and visit', line: 1, column: 1 }], {
      file,
    });
  }

  const converter = new Converter(doc, where);
  let data: unknown;
  try {
    data = converter.convert(doc.contents, [], 1);
  } catch (error) {
    if (error instanceof LimitExceeded) throw new BriefingError('contract', [error.problem], { file });
    throw error;
  }
  const { locations } = converter;
  const problems = [...converter.problems];
  let hint: string | undefined;

  const result = briefingSchema.safeParse(data, { reportInput: true, error: ourWording });
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(...issueProblems(issue, [], data, converter));
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
  return {
    file,
    raw,
    lang: raw.lang,
    fingerprint: fingerprintOf(raw),
    locations,
    source: new TextEncoder().encode(text),
  };
}

function tooMuchTextMessage(): string {
  return `more than ${MAX_TEXT_CHARS} characters of text in all (aliases expanded): far more than one page can show`;
}

/**
 * Nesting and size checked while the file is read, before a document is built: yaml's lexer streams tokens, so
 * a million `[` (or `- - - …` on one line) stop at the 65th, and a million values at the limit, instead of
 * after building them all (seconds and a gigabyte). Flow brackets nest exactly; compact block indicators on one
 * line (`- - -`) are each a level; indented block nesting needs one more space per level, so a file within the
 * size limit cannot nest deeper than the document check below can afford. Returns the problem, if any.
 */
const LEXER_MARKERS = new Set(['\x02', '\x18', '\x1f']);

class StreamLimits {
  private flow = 0;
  private compact = 0;
  private values = 0;
  private offset = 0;

  constructor(private readonly where: (offset: number) => SourceLocation) {}

  /** Counts one lexer token; the problem, when it passes a limit. */
  check(token: string): Problem | undefined {
    switch (CST.tokenType(token)) {
      case 'flow-seq-start':
      case 'flow-map-start':
        this.flow++;
        break;
      case 'flow-seq-end':
      case 'flow-map-end':
        this.flow = Math.max(0, this.flow - 1);
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
        this.compact++;
        break;
      case 'newline':
        this.compact = 0;
        break;
      case 'scalar': // the lexer's marker before a plain or block scalar
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        this.values++;
        break;
      default:
        break;
    }
    // The root map is level 1; a flow collection or compact item inside it is one more.
    if (this.flow + this.compact + 1 > MAX_DEPTH) return { message: tooDeepMessage(), ...this.where(this.offset) };
    if (this.values > MAX_NODES) return { message: `the file holds more than ${MAX_NODES} values`, ...this.where(this.offset) };
    // The lexer's markers (start of a document or a scalar, end of a bad flow) are not in the text.
    if (!LEXER_MARKERS.has(token)) this.offset += token.length;
    return undefined;
  }
}

/**
 * yaml's `parseDocument`, the text lexed once: each lexer token is checked against the limits before the parser
 * sees it (the first problem is thrown as a contract error). Several documents in the file are an error, as
 * `parseDocument` makes them.
 */
function parseWithinLimits(source: string, file: string, lineCounter: LineCounter, options: DocumentOptions & ParseOptions & SchemaOptions): Document.Parsed {
  const limits = new StreamLimits((offset) => {
    // The lexer's offsets, as the parser goes: counted here, the LineCounter may be behind.
    const before = source.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
  });
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0); // what Parser#parse does first
  function* tokens(): Generator<CST.Token> {
    for (const lexeme of new Lexer().lex(source)) {
      const limit = limits.check(lexeme);
      if (limit) throw new BriefingError('contract', [limit], { file });
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  }
  let doc: Document.Parsed | undefined;
  let several = false;
  // Read to the end even after a second document, so that a limit anywhere in the file is still the error.
  for (const next of new Composer(options).compose(tokens(), true, source.length)) {
    if (!doc) doc = next;
    else if (!several) {
      several = true;
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
    }
  }
  return doc!;
}

function tooDeepMessage(): string {
  return `nesting is deeper than ${MAX_DEPTH} levels`;
}

/** First 8 hex digits of the SHA-256 of the canonical JSON of `data`. */
export function fingerprintOf(data: unknown): string {
  return createHash('sha256').update(canonicalJson(data), 'utf8').digest('hex').slice(0, 8);
}

/**
 * JSON with object keys sorted (recursively, by UTF-16 code units) and no whitespace. `known` may answer for an
 * object with its text, written before (a cache of a large object that does not change).
 */
export function canonicalJson(value: unknown, known?: (value: object) => string | undefined): string {
  if (value !== null && typeof value === 'object') {
    const written = known?.(value);
    if (written !== undefined) return written;
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null, known)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key], known)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * YAML AST → plain data, recording the location of every value (and of every key, for unknown-field errors).
 * Maps become null-prototype objects whose keys are set with `defineProperty`, so a `__proto__` key is just a
 * (unknown) field. Enforces depth, string size and control-character rules, and expands aliases under
 * yaml's `maxAliasCount` check.
 */
class Converter {
  readonly locations = new Map<string, SourceLocation>();
  readonly keyLocations = new Map<string, SourceLocation>();
  readonly problems: Problem[] = [];
  private readonly anchors = new Map<string, YamlNode>();
  private readonly expanding = new Set<YamlNode>();
  private aliasesChecked = false;
  private nodes = 0;
  private chars = 0;

  constructor(
    private readonly doc: Document,
    private readonly where: (offset: number) => SourceLocation,
  ) {}

  private at(node: unknown): SourceLocation | undefined {
    const range = isNode(node) ? node.range : undefined;
    return range ? this.where(range[0]) : undefined;
  }

  convert(node: unknown, path: FieldPath, depth: number): unknown {
    if (++this.nodes > MAX_NODES) {
      throw new LimitExceeded({ message: `the file expands to more than ${MAX_NODES} values`, path: formatPath(path), ...this.at(node) });
    }
    const key = formatPath(path);
    const location = this.at(node);
    if (location && (this.expanding.size === 0 || !this.locations.has(key))) this.locations.set(key, location);

    if (isAlias(node)) return this.expandAlias(node, path, depth);
    if (isNode(node) && node.anchor && this.expanding.size === 0) this.anchors.set(node.anchor, node);

    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === 'string') {
        // Counted as it is expanded (aliases × their size), so a few aliases of a 5 MB string stop here, not later
        // in a fingerprint or a layout of hundreds of megabytes.
        this.countText(value, key, location);
        this.checkString(value, path, location);
      }
      return value;
    }
    if (isMap(node) || isSeq(node)) {
      // No path: it would be 65 segments long; the line:column says where.
      if (depth > MAX_DEPTH) throw new LimitExceeded({ message: tooDeepMessage(), ...location });
    }
    if (isSeq(node)) {
      return node.items.map((item, index) => {
        if (isPair(item)) {
          this.problems.push({ message: 'unsupported YAML construct (a key: value pair in a list)', path: formatPath([...path, index]), ...location });
          return null;
        }
        return this.convert(item, [...path, index], depth + 1);
      });
    }
    if (isMap(node)) {
      const out = Object.create(null) as Record<string, unknown>;
      for (const pair of node.items) {
        const name = this.keyOf(pair.key, path);
        if (name === undefined) continue;
        const childPath = [...path, name];
        const keyLocation = this.at(pair.key) ?? location;
        if (keyLocation) this.keyLocations.set(formatPath(childPath), keyLocation);
        if (Object.prototype.hasOwnProperty.call(out, name)) {
          this.problems.push({ message: 'duplicate field', path: formatPath(childPath), ...keyLocation });
          continue;
        }
        this.countText(name, key, keyLocation);
        this.checkString(name, childPath, keyLocation);
        // zod silently drops `__proto__` from records (translation maps); make it an error everywhere.
        if (name === '__proto__') this.problems.push({ message: 'unknown field "__proto__"', path: formatPath(childPath), ...keyLocation });
        const value = pair.value === null ? null : this.convert(pair.value, childPath, depth + 1);
        if (pair.value === null && keyLocation) this.locations.set(formatPath(childPath), keyLocation);
        Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    this.problems.push({ message: 'unsupported YAML construct', path: key, ...location });
    return null;
  }

  private keyOf(keyNode: unknown, path: FieldPath): string | undefined {
    const node = isAlias(keyNode) ? keyNode.resolve(this.doc) : keyNode;
    if (node === null || node === undefined) return 'null';
    if (isScalar(node)) {
      const value = node.value;
      return value instanceof Date ? value.toISOString() : String(value);
    }
    this.problems.push({ message: 'a field name must be plain text, not a list or map', path: formatPath(path), ...this.at(keyNode) });
    return undefined;
  }

  private expandAlias(alias: Alias, path: FieldPath, depth: number): unknown {
    const location = this.at(alias);
    if (!this.aliasesChecked) {
      this.aliasesChecked = true;
      try {
        // yaml's own guard against exponential expansion ("billion laughs").
        this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const message =
          error instanceof RangeError
            ? tooDeepMessage()
            : /alias count/i.test(reason)
              ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}): the file looks like an alias bomb`
              : `cannot resolve YAML aliases: ${reason}`;
        throw new LimitExceeded({ message, path: formatPath(path), ...location });
      }
    }
    const target = this.anchors.get(alias.source);
    if (!target) {
      this.problems.push({ message: `unknown alias *${alias.source}`, path: formatPath(path), ...location });
      return null;
    }
    if (this.expanding.has(target)) {
      throw new LimitExceeded({ message: `alias *${alias.source} refers to itself`, path: formatPath(path), ...location });
    }
    this.expanding.add(target);
    try {
      return this.convert(target, path, depth);
    } finally {
      this.expanding.delete(target);
    }
  }

  /** Adds a string (value or field name) to the text the file holds; stops at `MAX_TEXT_CHARS`. */
  private countText(value: string, path: string, location: SourceLocation | undefined): void {
    this.chars += value.length;
    if (this.chars > MAX_TEXT_CHARS) throw new LimitExceeded({ message: tooMuchTextMessage(), path, ...location });
  }

  private checkString(value: string, path: FieldPath, location: SourceLocation | undefined): void {
    // Almost every string has none of these: one scan says so.
    if (!SUSPICIOUS_TEXT.test(value)) return;
    const report = (message: string) => this.problems.push({ message, path: formatPath(path), ...location });
    const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');
    const control = CONTROL_CHARACTER.exec(value);
    if (control) report(`contains the control character U+${hex(control[0].charCodeAt(0))} at character ${control.index + 1}; remove it`);
    const surrogate = LONE_SURROGATE.exec(value);
    if (surrogate) report(`contains a lone surrogate U+${hex(surrogate[0].charCodeAt(0))} at character ${surrogate.index + 1}: half of a character, not text`);
    const nonCharacter = NONCHARACTER.exec(value);
    if (nonCharacter) report(`contains the noncharacter U+${hex(nonCharacter[0].codePointAt(0)!)} at character ${nonCharacter.index + 1}; remove it`);
    const marks = TOO_MANY_MARKS.exec(value);
    if (marks) {
      report(`more than ${MAX_COMBINING_MARKS} combining marks in a row at character ${marks.index + 1} (Unicode's Stream-Safe Text Format, UAX #15, allows ${MAX_COMBINING_MARKS})`);
    }
  }
}

type Issue = z.core.$ZodIssue;

/** One zod issue → problems with path and location (unions over text are unfolded, unknown keys split). */
function issueProblems(issue: Issue, base: FieldPath, data: unknown, converter: Converter): Problem[] {
  const path: FieldPath = [...base, ...(issue.path as (string | number)[])];
  const value = valueAt(data, path);
  const problem = (message: string, at: FieldPath = path, keyed = false): Problem => {
    const formatted = formatPath(at);
    const location = (keyed ? converter.keyLocations.get(formatted) : undefined) ?? locate(converter.locations, at);
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
        return mapBranch.flatMap((inner) => issueProblems(inner, path, data, converter));
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
