/**
 * The theme: fonts, sizes, colours and spacing of a template, read from `theme.json` beside it. Nothing of
 * the look lives in code.
 */
import { parsedFile } from '../fileCache.js';
import { z } from 'zod';
import { BriefingError } from '../errors.js';

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

const styleSchema = z.strictObject({
  family: z.string(),
  size: z.number().positive(),
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
    minBodySize: z.number().positive(),
  }),
  colors: z.record(z.string(), hexColor),
  styles: z.record(z.string(), styleSchema),
  spacing: z.record(z.string(), z.number().min(0)),
  /**
   * The organisation's letterhead, placed by the template: a logo file (PNG, JPEG or SVG, relative to the theme's
   * folder) and the organisation's name, a string or a map from language tag to string.
   */
  letterhead: z
    .strictObject({
      logo: z.string().min(1),
      name: z.union([z.string().min(1), z.record(z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'expected a language tag'), z.string().min(1))]),
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
    json = JSON.parse(text);
  } catch (cause) {
    throw new BriefingError('theme', `not valid JSON: ${(cause as Error).message}`, { file });
  }
  const result = themeSchema.safeParse(json);
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
  if (problems.length) throw new BriefingError('theme', problems, { file });
  return theme;
}

/** The theme in `file`, parsed again only when the file changed since the last call. */
export function loadTheme(file: string): Theme {
  return parsedFile(
    file,
    (text) => parseTheme(text, file),
    (cause) => new BriefingError('theme', `cannot read the theme: ${cause.message}`, { file, cause }),
  );
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
  if (value === undefined) throw new BriefingError('theme', [{ path: `spacing.${name}`, message: 'required by the template' }]);
  return value;
}
