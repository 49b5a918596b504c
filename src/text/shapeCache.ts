/**
 * Shaping results are the same for the same text, range, face, direction, script and language, whatever the
 * font size (they are in font units). Fitting lays the page out several times and watch mode renders the same
 * paragraphs again and again, so results are kept per process.
 */
import { contextWindow, type ShapeRequest, type ShapedGlyph, type Shaper } from './shaper.js';

/** Entries kept before the cache starts over; a briefing has a few hundred items. */
const MAX_ENTRIES = 50_000;

export class CachingShaper implements Shaper {
  private readonly cache = new Map<string, ShapedGlyph[]>();

  constructor(private readonly inner: Shaper) {}

  /**
   * Keyed by the run and the context shaping reads (`contextWindow`), not the whole paragraph: the key's size
   * is the run's, and the same run in another paragraph is a hit. Entries hold clusters relative to the window.
   */
  shape(request: ShapeRequest): ShapedGlyph[] {
    const { text, start, end, face, direction, script, lang } = request;
    const { from, to } = contextWindow(text, start, end);
    const key = `${face.key}\u0000${direction}\u0000${script}\u0000${lang}\u0000${start - from}\u0000${end - from}\u0000${text.slice(from, to)}`;
    let relative = this.cache.get(key);
    if (!relative) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      relative = this.inner.shape(request).map((glyph) => ({ ...glyph, cluster: glyph.cluster - from }));
      this.cache.set(key, relative);
    }
    return relative.map((glyph) => ({ ...glyph, cluster: glyph.cluster + from }));
  }
}
