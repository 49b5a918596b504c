/**
 * A language is added by labels alone (README "Adding a language"): a template folder with its own labels.json
 * for Yiddish, no code. A language with no labels is an error naming it and the files, unless a fallback is
 * asked for; a fallback label is an isolate of its own direction.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBriefingSource } from '../../src/data/load.js';
import { renderBriefing } from '../../src/pipeline.js';
import { loadLabels } from '../../src/template/labels.js';
import { BriefingError } from '../../src/errors.js';
import { runCli, MINIMAL_DATA } from '../cli/runCli.js';
import { tempDirs } from '../tempDirs.js';

const tempDir = tempDirs('add-language');

/** Yiddish labels for the built-in template: the visible ones in Yiddish, the rest from Hebrew (same script). */
const YIDDISH: Record<string, string> = {
  classification: 'ניט געהיים',
  visitSummary: 'קיצור פֿונעם באַזוך',
  visitor: 'גאַסט',
  dates: 'דאַטעס',
  place: 'אָרט',
  briefing: 'באַריכט',
  fingerprint: 'ווערסיע פֿון די דאַטן',
};

function yiddishTemplate(): string {
  const dir = tempDir();
  copyFileSync('templates/briefing.hbs', join(dir, 'briefing.hbs'));
  // The theme's letterhead needs the organisation's name in the new language too (and its logo beside it).
  const theme = JSON.parse(readFileSync('templates/theme.json', 'utf8')) as { letterhead: { name: Record<string, string> } };
  theme.letterhead.name.yi = 'מיניסטעריום פֿון אויסערן ענינים · מוסטער';
  writeFileSync(join(dir, 'theme.json'), JSON.stringify(theme, null, 2));
  copyFileSync('templates/emblem.svg', join(dir, 'emblem.svg'));
  const builtIn = loadLabels();
  const labels = Object.fromEntries(Object.entries(builtIn).map(([key, texts]) => [key, { yi: YIDDISH[key] ?? texts['he']! }]));
  writeFileSync(join(dir, 'labels.json'), JSON.stringify(labels, null, 2));
  return join(dir, 'briefing.hbs');
}

const YIDDISH_DATA = [
  'lang: yi',
  'title: "דער מיניסטער באַזוכט באַגדאַד"',
  'date: "2025-02-04"',
  'visit:',
  '  visitor:',
  '    name: "דזשעין דאָו"',
  '  country: "איראַק"',
  '  from: "2025-02-04"',
  '  summary: "דער מיניסטער האָט באַזוכט באַגדאַד."',
].join('\n');

const pageText = (result: Awaited<ReturnType<typeof renderBriefing>>) =>
  result.layout.items.flatMap((item) => (item.kind === 'text' ? [item.line.text] : [])).join('\n');

describe('adding a language by labels alone', () => {
  it('renders Yiddish with a labels.json beside the template: its labels, right to left, in the Hebrew fonts', async () => {
    const template = yiddishTemplate();
    const data = parseBriefingSource(YIDDISH_DATA, join(tempDir(), 'visit.yaml'));
    const result = await renderBriefing(data, { template });
    const text = pageText(result);
    for (const label of Object.values(YIDDISH)) expect(text).toContain(label);
    expect(result.layout.direction).toBe('rtl');
    expect(result.warnings).toEqual([]);
    const faces = new Set(result.layout.items.flatMap((item) => (item.kind === 'text' ? item.line.runs.map((r) => r.face.key) : [])));
    expect([...faces].some((key) => key.startsWith('NotoSerifHebrew'))).toBe(true);
  });

  it('refuses a language without labels, naming it and the labels file', async () => {
    const data = parseBriefingSource(YIDDISH_DATA, join(tempDir(), 'visit.yaml'));
    const error = await renderBriefing(data).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).code).toBe('template');
    expect((error as BriefingError).format()).toContain('no labels for language "yi" in ');
    expect((error as BriefingError).format()).toContain('templates/labels.json');
    expect((error as BriefingError).format()).toContain('--label-fallback');
  });

  it('with a fallback asked for, sets each missing label as an isolate of the fallback\'s direction', async () => {
    const data = parseBriefingSource(YIDDISH_DATA, join(tempDir(), 'visit.yaml'));
    const result = await renderBriefing(data, { labelFallback: 'en' });
    // "Data version" in a right-to-left footer: LRI … PDI, so ": 9ca65039" cannot move into it (the colon is a
    // label too, so it comes from the fallback as an isolate of its own)
    expect(pageText(result)).toContain('\u2066Data version\u2069\u2066: \u2069');
    expect(result.layout.direction).toBe('rtl');
  });

  it('the command line: --label-fallback and --calendar, and their errors', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'yi.yaml'), YIDDISH_DATA);
    writeFileSync(join(dir, 'en.yaml'), MINIMAL_DATA.join('\n'));
    const refused = await runCli('render', join(dir, 'yi.yaml'), '-o', join(dir, 'yi.pdf'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no labels for language "yi"');
    const fallback = await runCli('render', join(dir, 'yi.yaml'), '-o', join(dir, 'yi.pdf'), '--label-fallback', 'en');
    expect(fallback.code).toBe(0);
    expect(readFileSync(join(dir, 'yi.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const dual = await runCli('render', join(dir, 'en.yaml'), '-o', join(dir, 'en.pdf'), '--calendar', 'islamic-umalqura,gregory');
    expect(dual.code).toBe(0);
    const bad = await runCli('render', join(dir, 'en.yaml'), '-o', join(dir, 'x.pdf'), '--calendar', 'lunar');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown calendar "lunar"');
    const three = await runCli('render', join(dir, 'en.yaml'), '-o', join(dir, 'x.pdf'), '--calendar', 'gregory,persian,hebrew');
    expect(three.code).toBe(2);
    expect(three.stderr).toContain('at most two calendars');
  });
});
