import { describe, expect, it } from 'vitest';
import { distributeElongation, insertTatweels, isNastaliq, kashidaPoints, wordKashidaPoint, KASHIDA_RULES } from '../../src/text/kashida.js';
import { library, shaper } from './engines.js';

const naskh = library.face('NotoNaskhArabic-Regular.ttf');

/** The word with one tatweel where its elongation goes, and the rule that put it there ('-' for none). */
function elongated(word: string): string {
  const glyphs = shaper.shape({ text: word, start: 0, end: word.length, face: naskh, direction: 'rtl', script: 'Arab', lang: 'ar' });
  const safe = new Set(glyphs.filter((g) => g.safeToInsertTatweel).map((g) => g.cluster));
  const point = wordKashidaPoint(word, 0, word.length, (offset) => safe.has(offset));
  return point ? `${insertTatweels(word, new Map([[point.offset, 1]])).text} ${point.priority}` : '-';
}

describe('where a word is elongated (priority list, golden strings with Noto Naskh Arabic)', () => {
  const cases: [string, string, string][] = [
    ['0 after a typed tatweel, whatever else the word holds', 'جميـل', 'جميــل 0'],
    ['1 after a medial Seen', 'بسم', 'بسـم 1'],
    ['1 after Seen beats a final Teh Marbuta', 'مدرسة', 'مدرسـة 1'],
    ['1 after Sad', 'نصر', 'نصـر 1'],
    ['1 of two Seens, the one nearer the end', 'مستشارين', 'مستشـارين 1'],
    ['1 after Seen even before a final Yeh', 'كرسي', 'كرسـي 1'],
    ['2 before a final Dal', 'محمد', 'محمـد 2'],
    ['2 before a final Teh Marbuta', 'الحكومة', 'الحكومـة 2'],
    ['2 after the marks of the letter before (no mark skipped over)', 'مُحَمَّدٌ', 'مُحَمَّـدٌ 2'],
    ['3 before a final Alef (right-joining, inside the word)', 'كتاب', 'كتـاب 3'],
    ['3 before a final Lam', 'يعمل', 'يعمـل 3'],
    ['4 before a medial Beh followed by Reh', 'بيروت', 'بـيروت 4'],
    ['4 before a medial Beh followed by Yeh', 'تبين', 'تـبين 4'],
    ['5 before a final Ain', 'يقع', 'يقـع 5'],
    ['5 before a final Waw', 'نحو', 'نحـو 5'],
    ['6 before a Reh inside the word', 'العراق', 'العـراق 6'],
    ['6 before any other final letter', 'من', 'مـن 6'],
    ['never before a final Yeh', 'في', '-'],
    ['never before a final Alef Maksura', 'على', '-'],
    ['never inside lam-alef', 'كلا', '-'],
    ['but before an Alef that is not lam-alef', 'كما', 'كمـا 3'],
    ['never next to a ZWNJ (Persian)', 'خانه‌ای', 'خـانه‌ای 3'],
    ['Persian: before a final Waw, not across the ZWNJ', 'می‌خواهم', 'می‌خـواهم 5'],
  ];
  it.each(cases)('%s: %s', (_name, word, expected) => {
    expect(elongated(word)).toBe(expected);
  });

  it('names the rules in the order of the list', () => {
    expect(KASHIDA_RULES).toHaveLength(7);
    expect(KASHIDA_RULES[1]).toMatch(/Seen or Sad/);
  });
});

describe('kashidaPoints', () => {
  it('gives one place per Arabic word and none to Latin words or digits', () => {
    const text = 'زار NATO بغداد في 2025 مع الحكومة';
    const points = kashidaPoints(text, 0, text.length, () => true);
    const words = points.map((p) => text.slice(0, p.offset).split(' ').length - 1);
    expect(new Set(words).size).toBe(words.length); // no word twice
    expect(words).toEqual([0, 2, 5, 6]); // زار بغداد مع الحكومة; في has only a final Yeh
  });

  it('takes no place the shaper does not call safe', () => {
    expect(kashidaPoints('بسم محمد', 0, 8, () => false)).toEqual([]);
  });
});

describe('distributeElongation', () => {
  const slots = [
    { offset: 3, priority: 6, tatweel: 2 },
    { offset: 10, priority: 1, tatweel: 2 },
    { offset: 20, priority: 1, tatweel: 2 },
  ];
  it('serves the best rule first, nearer the end of the line on a tie, one tatweel each in turn', () => {
    expect([...distributeElongation(slots, 4.5, 3)]).toEqual([[20, 1], [10, 1]]);
    expect([...distributeElongation(slots, 8, 3)].sort((a, b) => a[0] - b[0])).toEqual([[3, 1], [10, 1], [20, 2]]);
  });
  it('never goes past the amount or the cap', () => {
    const counts = distributeElongation(slots, 100, 3);
    expect([...counts.values()]).toEqual([3, 3, 3]);
    expect(distributeElongation(slots, 1.9, 3).size).toBe(0);
  });
});

describe('insertTatweels', () => {
  it('maps every index of the result back to the text, -1 for an inserted tatweel', () => {
    const { text, original } = insertTatweels('بسم', new Map([[2, 2]]));
    expect(text).toBe('بســم');
    expect([...original]).toEqual([0, 1, -1, -1, 2]);
  });
});

describe('Nastaliq', () => {
  it('is recognised by the font or by the language', () => {
    expect(isNastaliq({ key: 'NotoNastaliqUrdu-Regular.ttf', upem: naskh.upem, ascender: naskh.ascender, descender: naskh.descender, covers: () => true }, 'ar')).toBe(true);
    expect(isNastaliq(naskh, 'ur')).toBe(true);
    expect(isNastaliq(naskh, 'ur-PK')).toBe(true);
    expect(isNastaliq(naskh, 'fa')).toBe(false);
    expect(isNastaliq(naskh, 'ar')).toBe(false);
  });
});
