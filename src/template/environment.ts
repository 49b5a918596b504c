/**
 * The Handlebars environment templates run in: an isolated instance (`Handlebars.create()`, the global instance is never
 * touched), the project's helpers, and errors mapped to `BriefingError('template')` with the template file and the
 * 1-based line:column of the problem.
 *
 * Escaping. Templates produce XML-like markup; `{{x}}` HTML-escapes (`&`, `<`, `>`, `"`, `'`, `` ` ``, `=` become
 * entities), which is right for XML text and attributes, so a field can never inject markup. Everything that could
 * insert data unescaped is refused with a template error naming the line:
 *  - `{{{x}}}` and `{{& x}}` (checked on the parsed template, partials included);
 *  - calling a non-block helper as a block (`{{#list …}}…{{/list}}`): Handlebars inserts a block helper's result
 *    unescaped, so every helper below except `paragraphs` refuses `{{#…}}`;
 *  - the built-in `lookup` helper is removed (as a block, `{{#lookup obj "key"}}`, it would insert raw data).
 * No helper produces markup, so every helper returns a plain string and Handlebars escapes it where it is output
 * (`{{date visit.from}}`); used as a sub-expression (`(list visit.topics)`) the value stays plain data.
 *
 * Strict mode and optional fields. We compile with `{strict: true}`. What Handlebars 4.7 does with it:
 *  - `{{visit.ctiy}}` (a path output directly, or a `{{#visit.ctiy}}` block) throws `"ctiy" not defined` with the
 *    location; a field that is present with the value `null` renders as ''.
 *  - a path used as a helper argument — `{{#if visit.ctiy}}`, `{{#each …}}`, `{{date visit.form}}`, hash values — is
 *    NOT checked: a misspelling is silently `undefined`, and `{{#if mission.name}}` with `mission` absent crashes with a
 *    TypeError that has no location.
 * So we do two things:
 *  1. the view (view.ts) holds every optional field of the contract, as `null` when absent, and
 *  2. the instance's JavaScriptCompiler is subclassed (the documented extension point) so that every path lookup is
 *     strict, helper arguments included.
 * Result: a misspelled field is an error wherever it is written, and `{{#if visit.city}}…{{/if}}`,
 * `{{#each visit.meetings}}`, `{{#with mission}}` test optional fields. Reading through an absent object
 * (`{{#if mission.name}}` when `mission` is null) is an error too: test the object first (`{{#if mission}}`,
 * `{{#with mission}}`).
 *
 * Helpers (formatting follows the environment's `lang` and `digits`):
 *  `{{date d}}`, `{{dateRange from to}}`, `{{yearMonth ym}}`, `{{number n}}`, `{{digits s}}`,
 *  `{{list items [type="conjunction"|"disjunction"|"unit"]}}`, `{{names people [type=…]}}` (the `name` of each),
 *  `{{label "key"}}`, `{{#paragraphs text}}…{{this}}…{{else}}…{{/paragraphs}}` (also `as |paragraph index|`),
 *  `(eq a b)`, `(and a b …)`, `(or a b …)`, `(not a)`.
 * Date and text helpers given `null`/absent values output ''. `eq` compares the text inside bidi isolates, so
 * `(eq mission.acronym "UNAMI")` works although the view wraps the acronym. Truthiness is Handlebars': `false`,
 * `null`, `undefined`, `''`, `0` and `[]` are false.
 */

import Handlebars from 'handlebars';
import { BriefingError, type Problem } from '../errors.js';
import { DIGIT_STYLES, type DigitStyle } from '../language/locale.js';
import {
  formatDate,
  formatDateRange,
  formatList,
  formatNumber,
  formatYearMonth,
  formattingLocale,
  toDigits,
  type DateOptions,
  type IntlFormat,
  type ListType,
} from './format.js';
import { noMemo, type Memo } from '../renderCache.js';
import { unisolate } from './isolate.js';
import { dateWords, labelText, listWords, type LabelSet } from './labels.js';
import { precompiledTemplate } from './precompiled.js';
import { splitParagraphs, type TemplateView } from './view.js';

export interface TemplateEnvironmentOptions {
  /** The briefing's language (BCP 47); dates, numbers, lists and labels follow it. */
  lang: string;
  digits: DigitStyle;
  /** UI labels (`loadLabelSet(templateFile)`: the built-in ones and the template's own). */
  labels: LabelSet;
  /** ICU calendars of the dates: one, or two for dual dates (primary first). Default `['gregory']`. */
  calendar?: readonly string[];
  /** Language whose labels stand in for those missing in `lang`; without it a missing label is an error. */
  labelFallback?: string;
  /**
   * Kept between renders (the renderer's cache, renderCache.ts): compiled templates by file and source, ICU
   * formatters, the dates written. Absent: a template is compiled at each render, a formatter made and a date
   * written at each call.
   */
  memo?: TemplateMemo;
}

/** What an environment keeps between renders. `compiled` must be this environment's own (or keyed apart). */
export interface TemplateMemo {
  compiled: Memo<CompiledTemplate>;
  formats: Memo<IntlFormat>;
  /**
   * The dates the helpers wrote, by helper and value: a date is the same text in the same environment (its
   * language, digits, calendars and labels), and ICU takes tens of µs to write one. Must be this environment's
   * own (or keyed apart), as `compiled`.
   */
  dates?: Memo<string>;
}

export interface TemplateEnvironment {
  /** Registers a partial (`{{> name}}`); `file` names it in errors (default `<partial name>`). Checked immediately. */
  registerPartial(name: string, source: string, file?: string): void;
  /** Renders a template. Throws BriefingError `template` with `file` and the problem's line:column. */
  render(source: string, file: string, view: TemplateView): string;
}

/** The compile options of every template and partial. */
export const COMPILE_OPTIONS = {
  strict: true,
  noEscape: false,
  // `lookup` is removed from the instance; without this the compiler would still call it as a built-in.
  knownHelpers: { lookup: false },
};

type HandlebarsInstance = typeof Handlebars;

interface Position {
  line: number;
  column: number;
}
interface Loc {
  start: Position;
  end: Position;
}

type HelperOptions = Handlebars.HelperOptions & {
  loc?: Loc;
  name?: string;
  data?: Record<string, unknown>;
};

/** An error raised by a helper; carries the location Handlebars gives helpers (`options.loc`). */
class HelperError extends Error {
  constructor(
    message: string,
    readonly loc: Loc | undefined,
  ) {
    super(message);
    this.name = 'HelperError';
  }
}

/** A template error before the file is known (raised while checking the parsed template). */
class LocatedError extends Error {
  constructor(
    message: string,
    readonly loc: Loc | undefined,
  ) {
    super(message);
    this.name = 'LocatedError';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Strict lookups for every path (see the header).

interface JavaScriptCompilerInternals {
  lookupOnContext(parts: string[], falsy: boolean, strict: boolean, scoped: boolean): void;
  lookupData(depth: number, parts: string[], strict: boolean): void;
  lookupBlockParam(blockParamId: [number, number], parts: string[]): void;
  resolvePath(type: string, parts: string[], startPartIndex: number, falsy?: boolean, strict?: boolean): void;
  push(expr: unknown): void;
  useBlockParams: boolean;
}
type JavaScriptCompilerClass = new () => JavaScriptCompilerInternals;

function installStrictPaths(hb: HandlebarsInstance): void {
  const internals = hb as unknown as { JavaScriptCompiler: JavaScriptCompilerClass };
  const Base = internals.JavaScriptCompiler;
  class StrictPathsCompiler extends Base {
    override lookupOnContext(parts: string[], falsy: boolean, _strict: boolean, scoped: boolean): void {
      super.lookupOnContext(parts, falsy, true, scoped);
    }

    override lookupData(depth: number, parts: string[], _strict: boolean): void {
      super.lookupData(depth, parts, true);
    }

    // Same as Handlebars 4.7's, with the last part checked (`{{#each xs as |x|}}{{x.nmae}}`).
    override lookupBlockParam(blockParamId: [number, number], parts: string[]): void {
      this.useBlockParams = true;
      this.push(['blockParams[', blockParamId[0], '][', blockParamId[1], ']']);
      this.resolvePath('context', parts, 1, false, parts.length > 1);
    }
  }
  // Child programs (block bodies) are compiled with `new this.compiler()`.
  (StrictPathsCompiler.prototype as unknown as { compiler: unknown }).compiler = StrictPathsCompiler;
  internals.JavaScriptCompiler = StrictPathsCompiler;
}

// ---------------------------------------------------------------------------------------------------------------
// Checks on the parsed template.

interface AstNode {
  type: string;
  loc?: Loc;
  [key: string]: unknown;
}

function walk(node: unknown, visit: (node: AstNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as AstNode;
  if (typeof n.type === 'string') visit(n);
  for (const [key, value] of Object.entries(n)) {
    if (key !== 'loc' && value !== null && typeof value === 'object') walk(value, visit);
  }
}

interface PartialRef {
  name: string;
  loc: Loc | undefined;
}

/** Refuses unescaped output; returns the partials the template uses and the inline partials it defines. */
function checkTemplate(ast: unknown): { partialRefs: PartialRef[]; inlinePartials: Set<string> } {
  const partialRefs: PartialRef[] = [];
  const inlinePartials = new Set<string>();
  walk(ast, (node) => {
    if (node.type === 'MustacheStatement' && node.escaped === false) {
      const path = node.path as AstNode & { original?: unknown };
      const name = typeof path.original === 'string' ? path.original : 'x';
      throw new LocatedError(
        `{{{${name}}}} / {{& ${name}}} would insert data without escaping and is not allowed in templates; write {{${name}}}`,
        node.loc,
      );
    }
    if (node.type === 'DecoratorBlock') {
      const path = node.path as AstNode & { original?: unknown };
      const first = (node.params as AstNode[] | undefined)?.[0] as (AstNode & { value?: unknown }) | undefined;
      if (path.original === 'inline' && first?.type === 'StringLiteral' && typeof first.value === 'string') inlinePartials.add(first.value);
    }
    if (node.type === 'PartialStatement') {
      const name = node.name as AstNode & { original?: unknown; value?: unknown };
      const value = name.type === 'PathExpression' ? name.original : name.type === 'StringLiteral' ? name.value : undefined;
      if (typeof value === 'string' && value !== '@partial-block') partialRefs.push({ name: value, loc: name.loc ?? node.loc });
    }
  });
  return { partialRefs, inlinePartials };
}

// ---------------------------------------------------------------------------------------------------------------
// Errors.

function problemAt(message: string, loc: Loc | undefined): Problem {
  return loc ? { message, line: loc.start.line, column: loc.start.column + 1 } : { message };
}

/** The source text between two 0-based-column positions (lines 1-based). */
function sourceSpan(source: string, start: Position, end: Position): string {
  const lines = source.split(/\r\n|\r|\n/);
  if (start.line === end.line) return (lines[start.line - 1] ?? '').slice(start.column, end.column);
  return (lines[start.line - 1] ?? '').slice(start.column);
}

interface HandlebarsExceptionLike extends Error {
  lineNumber?: number;
  column?: number;
  endLineNumber?: number;
  endColumn?: number;
}

function toTemplateError(error: unknown, source: string, file: string, hb: HandlebarsInstance): BriefingError {
  if (error instanceof BriefingError) return error;
  if (error instanceof HelperError || error instanceof LocatedError) {
    return new BriefingError('template', [problemAt(error.message, error.loc)], { file, cause: error });
  }
  if (error instanceof RangeError) {
    // "Maximum call stack size exceeded", "Invalid string length": a template that never ends, or whose output
    // outgrows memory. Said in our words; Handlebars knows no line for it.
    const message = /string length/i.test(error.message)
      ? 'the template produces more text than can be held (a loop inside a loop over a long list?)'
      : 'the template calls itself without end (recursion in helpers or partials)';
    return new BriefingError('template', [{ message }], { file, cause: error });
  }
  const e: HandlebarsExceptionLike = error instanceof Error ? error : new Error(String(error));
  const parse = /^(Parse|Lexical) error on line (\d+)/.exec(e.message);
  if (parse) {
    const line = Number(parse[2]);
    const lastLine = e.message.split('\n').pop() ?? '';
    const message =
      parse[1] === 'Lexical'
        ? 'Handlebars syntax error: unrecognized text'
        : `Handlebars syntax error: ${lastLine.replace(/^Expecting /, 'expected ')}`;
    const problem: Problem = { message, line };
    const lexer = (hb as unknown as { Parser?: { lexer?: { yylloc?: { first_line?: number; first_column?: number } } } }).Parser?.lexer;
    const yylloc = lexer?.yylloc;
    if (yylloc && yylloc.first_line === line && typeof yylloc.first_column === 'number') problem.column = yylloc.first_column + 1;
    return new BriefingError('template', [problem], { file, cause: error });
  }
  if (typeof e.lineNumber === 'number') {
    let message = e.message.replace(/ - \d+:\d+$/, '');
    const mismatch = /^(\S+) doesn't match (\S+)$/.exec(message);
    if (mismatch) message = `{{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}}`;
    const strict = /^"([^"]*)" not defined in ([\s\S]*)$/.exec(message);
    if (strict) {
      const name = strict[1]!;
      const start = { line: e.lineNumber, column: e.column ?? 0 };
      const end = { line: e.endLineNumber ?? e.lineNumber, column: e.endColumn ?? (e.column ?? 0) + name.length };
      const expression = sourceSpan(source, start, end) || name;
      message =
        strict[2] === 'null' || strict[2] === 'undefined'
          ? `cannot read "${name}" in "${expression}": the value before it is absent; test optional fields first ({{#if …}} or {{#with …}})`
          : `unknown field or helper "${expression}"`;
    }
    const problem: Problem = { message, line: e.lineNumber };
    if (typeof e.column === 'number') problem.column = e.column + 1;
    return new BriefingError('template', [problem], { file, cause: error });
  }
  return new BriefingError('template', [{ message: e.message }], { file, cause: error });
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers.

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

function plain(value: unknown): unknown {
  return typeof value === 'string' ? unisolate(value) : value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${unisolate(value)}"`;
  return typeof value === 'object' ? 'an object' : String(value);
}

/** A string parameter with any isolate removed; `null`/`undefined`/'' → undefined (an absent optional field). */
function optionalText(value: unknown, what: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') throw new Error(`expected ${what}, got ${describe(value)}`);
  const text = unisolate(value).trim();
  return text === '' ? undefined : text;
}

function listType(options: HelperOptions): ListType {
  const type: unknown = options.hash['type'] ?? 'conjunction';
  if (type !== 'conjunction' && type !== 'disjunction' && type !== 'unit') {
    throw new Error(`type must be "conjunction", "disjunction" or "unit", got ${describe(type)}`);
  }
  return type;
}

function textItems(value: unknown, what: string): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Array.isArray(value)) throw new Error(`expected a list of ${what}, got ${describe(value)}`);
  return value;
}

interface HelperSpec {
  /** Exact number of positional parameters, or [min, max]. */
  params: number | [number, number];
  /** Hash keys accepted. */
  hash?: string[];
  /** Whether it is a block helper (`{{#name}}`); other helpers refuse block use. */
  block?: boolean;
  run(params: unknown[], options: HelperOptions, context: unknown): unknown;
}

interface HelperContext {
  lang: string;
  digits: DigitStyle;
  labels: LabelSet;
  calendars: readonly string[];
  labelFallback: string | undefined;
  formats: Memo<IntlFormat> | undefined;
  dates: Memo<string>;
}

/**
 * A date in every calendar of the briefing: one, or the two of a dual date joined by the `dualDate` label
 * (`{0} الموافق {1}`), each then with its era (`هـ`, `م`). Kept in the environment's memo by `key` (the helper
 * and its value): everything else the text depends on is the environment's.
 */
function inCalendars(ctx: HelperContext, key: string, format: (options: DateOptions) => string): string {
  return ctx.dates.get(key, () => inEachCalendar(ctx, format));
}

function inEachCalendar(ctx: HelperContext, format: (options: DateOptions) => string): string {
  const words = dateWords(ctx.labels.labels, ctx.lang);
  const formats = ctx.formats ? { formats: ctx.formats } : {};
  if (ctx.calendars.length === 1) return format({ calendar: ctx.calendars[0]!, words, ...formats });
  const [primary, secondary] = ctx.calendars.map((calendar) => format({ calendar, era: true, words, ...formats }));
  const pattern = labelText(ctx.labels, 'dualDate', ctx.lang, ctx.labelFallback);
  return pattern.replace('{0}', () => primary!).replace('{1}', () => secondary!);
}

function createHelpers(hb: HandlebarsInstance, ctx: HelperContext): Record<string, HelperSpec> {
  const { lang, digits, labels } = ctx;
  /** A day (`YYYY-MM-DD`) in every calendar: `{{date}}`, a range with only its end, `{{time}}`'s day. */
  const day = (iso: string) => inCalendars(ctx, `date\u0000${iso}`, (options) => formatDate(iso, lang, digits, options));
  return {
    date: {
      params: 1,
      run: ([value]) => {
        const iso = optionalText(value, 'an ISO date YYYY-MM-DD');
        return iso === undefined ? '' : day(iso);
      },
    },
    dateRange: {
      params: [1, 2],
      run: ([from, to]) => {
        const start = optionalText(from, 'an ISO date YYYY-MM-DD');
        const end = optionalText(to, 'an ISO date YYYY-MM-DD');
        if (start === undefined) return end === undefined ? '' : day(end);
        return inCalendars(ctx, `dateRange\u0000${start}\u0000${end ?? ''}`, (options) => formatDateRange(start, end, lang, digits, options));
      },
    },
    yearMonth: {
      params: 1,
      run: ([value]) => {
        const ym = optionalText(value, 'a date YYYY-MM or YYYY-MM-DD');
        return ym === undefined ? '' : inCalendars(ctx, `yearMonth\u0000${ym}`, (options) => formatYearMonth(ym, lang, digits, options));
      },
    },
    time: {
      params: 1,
      run: ([value]) => {
        const time = optionalText(value, 'a time HH:MM or a date-time YYYY-MM-DDTHH:MM');
        if (time === undefined) return '';
        const m = /^(?:(\d{4}-\d{2}-\d{2})T)?(\d{2}:\d{2})$/.exec(time);
        if (!m) throw new Error(`expected a time HH:MM or a date-time YYYY-MM-DDTHH:MM, got ${describe(value)}`);
        const clock = toDigits(m[2]!, digits);
        if (!m[1]) return clock;
        return `${day(m[1])}${labelText(labels, 'comma', lang, ctx.labelFallback)}${clock}`;
      },
    },
    number: {
      params: 1,
      run: ([value]) => {
        if (value === null || value === undefined) return '';
        const n = typeof value === 'number' ? value : typeof value === 'string' && unisolate(value).trim() !== '' ? Number(unisolate(value).trim()) : NaN;
        if (!Number.isFinite(n)) throw new Error(`expected a number, got ${describe(value)}`);
        return formatNumber(n, lang, digits, ctx.formats);
      },
    },
    digits: {
      params: 1,
      run: ([value]) => {
        if (value === null || value === undefined) return '';
        if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`expected text or a number, got ${describe(value)}`);
        return toDigits(String(value), digits, lang);
      },
    },
    list: {
      params: 1,
      hash: ['type'],
      run: ([value], options) => {
        const items = textItems(value, 'texts');
        if (items === undefined) return '';
        const texts = items.map((item) => {
          if (typeof item !== 'string') throw new Error(`expected a list of texts, found ${describe(item)} in it (for people use {{names …}})`);
          return item;
        });
        return formatList(texts, listType(options), lang, listWords(labels.labels, lang), ctx.formats);
      },
    },
    names: {
      params: 1,
      hash: ['type'],
      run: ([value], options) => {
        const items = textItems(value, 'people');
        if (items === undefined) return '';
        const names = items.map((item) => {
          const name = item !== null && typeof item === 'object' ? (item as { name?: unknown }).name : undefined;
          if (typeof name !== 'string') throw new Error(`expected a list of people {name, role}, found ${describe(item)} in it`);
          return name;
        });
        return formatList(names, listType(options), lang, listWords(labels.labels, lang), ctx.formats);
      },
    },
    label: {
      params: 1,
      run: ([key]) => {
        if (typeof key !== 'string') throw new Error(`expected a label name in quotes, got ${describe(key)}`);
        return labelText(labels, key, lang, ctx.labelFallback);
      },
    },
    paragraphs: {
      params: 1,
      block: true,
      run: ([value], options, context) => {
        if (value !== null && value !== undefined && typeof value !== 'string') throw new Error(`expected a text, got ${describe(value)}`);
        const paragraphs = typeof value === 'string' ? splitParagraphs(value) : [];
        if (paragraphs.length === 0) return options.inverse(context);
        let out = '';
        paragraphs.forEach((paragraph, index) => {
          const data = options.data ? (hb.createFrame(options.data) as Record<string, unknown>) : {};
          data['index'] = index;
          data['first'] = index === 0;
          data['last'] = index === paragraphs.length - 1;
          out += options.fn(paragraph, { data, blockParams: [paragraph, index] });
        });
        return out;
      },
    },
    eq: {
      params: 2,
      run: ([a, b]) => plain(a) === plain(b),
    },
    and: {
      params: [1, Infinity],
      run: (params) => params.every(truthy),
    },
    or: {
      params: [1, Infinity],
      run: (params) => params.some(truthy),
    },
    not: {
      params: 1,
      run: ([value]) => !truthy(value),
    },
  };
}

function registerHelpers(hb: HandlebarsInstance, specs: Record<string, HelperSpec>): void {
  for (const [name, spec] of Object.entries(specs)) {
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args.pop() as HelperOptions;
      try {
        if (!spec.block && (options.fn !== undefined || options.inverse !== undefined)) {
          throw new Error(`{{${name}}} is not a block helper: write {{${name} …}}, not {{#${name} …}}`);
        }
        if (spec.block && options.fn === undefined) throw new Error(`{{${name}}} is a block helper: write {{#${name} …}}…{{/${name}}}`);
        const [min, max] = typeof spec.params === 'number' ? [spec.params, spec.params] : spec.params;
        if (args.length < min || args.length > max) {
          const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
          throw new Error(`takes ${expected} argument${min === 1 && max === 1 ? '' : 's'}, got ${args.length}`);
        }
        for (const key of Object.keys(options.hash)) {
          if (!spec.hash?.includes(key)) throw new Error(`unknown option ${key}=`);
        }
        return spec.run(args, options, this);
      } catch (error) {
        if (error instanceof HelperError || error instanceof BriefingError) throw error;
        const message = (error as Error).message;
        throw new HelperError(message.startsWith('{{') ? message : `{{${name}}}: ${message}`, options.loc);
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------

export interface CompiledTemplate {
  template: Handlebars.TemplateDelegate;
  partialRefs: PartialRef[];
  inlinePartials: Set<string>;
}

/** Most markup a template may produce (characters): twice what the data may hold, some sixty pages' worth. */
export const MAX_MARKUP_CHARS = 512 * 1024;

/** Deepest partials may call partials; more is recursion without end (a page needs a handful). */
export const MAX_PARTIAL_DEPTH = 64;

/** Partials calling each other deeper than `MAX_PARTIAL_DEPTH`. */
class PartialRecursion extends Error {
  constructor(readonly partial: string) {
    super(`{{> ${partial}}} is called more than ${MAX_PARTIAL_DEPTH} partials deep: it calls itself, directly or through another partial`);
  }
}

/**
 * Counts partial calls in this environment (its own copy of Handlebars' VM, so other environments are untouched)
 * and stops recursion with the partial's name, instead of "Maximum call stack size exceeded" with no line.
 */
function limitPartialDepth(hb: HandlebarsInstance): void {
  type Invoke = (this: unknown, partial: unknown, context: unknown, options: { name?: string }) => string;
  const env = hb as unknown as { VM: { invokePartial: Invoke } };
  const invoke = env.VM.invokePartial;
  let depth = 0;
  env.VM = {
    ...env.VM,
    invokePartial(partial, context, options) {
      if (depth >= MAX_PARTIAL_DEPTH) throw new PartialRecursion(String(options.name ?? '?'));
      depth++;
      try {
        return invoke.call(this, partial, context, options);
      } finally {
        depth--;
      }
    },
  };
}

/** Creates an isolated template environment for one language and digit style. */
export function createTemplateEnvironment(options: TemplateEnvironmentOptions): TemplateEnvironment {
  const { lang, digits, labels } = options;
  try {
    formattingLocale(lang);
  } catch {
    throw new BriefingError('template', `invalid language tag "${lang}"`);
  }
  if (!DIGIT_STYLES.includes(digits)) throw new BriefingError('template', `unknown digit style "${String(digits)}" (expected ${DIGIT_STYLES.join(', ')})`);
  const calendars = options.calendar ?? ['gregory'];

  const hb = Handlebars.create();
  installStrictPaths(hb);
  hb.unregisterHelper('lookup');
  registerHelpers(hb, createHelpers(hb, { lang, digits, labels, calendars, labelFallback: options.labelFallback, formats: options.memo?.formats, dates: options.memo?.dates ?? noMemo() }));

  // Without a renderer's memo, a template is compiled afresh at each render (nothing is kept forever).
  const compiled = options.memo?.compiled ?? noMemo<CompiledTemplate>();
  limitPartialDepth(hb);

  function compile(source: string, file: string): CompiledTemplate {
    return compiled.get(`${file}\u0000${source}`, () => {
      try {
        // A built-in template compiled at build time (precompiled.ts): the same spec hb.compile would make.
        const precompiled = precompiledTemplate(source);
        if (precompiled) return { template: hb.template(precompiled.spec), partialRefs: precompiled.partialRefs, inlinePartials: new Set(precompiled.inlinePartials) };
        const ast = hb.parse(source);
        const checks = checkTemplate(ast);
        return { template: hb.compile(ast, COMPILE_OPTIONS), ...checks };
      } catch (error) {
        throw toTemplateError(error, source, file, hb);
      }
    });
  }

  function checkPartials(entry: CompiledTemplate, file: string, runtime?: Handlebars.RuntimeOptions): void {
    for (const ref of entry.partialRefs) {
      // runtime.partials: a partial also sees the inline partials of the template that calls it
      if (!entry.inlinePartials.has(ref.name) && hb.partials[ref.name] === undefined && runtime?.partials?.[ref.name] === undefined) {
        throw new BriefingError('template', [problemAt(`unknown partial "${ref.name}"`, ref.loc)], { file });
      }
    }
  }

  function run(entry: CompiledTemplate, source: string, file: string, context: unknown, runtime?: Handlebars.RuntimeOptions): string {
    checkPartials(entry, file, runtime);
    try {
      return entry.template(context, runtime);
    } catch (error) {
      if (error instanceof PartialRecursion) {
        // The innermost template that calls the partial names the line of the call.
        const ref = entry.partialRefs.find((r) => r.name === error.partial);
        throw new BriefingError('template', [problemAt(error.message, ref?.loc)], { file, cause: error });
      }
      throw toTemplateError(error, source, file, hb);
    }
  }

  return {
    registerPartial(name: string, source: string, file = `<partial ${name}>`): void {
      const entry = compile(source, file);
      const partial = (context: unknown, runtime?: Handlebars.RuntimeOptions): string => run(entry, source, file, context, runtime);
      hb.registerPartial(name, partial as Handlebars.TemplateDelegate);
    },
    render(source: string, file: string, view: TemplateView): string {
      const markup = run(compile(source, file), source, file, view);
      if (markup.length > MAX_MARKUP_CHARS) {
        throw new BriefingError('template', `the template produces ${markup.length} characters of markup, more than ${MAX_MARKUP_CHARS}: far more than one page holds`, {
          file,
          hint: 'a loop inside a loop over a long list multiplies the text',
        });
      }
      return markup;
    },
  };
}

/**
 * The template spec (JavaScript source of an object, `Handlebars.precompile`'s output) of `source`, compiled as
 * `createTemplateEnvironment` compiles it (strict paths, the same options and checks): what the build puts in
 * precompiled.ts for the built-in templates.
 */
export function precompileTemplate(source: string): { spec: string; partialRefs: PartialRef[]; inlinePartials: string[] } {
  const hb = Handlebars.create();
  installStrictPaths(hb);
  const ast = hb.parse(source);
  const { partialRefs, inlinePartials } = checkTemplate(ast);
  return { spec: String(hb.precompile(ast, COMPILE_OPTIONS)), partialRefs, inlinePartials: [...inlinePartials] };
}
