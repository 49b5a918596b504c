/**
 * The theme: fonts, sizes, colours and spacing of a template, read from `theme.json` beside it. Nothing of
 * the look lives in code.
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { LANG_TAG_PATTERN } from '../data/schema.js';
import { parsedFile } from '../fileCache.js';
import type { Memo } from '../renderCache.js';
import { isInsideFolder } from '../inputFiles.js';
import { FONTS_DIR } from '../resources.js';
import { ourWording } from '../zodWording.js';
import { BriefingError } from '../errors.js';
import { parseStrictJson } from '../strictJson.js';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour #rrggbb');

const faceFiles = z.strictObject({
  regular: z.string(),
  bold: z.string().optional(),
  italic: z.string().optional(),
  boldItalic: z.string().optional(),
});

const family = z
  .record(z.string(), z.array(z.string()).min(1))
  .refine((f) => f.default !== undefined, 'a family needs a "default" chain');

/** What a page can hold: every length a theme gives is checked against it (a theme error, not "does not fit"). */
export const THEME_LIMITS = {
  /** Font sizes, in points: from fine print to a poster-size headline. */
  minSize: 2,
  maxSize: 144,
  /** Smallest body size fitting may shrink to: below it the text cannot be read, and fitting would take hundreds of steps. */
  minBodySize: 4,
  /** Largest spacing value (points, or a fraction for `factLabelWidth`). */
  maxSpacing: 200,
  /** The content box must keep at least this much of the smaller page (Letter's width, Letter's height), in mm. */
  minContentMm: 50,
  /** Width and height of the narrower and the shorter of the page sizes (US Letter: 215.9 × 279.4 mm). */
  pageWidthMm: 215.9,
  pageHeightMm: 279.4,
} as const;

const styleSchema = z.strictObject({
  family: z.string(),
  size: z.number().min(THEME_LIMITS.minSize).max(THEME_LIMITS.maxSize),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  lineHeight: z.number().min(0.8).max(4),
  /** A key of `colors` or a `#rrggbb` value. */
  color: z.string(),
});

export const themeSchema = z.strictObject({
  $comment: z.string().optional(),
  fonts: z.strictObject({
    files: z.record(z.string(), faceFiles),
    families: z.record(z.string(), family),
  }),
  page: z.strictObject({
    marginTopMm: z.number().min(15),
    marginBottomMm: z.number().min(15),
    marginInlineMm: z.number().min(15),
    /** Body size the fitting may shrink to, at the least. */
    minBodySize: z.number().min(THEME_LIMITS.minBodySize),
  }),
  colors: z.record(z.string(), hexColor),
  styles: z.record(z.string(), styleSchema),
  spacing: z.record(z.string(), z.number().min(0).max(THEME_LIMITS.maxSpacing)),
  /**
   * The organisation's letterhead, placed by the template: a logo file (PNG, JPEG or SVG, relative to the theme's
   * folder) and the organisation's name, a string or a map from language tag to string.
   */
  letterhead: z
    .strictObject({
      logo: z.string().min(1),
      name: z.union([z.string().min(1), z.record(z.string().regex(LANG_TAG_PATTERN, 'expected a language tag'), z.string().min(1))]),
    })
    .optional(),
  /** How justified paragraphs are set (src/text/justify.ts); every key optional, defaults as below. */
  justify: z
    .strictObject({
      arabic: z.enum(['kashida', 'spaces']).default('kashida'),
      lines: z.enum(['total-fit', 'greedy']).default('total-fit'),
      hyphenate: z.boolean().default(true),
    })
    .default({ arabic: 'kashida', lines: 'total-fit', hyphenate: true }),
});

export type Theme = z.infer<typeof themeSchema>;
export type ThemeStyle = z.infer<typeof styleSchema>;

export function parseTheme(text: string, file: string): Theme {
  let json: unknown;
  try {
    json = parseStrictJson(text);
  } catch (cause) {
    // Our own words and a position, never the text: a theme.json may be a link to a file the user never named.
    throw new BriefingError('theme', (cause as Error).message, { file });
  }
  const result = themeSchema.safeParse(json, { error: ourWording });
  if (!result.success) {
    throw new BriefingError(
      'theme',
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      { file },
    );
  }
  const theme = result.data;
  const problems: { path: string; message: string }[] = [];
  for (const [name, fam] of Object.entries(theme.fonts.families)) {
    for (const [script, chain] of Object.entries(fam)) {
      chain.forEach((font, i) => {
        if (!theme.fonts.files[font]) problems.push({ path: `fonts.families.${name}.${script}[${i}]`, message: `unknown font "${font}"` });
      });
    }
  }
  for (const [name, style] of Object.entries(theme.styles)) {
    if (!theme.fonts.families[style.family]) problems.push({ path: `styles.${name}.family`, message: `unknown family "${style.family}"` });
    if (!style.color.startsWith('#') && !theme.colors[style.color]) problems.push({ path: `styles.${name}.color`, message: `unknown colour "${style.color}"` });
  }
  if (!theme.styles.body) problems.push({ path: 'styles.body', message: 'required' });
  else if (theme.page.minBodySize > theme.styles.body.size) {
    problems.push({ path: 'page.minBodySize', message: `${theme.page.minBodySize} is larger than the body size ${theme.styles.body.size}` });
  }
  problems.push(...marginProblems(theme), ...fontFileProblems(theme, dirname(resolve(file))));
  if (problems.length) throw new BriefingError('theme', problems, { file });
  return theme;
}

/** Margins that leave the content box at least `minContentMm` of the smaller page each way. */
function marginProblems(theme: Theme): { path: string; message: string }[] {
  const { minContentMm, pageWidthMm, pageHeightMm } = THEME_LIMITS;
  const { marginInlineMm, marginTopMm, marginBottomMm } = theme.page;
  const problems: { path: string; message: string }[] = [];
  if (pageWidthMm - 2 * marginInlineMm < minContentMm) {
    const most = Math.floor((pageWidthMm - minContentMm) / 2);
    problems.push({ path: 'page.marginInlineMm', message: `${marginInlineMm} mm on each side leaves no room for text: at most ${most} mm (a Letter page is ${pageWidthMm} mm wide, the text needs ${minContentMm} mm)` });
  }
  if (pageHeightMm - marginTopMm - marginBottomMm < minContentMm) {
    const most = Math.floor(pageHeightMm - minContentMm);
    problems.push({ path: 'page.marginTopMm', message: `${marginTopMm} mm and ${marginBottomMm} mm (page.marginBottomMm) leave no room for text: at most ${most} mm together (a Letter page is ${pageHeightMm} mm high)` });
  }
  return problems;
}

/**
 * Font files are named relative to the tool's fonts/ folder; they must stay inside it or inside the theme's own
 * folder (symbolic links followed), so a theme beside a template from a data folder cannot read /dev/zero or
 * probe /etc/passwd.
 */
function fontFileProblems(theme: Theme, themeDir: string): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const [name, faces] of Object.entries(theme.fonts.files)) {
    for (const [face, fontFile] of Object.entries(faces)) {
      if (fontFile === undefined) continue;
      const path = resolve(FONTS_DIR, fontFile);
      if (isInsideFolder(path, FONTS_DIR) || isInsideFolder(path, themeDir)) continue;
      problems.push({ path: `fonts.files.${name}.${face}`, message: `the font file is outside the tool's fonts/ folder and the theme's folder` });
    }
  }
  return problems;
}

/** Largest theme.json read (the built-in one is a few KB). */
const MAX_THEME_BYTES = 1024 * 1024;

/** The file each loaded theme came from, so errors found while laying out name theme.json, not the data file. */
const themeFiles = new WeakMap<Theme, string>();

/**
 * The theme in `file`, parsed again only when the file changed since `parsed` (the renderer's cache) last saw it. It must be a regular file
 * inside its own folder (a theme.json that links to /etc/passwd is refused, and its content never shown).
 */
export function loadTheme(file: string, parsed?: Memo<unknown>): Theme {
  const theme = parsedFile(
    file,
    (text) => parseTheme(text, file),
    {
      what: 'the theme',
      code: 'theme',
      maxBytes: MAX_THEME_BYTES,
      within: [dirname(resolve(file))],
    },
    parsed,
  );
  themeFiles.set(theme, file);
  return theme;
}

/** What the template sees of the letterhead: the logo's path and the name in the page's language. */
export interface LetterheadView {
  logo: string;
  name: string;
}

/**
 * The letterhead in language `lang`: the name's exact tag, else its primary language (`ar-IQ` → `ar`); a name
 * without that language is an error naming the theme's field, not another language on paper.
 */
export function letterheadFor(theme: Theme, lang: string, file?: string, fallback?: string): LetterheadView | undefined {
  const letterhead = theme.letterhead;
  if (!letterhead) return undefined;
  if (typeof letterhead.name === 'string') return { logo: letterhead.logo, name: letterhead.name };
  const names = letterhead.name;
  const find = (tag: string) =>
    Object.keys(names).find((t) => t.toLowerCase() === tag.toLowerCase()) ?? Object.keys(names).find((t) => t.toLowerCase() === tag.split('-')[0]!.toLowerCase());
  // The label fallback asked for (`--label-fallback`) stands in for the letterhead's name as for the labels.
  const key = find(lang) ?? (fallback !== undefined ? find(fallback) : undefined);
  if (key === undefined) {
    throw new BriefingError('theme', [{ path: 'letterhead.name', message: `no "${lang}" name for the letterhead (have: ${Object.keys(names).join(', ')})` }], {
      ...(file ? { file } : {}),
      hint: 'add the organisation\'s name in this language to letterhead.name in the theme',
    });
  }
  return { logo: letterhead.logo, name: names[key]! };
}

/** A spacing value by name; a missing name is a theme error rather than a silent zero. */
export function spacing(theme: Theme, name: string): number {
  const value = theme.spacing[name];
  if (value === undefined) {
    const file = themeFiles.get(theme);
    throw new BriefingError('theme', [{ path: `spacing.${name}`, message: 'required by the template' }], file === undefined ? {} : { file });
  }
  return value;
}
