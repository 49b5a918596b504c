/**
 * Page text as Firefox copies it: pdf.js's `getTextContent()` items in content-stream order, each item's string
 * (pdf.js has already run its bidi over it), a newline after an item with `hasEOL`. The Firefox viewer's text
 * layer is one span per item in this order with a line break at `hasEOL`; a selection across the page copies the
 * spans' text in that order. No sorting by position: the viewer does not (test/pdf/extract.ts reads positions,
 * for the geometry checks).
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface PdfjsItem {
  str?: string;
  hasEOL?: boolean;
}

/** The text of every page of `pdf`, one string per page. */
export async function pdfjsPageTexts(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: pdf.slice(), verbosity: 0, useSystemFonts: false }).promise;
  try {
    const texts: string[] = [];
    for (let index = 1; index <= doc.numPages; index++) {
      const page = await doc.getPage(index);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items as PdfjsItem[]) {
        if (item.str === undefined) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      texts.push(text);
    }
    return texts;
  } finally {
    await doc.destroy();
  }
}

/** The lines of page 1 as the Firefox viewer copies them (split at `hasEOL`), empty ones left out. */
export async function pdfjsLines(pdf: Uint8Array): Promise<string[]> {
  const [page = ''] = await pdfjsPageTexts(pdf);
  return page.split('\n').filter((line) => line.trim() !== '');
}
