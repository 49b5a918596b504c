/**
 * What copy-paste must give back, and the PDFs to read it from: the golden bidi cases (one line each, on the
 * pages test/pdf/golden.test.ts renders) and the example briefings in each of their languages (every layout line,
 * and every text field of the localized data). Shared by the copy-paste tests (test/pdf/copyPaste.test.ts) and
 * the measuring script (scripts/copy-readback.ts), so both count the same things the same way.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadBriefing } from '../../src/data/load.js';
import { localizeBriefing } from '../../src/data/localize.js';
import { layoutPage } from '../../src/layout/page.js';
import type { PageLayout } from '../../src/layout/types.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { writePdf } from '../../src/pdf/document.js';
import { renderBriefing } from '../../src/pipeline.js';
import { isBidiControl } from '../../src/text/controls.js';
import { loadGoldenCases, pageMarkup, pagesOf, readBack, type GoldenCase } from '../golden/cases.js';
import { realEngines, theme } from '../text/engines.js';

/** One thing a reader must give back: a whole line, or a field to be found in the page's text. */
export interface Expected {
  /** The case name, or the field path / line number. */
  name: string;
  /** What a reader must give back, in logical order, bidi controls removed, white space normalized. */
  text: string;
  /** A row of several lines (a fact's label and value): each of them as a line of its own is right too. */
  parts?: string[];
  /** A row ending in a hyphen and the rows after it: readers that join the word again give them as this line. */
  joined?: string;
}

export interface CorpusPage {
  /** e.g. `golden page 1 (rtl)`, `nato-iraq-2025 ar`. */
  name: string;
  pdf: Uint8Array;
  /** Each must be a whole line of the reader's text. */
  lines: Expected[];
  /** Each must be found in the reader's text (white space normalized), not glued to a letter on either side. */
  fields: Expected[];
}

/** The golden cases on pages of up to 40 cases, one line per case (as test/pdf/golden.test.ts renders them). */
export async function goldenPages(): Promise<CorpusPage[]> {
  const pages: CorpusPage[] = [];
  for (const [index, page] of pagesOf(loadGoldenCases(), 40).entries()) pages.push(await casePage(`golden page ${index + 1} (${page.dir})`, page.dir, page.cases));
  return pages;
}

/** One page of cases of one direction, one line per case, rendered as the golden pages are. */
export async function casePage(name: string, dir: 'rtl' | 'ltr', cases: readonly GoldenCase[]): Promise<CorpusPage> {
  const pageTheme = theme();
  const layout = layoutPage(parseMarkup(pageMarkup(dir, cases), name, pageTheme), pageTheme, realEngines(pageTheme), 1);
  const pdf = await writePdf(layout, { title: 'golden bidi cases', creationDate: new Date(Date.UTC(2025, 1, 4)) });
  return { name, pdf, lines: cases.map((c) => ({ name: c.name, text: readBack(c.text) })), fields: [] };
}

const EXAMPLES = 'examples';

/** Keys of the contract that are not text shown as written (codes, ISO dates and times, options, image paths). */
const NOT_TEXT = new Set(['lang', 'digits', 'calendar', 'photo', 'time', 'template', 'page', 'date', 'from', 'to', 'established', '$schema']);

/** Every example briefing (examples/*.yaml|json) in every language its title is written in. */
export async function examplePages(): Promise<CorpusPage[]> {
  const pages: CorpusPage[] = [];
  const files = readdirSync(EXAMPLES).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  for (const file of files) {
    const data = await loadBriefing(join(EXAMPLES, file));
    const title = data.raw.title;
    const langs = typeof title === 'object' && title !== null ? Object.keys(title) : [data.lang];
    for (const lang of langs) {
      const { pdf, layout } = await renderBriefing(data, { lang });
      pages.push({ name: `${file.replace(/\.\w+$/, '')} ${lang}`, pdf, lines: visualRows(layout), fields: textFields(localizeBriefing(data, lang)) });
    }
  }
  return pages;
}

/**
 * The page's rows as a reader sees them: layout lines painted one after the other on one baseline (a fact's
 * label and its value, a list's marker and its item) are one row, read in the page's direction with a space
 * between them (or, for a reader that finds columns, each part a line of its own: poppler sets the labels of a
 * fact list apart from the values); lines of columns side by side are painted column by column and stay rows of
 * their own.
 */
export function visualRows(layout: PageLayout): Expected[] {
  const rows: { baseline: number; parts: { x: number; text: string }[] }[] = [];
  for (const item of layout.items) {
    if (item.kind !== 'text') continue;
    const baseline = item.y + item.line.baseline;
    // A hyphenated line shows its hyphen, and readers give it.
    const part = { x: item.x + item.line.x, text: readBack(item.line.text) + (item.line.hyphenated ? '-' : '') };
    const last = rows.at(-1);
    if (last && Math.abs(last.baseline - baseline) < 3) last.parts.push(part);
    else rows.push({ baseline, parts: [part] });
  }
  const rtl = layout.direction === 'rtl';
  const expected: Expected[] = rows
    .map((row, k) => {
      const parts = row.parts.sort((a, b) => (rtl ? b.x - a.x : a.x - b.x)).map((p) => p.text).filter(Boolean);
      return { name: `row ${k + 1}`, text: parts.join(' '), ...(parts.length > 1 ? { parts } : {}) };
    })
    .filter((row) => row.text !== '');
  // poppler and PDFium join a word hyphenated at a line end again, and the two lines with it.
  for (let k = 0; k < expected.length; ) {
    let end = k;
    while (end < expected.length - 1 && /\p{L}-$/u.test(expected[end]!.text)) end++;
    if (end > k) {
      const chain = expected.slice(k, end + 1);
      const joined = chain.map((row, j) => (j < chain.length - 1 ? row.text.slice(0, -1) : row.text)).join('');
      for (const row of chain) row.joined = joined;
    }
    k = end + 1;
  }
  return expected;
}

/** The text fields of a localized briefing with their paths; a multi-paragraph text gives one field per paragraph. */
export function textFields(value: unknown, path = ''): Expected[] {
  if (typeof value === 'string') {
    return value
      .split(/\n\s*\n/)
      .map((p, k, all) => ({ name: all.length > 1 ? `${path} ¶${k + 1}` : path, text: readBack(p) }))
      .filter((f) => f.text !== '');
  }
  if (Array.isArray(value)) return value.flatMap((item, k) => textFields(item, `${path}[${k}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => (NOT_TEXT.has(key) ? [] : textFields(item, path ? `${path}.${key}` : key)));
  }
  return [];
}

/** The lines of a reader's page text, each as `readBack` gives it, empty ones left out. */
export function readerLines(pageText: string): string[] {
  return pageText
    .split(/\r?\n/)
    .map(readBack)
    .filter((l) => l !== '');
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/** The Arabic-script "and" that a list joins to its last item (Intl.ListFormat: «أ، ب، وج»). */
const CONJUNCTION = 'و';

/**
 * Is `field` in the page's text, with no letter, mark or digit glued to it on either side (a fact label glued
 * to its value hides both from search)? A «و» joined by the list format to the last item is allowed, and a
 * word hyphenated at a line end is joined again.
 */
export function findsField(pageText: string, field: string): boolean {
  // A word hyphenated at a line end is one word to a search (pdf.js's find joins `exam-⏎ple` the same way).
  const text = readBack(pageText.replace(/(?<=\p{L})-\r?\n(?=\p{L})/gu, ''));
  for (let at = text.indexOf(field); at >= 0; at = text.indexOf(field, at + 1)) {
    const start = text[at - 1] === CONJUNCTION && !WORD_CHAR.test(text[at - 2] ?? ' ') ? at - 1 : at;
    const before = start > 0 ? text[start - 1]! : ' ';
    const after = text[at + field.length] ?? ' ';
    if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) return true;
  }
  return false;
}

export interface PageResult {
  lines: { exact: number; wrong: Expected[] };
  fields: { exact: number; wrong: Expected[] };
  /** Bidi controls in the reader's text (invisible characters a search or a paste carries along). */
  controls: number;
}

/** How much of `page` a reader's text for it gives back exactly. */
export function score(page: CorpusPage, pageText: string): PageResult {
  const lines = new Set(readerLines(pageText));
  const wrongLines = page.lines.filter((l) => !lines.has(l.text) && !l.parts?.every((part) => lines.has(part)) && !(l.joined && lines.has(l.joined)));
  const wrongFields = page.fields.filter((f) => !findsField(pageText, f.text));
  return {
    lines: { exact: page.lines.length - wrongLines.length, wrong: wrongLines },
    fields: { exact: page.fields.length - wrongFields.length, wrong: wrongFields },
    controls: [...pageText].filter(isBidiControl).length,
  };
}
