/**
 * `briefing render` in every language of the labels: one page, no missing glyph, the labels of that language,
 * and the text fields back from pdftotext in reading order. The texts are made of the language's own labels
 * (so they are in its script and words), dates in its default digits.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBriefingSource } from '../../src/data/load.js';
import { textDirection } from '../../src/language/locale.js';
import { renderBriefing } from '../../src/pipeline.js';
import { labelLanguages, loadLabels, lookupLabel } from '../../src/template/labels.js';
import { tempDirs } from '../tempDirs.js';

const labels = loadLabels();
const tempDir = tempDirs('every-language');
const normalize = (text: string) => text.replace(/[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();

function briefingIn(lang: string): { yaml: string; fields: string[] } {
  const label = (key: string) => lookupLabel(labels, key, lang)!;
  const fields = {
    title: `${label('briefing')}: ${label('mission')}`,
    visitor: label('commander'),
    country: label('headquarters'),
    summary: `${label('mandate')} ${label('objectives')} ${label('topics')} ${label('meetings')}.`,
    topic: label('nature'),
  };
  const yaml = [
    `lang: ${lang}`,
    'digits: native',
    `title: ${JSON.stringify(fields.title)}`,
    'date: "2025-02-05"',
    'visit:',
    '  visitor:',
    `    name: ${JSON.stringify(fields.visitor)}`,
    `  country: ${JSON.stringify(fields.country)}`,
    '  from: "2025-02-04"',
    '  to: "2025-02-05"',
    `  topics: [${JSON.stringify(fields.topic)}, ${JSON.stringify(fields.visitor)}, ${JSON.stringify(fields.country)}]`,
    `  summary: ${JSON.stringify(fields.summary)}`,
  ].join('\n');
  return { yaml, fields: Object.values(fields) };
}

describe.each(labelLanguages(labels))('a briefing in %s', (lang) => {
  it('is one page in its direction, with its labels, no missing glyph, and every field back from pdftotext', async () => {
    const { yaml, fields } = briefingIn(lang);
    const dir = tempDir();
    const result = await renderBriefing(parseBriefingSource(yaml, join(dir, `${lang}.yaml`)));
    expect(result.warnings).toEqual([]);
    expect(result.layout.missing).toEqual([]);
    expect(result.layout.direction).toBe(textDirection(lang));
    writeFileSync(join(dir, `${lang}.pdf`), result.pdf);
    expect(execFileSync('pdfinfo', [join(dir, `${lang}.pdf`)], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    const text = normalize(execFileSync('pdftotext', [join(dir, `${lang}.pdf`), '-'], { encoding: 'utf8' }));
    for (const field of fields) expect(text).toContain(normalize(field));
    for (const key of ['classification', 'visitSummary', 'visitor', 'dates', 'place', 'topics', 'fingerprint']) {
      expect(text, key).toContain(normalize(lookupLabel(labels, key, lang)!));
    }
  });
});
