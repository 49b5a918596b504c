/** The page's picture for `briefing serve`: PDFium's drawing of the PDF's page, as a PNG (src/serve/pagePicture.ts). */
import { describe, expect, it } from 'vitest';
import { loadBriefing } from '../../src/data/load.js';
import { renderBriefing } from '../../src/pipeline.js';
import { encodePng, PagePainter } from '../../src/serve/pagePicture.js';
import { EXAMPLE } from '../example.js';
import { pngPixels as pixelsOf } from '../pngPixels.js';

describe('the picture of the page', () => {
  it('encodes RGBA pixels as a PNG that decodes to the same pixels', async () => {
    // 3 × 2: red, green, blue / white, black, grey; rows of 12 bytes.
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255, 128, 128, 128, 255]);
    const decoded = await pixelsOf(encodePng(rgba, 3, 2));
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    expect([...decoded.data]).toEqual([...rgba]);
  });

  it('draws the PDF\'s page at the width asked for, the height from the page\'s shape, with ink on white paper', async () => {
    const { pdf, layout } = await renderBriefing(await loadBriefing(EXAMPLE));
    const painter = new PagePainter();
    try {
      const small = await painter.draw(pdf, 300);
      expect([small.width, small.height]).toEqual([300, Math.round((300 * layout.height) / layout.width)]);
      const { data, width, height } = await pixelsOf(small.png);
      expect([width, height]).toEqual([300, small.height]);
      let ink = 0;
      let paper = 0;
      for (let i = 0; i < data.length; i += 4) {
        const light = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
        if (light < 110) ink++;
        else if (light > 245) paper++;
      }
      expect(paper / (width * height)).toBeGreaterThan(0.6);
      expect(ink / (width * height)).toBeGreaterThan(0.005);
      // Another width of the same PDF (a zoom): twice the pixels each way.
      const large = await painter.draw(pdf, 600);
      expect([large.width, large.height]).toEqual([600, Math.round((600 * layout.height) / layout.width)]);
      await expect(painter.draw(pdf, 0)).rejects.toThrow(RangeError);
      await expect(painter.draw(pdf, 100_000)).rejects.toThrow(RangeError);
    } finally {
      painter.close();
    }
  });

  it('says so when the bytes are not a PDF PDFium can open', async () => {
    const painter = new PagePainter();
    await expect(painter.draw(new TextEncoder().encode('not a PDF'), 300)).rejects.toThrow(/PDFium cannot open the PDF/);
  });
});
