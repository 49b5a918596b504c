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

/** A colour by theme name or literal `#rrggbb`. */
export function resolveColor(theme: Theme, color: string): string {
  return color.startsWith('#') ? color : (theme.colors[color] ?? '#000000');
}

/** A spacing value by name; a missing name is a theme error rather than a silent zero. */
export function spacing(theme: Theme, name: string): number {
  const value = theme.spacing[name];
  if (value === undefined) throw new BriefingError('theme', [{ path: `spacing.${name}`, message: 'required by the template' }]);
  return value;
}
