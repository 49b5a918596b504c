/**
 * The theme's font chains as the text engine's `FontResolver`: for a style and a script, the faces to try in
 * order (the script's own chain, then the family's default chain, then its fallbacks), each in the weight and
 * slant asked for where the font has them.
 */
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
    const key = `${style.family}|${style.bold}|${style.italic}|${script}`;
    let chain = this.cache.get(key);
    if (!chain) {
      const family = this.theme.fonts.families[style.family] ?? this.theme.fonts.families.body!;
      const names = [...(family[script] ?? []), ...(family.default ?? []), ...(family.fallback ?? [])];
      const unique = [...new Set(names)];
      chain = unique.map((name) => this.library.face(this.fileFor(name, style)));
      this.cache.set(key, chain);
    }
    return chain;
  }

  private fileFor(name: string, style: TextStyle): string {
    const files = this.theme.fonts.files[name]!;
    if (style.bold && style.italic) return files.boldItalic ?? files.bold ?? files.italic ?? files.regular;
    if (style.bold) return files.bold ?? files.regular;
    if (style.italic) return files.italic ?? files.regular;
    return files.regular;
  }
}
