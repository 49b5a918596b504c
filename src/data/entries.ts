/**
 * A data file read entry by entry. An edit changes one top-level entry of the file (the title, a quote of
 * `quotes`), yet reading the whole file again — YAML, the conversion, the contract, the fingerprint — was a fifth
 * of a render after a save. Here each top-level entry (a line that starts a field at column 0, up to the next such
 * line) is read and validated alone and kept by its text, so a load after an edit reads only the entries that
 * changed.
 *
 * A shortcut, never a second reading of the format: it gives exactly what reading the whole file gives, or nothing,
 * and then load.ts reads the whole file (which also words every problem). Nothing when the file is not a top-level
 * map of fields starting at column 0 (JSON's `{`, a directive, a document marker, a first line that is not a
 * field); when an entry has any problem, an anchor or an alias (which may stand for another entry), or more than
 * one field; when a field is there twice, is unknown, breaks the contract, or a required one is missing; when the
 * entries together could pass a limit of the whole file.
 *
 * Why a line that starts a field at column 0 ends the entry before it in the whole file too: inside a top-level
 * field, YAML needs every line of a block value, plain scalar or block scalar indented (YAML 1.2 §8.2, §7.3); a
 * quoted scalar or a flow collection that went on at column 0 would leave the entry before it unclosed, which read
 * alone is an error, so the file is read whole.
 */
import { z } from 'zod';
import { BriefingError } from '../errors.js';
import type { Memo } from '../renderCache.js';
import { canonicalJson, fingerprintOf } from './canonical.js';
import { deepFreeze } from '../freeze.js';
import type { SourceLocation } from './path.js';
import { briefingSchema } from './schema.js';
import { MAX_NODES, MAX_TEXT_CHARS, readYamlData } from './yamlData.js';

/** One top-level entry of a data file, read and validated alone; kept by its text. */
export interface DataEntry {
  /** The field it sets. */
  field: string;
  /** Its value as the contract gives it; frozen: the same object serves every load that finds the entry. */
  value: unknown;
  /** Where each value is, lines counted from the entry's first line. */
  locations: ReadonlyMap<string, SourceLocation>;
  /** What the whole file's limits count (yamlData.ts). */
  size: { nodes: number; chars: number; values: number };
}

/** What a renderer keeps of the data files it read (`RenderEngines`). */
export interface EntryMemo {
  /** Each entry read, by its text (null: it cannot be read alone). */
  entries: Memo<DataEntry | null>;
  /**
   * `canonicalJson` of each kept value (an object or list: deep-frozen, so the text stays true), by the value.
   * Only entries.ts puts values in: a value is one an entry keeps exactly when it is here.
   */
  canonical: WeakMap<object, string>;
}

/** What the entries give: the validated data (`$schema` left out), where its values are, its fingerprint. */
export interface EntriesRead {
  raw: Record<string, unknown>;
  locations: Map<string, SourceLocation>;
  fingerprint: string;
}

/** A line that starts a top-level field: `title:`, `visit:` (the contract's field names are plain words). */
const FIELD_LINE = /[A-Za-z_$][A-Za-z0-9_$-]*[ \t]*:(?:[ \t\r\n]|$)/y;
/** A line that makes the file more than one plain document: a directive, a document marker. */
const DOCUMENT_LINE = /%|---|\.\.\./y;
/** A blank or comment line, which may come before the first field. */
const HEAD_LINE = /[ \t]*(?:#[^\n]*)?\r?(?:\n|$)/y;

/** An entry's text and the line (1-based) it starts on in the file. */
export interface EntryText {
  text: string;
  line: number;
}

function matchesAt(pattern: RegExp, source: string, at: number): boolean {
  pattern.lastIndex = at;
  return pattern.test(source);
}

/**
 * The file's text cut before each line that starts a top-level field (comments and blank lines before the first
 * field go with it); undefined when the file is not made so, or has one entry only (nothing to gain).
 */
export function splitEntries(source: string): EntryText[] | undefined {
  const entries: EntryText[] = [];
  let start = -1;
  let startLine = 1;
  let line = 1;
  for (let at = 0; at < source.length; line++) {
    if (matchesAt(DOCUMENT_LINE, source, at)) return undefined;
    if (matchesAt(FIELD_LINE, source, at)) {
      if (start < 0) start = 0;
      else {
        entries.push({ text: source.slice(start, at), line: startLine });
        start = at;
        startLine = line;
      }
    } else if (start < 0 && !matchesAt(HEAD_LINE, source, at)) return undefined;
    const next = source.indexOf('\n', at);
    if (next < 0) break;
    at = next + 1;
  }
  if (start < 0) return undefined;
  entries.push({ text: source.slice(start), line: startLine });
  return entries.length > 1 ? entries : undefined;
}

/**
 * A field the data may leave out, nothing in its place: `.optional()` (a default would fill one in; the contract
 * has none, and a field of another kind makes the file read whole).
 */
function mayBeAbsent(schema: unknown): boolean {
  return schema instanceof z.ZodOptional;
}

const SHAPE = briefingSchema.shape as Record<string, (typeof briefingSchema.shape)[keyof typeof briefingSchema.shape]>;

/** One entry read and validated alone; null when it cannot stand for itself (see the file's comment). */
function readEntry(text: string, file: string, canonical: WeakMap<object, string>): DataEntry | null {
  let yaml;
  try {
    yaml = readYamlData(text, file);
  } catch (error) {
    if (error instanceof BriefingError) return null;
    throw error;
  }
  if (yaml.problems.length > 0 || yaml.anchored) return null;
  const data = yaml.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const fields = Object.keys(data);
  if (fields.length !== 1 || !Object.hasOwn(SHAPE, fields[0]!)) return null;
  const field = fields[0]!;
  // Issues are not worded here: a field that breaks the contract has the whole file read, which words them.
  const result = SHAPE[field]!.safeParse((data as Record<string, unknown>)[field]);
  if (!result.success) return null;
  const value = deepFreeze(result.data);
  if (value !== null && typeof value === 'object') canonical.set(value, canonicalJson(value));
  return { field, value, locations: yaml.locations, size: yaml.size };
}

/**
 * The data of `source` from its entries, each read once and then found in `memo` by its text; undefined when the
 * file must be read whole (see the file's comment).
 */
export function readByEntries(source: string, file: string, memo: EntryMemo): EntriesRead | undefined {
  const texts = splitEntries(source);
  if (!texts) return undefined;
  const found = new Map<string, { entry: DataEntry; line: number }>();
  let nodes = 0;
  let chars = 0;
  let values = 0;
  for (const { text, line } of texts) {
    const entry = memo.entries.get(text, () => readEntry(text, file, memo.canonical));
    if (!entry || found.has(entry.field)) return undefined;
    found.set(entry.field, { entry, line });
    nodes += entry.size.nodes;
    chars += entry.size.chars;
    values += entry.size.values;
  }
  // The sums of text and values are the whole file's; of nodes a little above it (each entry counts its own root
  // map), so a file near that limit is read whole.
  if (nodes > MAX_NODES || values > MAX_NODES || chars > MAX_TEXT_CHARS) return undefined;

  // The fields in the schema's order, as zod gives them.
  const raw: Record<string, unknown> = {};
  for (const field of Object.keys(SHAPE)) {
    const here = found.get(field);
    if (!here) {
      if (!mayBeAbsent(SHAPE[field]!)) return undefined;
      continue;
    }
    if (field === '$schema') continue;
    raw[field] = here.entry.value;
  }

  // In the file's order, as the whole file's conversion records them; the root's place is the first entry's.
  const locations = new Map<string, SourceLocation>();
  let first = true;
  for (const { entry, line } of found.values()) {
    for (const [path, at] of entry.locations) {
      if (path === '' && !first) continue;
      locations.set(path, line === 1 ? at : { line: at.line + line - 1, column: at.column });
    }
    first = false;
  }
  return { raw, locations, fingerprint: fingerprintOf(raw, (value) => memo.canonical.get(value)) };
}
