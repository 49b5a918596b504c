/**
 * The golden bidi cases (test/golden/bidi-cases.yaml) and the page markup they are rendered with, shared by
 * test/pdf/golden.test.ts and scripts/golden-page.ts.
 */
import { stripBidiControls } from '../../src/text/controls.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export type GoldenLang = 'ar' | 'en' | 'fa' | 'ur';

export interface GoldenCase {
  name: string;
  lang: GoldenLang;
  text: string;
  note: string;
}

const FILE = fileURLToPath(new URL('./bidi-cases.yaml', import.meta.url));
const LANGS: readonly string[] = ['ar', 'en', 'fa', 'ur'];

/** The cases, checked for shape: every field present, names unique, one line each. */
export function loadGoldenCases(file = FILE): GoldenCase[] {
  const doc = parse(readFileSync(file, 'utf8')) as { cases?: unknown };
  if (!Array.isArray(doc.cases)) throw new Error(`${file}: expected a "cases" list`);
  const names = new Set<string>();
  return doc.cases.map((raw: unknown, i) => {
    const c = raw as Partial<Record<keyof GoldenCase, unknown>>;
    for (const key of ['name', 'lang', 'text', 'note'] as const) {
      if (typeof c[key] !== 'string' || c[key] === '') throw new Error(`${file}: case ${i}: "${key}" must be a non-empty string`);
    }
    const name = c.name as string;
    if (names.has(name)) throw new Error(`${file}: duplicate case name ${name}`);
    names.add(name);
    if (!LANGS.includes(c.lang as string)) throw new Error(`${file}: ${name}: lang must be one of ${LANGS.join(', ')}`);
    if (/[\n\r\u2028\u2029]/.test(c.text as string)) throw new Error(`${file}: ${name}: the text must be one line`);
    return { name, lang: c.lang as GoldenLang, text: c.text as string, note: c.note as string };
  });
}

export function directionOf(lang: GoldenLang): 'rtl' | 'ltr' {
  return lang === 'en' ? 'ltr' : 'rtl';
}

/** XML text/attribute escaping for the page markup. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** What a reader copying the line should get: the logical text without bidi controls, white space normalized. */
export function readBack(text: string): string {
  return stripBidiControls(text).replace(/\s+/g, ' ').trim();
}

/** Cases in groups of at most `size`, each group of one direction (a page has one direction). */
export function pagesOf(cases: readonly GoldenCase[], size: number): { dir: 'rtl' | 'ltr'; cases: GoldenCase[] }[] {
  const pages: { dir: 'rtl' | 'ltr'; cases: GoldenCase[] }[] = [];
  for (const dir of ['rtl', 'ltr'] as const) {
    const own = cases.filter((c) => directionOf(c.lang) === dir);
    for (let i = 0; i < own.length; i += size) pages.push({ dir, cases: own.slice(i, i + size) });
  }
  return pages;
}

/** One page with one <p> per case, in the page's direction; each paragraph carries its case's language. */
export function pageMarkup(dir: 'rtl' | 'ltr', cases: readonly GoldenCase[], title = 'golden bidi cases'): string {
  const lang = dir === 'rtl' ? 'ar' : 'en';
  const paragraphs = cases.map((c) => `<p lang="${c.lang}">${xmlEscape(c.text)}</p>`).join('\n');
  return `<page size="A4" dir="${dir}" lang="${lang}" title="${xmlEscape(title)}">\n${paragraphs}\n</page>`;
}
