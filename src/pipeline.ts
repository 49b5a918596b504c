/**
 * The whole path in one place:
 *   load → validate (data/) → localize → template view → Handlebars (template/) → markup (markup/) →
 *   images (images/) → paragraphs → bidi → itemize → shape → break lines → reorder → place (text/, layout/,
 *   one module per element in elements/) → fit one page → structure tree → paint (pdf/).
 * Pure apart from reading the template, theme and fonts; writing the file is the caller's business.
 */
import { createHash } from 'node:crypto';

import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { canonicalJson } from './data/load.js';
import { localizeBriefing } from './data/localize.js';
import type { Briefing, LoadedBriefing, PageSize } from './data/types.js';
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
import { DEFAULT_TEMPLATE, FONTS_DIR, TEMPLATES_DIR } from './resources.js';
import { createTemplateEnvironment, type TemplateEnvironment } from './template/environment.js';
import { textDirection } from './language/locale.js';
import { checkLabelLanguage, loadLabelSet, type LabelSet, type Labels } from './template/labels.js';
import { buildView } from './template/view.js';
import { ThemeFontChains } from './theme/fontChains.js';
import { letterheadFor, loadTheme, type Theme } from './theme/theme.js';
import { FontLibrary } from './text/fonts.js';
import { PatternHyphenator } from './text/hyphenate.js';
import type { TextEngines } from './text/paragraph.js';
import { HarfBuzzShaper } from './text/shaper.js';
import { CachingShaper } from './text/shapeCache.js';

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
}

export interface RenderResult {
  pdf: Uint8Array;
  layout: PageLayout;
  warnings: Warning[];
  /** The template file used. */
  templateFile: string;
  /** The image files the page shows (absolute paths): inputs of the render like the template. */
  images: string[];
}

/**
 * Kept per process, so a second render (watch mode, a batch, fitting passes) only does the work that changed:
 * fonts are parsed once, shaping results and compiled templates are reused while their inputs are unchanged.
 */
let sharedLibrary: FontLibrary | undefined;
let sharedShaper: CachingShaper | undefined;
let sharedHyphenator: PatternHyphenator | undefined;
let enginesByTheme = new WeakMap<Theme, TextEngines>();
const environmentsByLabels = new WeakMap<Labels, Map<string, TemplateEnvironment>>();

function enginesFor(theme: Theme): TextEngines {
  let engines = enginesByTheme.get(theme);
  if (!engines) {
    sharedLibrary ??= new FontLibrary(FONTS_DIR);
    sharedShaper ??= new CachingShaper(new HarfBuzzShaper());
    sharedHyphenator ??= new PatternHyphenator();
    engines = { fonts: new ThemeFontChains(theme, sharedLibrary), shaper: sharedShaper, justification: theme.justify, hyphenator: sharedHyphenator };
    enginesByTheme.set(theme, engines);
  }
  return engines;
}

/** Drops the parsed fonts and everything shaped with them (watch mode calls it when a font file changes). */
export function forgetFonts(): void {
  sharedLibrary = undefined;
  sharedShaper = undefined;
  enginesByTheme = new WeakMap();
}

function environmentFor(labels: LabelSet, briefing: Briefing, labelFallback: string | undefined): TemplateEnvironment {
  let environments = environmentsByLabels.get(labels.labels);
  if (!environments) environmentsByLabels.set(labels.labels, (environments = new Map()));
  const { lang, digits, calendar } = briefing;
  const key = `${lang}|${digits}|${calendar.join(',')}|${labelFallback ?? ''}`;
  let environment = environments.get(key);
  if (!environment) environments.set(key, (environment = createTemplateEnvironment({ lang, digits, labels, calendar, labelFallback })));
  return environment;
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

export async function renderBriefing(data: LoadedBriefing, options: RenderOptions = {}): Promise<RenderResult> {
  const briefing = localizeBriefing(data, options.lang, options.calendar);
  const templateFile = resolveTemplate(options.template, briefing.template, data.file);
  const source = readTemplate(templateFile, data.file);
  const themeFile = join(dirname(templateFile), 'theme.json');
  const theme = loadTheme(themeFile);

  const labels = loadLabelSet(templateFile);
  checkLabelLanguage(labels, briefing.lang, options.labelFallback);
  const letterhead = letterheadFor(theme, briefing.lang, themeFile, options.labelFallback);

  const view = buildView(briefing, {
    fingerprint: data.fingerprint,
    ...(letterhead ? { letterhead } : {}),
    direction: textDirection(briefing.lang),
    ...(options.timestamp ? { generatedAt: options.timestamp.toISOString().replace(/\.\d+Z$/, 'Z') } : {}),
  });
  const environment = environmentFor(labels, briefing, options.labelFallback);
  const markup = environment.render(markTemplatePositions(source), templateFile, view);
  const root = parseMarkup(markup, templateFile, theme);
  const images = loadImages(root, { templateFile, dataFile: data.file });

  const page = options.page ?? briefing.page;
  const layout = withFile(templateFile, () => fitPage(root, theme, enginesFor(theme), { size: page, images }));
  const pdf = await writePdf(layout, {
    title: layout.title ?? 'Briefing',
    subject: layout.subject,
    author: layout.author,
    keywords: `briefing data ${data.fingerprint}`,
    creationDate: options.timestamp ?? creationDate(briefing.date),
    copies: options.copies,
    // The data file and the images it names travel inside the PDF (`briefing extract`).
    sources: sourceFilesOf(data, root, images),
    // The document ID names exactly these inputs: same inputs, same bytes; any change, another ID.
    documentId: documentIdOf({
      data: createHash('sha256').update(canonicalJson(data.raw), 'utf8').digest('hex'),
      source: createHash('sha256').update(data.source).digest('hex'),
      template: source,
      theme,
      labels: labels.labels,
      options: { lang: briefing.lang, calendar: briefing.calendar.join(','), labelFallback: options.labelFallback ?? null, page: String(page), copies: options.copies ?? null, timestamp: options.timestamp?.toISOString() ?? null },
      fonts: fontIdentities(FONTS_DIR),
      images: images.images.map((image) => image.sha256),
    }),
  });
  return { pdf, layout, warnings: missingGlyphWarnings(layout.missing, briefing), templateFile, images: images.images.map((image) => image.file) };
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

/** No wall-clock time by default: SOURCE_DATE_EPOCH when set (reproducible builds), else the briefing's date. */
function creationDate(isoDate: string): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${isoDate}T00:00:00Z`);
}
