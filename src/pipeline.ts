/**
 * The whole path in one place:
 *   load → validate (data/) → localize → template view → Handlebars (template/) → markup (markup/) →
 *   images (images/) → paragraphs → bidi → itemize → shape → break lines → reorder → place (text/, layout/,
 *   one module per element in elements/) → fit one page → structure tree → paint (pdf/).
 * Pure apart from reading the template, theme and fonts; writing the file is the caller's business. The engines
 * and caches come in through one object (`RenderEngines`), owned by a renderer (`createRenderer`).
 */
import { createHash } from 'node:crypto';

import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { canonicalJson } from './data/canonical.js';
import { loadBriefing } from './data/load.js';
import { localizeBriefing } from './data/localize.js';
import type { LoadedBriefing, PageSize } from './data/types.js';
import { BriefingError, type Warning } from './errors.js';
import { isInsideFolder, readRegularFile } from './inputFiles.js';
import { loadImages } from './images/load.js';
import { fitPage } from './layout/page.js';
import type { PageLayout } from './layout/types.js';
import { parseMarkup } from './markup/parse.js';
import { markTemplatePositions } from './markup/templatePositions.js';
import { missingGlyphWarnings } from './missingGlyphs.js';
import { documentIdOf, fontIdentities, writePdf } from './pdf/document.js';
import { sourceFilesOf } from './pdf/sourceFile.js';
import { RenderEngines, type RendererOptions } from './renderEngines.js';
import { DEFAULT_TEMPLATE, FONTS_DIR, TEMPLATES_DIR } from './resources.js';
import { textDirection } from './language/locale.js';
import { checkLabelLanguage, labelFilesFor, loadLabelSet } from './template/labels.js';
import { buildView } from './template/view.js';
import { letterheadFor, loadTheme } from './theme/theme.js';

export type { RendererOptions } from './renderEngines.js';

export interface RenderOptions {
  /** Language to render (BCP 47); default: the file's `lang`. */
  lang?: string;
  /** Template name (`templates/<name>.hbs`) or path; default: the data's `template`, else the built-in. */
  template?: string;
  page?: PageSize;
  /** Adds this generation time to the footer and metadata (gives up byte-identical output). */
  timestamp?: Date;
  /** Copies preselected in the print dialogue. */
  copies?: number;
  /** Overrides the data's `calendar`: one ICU calendar name, or two for dual dates (primary first). */
  calendar?: string | readonly string[];
  /** A language whose labels stand in (as isolates) for labels missing in the briefing's language. */
  labelFallback?: string;
  /**
   * Seconds since 1970 (`SOURCE_DATE_EPOCH`, passed in by the CLI): the document's creation date, and part of
   * its ID. Default: the renderer's, else the briefing's date.
   */
  sourceDateEpoch?: number;
}

export interface RenderResult {
  pdf: Uint8Array;
  layout: PageLayout;
  warnings: Warning[];
  /** The template file used. */
  templateFile: string;
  /** The image files the page shows (absolute paths): inputs of the render like the template. */
  images: string[];
  /**
   * Every file the render read or looked for (absolute paths): the data file, the template, its theme, the
   * labels (the template's own `labels.json` also when absent), the font files its text was set with or tried,
   * the images. What live rendering watches.
   */
  files: string[];
}

/** A bare name (`briefing`) means `templates/<name>.hbs`; anything else is a path. */
export function isTemplateName(template: string): boolean {
  return /^[\w-]+$/.test(template);
}

/**
 * The template file. A name is `templates/<name>.hbs`. A path given by the caller (`explicit`: the command
 * line, the library option) may be anywhere; a path written in the data file (`fromData`) is taken relative to
 * the data file's folder and must stay inside it, so a data file cannot make the tool read files elsewhere.
 */
export function resolveTemplate(explicit: string | undefined, fromData: string | undefined, dataFile: string): string {
  const name = explicit ?? fromData ?? DEFAULT_TEMPLATE;
  if (isTemplateName(name)) return join(TEMPLATES_DIR, `${name}.hbs`);
  const base = dirname(resolve(dataFile));
  const file = resolve(base, name);
  if (explicit === undefined && (isAbsolute(name) || !file.startsWith(base + sep) || !isInsideFolder(file, base))) {
    throw new BriefingError('contract', [{ path: 'template', message: `"${name}" is outside the data file's folder` }], {
      file: dataFile,
      hint: 'in the data, name a template (templates/<name>.hbs) or give a path inside the data file\'s folder; any other path must be given with --template',
    });
  }
  return file;
}

/** Largest template read (the built-in one is a few KB). */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

function readTemplate(templateFile: string, dataFile: string): string {
  try {
    return readRegularFile(templateFile, { what: 'the template', code: 'template', maxBytes: MAX_TEMPLATE_BYTES }).toString('utf8');
  } catch (error) {
    if (!(error instanceof BriefingError) || error.code !== 'template') throw error;
    throw new BriefingError('template', `unknown template: ${error.message.replace(/^cannot read the template: /, '')}`, {
      file: dataFile,
      hint: `a template is a name of templates/<name>.hbs (${DEFAULT_TEMPLATE}) or a path to a .hbs file`,
      cause: error,
    });
  }
}

/** Renders briefings; keeps, between renders, what the next render can reuse (see renderCache.ts). */
export interface Renderer {
  render(data: LoadedBriefing, options?: RenderOptions): Promise<RenderResult>;
  /**
   * Reads a data file as `loadBriefing` does (the same data, fingerprint, locations and errors), reading again
   * only the top-level entries that changed since the last loads (data/entries.ts). The data's maps and lists are
   * frozen (later loads share them): copy what you change.
   */
  load(file: string): Promise<LoadedBriefing>;
  /**
   * The files the last render read or looked for (absolute paths), also when it failed: live rendering watches
   * them, so the fix of a broken template or a missing image is seen.
   */
  readonly filesRead: readonly string[];
  /** Entries kept per cache (what a long session holds). */
  cacheSizes(): Record<string, number>;
}

export function createRenderer(options: RendererOptions = {}): Renderer {
  const engines = new RenderEngines(options);
  let filesRead: readonly string[] = [];
  return {
    async render(data, renderOptions = {}) {
      const files = new Set<string>();
      engines.beginRender();
      try {
        const result = await renderStages(data, { sourceDateEpoch: engines.sourceDateEpoch, ...renderOptions }, engines, (file) => files.add(resolve(file)));
        return { ...result, files: [...files] };
      } finally {
        engines.endRender();
        filesRead = [...files];
      }
    },
    async load(file) {
      engines.loads.beginRender();
      try {
        return await loadBriefing(file, engines.dataEntries);
      } finally {
        engines.loads.endRender();
      }
    },
    get filesRead() {
      return filesRead;
    },
    cacheSizes: () => ({ ...engines.cache.sizes(), ...engines.loads.sizes() }),
  };
}

let defaultRenderer: Renderer | undefined;

/** One render with the process's default renderer: the convenience for one-off calls and scripts. */
export function renderBriefing(data: LoadedBriefing, options: RenderOptions = {}): Promise<RenderResult> {
  defaultRenderer ??= createRenderer();
  return defaultRenderer.render(data, options);
}

/** The stages, in order; `reading` is told each input file before it is read (the result lists them). */
async function renderStages(data: LoadedBriefing, options: RenderOptions, engines: RenderEngines, reading: (file: string) => void): Promise<Omit<RenderResult, 'files'>> {
  reading(data.file);
  const briefing = localizeBriefing(data, options.lang, options.calendar, engines.localized);
  const templateFile = resolveTemplate(options.template, briefing.template, data.file);
  reading(templateFile);
  const source = readTemplate(templateFile, data.file);
  const themeFile = join(dirname(templateFile), 'theme.json');
  reading(themeFile);
  const theme = loadTheme(themeFile, engines.parsedFiles);

  // The labels beside the template are looked for even when absent: one that appears changes the page.
  const labelFiles = labelFilesFor(templateFile);
  reading(labelFiles.builtIn);
  reading(labelFiles.own);
  const labels = loadLabelSet(templateFile, engines.parsedFiles);
  checkLabelLanguage(labels, briefing.lang, options.labelFallback);
  const letterhead = letterheadFor(theme, briefing.lang, themeFile, options.labelFallback);

  const view = buildView(briefing, {
    fingerprint: data.fingerprint,
    ...(letterhead ? { letterhead } : {}),
    direction: textDirection(briefing.lang),
    ...(options.timestamp ? { generatedAt: options.timestamp.toISOString().replace(/\.\d+Z$/, 'Z') } : {}),
  });
  const environment = engines.templateEnvironment(labels, briefing, options.labelFallback);
  const markup = environment.render(markTemplatePositions(source), templateFile, view);
  const root = parseMarkup(markup, templateFile, theme);
  const images = loadImages(root, { templateFile, dataFile: data.file, reading, sizes: engines.imageSizes });

  const page = options.page ?? briefing.page;
  const textEngines = engines.textEngines(theme);
  let layout: PageLayout;
  try {
    layout = withFile(templateFile, () => fitPage(root, theme, textEngines, { size: page, images, memo: engines.layout }));
  } finally {
    for (const file of engines.fontFiles(textEngines)) reading(file);
  }
  const epoch = options.sourceDateEpoch;
  const pdf = await writePdf(
    layout,
    {
      title: layout.title ?? 'Briefing',
      subject: layout.subject,
      author: layout.author,
      keywords: `briefing data ${data.fingerprint}`,
      creationDate: options.timestamp ?? creationDate(briefing.date, epoch),
      copies: options.copies,
      // The data file and the images it names travel inside the PDF (`briefing extract`).
      sources: sourceFilesOf(data, root, images),
      // The document ID names exactly these inputs: same inputs, same bytes; any change, another ID.
      documentId: documentIdOf({
        // An entry's value kept from an earlier load (data/entries.ts) comes with its text.
        data: createHash('sha256').update(canonicalJson(data.raw, (value) => engines.dataEntries.canonical.get(value)), 'utf8').digest('hex'),
        source: createHash('sha256').update(data.source).digest('hex'),
        template: source,
        theme,
        labels: labels.labels,
        options: {
          lang: briefing.lang,
          calendar: briefing.calendar.join(','),
          labelFallback: options.labelFallback ?? null,
          page: String(page),
          copies: options.copies ?? null,
          timestamp: options.timestamp?.toISOString() ?? null,
          // Named only when given, so the IDs of documents made without it stay what they were.
          ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
        },
        fonts: fontIdentities(FONTS_DIR),
        images: images.images.map((image) => image.sha256),
      }, engines.canonicalJsonOf),
    },
    engines.paintMemo(),
  );
  return {
    pdf,
    layout,
    warnings: missingGlyphWarnings(layout.missing, briefing),
    templateFile,
    images: images.images.map((image) => image.file),
  };
}

/** Markup errors found while laying out (an image wider than its column) are about the template file. */
function withFile<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof BriefingError && error.code === 'markup' && error.file === undefined) {
      throw new BriefingError('markup', [...error.problems], { file, ...(error.hint ? { hint: error.hint } : {}), cause: error });
    }
    throw error;
  }
}

/** No wall-clock time by default: the SOURCE_DATE_EPOCH given (reproducible builds), else the briefing's date. */
function creationDate(isoDate: string, sourceDateEpoch: number | undefined): Date {
  if (sourceDateEpoch !== undefined) return new Date(sourceDateEpoch * 1000);
  return new Date(`${isoDate}T00:00:00Z`);
}
