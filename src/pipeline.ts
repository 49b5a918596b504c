/**
 * The whole path in one place:
 *   load → validate (data/) → localize → template view → Handlebars (template/) → markup (markup/) →
 *   paragraphs → bidi → itemize → shape → break lines → reorder → place (text/, layout/) → fit one page →
 *   paint (pdf/).
 * Pure apart from reading the template, theme and fonts; writing the file is the caller's business.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { isRightToLeft } from './data/direction.js';
import { localizeBriefing } from './data/localize.js';
import type { LoadedBriefing, PageSize } from './data/types.js';
import { BriefingError, type Warning } from './errors.js';
import { fitPage } from './layout/page.js';
import type { PageLayout } from './layout/types.js';
import { parseMarkup } from './markup/parse.js';
import { writePdf } from './pdf/document.js';
import { DEFAULT_TEMPLATE, FONTS_DIR, TEMPLATES_DIR } from './resources.js';
import { createTemplateEnvironment } from './template/environment.js';
import { loadLabels } from './template/labels.js';
import { buildView } from './template/view.js';
import { ThemeFontChains } from './theme/fontChains.js';
import { loadTheme, type Theme } from './theme/theme.js';
import { FontLibrary } from './text/fonts.js';
import type { TextEngines } from './text/paragraph.js';
import { HarfBuzzShaper } from './text/shaper.js';

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
}

export interface RenderResult {
  pdf: Uint8Array;
  layout: PageLayout;
  warnings: Warning[];
  /** The template file used. */
  templateFile: string;
}

/** Fonts are parsed once per process and shared by every render, as is the shaper. */
let sharedLibrary: FontLibrary | undefined;
let sharedShaper: HarfBuzzShaper | undefined;

function enginesFor(theme: Theme): TextEngines {
  sharedLibrary ??= new FontLibrary(FONTS_DIR);
  sharedShaper ??= new HarfBuzzShaper();
  return { fonts: new ThemeFontChains(theme, sharedLibrary), shaper: sharedShaper };
}

/** A bare name (`briefing`) means `templates/<name>.hbs`; anything else is a path. */
export function isTemplateName(template: string): boolean {
  return /^[\w-]+$/.test(template);
}

/** The template file for a name or a path; a path is taken relative to the data file's folder. */
export function resolveTemplate(template: string | undefined, dataFile: string): string {
  const name = template ?? DEFAULT_TEMPLATE;
  if (isTemplateName(name)) return join(TEMPLATES_DIR, `${name}.hbs`);
  return isAbsolute(name) ? name : resolve(dirname(dataFile), name);
}

export async function renderBriefing(data: LoadedBriefing, options: RenderOptions = {}): Promise<RenderResult> {
  const briefing = localizeBriefing(data, options.lang);
  const templateFile = resolveTemplate(options.template ?? briefing.template, data.file);
  let source: string;
  try {
    source = readFileSync(templateFile, 'utf8');
  } catch {
    throw new BriefingError('template', `unknown template: ${templateFile} cannot be read`, {
      file: data.file,
      hint: `a template is a name of templates/<name>.hbs (${DEFAULT_TEMPLATE}) or a path to a .hbs file`,
    });
  }
  const theme = loadTheme(join(dirname(templateFile), 'theme.json'));

  const view = buildView(briefing, {
    fingerprint: data.fingerprint,
    direction: isRightToLeft(briefing.lang) ? 'rtl' : 'ltr',
    ...(options.timestamp ? { generatedAt: options.timestamp.toISOString().replace(/\.\d+Z$/, 'Z') } : {}),
  });
  const environment = createTemplateEnvironment({ lang: briefing.lang, digits: briefing.digits, labels: loadLabels() });
  const markup = environment.render(source, templateFile, view);
  const root = parseMarkup(markup, templateFile);

  const layout = fitPage(root, theme, enginesFor(theme), { size: options.page ?? briefing.page });
  const pdf = await writePdf(layout, {
    title: layout.title ?? 'Briefing',
    subject: layout.subject,
    author: layout.author,
    keywords: `briefing data ${data.fingerprint}`,
    creationDate: options.timestamp ?? creationDate(briefing.date),
    copies: options.copies,
  });
  return { pdf, layout, warnings: layout.warnings, templateFile };
}

/** No wall-clock time by default: SOURCE_DATE_EPOCH when set (reproducible builds), else the briefing's date. */
function creationDate(isoDate: string): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${isoDate}T00:00:00Z`);
}
