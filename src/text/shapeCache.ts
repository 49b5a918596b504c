/**
 * Shaping results are the same for the same text, range, face, direction, script and language, whatever the
 * font size (they are in font units). Fitting lays the page out several times and watch mode renders the same
 * paragraphs again and again, so results are kept in the renderer's cache (renderCache.ts).
 */
import type { Memo } from '../renderCache.js';
import { contextWindow, type ShapeRequest, type ShapedGlyph, type Shaper } from './shaper.js';

export class CachingShaper implements Shaper {
  /**
   * `shapes` must be this shaper's own (or keyed apart from any other's): keys name a face by its `key`, so
   * faces of another font folder, or a font file that changed, need another memo.
   */
  constructor(
    private readonly inner: Shaper,
    private readonly shapes: Memo<ShapedGlyph[]>,
  ) {}

  /**
   * Keyed by the run and the context shaping reads (`contextWindow`), not the whole paragraph: the key's size
   * is the run's, and the same run in another paragraph is a hit. Entries hold clusters relative to the window.
   */
  shape(request: ShapeRequest): ShapedGlyph[] {
    const { text, start, end, face, direction, script, lang } = request;
    const { from, to } = contextWindow(text, start, end);
    const key = `${face.key}\u0000${direction}\u0000${script}\u0000${lang}\u0000${start - from}\u0000${end - from}\u0000${text.slice(from, to)}`;
    const relative = this.shapes.get(key, () => {
      const glyphs = this.inner.shape(request);
      for (const glyph of glyphs) glyph.cluster -= from;
      return glyphs;
    });
    // A copy each time: a caller may change its glyphs (kashida marks elongations), the cache's stay as shaped.
    return relative.map((glyph) => ({ ...glyph, cluster: glyph.cluster + from }));
  }
}
