/**
 * Reads a PDF back with pdfjs-dist, as a viewer would: text items grouped into lines by baseline, each line's
 * items ordered in its reading direction (pdf.js resolves the order of characters inside an item itself and
 * reports the item's direction), lines top to bottom.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { stripBidiControls } from '../../src/text/controls.js';

export interface ExtractedLine {
  text: string;
  /** Baseline from the top of the page, and horizontal extent, in points. */
  y: number;
  left: number;
  right: number;
}

export interface ExtractedPage {
  pages: number;
  width: number;
  height: number;
  lines: ExtractedLine[];
}

export interface Item {
  str: string;
  dir: string;
  transform: number[];
  width: number;
}


export async function extractText(pdf: Uint8Array): Promise<ExtractedPage> {
  const doc = await getDocument({ data: pdf.slice(), verbosity: 0, useSystemFonts: false }).promise;
  const page = await doc.getPage(1);
  const [, , width, height] = page.view as [number, number, number, number];
  const content = await page.getTextContent();
  const items = (content.items as Item[]).filter((i) => i.str !== undefined && i.str.trim() !== '');
  const rows: { y: number; items: Item[] }[] = [];
  for (const item of items) {
    const y = height - item.transform[5]!;
    const row = rows.find((r) => Math.abs(r.y - y) < 2);
    if (row) row.items.push(item);
    else rows.push({ y, items: [item] });
  }
  rows.sort((a, b) => a.y - b.y);
  const lines = rows.map((row) => {
    const left = Math.min(...row.items.map((i) => i.transform[4]!));
    const right = Math.max(...row.items.map((i) => i.transform[4]! + i.width));
    return { text: lineText(row.items), y: row.y, left, right };
  });
  await doc.destroy();
  return { pages: doc.numPages, width, height, lines };
}

/** The text of one line's pdf.js items, read in the line's direction (see `extractText`). */
export function lineText(items: readonly Item[]): string {
  // A line reads right to left when most of its letters are right-to-left ones (digits and Latin acronyms in
  // an Arabic line are items of their own, so counting items would mislead).
  const letters = items.map((i) => i.str).join('');
  const rtlLetters = (letters.match(/[\p{Script=Arabic}\p{Script=Hebrew}]/gu) ?? []).length;
  const ltrLetters = (letters.match(/\p{Script=Latin}/gu) ?? []).length;
  const rtl = rtlLetters >= ltrLetters && rtlLetters > 0;
  // Right to left by centre, as extractRows.ts reads (a haraka can be an item of its own inside its word).
  const centre = (i: Item) => i.transform[4]! + i.width / 2;
  const sorted = [...items].sort((a, b) => (rtl ? centre(b) - centre(a) : a.transform[4]! - b.transform[4]!));
  // Items far apart on one line (a label and its value) read as separate words, as a viewer shows them.
  let text = '';
  sorted.forEach((item, k) => {
    const previous = sorted[k - 1];
    if (previous) {
      const gap = rtl ? previous.transform[4]! - (item.transform[4]! + item.width) : item.transform[4]! - (previous.transform[4]! + previous.width);
      if (gap > 2 && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
    }
    text += item.str;
  });
  return stripBidiControls(text);
}
