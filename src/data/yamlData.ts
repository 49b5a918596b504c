/**
 * A data file's text → plain data, within limits: the YAML document (JSON is YAML) read with its positions, every
 * value's line and column recorded, hostile input stopped early (size, alias bombs, deep nesting, prototype
 * pollution, control characters). load.ts validates what comes out; entries.ts reads a file entry by entry with it.
 */
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
import { BriefingError, type Problem } from '../errors.js';
import { formatPath, type FieldPath, type SourceLocation } from './path.js';

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

function tooMuchTextMessage(): string {
  return `more than ${MAX_TEXT_CHARS} characters of text in all (aliases expanded): far more than one page can show`;
}

/** The lexer's markers (start of a document or a scalar, end of a bad flow), which are not in the text. */
const LEXER_MARKERS = new Set(['\x02', '\x18', '\x1f']);

/**
 * Nesting and size checked while the file is read, before a document is built: yaml's lexer streams tokens, so
 * a million `[` (or `- - - …` on one line) stop at the 65th, and a million values at the limit, instead of
 * after building them all (seconds and a gigabyte). Flow brackets nest exactly; compact block indicators on one
 * line (`- - -`) are each a level; indented block nesting needs one more space per level, so a file within the
 * size limit cannot nest deeper than the document check below can afford. Returns the problem, if any.
 */
class StreamLimits {
  private flow = 0;
  private compact = 0;
  /** Scalars met in the text so far. */
  values = 0;
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
function parseWithinLimits(
  source: string,
  file: string,
  lineCounter: LineCounter,
  options: DocumentOptions & ParseOptions & SchemaOptions,
): { doc: Document.Parsed; values: number } {
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
  return { doc: doc!, values: limits.values };
}

function tooDeepMessage(): string {
  return `nesting is deeper than ${MAX_DEPTH} levels`;
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
  /** Maps, lists and scalars converted so far (aliases expanded). */
  nodes = 0;
  /** Characters of text (values and field names, aliases expanded). */
  chars = 0;
  /** Whether an anchor or an alias was met. */
  anchored = false;

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

    if (isAlias(node)) {
      this.anchored = true;
      return this.expandAlias(node, path, depth);
    }
    if (isNode(node) && node.anchor) {
      this.anchored = true;
      if (this.expanding.size === 0) this.anchors.set(node.anchor, node);
    }

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

/** What reading a document's text gave: the plain data, where each value is, and what it held. */
export interface YamlData {
  data: unknown;
  /** Formatted field path (`` for the root) → where its value is. */
  locations: Map<string, SourceLocation>;
  /** Formatted field path → where its key is (an unknown field is reported at its name). */
  keyLocations: Map<string, SourceLocation>;
  /** What is wrong with the values (a control character, a duplicate field…); the data is still given. */
  problems: Problem[];
  /** Whether the document has an anchor or an alias (a value that can stand for another part of the file). */
  anchored: boolean;
  /** What the limits count: maps, lists and scalars (aliases expanded), characters of text, scalars in the text. */
  size: { nodes: number; chars: number; values: number };
}

const PARSE_OPTIONS: DocumentOptions & ParseOptions & SchemaOptions = {
  prettyErrors: false,
  version: '1.2',
  schema: 'core', // keeps 2025-02-04 a string (no timestamps), unlike the yaml-1.1 schema
  uniqueKeys: true,
  strict: true,
};

/**
 * Reads a document's text (a BOM already dropped). Throws `BriefingError`: `syntax` when it is not YAML, `contract`
 * when it passes a limit or is empty. `file` is only used in messages.
 */
export function readYamlData(source: string, file: string): YamlData {
  const lineCounter = new LineCounter();
  const { doc, values } = parseWithinLimits(source, file, lineCounter, PARSE_OPTIONS);
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
  return {
    data,
    locations: converter.locations,
    keyLocations: converter.keyLocations,
    problems: converter.problems,
    anchored: converter.anchored,
    size: { nodes: converter.nodes, chars: converter.chars, values },
  };
}
