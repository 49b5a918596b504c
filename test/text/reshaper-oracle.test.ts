/**
 * Joining forms against an independent oracle: arabic-reshaper (GPL-3.0, a devDependency used only here) picks
 * for each letter of a word its presentation form (isolated / initial / medial / final, U+FB50–U+FEFF); HarfBuzz,
 * through our shaper, must pick the same form from the font's own tables.
 *
 * The form of a shaped glyph is read from the font's glyph name (harfbuzzjs `Font.glyphName`): Noto Naskh Arabic
 * and Noto Sans Arabic name their joining forms after the presentation form (`uniFE91` = beh initial, a bare
 * `uni0628` is the isolated letter), Amiri after the OpenType feature (`uni0628.init`, `uni064A.fina_KafYaaIsol`,
 * no suffix = isolated). Where a name says nothing, the glyph is compared with the font's own glyphs for the four
 * presentation forms of the letter (the nominal glyph of U+FE8F…: what shaping the presentation form gives).
 *
 * Words: the first 30 distinct Arabic words of examples/nato-iraq-2025.yaml without lam (no lam-alef or other
 * lam ligature candidates), harakat or tatweel; each must shape to exactly one glyph per letter.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { FontFace } from '../../src/text/fonts.js';
import { library, shaper } from './engines.js';

const reshaper = createRequire(import.meta.url)('arabic-reshaper') as { convertArabic(text: string): string };

type Form = 'isol' | 'init' | 'medi' | 'fina';
const TATWEEL = '\u0640';

/** The four presentation forms arabic-reshaper uses for `letter` (tatweel joins on both sides). */
function presentationForms(letter: string): Record<Form, string> {
  return {
    isol: reshaper.convertArabic(letter),
    init: reshaper.convertArabic(letter + TATWEEL)[0]!,
    medi: reshaper.convertArabic(TATWEEL + letter + TATWEEL)[1]!,
    fina: reshaper.convertArabic(TATWEEL + letter)[1]!,
  };
}

/** The oracle: the form of each letter of `word` (one entry per letter; no lam-alef, so lengths match). */
function oracleForms(word: string): Form[] {
  const shaped = reshaper.convertArabic(word);
  if (shaped.length !== word.length) throw new Error(`arabic-reshaper merged letters of ${word}`);
  return [...word].map((letter, i) => {
    const forms = presentationForms(letter);
    const r = shaped[i]!;
    // Right-joining letters have no initial/medial forms: the reshaper's table gives them the isolated/final one.
    if (r === forms.isol && !(i > 0 && r === forms.fina)) return 'isol';
    if (r === forms.init && r !== forms.isol) return 'init';
    if (r === forms.medi && r !== forms.fina) return 'medi';
    if (r === forms.fina) return 'fina';
    throw new Error(`arabic-reshaper gave U+${r.codePointAt(0)!.toString(16)} for ${letter} in ${word}`);
  });
}

/** Presentation form code point → form, for the letters in use. */
function presentationTable(letters: Iterable<string>): Map<number, Form> {
  const table = new Map<number, Form>();
  for (const letter of letters) {
    const forms = presentationForms(letter);
    // A right-joining letter's "initial" is its isolated form and its "medial" its final form: take isol and fina first.
    for (const form of ['isol', 'fina', 'init', 'medi'] as const) {
      const cp = forms[form].codePointAt(0)!;
      if (!table.has(cp) && cp !== letter.codePointAt(0)) table.set(cp, form);
    }
  }
  return table;
}

/** The form a glyph name states, or undefined when the name says nothing about it. */
function formFromName(name: string, table: ReadonlyMap<number, Form>): Form | undefined {
  const suffix = /\.(init|medi|fina|isol)(?:[._]|$)/.exec(name);
  if (suffix) return suffix[1] as Form;
  const uni = /^uni([0-9A-F]{4,6})(?:\.|$)/.exec(name);
  if (uni) {
    const cp = parseInt(uni[1]!, 16);
    if (table.has(cp)) return table.get(cp);
    // The letter's own code point without a form suffix: the nominal (isolated) glyph.
    if (cp >= 0x0621 && cp <= 0x06ff) return 'isol';
  }
  return undefined;
}

/** Fallback without names: which presentation form of `letter` the font maps to this glyph id. */
function formFromPresentationGlyph(face: FontFace, letter: string, glyphId: number): Form | undefined {
  const forms = presentationForms(letter);
  for (const form of ['init', 'medi', 'fina', 'isol'] as const) {
    const id = face.hbFont.nominalGlyph(forms[form].codePointAt(0)!);
    if (id === glyphId) return form;
  }
  return undefined;
}

// --- words ---------------------------------------------------------------------------------------------------

function exampleWords(count: number): string[] {
  const doc = parse(readFileSync('examples/nato-iraq-2025.yaml', 'utf8')) as unknown;
  const texts: string[] = [];
  const walk = (value: unknown, key?: string) => {
    if (typeof value === 'string') {
      if (key === 'ar') texts.push(value);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(doc);
  const words = texts
    .join(' ')
    .split(/[^\u0621-\u064a]+/)
    .filter((w) => w.length >= 2 && !/[\u0644\u0640\u064b-\u0652]/.test(w));
  return [...new Set(words)].slice(0, count);
}

const WORDS = exampleWords(30);
const TABLE = presentationTable(new Set(WORDS.join('')));

function shapeWord(face: FontFace, word: string) {
  // Right to left, as the engine shapes Arabic runs; glyphs come in visual order, so read them back by cluster.
  const glyphs = shaper.shape({ text: word, start: 0, end: word.length, face, direction: 'rtl', script: 'Arab', lang: 'ar' });
  return [...glyphs].sort((a, b) => a.cluster - b.cluster);
}

describe('arabic-reshaper oracle: joining forms of example words', () => {
  it('has 30 words of two letters or more, without lam, harakat or tatweel', () => {
    expect(WORDS).toHaveLength(30);
    for (const w of WORDS) expect(w).toMatch(/^[\u0621-\u063a\u0641-\u0643\u0645-\u064a]{2,}$/);
    // The oracle itself on a word everyone knows: بعثة = beh initial, ain medial, theh medial, teh marbuta final.
    expect(oracleForms('بعثة')).toEqual(['init', 'medi', 'medi', 'fina']);
    // بغداد: beh initial, ghain medial, dal final; alef and the last dal isolated (dal does not join to the left).
    expect(oracleForms('بغداد')).toEqual(['init', 'medi', 'fina', 'isol', 'isol']);
  });

  for (const file of ['NotoNaskhArabic-Regular.ttf', 'NotoNaskhArabic-Bold.ttf', 'NotoSansArabic-Regular.ttf', 'Amiri-Regular.ttf']) {
    describe(file, () => {
      const face = library.face(file);

      it.each(WORDS)('%s', (word) => {
        const expected = oracleForms(word);
        const glyphs = shapeWord(face, word);
        expect(glyphs.map((g) => g.cluster), 'one glyph per letter').toEqual([...word].map((_, i) => i));
        const names = glyphs.map((g) => face.hbFont.glyphName(g.id));
        // All four fonts name their glyphs; the fallback is there for a font that does not.
        expect(names.every((n) => formFromName(n, TABLE) !== undefined), names.join(' ')).toBe(true);
        const actual = glyphs.map((g, i) => formFromName(names[i]!, TABLE) ?? formFromPresentationGlyph(face, word[i]!, g.id) ?? `? (${names[i]})`);
        expect(actual, names.join(' ')).toEqual(expected);
      });
    });
  }

  it('tells a joined word from the same letters unjoined (the comparison is not vacuous)', () => {
    const face = library.face('Amiri-Regular.ttf');
    const word = 'بعثة';
    // Each letter shaped on its own is isolated; the oracle wants init, medi, medi, fina.
    const alone = [...word].map((letter) => formFromName(face.hbFont.glyphName(shapeWord(face, letter)[0]!.id), TABLE));
    expect(alone).toEqual(['isol', 'isol', 'isol', 'isol']);
    expect(alone).not.toEqual(oracleForms(word));
  });

  it('agrees with the nominal glyphs of the presentation forms where the font encodes them (Noto Naskh Arabic)', () => {
    // The name-free fallback, checked on its own: shaping the word gives, letter by letter, the glyph the font
    // maps to the presentation form arabic-reshaper chose.
    const face = library.face('NotoNaskhArabic-Regular.ttf');
    for (const word of WORDS) {
      const shaped = reshaper.convertArabic(word);
      const ids = shapeWord(face, word).map((g) => g.id);
      expect(ids, word).toEqual([...shaped].map((c) => face.hbFont.nominalGlyph(c.codePointAt(0)!)));
    }
  });
});
