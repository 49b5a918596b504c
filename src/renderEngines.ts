/**
 * The engines and caches of one renderer (`createRenderer`, pipeline.ts), handed to the stages as one object: the
 * font library and shaper, the hyphenator, the text engines per theme, the template environments per language,
 * and every cache, all in one `RenderCache` (renderCache.ts) under its one eviction rule. Nothing here is
 * process-wide: two renderers share nothing, and dropping a renderer drops all it kept.
 */
import { canonicalJson } from './data/canonical.js';
import type { EntryMemo } from './data/entries.js';
import type { LocalizeMemo } from './data/localize.js';
import type { Briefing } from './data/types.js';
import { FONTS_DIR } from './resources.js';
import type { LayoutMemo } from './layout/context.js';
import type { IntrinsicSize } from './images/load.js';
import type { PaintMemo } from './pdf/paint.js';
import { RenderCache, scoped, type Memo } from './renderCache.js';
import { createTemplateEnvironment, type TemplateEnvironment } from './template/environment.js';
import type { LabelSet } from './template/labels.js';
import { ThemeFontChains } from './theme/fontChains.js';
import type { Theme } from './theme/theme.js';
import { FontLibrary } from './text/fonts.js';
import { PatternHyphenator } from './text/hyphenate.js';
import type { TextEngines } from './text/paragraph.js';
import { HarfBuzzShaper, type Shaper } from './text/shaper.js';
import { CachingShaper } from './text/shapeCache.js';

export interface RendererOptions {
  /** The shaper under the renderer's shaping cache (default HarfBuzz); a test may hand in a recording one. */
  shaper?: Shaper;
  /** Renders an unused cache entry survives (see renderCache.ts); default `DEFAULT_KEEP_RENDERS`. */
  keepRenders?: number;
  /**
   * Seconds since 1970 to date the documents by (the reproducible-builds `SOURCE_DATE_EPOCH`, which the CLI
   * reads from its environment and passes in: the library never reads the environment). A render's own
   * `sourceDateEpoch` option wins.
   */
  sourceDateEpoch?: number;
}

/** The fonts of one state of the font folder: a font file that changes on disk starts a new scope. */
interface FontScope {
  /** Keys of what was made with these faces (shapes, subsets, text engines) start with it. */
  id: string;
  library: FontLibrary;
  shaper: CachingShaper;
}

export class RenderEngines {
  readonly cache: RenderCache;
  /**
   * What loads keep (the data files' entries), under the same rule counted in loads: an entry none of the last
   * `keepRenders` loads used is dropped, whether or not renders come between (a program may load without rendering).
   */
  readonly loads: RenderCache;
  readonly sourceDateEpoch: number | undefined;
  /** Parsed theme and labels files, by file and content hash (fileCache.ts). */
  readonly parsedFiles: Memo<unknown>;
  readonly imageSizes: Memo<IntrinsicSize>;
  readonly layout: LayoutMemo;
  /** The top-level entries of the data files read, by their text (data/entries.ts). */
  readonly dataEntries: EntryMemo;
  /** Those entries' values resolved to a language (data/localize.ts). */
  readonly localized: LocalizeMemo;
  private readonly innerShaper: Shaper | undefined;
  private readonly hyphenator: PatternHyphenator;
  private fonts: FontScope;
  private scopes = 0;
  /** A number per object a cache key must name (a theme, a labels set): the same object, the same number. */
  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;

  constructor(options: RendererOptions = {}) {
    this.cache = new RenderCache(options.keepRenders);
    this.loads = new RenderCache(options.keepRenders);
    this.sourceDateEpoch = options.sourceDateEpoch;
    this.innerShaper = options.shaper;
    this.parsedFiles = this.cache.memo('parsedFiles');
    this.imageSizes = this.cache.memo('imageSizes');
    this.layout = { qrSymbols: this.cache.memo('qrSymbols') };
    this.dataEntries = { entries: this.loads.memo('dataEntries'), canonical: new WeakMap() };
    this.localized = { kept: this.dataEntries.canonical, resolved: new WeakMap() };
    this.hyphenator = new PatternHyphenator(this.cache.memo('hyphenation'));
    this.fonts = this.newFontScope();
  }

  /** At the start of each render: a font file changed since it was read → the fonts are read again. */
  beginRender(): void {
    this.cache.beginRender();
    if (!this.fonts.library.isCurrent()) this.fonts = this.newFontScope();
  }

  endRender(): void {
    this.cache.endRender();
  }

  /** The text engines for `theme` (its font chains over this renderer's fonts, shaper and caches). */
  textEngines(theme: Theme): TextEngines & { fonts: ThemeFontChains } {
    const fonts = this.fonts;
    const key = `${fonts.id}\u0000${this.idOf(theme)}`;
    return this.cache.memo<TextEngines & { fonts: ThemeFontChains }>('textEngines').get(key, () => ({
      fonts: new ThemeFontChains(theme, fonts.library),
      shaper: fonts.shaper,
      justification: theme.justify,
      hyphenator: this.hyphenator,
      memo: {
        levels: this.cache.memo('bidiLevels'),
        // Layouts depend on the fonts, the justification and the hyphenator: these engines' own.
        paragraphs: scoped(this.cache.memo('paragraphs'), key),
      },
    }));
  }

  /** The files of the faces `engines` have set text with or tried (see `ThemeFontChains.faces`). */
  fontFiles(engines: { fonts: ThemeFontChains }): string[] {
    return [...engines.fonts.faces()].map((face) => this.fonts.library.pathOf(face.key)).sort();
  }

  /** What painting keeps: font subsets made with the current fonts (fontEmbedding.ts), pictures drawn. */
  paintMemo(): PaintMemo {
    return {
      fontSubsets: scoped(this.cache.memo('fontSubsets'), this.fonts.id),
      pictures: { svgDrawings: this.cache.memo('svgDrawings'), pngPlanes: this.cache.memo('pngPlanes') },
      actualTexts: this.cache.memo('actualTexts'),
      compressedStreams: this.cache.memo('compressedStreams'),
      lineTexts: this.cache.memo('lineTexts'),
      lineId: (line) => this.idOf(line),
      paintedRows: this.cache.memo('paintedRows'),
    };
  }

  /** The template environment for the briefing's language, digits and calendars over `labels`. */
  templateEnvironment(labels: LabelSet, briefing: Briefing, labelFallback: string | undefined): TemplateEnvironment {
    const { lang, digits, calendar } = briefing;
    const key = `${this.idOf(labels.labels)}|${lang}|${digits}|${calendar.join(',')}|${labelFallback ?? ''}`;
    return this.cache.memo<TemplateEnvironment>('templateEnvironments').get(key, () =>
      createTemplateEnvironment({
        lang,
        digits,
        labels,
        calendar,
        labelFallback,
        // A compiled template belongs to its environment's Handlebars instance, a written date to its language,
        // digits, calendars and labels: both keyed apart per environment.
        memo: {
          compiled: scoped(this.cache.memo('compiledTemplates'), key),
          formats: this.cache.memo('intlFormats'),
          dates: scoped(this.cache.memo('formattedDates'), key),
        },
      }),
    );
  }

  /**
   * `canonicalJson(value)`, kept for an object (the theme, the labels: parsed once per content and frozen, the
   * same object render after render) while recent renders use it.
   */
  readonly canonicalJsonOf = (value: unknown): string =>
    typeof value === 'object' && value !== null ? this.cache.memo<string>('canonicalJson').get(String(this.idOf(value)), () => canonicalJson(value)) : canonicalJson(value);

  private newFontScope(): FontScope {
    const id = `fonts${++this.scopes}`;
    const library = new FontLibrary(FONTS_DIR);
    return { id, library, shaper: new CachingShaper(this.innerShaper ?? new HarfBuzzShaper(), scoped(this.cache.memo('shapes'), id)) };
  }

  private idOf(object: object): number {
    let id = this.ids.get(object);
    if (id === undefined) this.ids.set(object, (id = ++this.nextId));
    return id;
  }
}
