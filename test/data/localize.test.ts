import { describe, expect, it } from 'vitest';
import { parseBriefingSource } from '../../src/data/load.js';
import { localizeBriefing, pickTranslation, translationLanguages } from '../../src/data/localize.js';
import type { DataEntry } from '../../src/data/entries.js';
import type { LoadedBriefing } from '../../src/data/types.js';
import { RenderCache } from '../../src/renderCache.js';
import { catchBriefingError, lineOf, minimalYaml } from './helpers.js';

const BILINGUAL = `lang: ar
title: {ar: زيارة الوزير, en: Visit of the minister}
date: 2025-02-04
template: classic
source: {url: "https://example.org/a", name: {ar: وكالة, en: Agency}}
visit:
  visitor: {name: {ar: جين دو, en: Jane Doe}, role: {ar: وزيرة, en: Minister}}
  country: {ar: العراق, en: Iraq, ar-IQ: العراق (IQ)}
  from: 2025-02-04
  to: 2025-02-05
  topics: [{ar: الأمن, en: security}, economy]
  summary: {ar: "ملخص", en: "Summary\\r\\nline two  "}
mission:
  name: {ar: بعثة, en: Mission}
  acronym: NMI
  established: 2018-10
  mandate: {ar: تفويض, en: Mandate}
quotes:
  - {text: {ar: نص, en: Text}, speaker: {ar: متحدث, en: Speaker}}
`;

const load = (text: string): LoadedBriefing => parseBriefingSource(text, 'b.yaml');

describe('localizeBriefing', () => {
  it("uses the file's lang by default and fills the defaults", () => {
    const briefing = localizeBriefing(load(BILINGUAL));
    expect(briefing.lang).toBe('ar');
    expect(briefing.title).toBe('زيارة الوزير');
    expect(briefing.visit.country).toBe('العراق');
    expect(briefing.visit.topics).toEqual(['الأمن', 'economy']);
    expect(briefing.quotes?.[0]).toEqual({ text: 'نص', speaker: 'متحدث' });
    expect(briefing.digits).toBe('latn');
    expect(briefing.page).toBe('A4');
  });

  it('picks the exact tag when asked for another language', () => {
    const briefing = localizeBriefing(load(BILINGUAL), 'en');
    expect(briefing.lang).toBe('en');
    expect(briefing.title).toBe('Visit of the minister');
    expect(briefing.visit.visitor).toEqual({ name: 'Jane Doe', role: 'Minister' });
    expect(briefing.mission?.name).toBe('Mission');
    expect(briefing.source?.name).toBe('Agency');
  });

  it('prefers the exact regional tag, falls back from ar-IQ to ar', () => {
    const briefing = localizeBriefing(load(BILINGUAL), 'ar-IQ');
    expect(briefing.lang).toBe('ar-IQ');
    expect(briefing.visit.country).toBe('العراق (IQ)'); // exact
    expect(briefing.title).toBe('زيارة الوزير'); // fallback to ar
  });

  it('matches tags case-insensitively', () => {
    expect(pickTranslation({ 'ar-iq': 'x', ar: 'y' }, 'AR-IQ')).toBe('x');
    expect(pickTranslation({ AR: 'y' }, 'ar-SA')).toBe('y');
    expect(pickTranslation({ en: 'y' }, 'ar')).toBeUndefined();
    expect(pickTranslation('plain', 'xx')).toBe('plain');
  });

  it('passes non-text fields through unchanged', () => {
    const briefing = localizeBriefing(load(BILINGUAL.replace('lang: ar', 'lang: ar\ndigits: arab\npage: Letter')), 'en');
    expect(briefing).toMatchObject({
      date: '2025-02-04',
      template: 'classic',
      digits: 'arab',
      page: 'Letter',
      source: { url: 'https://example.org/a' },
      visit: { from: '2025-02-04', to: '2025-02-05' },
      mission: { acronym: 'NMI', established: '2018-10' },
    });
  });

  it('sanitizes every resolved text', () => {
    const briefing = localizeBriefing(load(BILINGUAL), 'en');
    expect(briefing.visit.summary).toBe('Summary\nline two');
    const spoof = localizeBriefing(load(minimalYaml('subtitle: "evil\\u202Etxt.exe"')));
    expect(spoof.subtitle).toBe('eviltxt.exe');
  });

  it('leaves out an optional text that is blank, reports a required one that sanitizes to nothing', () => {
    expect(localizeBriefing(load(minimalYaml('subtitle: ""'))).subtitle).toBeUndefined();
    expect('subtitle' in localizeBriefing(load(minimalYaml('subtitle: {en: "", ar: x}')))).toBe(false);
    const error = catchBriefingError(() => localizeBriefing(load(minimalYaml().replace('title: Visit of the minister', 'title: "\\u202E"'))));
    expect(error.problems).toEqual([expect.objectContaining({ path: 'title', message: 'empty', line: 2 })]);
  });

  it('lists every missing translation, with path and line, in one contract error', () => {
    const text = minimalYaml(
      'subtitle: {ar: عنوان فرعي}',
      'quotes:',
      '  - text: {ar: نص, fr: texte}',
      '    speaker: Someone',
    ).replace('  summary: The minister visited Baghdad.', '  summary: {ar: ملخص}');
    const error = catchBriefingError(() => localizeBriefing(load(text), 'en'));
    expect(error.code).toBe('contract');
    expect(error.file).toBe('b.yaml');
    expect(error.problems).toEqual([
      { path: 'visit.summary', message: 'no "en" translation (have: ar)', line: lineOf(text, 'summary:'), column: 12 },
      { path: 'subtitle', message: 'no "en" translation (have: ar)', line: lineOf(text, 'subtitle'), column: 11 },
      { path: 'quotes[0].text', message: 'no "en" translation (have: ar, fr)', line: lineOf(text, 'texte'), column: 11 },
    ]);
    expect(error.format()).toContain('b.yaml:9:12: visit.summary: no "en" translation (have: ar)');
  });

  it('names both tags when a regional tag has no fallback either', () => {
    const error = catchBriefingError(() => localizeBriefing(load(minimalYaml('subtitle: {en: x}')), 'ar-IQ'));
    expect(error.problems[0]!.message).toBe('no "ar-IQ" or "ar" translation (have: en)');
  });

  it('refuses a malformed language argument', () => {
    const error = catchBriefingError(() => localizeBriefing(load(minimalYaml()), 'not a tag'));
    expect(error.code).toBe('usage');
  });

  it('works without locations (data not from a file)', () => {
    const loaded = load(minimalYaml('subtitle: {ar: x}'));
    const error = catchBriefingError(() => localizeBriefing({ ...loaded, locations: undefined }, 'en'));
    expect(error.problems).toEqual([{ path: 'subtitle', message: 'no "en" translation (have: ar)' }]);
  });
});

describe('translationLanguages', () => {
  it("lists the file's lang first, then every tag of its translation maps, once each", () => {
    expect(translationLanguages(load(BILINGUAL))).toEqual(['ar', 'en', 'ar-IQ']);
  });

  it('does not take the keys of other objects (source, visitor) for languages', () => {
    const languages = translationLanguages(load(minimalYaml('source: {name: Agency, section: World, url: "https://example.org"}')));
    expect(languages).toEqual(['en']);
  });

  it('compares tags case-insensitively, keeping the first spelling', () => {
    const text = BILINGUAL.replace('title: {ar: زيارة الوزير, en: Visit of the minister}', 'title: {AR: زيارة الوزير, EN: Visit of the minister}');
    expect(translationLanguages(load(text))).toEqual(['ar', 'EN', 'ar-IQ']);
  });
});

describe('localizeBriefing with a renderer\'s memo', () => {
  const newMemo = () => {
    const entries = { entries: new RenderCache().memo<DataEntry | null>('dataEntries'), canonical: new WeakMap<object, string>() };
    return { entries, localize: { kept: entries.canonical, resolved: new WeakMap<object, Map<string, unknown>>() } };
  };

  it('resolves a kept entry once per language, to what resolving it afresh gives', () => {
    const { entries, localize } = newMemo();
    const loaded = parseBriefingSource(BILINGUAL, 'b.yaml', entries);
    const first = localizeBriefing(loaded, 'en', undefined, localize);
    const again = localizeBriefing(parseBriefingSource(BILINGUAL.replace('Visit of the minister', 'Visit'), 'b.yaml', entries), 'en', undefined, localize);
    expect(again.visit).toBe(first.visit); // the kept entry, found resolved
    expect(again.title).toBe('Visit');
    expect(first).toEqual(localizeBriefing(loaded, 'en'));
    const arabic = localizeBriefing(loaded, 'ar', undefined, localize);
    expect(arabic.visit).not.toBe(first.visit);
    expect(arabic).toEqual(localizeBriefing(loaded, 'ar'));
  });

  it('resolves a kept value by the rules of the field it is given as (a program\'s data may move it)', () => {
    const { entries, localize } = newMemo();
    const loaded = parseBriefingSource(minimalYaml('subtitle:', '  en: ""', '  ar: س'), 'b.yaml', entries);
    // An optional text that comes out blank is left out…
    expect(localizeBriefing(loaded, 'en', undefined, localize).subtitle).toBeUndefined();
    // …a required one is an error, also when the same kept value was resolved as the optional one before.
    const moved = { ...loaded, raw: { ...loaded.raw, title: loaded.raw.subtitle } };
    expect(catchBriefingError(() => localizeBriefing(moved, 'en', undefined, localize), 'contract').problems).toEqual(
      catchBriefingError(() => localizeBriefing(moved, 'en'), 'contract').problems,
    );
  });

  it('keeps no field with a problem: a missing translation is reported at its line every time', () => {
    const { entries, localize } = newMemo();
    const text = `# a comment\n${BILINGUAL}`;
    const loaded = parseBriefingSource(text, 'b.yaml', entries);
    const expected = catchBriefingError(() => localizeBriefing(loaded, 'fr'), 'contract').problems;
    for (let i = 0; i < 2; i++) expect(catchBriefingError(() => localizeBriefing(loaded, 'fr', undefined, localize), 'contract').problems).toEqual(expected);
    // One line less above: the same problems one line up, not the kept lines of before.
    const moved = parseBriefingSource(BILINGUAL, 'b.yaml', entries);
    const problems = catchBriefingError(() => localizeBriefing(moved, 'fr', undefined, localize), 'contract').problems;
    expect(problems.map((p) => p.line)).toEqual(expected.map((p) => p.line! - 1));
  });
});
