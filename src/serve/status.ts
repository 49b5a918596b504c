/**
 * What the preview page is told after each render (`PreviewStatus`, sent as JSON over the event stream), and
 * the PDF it shows. A failed render keeps the last good PDF and its version: the page keeps showing it, with
 * the error over it, until a good render replaces both.
 */
import { basename, extname } from 'node:path';
import { textDirection } from '../language/locale.js';
import { translationLanguages } from '../data/localize.js';
import { BriefingError, type ErrorCode } from '../errors.js';
import type { RenderOutcome } from '../live/liveRender.js';

/** A failed render as the page shows it. */
export interface ErrorView {
  code: ErrorCode;
  /** One line saying what kind of failure it is. */
  summary: string;
  /** Every problem: `where` is `file:line:column` (as much of it as is known), `path` the field path. */
  problems: { where: string; path?: string; message: string }[];
  hint?: string;
}

/**
 * When the steps of a good render happened, in ms since the epoch (the machine's clock, which the page's
 * `performance.timeOrigin + performance.now()` shares): for the benchmark's breakdown of save → screen.
 */
export interface RenderTiming {
  /** The first change of an input seen since the render before it started; null for a render nobody's save caused (the first, a language switch). */
  changed: number | null;
  /** The render started. */
  started: number;
  /** The PDF was ready. */
  ready: number;
  /** The picture of the page was ready (the events are written to the pages right after); null when none was drawn (no page has asked for one yet). */
  pictured: number | null;
}

/** The state of the preview, sent to the page after every render and to each page that connects. */
export interface PreviewStatus {
  /** The version of the PDF at `/briefing.pdf` (a new one after each good render); null before the first. */
  version: string | null;
  /** The language asked for (the language switch's value); null while the data file's own is not known. */
  lang: string | null;
  /** The direction of the page on screen (of the last good render; before one, of `lang`). */
  direction: 'rtl' | 'ltr';
  /** The languages of the data file (its `lang`, then those of its translations): the language switch. */
  languages: string[];
  /** The data file's name, without folders. */
  fileName: string;
  /**
   * The last good render: its language, the PDF's title, when it was made, how long it took from the start of
   * the render (ms), the page's size (PDF points), the body text size (pt), whether it had to shrink to fit,
   * its warnings.
   */
  rendered: {
    lang: string;
    title: string;
    at: string;
    ms: number;
    page: { width: number; height: number };
    bodySize: number;
    shrank: boolean;
    warnings: string[];
    timing: RenderTiming;
  } | null;
  /** The last render's failure; null when it succeeded. */
  error: ErrorView | null;
}

const SUMMARIES: Record<ErrorCode, string> = {
  syntax: 'The data file is not valid YAML or JSON',
  contract: 'The data does not follow the data contract',
  template: 'The template cannot be used',
  markup: 'The template produced markup that cannot be read',
  image: 'An image of the page cannot be used',
  theme: 'The theme is not valid',
  font: 'A font cannot be used',
  pdf: 'The PDF is damaged or carries no briefing data',
  usage: 'The briefing cannot be rendered with these options',
  overflow: 'The content does not fit one page',
  io: 'A file cannot be read',
  internal: 'Internal error',
};

/** `error` as the page shows it; `file` names the data file when the error names no file of its own. */
export function errorView(error: unknown, file: string): ErrorView {
  if (!(error instanceof BriefingError)) {
    return { code: 'internal', summary: SUMMARIES.internal, problems: [{ where: file, message: error instanceof Error ? error.message : String(error) }] };
  }
  const problems = error.problems.map((problem) => {
    const where = [error.file ?? file, problem.line, problem.line !== undefined ? problem.column : undefined].filter((part) => part !== undefined).join(':');
    return { where, message: problem.message, ...(problem.path ? { path: problem.path } : {}) };
  });
  return { code: error.code, summary: SUMMARIES[error.code], problems, ...(error.hint ? { hint: error.hint } : {}) };
}

/** The preview's state: the current PDF, and the status the page is told. */
export class PreviewState {
  private readonly file: string;
  /** Per server start, so a page that reconnects to a restarted server loads its PDF. */
  private readonly instance = Date.now().toString(36);
  private count = 0;
  private current: Uint8Array | undefined;
  status: PreviewStatus;

  constructor(file: string, lang: string | undefined) {
    this.file = file;
    this.status = {
      version: null,
      lang: lang ?? null,
      direction: lang === undefined ? 'ltr' : textDirection(lang),
      languages: lang === undefined ? [] : [lang],
      fileName: basename(file),
      rendered: null,
      error: null,
    };
  }

  /** The last good PDF, if any. */
  get pdf(): Uint8Array | undefined {
    return this.current;
  }

  /** The name to download the PDF as: the data file's, with `.pdf`. */
  get pdfName(): string {
    return `${basename(this.file, extname(this.file)) || basename(this.file)}.pdf`;
  }

  /** Takes in a render's outcome and returns the new status; `changed` is when the save that caused it was seen. */
  apply(outcome: RenderOutcome, changed: number | null = null): PreviewStatus {
    const lang = outcome.options.lang ?? outcome.loaded?.lang ?? this.status.lang;
    const languages = outcome.loaded ? translationLanguages(outcome.loaded) : this.status.languages;
    if (!outcome.ok) {
      const shown = this.status.rendered?.lang ?? lang;
      const direction = shown === null ? 'ltr' : textDirection(shown);
      this.status = { ...this.status, lang, direction, languages, error: errorView(outcome.error, this.file) };
      return this.status;
    }
    const { result, loaded } = outcome;
    const rendered = outcome.options.lang ?? loaded.lang;
    this.current = result.pdf;
    this.count += 1;
    const version = `${this.instance}-${this.count}`;
    this.status = {
      ...this.status,
      lang: rendered,
      direction: textDirection(rendered),
      languages,
      version,
      rendered: {
        lang: rendered,
        title: result.layout.title ?? this.status.fileName,
        at: new Date().toISOString(),
        ms: Math.round(performance.now() - outcome.started),
        timing: { changed, started: performance.timeOrigin + outcome.started, ready: performance.timeOrigin + performance.now(), pictured: null },
        page: { width: result.layout.width, height: result.layout.height },
        bodySize: Number(result.layout.bodySize.toFixed(1)),
        shrank: result.layout.scale < 1,
        warnings: [...new Set(result.warnings.map((w) => `${w.path ? `${w.path}: ` : ''}${w.message}`))],
      },
      error: null,
    };
    return this.status;
  }

  /** The picture of the current page was drawn now (`RenderTiming.pictured`); returns the status. */
  pictured(): PreviewStatus {
    const rendered = this.status.rendered;
    if (rendered) this.status = { ...this.status, rendered: { ...rendered, timing: { ...rendered.timing, pictured: performance.timeOrigin + performance.now() } } };
    return this.status;
  }
}
