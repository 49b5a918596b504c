import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FSI, PDI, balanceIsolates, isIsolated, isolate, unisolate } from '../../src/template/isolate.js';
import { buildView, splitParagraphs } from '../../src/template/view.js';
import { arabicBriefing, minimalBriefing } from './fixtures.js';

const w = (s: string) => `\u2068${s}\u2069`;

describe('buildView', () => {
  const briefing = arabicBriefing();
  const view = buildView(briefing, { fingerprint: '3fa2b1c0', direction: 'rtl', generatedAt: '2025-02-06T10:00:00Z' });

  it('wraps every text field in FSI…PDI', () => {
    expect(view.title).toBe(w('زيارة قائد بعثة الناتو'));
    expect(view.subtitle).toBe(w('بغداد'));
    expect(view.classification).toBe(w('سري'));
    expect(view.source).toEqual({ name: w('وزارة الخارجية'), section: w('الأخبار'), url: w('https://example.org/a?b=1&c=2') });
    expect(view.visit.visitor).toEqual({ photo: null, name: w('John Smith'), role: w('قائد البعثة') });
    expect(view.visit.accompaniedBy).toEqual([{ name: w('جين دو'), role: w('مستشارة') }]);
    expect(view.visit.country).toBe(w('العراق'));
    expect(view.visit.city).toBe(w('بغداد'));
    expect(view.visit.meetings).toEqual([
      { name: w('وزير الدفاع'), role: w('وزير') },
      { name: w('NSA'), role: null },
    ]);
    expect(view.visit.topics).toEqual([w('الأمن الإقليمي'), w('التدريب'), w('NATO Mission Iraq')]);
    expect(view.visit.summary).toBe(w(briefing.visit.summary));
    expect(view.mission?.name).toBe(w('بعثة الناتو في العراق'));
    expect(view.mission?.acronym).toBe(w('NMI'));
    expect(view.mission?.launched).toBe(w('تموز 2018'));
    expect(view.mission?.commander).toEqual({ name: w('Lt. Gen. X'), role: w('قائد'), nationality: w('إيطالي') });
    expect(view.mission?.mandate).toBe(w('تقديم المشورة.\n\nبناء القدرات.'));
    expect(view.mission?.objectives).toEqual([w('بناء القدرات'), w('الإصلاح')]);
    expect(view.quotes).toEqual([{ text: w('نحن هنا للدعم'), speaker: w('John Smith'), role: w('قائد'), context: w('مؤتمر صحفي') }]);
    expect(view.fingerprint).toBe(w('3fa2b1c0'));
  });

  it('leaves codes and dates raw', () => {
    expect(view.lang).toBe('ar');
    expect(view.digits).toBe('latn');
    expect(view.template).toBe('visit');
    expect(view.page).toBe('A4');
    expect(view.date).toBe('2025-02-06');
    expect(view.visit.from).toBe('2025-02-04');
    expect(view.visit.to).toBe('2025-02-05');
    expect(view.mission?.established).toBe('2018-10');
    expect(view.direction).toBe('rtl');
    expect(view.generatedAt).toBe('2025-02-06T10:00:00Z');
  });

  it('has every optional field, null when absent', () => {
    const v = buildView(minimalBriefing(), { fingerprint: 'abcd0123', direction: 'ltr' });
    expect(v.classification).toBeNull();
    expect(v.subtitle).toBeNull();
    expect(v.template).toBeNull();
    expect(v.source).toBeNull();
    expect(v.mission).toBeNull();
    expect(v.quotes).toBeNull();
    expect(v.generatedAt).toBeNull();
    expect(v.visit).toEqual({
      visitor: { name: w('Jane Doe'), role: null, photo: null },
      programme: null,
      accompaniedBy: null,
      country: w('Iraq'),
      city: null,
      from: '2025-02-04',
      to: null,
      meetings: null,
      topics: null,
      summary: w('One paragraph.'),
    });
    expect(Object.keys(v).sort()).toEqual(
      ['calendar', 'classification', 'date', 'digits', 'direction', 'fingerprint', 'generatedAt', 'lang', 'letterhead', 'mission', 'page', 'quotes', 'source', 'subtitle', 'template', 'title', 'visit'].sort(),
    );
  });

  it('is a copy: the briefing is not modified and the view shares no objects with it', () => {
    const b = arabicBriefing();
    const before = JSON.stringify(b);
    const v = buildView(b, { fingerprint: 'x', direction: 'rtl' });
    expect(JSON.stringify(b)).toBe(before);
    v.visit.topics!.push('more');
    expect(b.visit.topics).toHaveLength(3);
  });

  it('keeps empty strings empty (so {{#if}} sees them as empty)', () => {
    const b = minimalBriefing();
    b.subtitle = '';
    expect(buildView(b, { fingerprint: 'x', direction: 'ltr' }).subtitle).toBe('');
  });
});

describe('isolates', () => {
  it('balances isolate controls inside the text so the wrapper cannot leak', () => {
    expect(isolate('a\u2069b')).toBe(`${FSI}ab${PDI}`); // stray PDI dropped
    expect(isolate('a\u2066b')).toBe(`${FSI}a\u2066b${PDI}${PDI}`); // open LRI closed
    expect(balanceIsolates('x\u2067y\u2069z')).toBe('x\u2067y\u2069z');
  });

  it('isolate(s) is always one balanced isolate and unisolate undoes it (property)', () => {
    const chars = fc.constantFrom('a', 'ب', '1', ' ', '\u2066', '\u2067', '\u2068', '\u2069', '\u202B', '\u202C');
    fc.assert(
      fc.property(fc.array(chars, { minLength: 1, maxLength: 20 }).map((a) => a.join('')), (s) => {
        const wrapped = isolate(s);
        expect(isIsolated(wrapped)).toBe(true);
        expect(unisolate(wrapped)).toBe(balanceIsolates(s));
        let depth = 0;
        for (const ch of wrapped) {
          if (ch >= '\u2066' && ch <= '\u2068') depth++;
          if (ch === '\u2069') depth--;
          expect(depth).toBeGreaterThanOrEqual(0);
        }
        expect(depth).toBe(0);
      }),
    );
  });

  it('does not take two adjacent isolates for one', () => {
    expect(isIsolated(`${FSI}a${PDI}${FSI}b${PDI}`)).toBe(false);
    expect(unisolate(`${FSI}a${PDI}, ${FSI}b${PDI}`)).toBe(`${FSI}a${PDI}, ${FSI}b${PDI}`);
  });
});

describe('splitParagraphs', () => {
  it('splits on blank lines, trims, drops empty paragraphs', () => {
    expect(splitParagraphs('one\ntwo\n\n  \n\nthree  \n')).toEqual(['one\ntwo', 'three']);
    expect(splitParagraphs('a\r\n\r\nb')).toEqual(['a', 'b']);
    expect(splitParagraphs('  \n\n ')).toEqual([]);
  });

  it('re-wraps each paragraph of a wrapped text', () => {
    expect(splitParagraphs(w('one\n\ntwo'))).toEqual([w('one'), w('two')]);
    expect(splitParagraphs(w('\n\n'))).toEqual([]);
  });
});
