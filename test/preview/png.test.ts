/**
 * `briefing preview` and `pdfToPng`: the PNG has the page's size at the resolution asked, shows the page (not
 * blank), and everything drawn lies inside the margins the layout computed.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { pngPixels } from '../pngPixels.js';
import { tempDirs } from '../tempDirs.js';
import { previewPath } from '../../src/cli/preview.js';
import { loadBriefing } from '../../src/data/load.js';
import { renderBriefing, type RenderResult } from '../../src/pipeline.js';
import { pdfToPng } from '../../src/preview/png.js';
import { PACKAGE_ROOT } from '../../src/resources.js';

const EXAMPLE = resolve(PACKAGE_ROOT, 'examples/nato-iraq-2025.yaml');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const tempDir = tempDirs('preview');
const run = runCli;

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The bounding box of the pixels with any channel below 200 (ink), or undefined when there are none. */
function inkBox(image: { width: number; height: number; data: Uint8ClampedArray }) {
  let count = 0;
  let left = Infinity;
  let right = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      if (image.data[i]! < 200 || image.data[i + 1]! < 200 || image.data[i + 2]! < 200) {
        count++;
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
  }
  return count === 0 ? undefined : { count, left, right, top, bottom };
}

describe('briefing preview', () => {
  let layout: RenderResult['layout'];
  beforeAll(async () => {
    ({ layout } = await renderBriefing(await loadBriefing(EXAMPLE)));
  });

  it(
    'writes a PNG of the page, A4-sized at the dpi, not blank, with all ink inside the margins',
    async () => {
      const dpi = 110;
      const dir = tempDir();
      const out = join(dir, 'page.png');
      const result = await run('preview', EXAMPLE, '-o', out, '--dpi', String(dpi));
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${dpi} dpi, \\d+×\\d+ px, \\d+\\.\\d pt\\)\\n$`));
      expect(readdirSync(dir)).toEqual(['page.png']);

      const png = readFileSync(out);
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      const scale = dpi / 72;
      const { width, height } = pngSize(png);
      expect(Math.abs(width - (595.28 / 72) * dpi)).toBeLessThanOrEqual(1);
      expect(Math.abs(height - (841.89 / 72) * dpi)).toBeLessThanOrEqual(1);

      const image = await pngPixels(png);
      expect(image.width).toBe(width);
      const ink = inkBox(image);
      expect(ink, 'the page is blank').toBeDefined();
      // A page of text: a good share of the pixels inside the margins are ink.
      expect(ink!.count).toBeGreaterThan(width * height * 0.01);
      const { content } = layout;
      expect(ink!.left).toBeGreaterThanOrEqual(content.left * scale - 2);
      expect(ink!.right).toBeLessThanOrEqual(content.right * scale + 2);
      expect(ink!.top).toBeGreaterThanOrEqual(content.top * scale - 2);
      expect(ink!.bottom).toBeLessThanOrEqual(content.bottom * scale + 2);
      // The header band reaches the top margin and the text spans the width: the box is the content's.
      expect(ink!.top).toBeLessThanOrEqual(content.top * scale + 2);
      expect(ink!.left).toBeLessThanOrEqual(content.left * scale + 4);
      expect(ink!.right).toBeGreaterThanOrEqual(content.right * scale - 4);
    },
    30_000,
  );

  it('writes output/<name>.png without -o, and <name>.png into a folder', () => {
    expect(previewPath('a/visit.yaml', undefined)).toBe(join('output', 'visit.png'));
    expect(previewPath('a/visit.yaml', 'pics/')).toBe(join('pics', 'visit.png'));
    expect(previewPath('a/visit.yaml', 'x.PNG')).toBe('x.PNG');
  });

  it('refuses an output that is not a .png, a bad --dpi, and reports bad data like render', async () => {
    const dir = tempDir();
    const pdf = await run('preview', EXAMPLE, '-o', join(dir, 'page.pdf'));
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toContain('--output must end in .png');

    for (const dpi of ['0', '5000', 'many']) {
      const bad = await run('preview', EXAMPLE, '--dpi', dpi);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^briefing: --dpi must be a number from 20 to 600.*\nRun 'briefing preview --help' for usage\.\n$/);
    }

    const data = join(dir, 'bad.yaml');
    writeFileSync(data, 'lang: en\ntitle: [unclosed\n');
    const out = join(dir, 'bad.png');
    const result = await run('preview', data, '-o', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^${data.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `, 'm'));
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });
});

describe('pdfToPng', () => {
  it('sizes the picture by the dpi and refuses a non-positive dpi', async () => {
    const { pdf } = await renderBriefing(await loadBriefing(EXAMPLE));
    const png = Buffer.from(await pdfToPng(pdf, 36));
    // A4 is 595.28 × 841.89 pt: half that in pixels at 36 dpi, rounded.
    expect(pngSize(png)).toEqual({ width: 298, height: 421 });
    await expect(pdfToPng(pdf, 0)).rejects.toThrow(/dpi/);
  });
});
