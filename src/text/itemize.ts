/**
 * Itemization: cut the logical paragraph into items of one bidi level, one script, one font face and one
 * style, the unit a shaper can take (Typst's `prepare`, Pango's itemize). Each character's face is the first
 * face of the style's chain for its script that covers it; marks, joiners and invisible controls stay with the
 * face of the character before them so they never split a cluster.
 *
 * One exception: a left-to-right stretch without letters inside right-to-left text (a date, a signed number, a
 * phone number) is set in one face when the character-by-character choice would mix faces and one face of its
 * chain covers all of it. Noto Naskh Arabic has digits but no `/`, `+` or `-`, so `2025/02/04` in an Arabic
 * sentence would otherwise be digits from one font and slashes from another: uneven to the eye, and read back by
 * pdf.js as five items that a reader by position puts in right-to-left order.
 */
import type { Direction, FontFaceRef, TextStyle } from './types.js';
import type { ScriptTag } from './script.js';
import { directionOfLevel } from './bidi.js';

/** Picks faces from the theme's fallback chains. */
export interface FontResolver {
  /** Faces to try, in order, for text of `script` in `style`. Never empty. */
  chain(style: TextStyle, script: ScriptTag): readonly FontFaceRef[];
}

/** A character no face in its chain covers. */
export interface MissingGlyph {
  codePoint: number;
  offset: number;
}

/** A maximal stretch of characters with one level, script, face and style. */
export interface Item {
  start: number;
  end: number;
  level: number;
  direction: Direction;
  script: ScriptTag;
  face: FontFaceRef;
  style: TextStyle;
  /** Index of the inline run the item comes from. */
  runIndex: number;
}

export interface ItemizeInput {
  text: string;
  levels: Uint8Array;
  scripts: readonly ScriptTag[];
  /** Inline run index per UTF-16 index. */
  runIndexes: readonly number[];
  styles: readonly TextStyle[];
}

const CLINGING = /[\p{M}\u200c\u200d\u034f\ufe00-\ufe0f\u{e0100}-\u{e01ef}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2060\u00ad\u200b]/u;

export function itemize(input: ItemizeInput, fonts: FontResolver): { items: Item[]; missing: MissingGlyph[] } {
  const { text, levels, scripts, runIndexes, styles } = input;
  const items: Item[] = [];
  const missing: MissingGlyph[] = [];
  let current: Item | undefined;
  const chains = new Map<string, readonly FontFaceRef[]>(); // per run and script: asked once, not per character
  const chainAt = (i: number) => {
    const key = `${runIndexes[i]}|${scripts[i]}`;
    let chain = chains.get(key);
    if (!chain) chains.set(key, (chain = fonts.chain(styles[runIndexes[i]!]!, scripts[i]!)));
    return chain;
  };
  const embeddedFaces = facesForEmbeddedLtr(input, chainAt);
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const runIndex = runIndexes[i]!;
    const style = styles[runIndex]!;
    const script = scripts[i]!;
    const level = levels[i]!;
    const clings = CLINGING.test(String.fromCodePoint(code));
    let face = embeddedFaces.get(i);
    if (!face && clings && current && current.runIndex === runIndex && (current.face.covers(code) || isInvisible(code))) {
      face = current.face;
    }
    if (!face) {
      const chain = chainAt(i);
      face = chain.find((candidate) => candidate.covers(code));
      if (!face) {
        if (!isInvisible(code)) missing.push({ codePoint: code, offset: i });
        face = current && current.runIndex === runIndex && current.script === script ? current.face : chain[0]!;
      }
    }
    const sameItem =
      current && current.level === level && current.face === face && current.runIndex === runIndex && (current.script === script || clings);
    if (current && sameItem) {
      current.end = i + width;
    } else {
      current = { start: i, end: i + width, level, direction: directionOfLevel(level), script, face, style, runIndex };
      items.push(current);
    }
    i += width;
  }
  return { items, missing };
}

/**
 * Faces for stretches without letters of left-to-right text embedded in right-to-left text (one even level above
 * 0, one inline run; `NATO −5` has one, ` −5`) whose characters would otherwise come from several faces: the first
 * face of the chain of the stretch's first character that covers every visible character of it. Keyed by UTF-16
 * index. Letters keep their own faces rather than move wholesale to a fallback for one rare symbol.
 */
function facesForEmbeddedLtr(input: ItemizeInput, chainAt: (i: number) => readonly FontFaceRef[]): Map<number, FontFaceRef> {
  const { text, levels, runIndexes } = input;
  const faces = new Map<number, FontFaceRef>();
  const setOneFace = (start: number, end: number) => {
    const codes = [...text.slice(start, end)].map((c) => c.codePointAt(0)!).filter((code) => !isInvisible(code));
    const chain = chainAt(start);
    const own = new Set(codes.map((code) => chain.find((face) => face.covers(code))));
    const one = own.size > 1 ? chain.find((face) => codes.every((code) => face.covers(code))) : undefined;
    if (one) for (let i = start; i < end; i++) faces.set(i, one);
  };
  for (let start = 0; start < text.length; ) {
    const level = levels[start]!;
    let end = start + 1;
    while (end < text.length && levels[end] === level && runIndexes[end] === runIndexes[start]) end++;
    if (level > 0 && level % 2 === 0) {
      // Within the stretch, each part without letters on its own.
      for (const part of text.slice(start, end).matchAll(/\P{L}+/gu)) setOneFace(start + part.index, start + part.index + part[0].length);
    }
    start = end;
  }
  return faces;
}

/** Characters that are never drawn, so a font lacking them is no loss (controls, default ignorables). */
function isInvisible(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code < 0xa0) || /\p{Default_Ignorable_Code_Point}/u.test(String.fromCodePoint(code));
}
