/** Shared engines for the text/layout tests: the real fonts of the project and a fake fixed-advance engine. */
import { ThemeFontChains } from '../../src/theme/fontChains.js';
import { loadTheme, type Theme } from '../../src/theme/theme.js';
import { FontLibrary } from '../../src/text/fonts.js';
import type { FontResolver } from '../../src/text/itemize.js';
import type { TextEngines } from '../../src/text/paragraph.js';
import { HarfBuzzShaper, type ShapedGlyph, type Shaper } from '../../src/text/shaper.js';
import type { FontFaceRef, TextStyle } from '../../src/text/types.js';

export const library = new FontLibrary('fonts');
export const shaper = new HarfBuzzShaper();

export function theme(): Theme {
  return loadTheme('templates/theme.json');
}

export function realEngines(t: Theme = theme()): TextEngines {
  return { fonts: new ThemeFontChains(t, library), shaper };
}

export function style(overrides: Partial<TextStyle> = {}): TextStyle {
  return { family: 'body', size: 10, bold: false, italic: false, color: '#000000', lang: 'ar', ...overrides };
}

/** A face that covers everything: upem 1000, every glyph 500 units wide (5 pt at 10 pt). */
export const fakeFace: FontFaceRef = { key: 'fake', upem: 1000, ascender: 800, descender: -200, covers: () => true };

export const fakeFonts: FontResolver = { chain: () => [fakeFace] };

/** One glyph per UTF-16 unit, id = char code, cluster = logical offset, reversed for right-to-left. */
export const fakeShaper: Shaper = {
  shape({ text, start, end, direction }) {
    const glyphs: ShapedGlyph[] = [];
    for (let i = start; i < end; i++) glyphs.push({ id: text.charCodeAt(i), cluster: i, advance: 500, dx: 0, dy: 0, unsafeToBreak: false });
    return direction === 'rtl' ? glyphs.reverse() : glyphs;
  },
};

export const fakeEngines: TextEngines = { fonts: fakeFonts, shaper: fakeShaper };
