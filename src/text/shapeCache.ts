/**
 * Shaping results are the same for the same text, range, face, direction, script and language, whatever the
 * font size (they are in font units). Fitting lays the page out several times and watch mode renders the same
 * paragraphs again and again, so results are kept per process.
 */
import type { ShapeRequest, ShapedGlyph, Shaper } from './shaper.js';

/** Entries kept before the cache starts over; a briefing has a few hundred items. */
const MAX_ENTRIES = 50_000;

export class CachingShaper implements Shaper {
  private readonly cache = new Map<string, ShapedGlyph[]>();

  constructor(private readonly inner: Shaper) {}

  /** The returned glyphs are shared between callers: treat them as read-only. */
  shape(request: ShapeRequest): ShapedGlyph[] {
    const { text, start, end, face, direction, script, lang } = request;
    const key = `${face.key}\u0000${direction}\u0000${script}\u0000${lang}\u0000${start}\u0000${end}\u0000${text}`;
    let glyphs = this.cache.get(key);
    if (!glyphs) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      glyphs = this.inner.shape(request);
      this.cache.set(key, glyphs);
    }
    return glyphs;
  }
}
