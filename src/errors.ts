/**
 * The one error type of the project. Every failure a user can cause carries a code, the file it is about and,
 * where known, a line:column or a field path, so the CLI can print `file:line:col: path: message` and pick the
 * exit code from the code alone.
 */

/** What kind of failure; decides the CLI's exit code (see `exitCodeFor`). */
export type ErrorCode =
  | 'syntax' // the data file is not valid YAML/JSON
  | 'contract' // the data does not follow the contract (schema, translations, limits)
  | 'template' // unknown template, Handlebars error
  | 'markup' // the template produced markup we cannot read
  | 'image' // an image the markup names is missing, unreadable, corrupt or too large
  | 'theme' // the theme file is wrong
  | 'font' // a font file is missing or unreadable
  | 'usage' // bad command-line use
  | 'pdf' // a PDF given to `extract` is damaged or carries no briefing data
  | 'overflow' // the content does not fit one page even at the smallest size
  | 'io' // reading or writing a file failed
  | 'internal';

/** One located problem. `line` and `column` are 1-based. */
export interface Problem {
  message: string;
  /** Field path in the data, e.g. `quotes[1].speaker`. */
  path?: string;
  line?: number;
  column?: number;
}

/** Problems one error reports; the rest are counted in a last line (10,000 bad topics are not 10,000 lines). */
export const MAX_REPORTED_PROBLEMS = 50;

export class BriefingError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  /** The problems found (the first `MAX_REPORTED_PROBLEMS`, then one counting the rest); at least one. */
  readonly problems: readonly Problem[];
  readonly hint: string | undefined;

  constructor(code: ErrorCode, problems: Problem[] | string, options: { file?: string; hint?: string; cause?: unknown } = {}) {
    const all = typeof problems === 'string' ? [{ message: problems }] : problems;
    const rest = all.length - MAX_REPORTED_PROBLEMS;
    // More than one over: a list already cut (and given again, e.g. by `withFile`) keeps its count line.
    const list = rest > 1 ? [...all.slice(0, MAX_REPORTED_PROBLEMS), { message: `… and ${rest} more problem${rest === 1 ? '' : 's'}` }] : all;
    super(list.map((p) => p.message).join('; '), { cause: options.cause });
    this.name = 'BriefingError';
    this.code = code;
    this.file = options.file;
    this.problems = list;
    this.hint = options.hint;
  }

  /** Human-readable, one problem per line: `file:line:col: path: message`. */
  format(): string {
    const lines = this.problems.map((p) => {
      const where = [this.file, p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined).join(':');
      const path = p.path ? `${p.path}: ` : '';
      return `${where ? `${where}: ` : ''}${path}${p.message}`;
    });
    if (this.hint) lines.push(`hint: ${this.hint}`);
    return lines.join('\n');
  }
}

/** Exit codes of the CLI: 2 for input the user must fix, 3 for content that does not fit one page, 1 otherwise. */
export function exitCodeFor(error: unknown): number {
  if (!(error instanceof BriefingError)) return 1;
  switch (error.code) {
    case 'syntax':
    case 'contract':
    case 'template':
    case 'markup':
    case 'image':
    case 'theme':
    case 'font':
    case 'usage':
    case 'pdf':
      return 2;
    case 'overflow':
      return 3;
    default:
      return 1;
  }
}

/** A non-fatal finding (e.g. a character no font covers), collected and printed once by the CLI. */
export interface Warning {
  message: string;
  path?: string;
}
