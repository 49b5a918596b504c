/**
 * Justified text read back from the PDF: kashida's tatweels are drawn but are not text, and a hyphenated
 * word comes back whole from poppler (which drops a line-end hyphen) and as `exam-` / `ple` from pdf.js.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutPage } from '../../src/layout/page.js';
import type { PageLayout } from '../../src/layout/types.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { writePdf } from '../../src/pdf/document.js';
import { PatternHyphenator } from '../../src/text/hyphenate.js';
import { xmlEscape } from '../golden/cases.js';
import { tempDirs } from '../tempDirs.js';
import { realEngines, theme } from '../text/engines.js';
import { extractText } from './extract.js';

const ARABIC =
  'زار الأمين العام لحلف شمال الأطلسي، مارك روته، العراق في الفترة من 4 إلى 5 فبراير 2025، برفقة القائد الأعلى لقوات الحلفاء في أوروبا، الجنرال كريستوفر ج. كافولي. وخلال رحلته، التقى بالرئيس الدكتور عبد اللطيف رشيد، ورئيس الوزراء محمد شياع السوداني، ومسؤولين آخرين رفيعي المستوى في الحكومة العراقية.';
const ENGLISH =
  'The Secretary General of the North Atlantic Treaty Organization, Mark Rutte, visited Iraq from 4 to 5 February 2025, accompanied by the Supreme Allied Commander Europe, General Christopher G. Cavoli. During his trip he met the President, the Prime Minister and other senior representatives of the Iraqi government.';

let POPPLER = true;
try {
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
} catch {
  POPPLER = false;
}

const tempDir = tempDirs('justified');
const t = theme();
const engines = { ...realEngines(t), hyphenator: new PatternHyphenator() };

/** A page of three narrow columns, the paragraph justified in the first one. */
async function narrowPage(dir: 'rtl' | 'ltr', text: string): Promise<{ layout: PageLayout; pdf: Uint8Array }> {
  const lang = dir === 'rtl' ? 'ar' : 'en';
  const markup = `<page size="A4" dir="${dir}" lang="${lang}" title="justified"><columns gap="24"><column><p align="justify">${xmlEscape(text)}</p></column><column/><column/></columns></page>`;
  const layout = layoutPage(parseMarkup(markup, 'narrow page', t), t, engines, 1);
  return { layout, pdf: await writePdf(layout, { title: 'justified', creationDate: new Date(Date.UTC(2025, 1, 4)) }) };
}

const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('kashida: the elongation is not text', () => {
  let page: { layout: PageLayout; pdf: Uint8Array };
  beforeAll(async () => (page = await narrowPage('rtl', ARABIC)));

  it('draws elongations on the narrow column', () => {
    const glyphs = page.layout.items.flatMap((item) => (item.kind === 'text' ? item.line.runs.flatMap((r) => r.glyphs) : []));
    expect(glyphs.filter((g) => g.elongation).length).toBeGreaterThan(5);
  });

  it('pdf.js gives the paragraph back without U+0640', async () => {
    const { lines } = await extractText(page.pdf);
    const text = squeeze(lines.map((l) => l.text).join(' '));
    expect(text).not.toContain('\u0640');
    expect(text).toBe(ARABIC);
  });

  it.skipIf(!POPPLER)('pdftotext gives the paragraph back without U+0640', () => {
    const file = join(tempDir(), 'arabic.pdf');
    writeFileSync(file, page.pdf);
    const text = squeeze(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\u200e\u200f\u202a-\u202e]/g, ''));
    expect(text).not.toContain('\u0640');
    expect(text).toBe(ARABIC);
  });
});

describe('hyphenation: the hyphen is drawn and copy-paste gives the words', () => {
  let page: { layout: PageLayout; pdf: Uint8Array };
  beforeAll(async () => (page = await narrowPage('ltr', ENGLISH)));

  it('hyphenates some lines', () => {
    expect(page.layout.items.filter((item) => item.kind === 'text' && item.line.hyphenated).length).toBeGreaterThan(0);
  });

  it('pdf.js reads each hyphenated line with its hyphen, and the words join across it', async () => {
    const { lines } = await extractText(page.pdf);
    const hyphenated = lines.filter((l) => l.text.endsWith('-'));
    expect(hyphenated.length).toBeGreaterThan(0);
    const joined = squeeze(lines.map((l) => (l.text.endsWith('-') ? l.text.slice(0, -1) : `${l.text} `)).join(''));
    expect(joined).toBe(ENGLISH);
  });

  it.skipIf(!POPPLER)('pdftotext joins a hyphenated word again', () => {
    const file = join(tempDir(), 'english.pdf');
    writeFileSync(file, page.pdf);
    const text = squeeze(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
    expect(text).toBe(ENGLISH);
  });
});
