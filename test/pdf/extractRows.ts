/**
 * pdf.js extraction by position, for pages whose lines we know: each text item of the page goes to the
 * nearest expected baseline (so a haraka raised or lowered with text rise stays on its line, where grouping
 * by exact baseline would make it a line of its own), and each row's items are read in the row's known
 * direction: left to right by left edge, right to left by centre (a haraka at the left end of a right-to-left
 * line can be an item of its own, of no width, sitting inside the word it ends, or the first glyph of the word's
 * item, moving the item's start by its offset). pdf.js's white-space items are read as spaces where they sort;
 * other items far apart on one row are joined with a space, as test/pdf/extract.ts does.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ExpectedRow {
  /** Baseline from the top of the page, in points. */
  baseline: number;
  direction: 'ltr' | 'rtl';
}

export interface RowItem {
  str: string;
  dir: string;
  x: number;
  y: number;
  width: number;
}

export interface ExtractedRow {
  text: string;
  items: RowItem[];
}

interface PdfjsItem {
  str?: string;
  dir: string;
  transform: number[];
  width: number;
}

/** Reads page 1 of `pdf` and returns one row per expected row, in the order given. */
export async function extractRows(pdf: Uint8Array, rows: readonly ExpectedRow[]): Promise<{ pages: number; rows: ExtractedRow[]; stray: RowItem[] }> {
  const doc = await getDocument({ data: pdf.slice(), verbosity: 0, useSystemFonts: false }).promise;
  try {
    const page = await doc.getPage(1);
    const height = (page.view as number[])[3]!;
    const content = await page.getTextContent();
    const buckets: RowItem[][] = rows.map(() => []);
    const stray: RowItem[] = [];
    for (const raw of content.items as PdfjsItem[]) {
      if (raw.str === undefined || raw.str === '') continue;
      const item: RowItem = { str: raw.str, dir: raw.dir, x: raw.transform[4]!, y: height - raw.transform[5]!, width: raw.width };
      let best = -1;
      rows.forEach((row, k) => {
        if (best < 0 || Math.abs(row.baseline - item.y) < Math.abs(rows[best]!.baseline - item.y)) best = k;
      });
      // Text rise for marks moves an item by a few points; anything further off belongs to no expected row.
      if (best >= 0 && Math.abs(rows[best]!.baseline - item.y) < 6) buckets[best]!.push(item);
      else stray.push(item);
    }
    return {
      pages: doc.numPages,
      stray,
      rows: rows.map((row, k) => {
        const rtl = row.direction === 'rtl';
        // White-space items are pdf.js's own word spaces (it emits one where it finds a gap); they are read as
        // spaces in their place, but for those of no width it leaves where a run changes font.
        const items = buckets[k]!.sort((a, b) => (rtl ? b.x + b.width / 2 - (a.x + a.width / 2) : a.x - b.x));
        let text = '';
        items.forEach((item, j) => {
          const previous = items[j - 1];
          if (item.str.trim() === '') {
            if (item.width >= 1 && !text.endsWith(' ')) text += ' ';
            return;
          }
          if (previous && previous.str.trim() !== '') {
            const gap = rtl ? previous.x - (item.x + item.width) : item.x - (previous.x + previous.width);
            if (gap > 2 && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
          }
          text += item.str;
        });
        return { text, items };
      }),
    };
  } finally {
    await doc.destroy();
  }
}
