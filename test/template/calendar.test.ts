/** Calendars, digits per language and list patterns from the labels, through the helpers the templates call. */
import { describe, expect, it } from 'vitest';
import { knownCalendars } from '../../src/language/locale.js';
import { createTemplateEnvironment } from '../../src/template/environment.js';
import { formatDate, formatDateRange, formatList, formatNumber, formatYearMonth, toDigits } from '../../src/template/format.js';
import { labelLanguages, listWords, loadLabels } from '../../src/template/labels.js';
import { buildView } from '../../src/template/view.js';
import { arabicBriefing } from './fixtures.js';

const labels = loadLabels();
const labelSet = { labels, files: ['templates/labels.json'] };
const FEB_5 = new Date(Date.UTC(2025, 1, 5));

/**
 * ICU's own answer, as format.ts documents its changes: bidi marks dropped, thin spaces made spaces, and an era
 * ICU has only in another script than the language's (`AP` in Hebrew, `BE` in Arabic) left out with its space.
 */
function icu(lang: string, calendar: string, numberingSystem: string, options: Intl.DateTimeFormatOptions, date: Date): string {
  const locale = lang === 'en' ? 'en-GB' : lang;
  const script = new Intl.Locale(lang).maximize().script!;
  const parts = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC', calendar, numberingSystem }).formatToParts(date);
  const era = parts.findIndex((p) => p.type === 'era' && /\p{L}/u.test(p.value) && !new RegExp(`\\p{Script=${script}}`, 'u').test(p.value));
  const space = (k: number) => parts[k] !== undefined && /^\s+$/.test(parts[k]!.value);
  if (era >= 0) parts.splice(space(era - 1) ? era - 1 : era, space(era - 1) || space(era + 1) ? 2 : 1);
  return parts
    .map((p) => p.value)
    .join('')
    .replace(/[\u200E\u200F\u061C]/g, '')
    .replace(/[\u2009\u202F]/g, ' ');
}

function render(template: string, lang: string, digits: 'latn' | 'arab' | 'arabext' | 'native', calendar: string[]): string {
  const environment = createTemplateEnvironment({ lang, digits, labels: labelSet, calendar });
  const briefing = { ...arabicBriefing(), lang, date: '2025-02-05' };
  return environment.render(template, 't.hbs', buildView(briefing, { fingerprint: '3fa2b1c0', direction: 'rtl' })).replace(/[\u2066-\u2069]/g, '');
}

describe('calendars', () => {
  it('5 February 2025 is ۱۷ بهمن ۱۴۰۳ in the Solar Hijri calendar of a Persian briefing', () => {
    expect(formatDate('2025-02-05', 'fa', 'arab', { calendar: 'persian' })).toBe('۱۷ بهمن ۱۴۰۳');
    expect(formatDate('2025-02-05', 'fa', 'native', { calendar: 'persian' })).toBe('۱۷ بهمن ۱۴۰۳');
    expect(formatDate('2025-02-05', 'fa', 'latn', { calendar: 'persian' })).toBe('17 بهمن 1403');
  });

  it.each(knownCalendars())('%s: the helpers give what ICU gives for that calendar, passed explicitly', (calendar) => {
    for (const [lang, system] of [['ar', 'arab'], ['fa', 'arabext'], ['he', 'latn'], ['en', 'latn']] as const) {
      const digits = system === 'latn' ? 'latn' : 'arab';
      expect(formatDate('2025-02-05', lang, digits, { calendar }), `${lang} ${calendar}`).toBe(icu(lang, calendar, system, { day: 'numeric', month: 'long', year: 'numeric' }, FEB_5));
      expect(formatYearMonth('2025-02', lang, digits, { calendar }), `${lang} ${calendar}`).toBe(
        icu(lang, calendar, system, { month: 'long', year: 'numeric' }, new Date(Date.UTC(2025, 1, 1))),
      );
    }
  });

  it('never takes the locale\'s own calendar: ar-SA and fa are Gregorian unless asked', () => {
    expect(formatDate('2025-02-05', 'ar-SA', 'latn')).toBe('5 فبراير 2025');
    expect(formatDate('2025-02-05', 'fa', 'latn')).toBe('5 فوریهٔ 2025');
    expect(() => formatDate('2025-02-05', 'ar', 'latn', { calendar: 'lunar' })).toThrow(/unknown calendar "lunar"/);
  });

  it('dual dates: both, primary first, joined by the label, each with its era', () => {
    const t = '{{date date}}|{{dateRange visit.from visit.to}}|{{yearMonth mission.established}}';
    const [date, range, month] = render(t, 'ar', 'arab', ['islamic-umalqura', 'gregory']).split('|');
    expect(date).toBe('٦ شعبان ١٤٤٦ هـ الموافق ٥ فبراير ٢٠٢٥ م');
    expect(range).toBe(`${formatDateRange('2025-02-04', '2025-02-05', 'ar', 'arab', { calendar: 'islamic-umalqura', era: true })} الموافق ٤–٥ فبراير ٢٠٢٥ م`);
    expect(month).toContain(' الموافق ');
    expect(render('{{date date}}', 'fa', 'arab', ['persian', 'gregory'])).toBe('۱۷ بهمن ۱۴۰۳ ه‍.ش. برابر با ۵ فوریهٔ ۲۰۲۵ م.');
    // ICU has the Hebrew calendar's era only in Latin letters (AM) for he: left out rather than printed foreign
    expect(render('{{date date}}', 'he', 'latn', ['gregory', 'hebrew'])).toBe('5 בפברואר 2025 לספירה, המקביל ל־7 בשבט 5785');
    expect(render('{{date date}}', 'ar', 'latn', ['persian'])).toBe(formatDate('2025-02-05', 'ar', 'latn', { calendar: 'persian' }));
  });
});

describe('digits in Persian, Urdu and Arabic briefings', () => {
  it('a Persian briefing with digits arab or native prints ۰–۹ in dates and numbers; latn prints 0–9', () => {
    for (const digits of ['arab', 'native'] as const) {
      const out = render('{{date date}} {{number 1234.5}} {{digits "2025"}}', 'fa', digits, ['gregory']);
      expect(out).toBe('۵ فوریهٔ ۲۰۲۵ ۱٬۲۳۴٫۵ ۲۰۲۵');
      expect(out).not.toMatch(/[0-9\u0660-\u0669]/);
    }
    expect(render('{{date date}} {{number 1234.5}}', 'fa', 'latn', ['gregory'])).toBe('5 فوریهٔ 2025 1,234.5');
  });

  it('Urdu arab is ۰–۹ (the font\'s URD locl gives the Urdu shapes); Arabic arab stays ٠–٩', () => {
    expect(formatNumber(2025, 'ur', 'arab')).toBe('۲٬۰۲۵');
    expect(toDigits('467', 'arab', 'ur')).toBe('۴۶۷');
    expect(toDigits('467', 'arab', 'ar')).toBe('٤٦٧');
    expect(toDigits('۴۶۷', 'latn')).toBe('467');
  });
});

describe('list joining for languages ICU lacks', () => {
  it('Sorani, Uyghur and Divehi join from the labels, not in English', () => {
    expect(formatList(['ئا', 'بێ', 'سێ'], 'conjunction', 'ckb', listWords(labels, 'ckb'))).toBe('ئا، بێ و سێ');
    expect(formatList(['ئا', 'بێ'], 'disjunction', 'ckb', listWords(labels, 'ckb'))).toBe('ئا یان بێ');
    expect(formatList(['ا', 'ب', 'ت'], 'conjunction', 'ug', listWords(labels, 'ug'))).toBe('ا، ب ۋە ت');
    expect(render('{{list visit.topics}}', 'dv', 'latn', ['gregory'])).toContain(' އަދި ');
  });

  it('Persian, Urdu, Pashto and Sindhi: no comma before the conjunction, as their editors write', () => {
    expect(formatList(['الف', 'ب', 'ج'], 'conjunction', 'fa', listWords(labels, 'fa'))).toBe('الف، ب و ج');
    expect(formatList(['الف', 'ب'], 'disjunction', 'fa', listWords(labels, 'fa'))).toBe('الف یا ب');
    expect(formatList(['ا', 'ب', 'ج'], 'conjunction', 'ur', listWords(labels, 'ur'))).toBe('ا، ب اور ج');
    // a middle dot between the label and a date reads as a zero (۰) beside Persian digits: a dash instead
    expect(render('{{label "briefing"}}{{label "separator"}}{{date date}}', 'fa', 'arab', ['persian'])).toBe('گزارش توجیهی – ۱۷ بهمن ۱۴۰۳');
  });

  it('every language with labels joins lists in its own words: ICU\'s, unless they are English, else the labels\'', () => {
    const english = new Intl.ListFormat('en', { type: 'conjunction' }).format(['a', 'b', 'c']);
    const englishOr = new Intl.ListFormat('en', { type: 'disjunction' }).format(['a', 'b', 'c']);
    const wrong = labelLanguages(labels).flatMap((lang) => {
      if (lang === 'en') return [];
      const words = listWords(labels, lang);
      const and = formatList(['a', 'b', 'c'], 'conjunction', lang, words);
      const or = formatList(['a', 'b', 'c'], 'disjunction', lang, words);
      return and === english || or === englishOr ? [`${lang}: ${and} / ${or}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('Divehi dates come from the labels\' month names, ICU having none', () => {
    expect(render('{{date date}}', 'dv', 'latn', ['gregory'])).toBe('5 ފެބްރުއަރީ 2025');
    expect(render('{{dateRange visit.from visit.to}}', 'dv', 'latn', ['gregory'])).toBe('4–5 ފެބްރުއަރީ 2025');
    expect(render('{{yearMonth mission.established}}', 'dv', 'latn', ['gregory'])).toBe('އޮކްޓޯބަރު 2018');
    expect(() => render('{{date date}}', 'dv', 'latn', ['persian'])).toThrow(/only the gregory calendar/);
  });
});
