/**
 * UAX #9 through bidi-js: embedding levels over the whole logical paragraph (rules P2–I2), and the per-line
 * rules L1 (trailing whitespace back to the paragraph level) and L2 (reversal by level) over runs.
 */
import bidiModule from 'bidi-js';
import { noMemo, type Memo } from '../renderCache.js';
import type { Direction } from './types.js';

// bidi-js ships CommonJS whose typings declare an ES default export; under Node's ESM interop the default
// import is the factory itself.
const bidiFactory = bidiModule as unknown as typeof bidiModule.default;
const bidi = bidiFactory();

export interface BidiParagraph {
  /** Resolved embedding level per UTF-16 index. */
  levels: Uint8Array;
  /** The paragraph level: 0 left-to-right, 1 right-to-left. */
  baseLevel: number;
}

/**
 * Levels for `text` as one paragraph; 'auto' applies P2/P3 (first strong letter), defaulting to `fallback`.
 * `resolved` keeps them (the renderer's cache: fitting and watch mode lay the same paragraphs out again and
 * again). The result is shared between callers: treat `levels` as read-only.
 */
export function resolveLevels(text: string, direction: Direction | 'auto', fallback: Direction = 'ltr', resolved: Memo<BidiParagraph> = noMemo()): BidiParagraph {
  const base: Direction = direction === 'auto' ? (firstStrongDirection(text) ?? fallback) : direction;
  return resolved.get(`${base}\u0000${text}`, () => {
    const result = bidi.getEmbeddingLevels(text, base);
    // bidi-js treats U+2029/\n as paragraph separators and may resolve each with its own level; we always pass
    // one paragraph's text, so the first paragraph's level is the base.
    return { levels: result.levels, baseLevel: result.paragraphs[0]?.level ?? (base === 'rtl' ? 1 : 0) };
  });
}

/** P2/P3: the direction of the first strong character, skipping isolates; undefined if there is none. */
export function firstStrongDirection(text: string): Direction | undefined {
  let isolateDepth = 0;
  for (const char of text) {
    const type = bidi.getBidiCharTypeName(char);
    if (type === 'LRI' || type === 'RLI' || type === 'FSI') isolateDepth++;
    else if (type === 'PDI') isolateDepth = Math.max(0, isolateDepth - 1);
    else if (isolateDepth === 0) {
      if (type === 'L') return 'ltr';
      if (type === 'R' || type === 'AL') return 'rtl';
    }
  }
  return undefined;
}

/** Bidi class name (`L`, `R`, `AL`, `WS`, `FSI`, …) of a character. */
export function bidiClass(char: string): string {
  return bidi.getBidiCharTypeName(char);
}

/** The mirror image of a character under Bidi_Mirroring_Glyph (`(` ↔ `)`, `«` ↔ `»`), or the character itself. */
export function mirroredChar(char: string): string {
  return bidi.getMirroredCharacter(char) ?? char;
}

/**
 * L1: whitespace and isolate controls at the end of a line (and before a tab) take the paragraph level, so a
 * trailing space sits at the line's end in reading order instead of inside a reversed run.
 */
export function applyTrailingWhitespaceRule(text: string, levels: Uint8Array, start: number, end: number, baseLevel: number): Uint8Array {
  const lineLevels = levels.slice(start, end);
  let i = end - 1;
  while (i >= start && isTrailingWhitespace(text[i]!)) {
    lineLevels[i - start] = baseLevel;
    i--;
  }
  for (let k = start; k < end; k++) {
    if (text[k] === '\t') {
      lineLevels[k - start] = baseLevel;
      for (let j = k - 1; j >= start && isTrailingWhitespace(text[j]!); j--) lineLevels[j - start] = baseLevel;
    }
  }
  return lineLevels;
}

/**
 * What L1 sends back to the paragraph level at a line's end: whitespace (WS), isolate controls, boundary
 * neutrals (BN: ZWSP, other controls) and segment/paragraph separators (tab, newline). A no-break space is not
 * among them (it is CS): it stays, is drawn and counts in the line's width.
 */
export function isTrailingWhitespace(char: string): boolean {
  const type = bidi.getBidiCharTypeName(char);
  return type === 'WS' || type === 'FSI' || type === 'LRI' || type === 'RLI' || type === 'PDI' || type === 'BN' || type === 'S' || type === 'B';
}

/**
 * L2: the visual order of runs given their levels: from the highest level down to the lowest odd level,
 * reverse every maximal sequence of runs at that level or higher. Returns indices into `levels`.
 */
export function visualOrder(levels: readonly number[]): number[] {
  const order = levels.map((_, i) => i);
  if (levels.length === 0) return order;
  const highest = Math.max(...levels);
  let lowestOdd = Math.min(...levels.filter((l) => l % 2 === 1));
  if (!Number.isFinite(lowestOdd)) return order;
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length; ) {
      if (levels[order[i]!]! >= level) {
        let j = i;
        while (j < order.length && levels[order[j]!]! >= level) j++;
        order.splice(i, j - i, ...order.slice(i, j).reverse());
        i = j;
      } else i++;
    }
  }
  return order;
}

export function directionOfLevel(level: number): Direction {
  return level % 2 ? 'rtl' : 'ltr';
}
