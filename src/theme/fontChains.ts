/**
 * The theme's font chains as the text engine's `FontResolver`: for a style and a script, the faces to try in
 * order — the chain for the text's language in that script (`ur-Arab`: Urdu is set in Nastaliq, chosen by
 * language, not script), then the script's own chain (`Arab`, `Hebr`, `Thaa`), then the family's default
 * chain, then its fallbacks (ending with a symbols face) — each in the weight and slant asked for where the font
 * has them.
 */
import { primaryLanguage } from '../language/locale.js';
import type { FontResolver } from '../text/itemize.js';
import type { FontLibrary } from '../text/fonts.js';
import type { FontFaceRef, TextStyle } from '../text/types.js';
import type { Theme } from './theme.js';

export class ThemeFontChains implements FontResolver {
  private readonly cache = new Map<string, readonly FontFaceRef[]>();

  constructor(
    private readonly theme: Theme,
    private readonly library: FontLibrary,
  ) {}

  chain(style: TextStyle, script: string): readonly FontFaceRef[] {
    const language = languageOf(style.lang);
    const key = `${style.family}|${style.bold}|${style.italic}|${language}|${script}`;
    let chain = this.cache.get(key);
    if (!chain) {
      chain = chainNames(this.theme, style.family, language, script).map((name) => this.library.face(this.fileFor(name, style)));
      this.cache.set(key, chain);
    }
    return chain;
  }

  /** Every face of the chains resolved so far: the fonts this theme's text has been set with or tried. */
  faces(): Set<FontFaceRef> {
    return new Set([...this.cache.values()].flat());
  }

  private fileFor(name: string, style: TextStyle): string {
    const files = this.theme.fonts.files[name]!;
    if (style.bold && style.italic) return files.boldItalic ?? files.bold ?? files.italic ?? files.regular;
    if (style.bold) return files.bold ?? files.regular;
    if (style.italic) return files.italic ?? files.regular;
    return files.regular;
  }
}

function languageOf(lang: string): string {
  try {
    return primaryLanguage(lang);
  } catch {
    return '';
  }
}

/** The font names of a family's chain for text of `language` (primary subtag) in `script`, in order, once each. */
export function chainNames(theme: Theme, familyName: string, language: string, script: string): string[] {
  const family = theme.fonts.families[familyName] ?? theme.fonts.families.body!;
  const names = [...(family[`${language}-${script}`] ?? []), ...(family[script] ?? []), ...(family.default ?? []), ...(family.fallback ?? [])];
  return [...new Set(names)];
}
