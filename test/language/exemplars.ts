/**
 * CLDR's exemplar characters (cldr-misc-full, a devDependency pinned to the CLDR of Node's ICU) for the
 * coverage test: the main, punctuation and numbers sets of a locale as code points.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface CharactersJson {
  main: Record<string, { characters: Record<string, unknown> }>;
}

/** The sets the coverage test takes: what a language writes, its punctuation and its number characters. */
export const EXEMPLAR_SETS = ['exemplarCharacters', 'punctuation', 'numbers'] as const;

/** A CLDR locale's exemplar set `name` as UnicodeSet text (`[a b c {ch} \u200C]`). */
export function exemplarSet(locale: string, name: (typeof EXEMPLAR_SETS)[number]): string {
  const json = require(`cldr-misc-full/main/${locale}/characters.json`) as CharactersJson;
  const value = json.main[locale]!.characters[name];
  if (typeof value !== 'string') throw new Error(`CLDR has no ${name} for ${locale}`);
  return value;
}

/**
 * The code points of a CLDR UnicodeSet in its simple exemplar form: characters (space-separated or run
 * together), `\uXXXX` and `\` escapes, `{…}` strings (each of their characters), ranges `a-z`.
 */
export function parseUnicodeSet(set: string): number[] {
  const body = set.trim().replace(/^\[/, '').replace(/\]$/, '');
  const out: number[] = [];
  const chars = [...body];
  let i = 0;
  const next = (): number | undefined => {
    const c = chars[i++]!;
    if (c !== '\\') return c.codePointAt(0)!;
    const e = chars[i++]!;
    if (e === 'u') {
      const hex = chars.slice(i, i + 4).join('');
      i += 4;
      return parseInt(hex, 16);
    }
    return e.codePointAt(0)!;
  };
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === ' ') {
      i++;
      continue;
    }
    if (c === '{') {
      const close = chars.indexOf('}', i);
      for (const s of chars.slice(i + 1, close)) out.push(s.codePointAt(0)!);
      i = close + 1;
      continue;
    }
    const code = next()!;
    if (chars[i] === '-' && i + 1 < chars.length && chars[i + 1] !== ' ') {
      i++;
      const to = next()!;
      for (let k = code; k <= to; k++) out.push(k);
      continue;
    }
    out.push(code);
  }
  return [...new Set(out)];
}

/** CLDR's `layout/orientation/characterOrder` of a locale (`right-to-left` or `left-to-right`). */
export function characterOrder(locale: string): string {
  const json = require(`cldr-misc-full/main/${locale}/layout.json`) as { main: Record<string, { layout: { orientation: { characterOrder: string } } }> };
  return json.main[locale]!.layout.orientation.characterOrder;
}

/** Every locale cldr-misc-full has. */
export function cldrLocales(): string[] {
  const { readdirSync } = require('node:fs') as typeof import('node:fs');
  const { dirname, join } = require('node:path') as typeof import('node:path');
  return readdirSync(join(dirname(require.resolve('cldr-misc-full/package.json')), 'main'));
}
