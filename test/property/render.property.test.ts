/**
 * Property: any contract-valid briefing — mixed Arabic, Latin, digits and punctuation, long and empty optional
 * fields, 0–8 quotes, rendered in Arabic or English — either renders to a PDF of exactly one page or is refused
 * with a BriefingError of code `overflow`; nothing else is ever thrown, and the same input gives the same bytes.
 *
 * The briefings are built as JS objects and go through `parseBriefingSource(JSON.stringify(obj))`, so every one
 * is also checked to be accepted by the loader (a generated document the contract refuses is a failure too).
 * A run that gives a PDF renders twice (about 0.1–0.3 s each), so the run count is kept small.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { parseBriefingSource } from '../../src/data/load.js';
import { BriefingError } from '../../src/errors.js';
import { renderBriefing } from '../../src/pipeline.js';

const NUM_RUNS = 16;
const TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------------------------------------------------------
// Text

const ARABIC_WORDS = [
  'الأمين', 'العام', 'لحلف', 'شمال', 'الأطلسي', 'يشيد', 'بالتعاون', 'القوي', 'مع', 'العراق', 'بعثة', 'الناتو',
  'في', 'بغداد', 'لا', 'الله', 'مُحَمَّد', 'وزارة', 'الدفاع', 'إلى', 'عبد اللطيف', 'السوداني', 'ـــ', 'ﻻ',
];
const LATIN_WORDS = ['NATO', 'Iraq', 'NMI', 'Mark', 'Rutte', 'SACEUR', 'mission', 'the', 'al-Sudani', 'Café', 'naïve', 'x', 'ISIS/Daesh'];
const PUNCTUATION = ['.', ',', '،', '؛', '؟', '!', ':', '(', ')', '[', ']', '«', '»', '"', "'", '-', '–', '—', '/', '%', '…', '·', '&'];
const BIDI_MARKS = ['\u200F', '\u200E', '\u061C', '\u2068', '\u2069', '\u202B']; // RLM, LRM, ALM, FSI, PDI, RLE (removed)

const digits = fc.oneof(
  fc.integer({ min: 0, max: 99999 }).map(String),
  fc.constantFrom('2025', '4–5', '1,234.5', '٢٠٢٥', '10%', '(2018)', '+964', '3.14'),
);
const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ARABIC_WORDS) },
  { weight: 4, arbitrary: fc.constantFrom(...LATIN_WORDS) },
  { weight: 2, arbitrary: digits },
  { weight: 2, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 1, arbitrary: fc.constantFrom(...BIDI_MARKS) },
  // a word glued to punctuation or digits, no space between: «NMI»، (2018)، NATO-العراق
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...ARABIC_WORDS, ...LATIN_WORDS), fc.constantFrom(...PUNCTUATION), fc.constantFrom(...ARABIC_WORDS, ...LATIN_WORDS)).map((parts) => parts.join('')) },
);

/** Some words joined by spaces (and now and then a newline); never blank. */
function words(maxWords: number, minWords = 0) {
  return fc
    .tuple(
      fc.constantFrom(...ARABIC_WORDS, ...LATIN_WORDS),
      fc.array(fc.tuple(fc.constantFrom(' ', ' ', ' ', ' ', '\n', '  '), token), { minLength: minWords, maxLength: maxWords, size: 'max' }),
    )
    .map(([first, rest]) => first + rest.map(([space, word]) => space + word).join(''));
}

const short = words(6);
/** A sentence or a few. */
const prose = words(40);
/** Now and then long enough to overflow the page (a briefing of "long" prose mostly does not fit). */
const longProse = fc.oneof({ weight: 2, arbitrary: words(40) }, { weight: 1, arbitrary: words(250, 120) });

/** A text field: a plain string, or a translation map that has both languages (either may be asked for). */
function text(value: fc.Arbitrary<string>) {
  return fc.oneof(value, fc.record({ ar: value, en: value }));
}
/** An optional text: absent, empty, or a value. */
function optionalText(value: fc.Arbitrary<string>) {
  return fc.option(fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 4, arbitrary: text(value) }), { nil: undefined });
}

// ---------------------------------------------------------------------------------------------------------------
// A briefing

const isoDay = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const person = fc.record({ name: text(short), role: optionalText(short) }, { requiredKeys: ['name'] });

/** Paragraphs separated by a blank line. */
function paragraphsOf(prose: fc.Arbitrary<string>) {
  return fc.array(prose, { minLength: 1, maxLength: 3 }).map((ps) => ps.join('\n\n'));
}

/** A briefing whose longer texts are `prose`. */
function briefingOf(prose: fc.Arbitrary<string>) {
  const visit = fc
    .tuple(isoDay, fc.integer({ min: 0, max: 20 }))
    .chain(([from, days]) =>
      fc.record(
        {
          visitor: person,
          accompaniedBy: fc.array(person, { maxLength: 3 }),
          country: text(short),
          city: optionalText(short),
          from: fc.constant(from),
          to: fc.constant(new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)),
          meetings: fc.array(person, { maxLength: 5 }),
          topics: fc.array(text(short), { maxLength: 5 }),
          summary: text(paragraphsOf(prose)),
        },
        { requiredKeys: ['visitor', 'country', 'from', 'summary'] },
      ),
    );

  const mission = fc.record(
    {
      name: text(short),
      acronym: fc.constantFrom('NMI', 'UNAMI', 'EUAM', ''),
      established: fc.oneof(isoDay, isoDay.map((d) => d.slice(0, 7))),
      launched: optionalText(prose),
      headquarters: optionalText(short),
      commander: fc.record({ name: text(short), role: optionalText(short), nationality: optionalText(short) }, { requiredKeys: ['name'] }),
      nature: optionalText(short),
      mandate: text(paragraphsOf(prose)),
      advises: fc.array(text(short), { maxLength: 6 }),
      objectives: fc.array(text(short), { maxLength: 6 }),
    },
    { requiredKeys: ['name', 'mandate'] },
  );

  const quote = fc.record(
    { text: text(prose), speaker: text(short), role: optionalText(short), context: optionalText(short) },
    { requiredKeys: ['text', 'speaker'] },
  );

  return fc.record(
    {
      lang: fc.constantFrom('ar', 'en'),
      digits: fc.constantFrom('latn', 'arab'),
      page: fc.constantFrom('A4', 'Letter'),
      classification: optionalText(short),
      title: text(short),
      subtitle: optionalText(short),
      date: isoDay,
      source: fc.record({ name: optionalText(short), section: optionalText(short), url: fc.constantFrom('https://example.org/a?b=1', 'http://x.test/') }, { requiredKeys: [] }),
      visit,
      mission,
      quotes: fc.array(quote, { minLength: 0, maxLength: 8 }),
    },
    { requiredKeys: ['lang', 'title', 'date', 'visit'] },
  );
}

/** Mostly briefings that fit (at the theme's sizes or shrunk), about a third that may overflow. */
const briefing = fc.oneof({ weight: 2, arbitrary: briefingOf(prose) }, { weight: 1, arbitrary: briefingOf(longProse) });

// ---------------------------------------------------------------------------------------------------------------

/** Pages of a PDF as PDFKit writes it: page objects are uncompressed dictionaries `/Type /Page`. */
function pageCount(pdf: Uint8Array): number {
  return Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}

type Outcome = { pdf: Uint8Array } | { overflow: string };

async function render(json: string): Promise<Outcome> {
  const loaded = parseBriefingSource(json, 'x.json');
  try {
    const { pdf } = await renderBriefing(loaded);
    return { pdf };
  } catch (error) {
    // Anything but a BriefingError('overflow') fails the property, with the error itself in the report.
    if (error instanceof BriefingError && error.code === 'overflow') return { overflow: error.message };
    throw error;
  }
}

describe('rendering any contract-valid briefing', () => {
  test.prop([briefing], { numRuns: NUM_RUNS, endOnFailure: true })(
    'gives one page or an overflow error, and the same bytes twice',
    async (data) => {
      const json = JSON.stringify(data);
      const first = await render(json);
      if ('overflow' in first) {
        expect(first.overflow).not.toBe('');
        return; // nothing to compare: no bytes (and a second overflow render would double the run time)
      }
      expect(Buffer.from(first.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      expect(pageCount(first.pdf)).toBe(1);
      const second = await render(json);
      expect('pdf' in second, 'the second render of the same input did not give a PDF').toBe(true);
      expect(Buffer.compare(Buffer.from(first.pdf), Buffer.from((second as { pdf: Uint8Array }).pdf))).toBe(0);
    },
    TIMEOUT_MS,
  );
});
