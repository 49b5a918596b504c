import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadImages } from '../../src/images/load.js';
import { layoutPage } from '../../src/layout/page.js';
import { structureNodesOf } from '../../src/layout/structure.js';
import type { PageLayout, PaintItem } from '../../src/layout/types.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { catchBriefingError } from '../briefingError.js';
import { jpegBytes, pngBytes, SVG } from '../images/pictures.js';
import { tempDirs } from '../tempDirs.js';
import { realEngines, theme as loadTheme } from '../text/engines.js';

const theme = loadTheme();
const engines = realEngines(theme);
const tempDir = tempDirs('image-element');

/** Lays out a page of `blocks` whose images are the test pictures (wide.png 40×20 px, square.jpg, logo.svg 60×30). */
function layout(blocks: string, dir: 'rtl' | 'ltr' = 'rtl'): PageLayout {
  const folder = tempDir();
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'wide.png'), pngBytes(40, 20));
  writeFileSync(join(folder, 'square.jpg'), jpegBytes(30, 30));
  writeFileSync(join(folder, 'logo.svg'), SVG);
  const templateFile = join(folder, 'page.hbs');
  const root = parseMarkup(`<page dir="${dir}" lang="${dir === 'rtl' ? 'ar' : 'en'}">${blocks}</page>`, templateFile, theme);
  const images = loadImages(root, { templateFile, dataFile: join(folder, 'data.yaml') });
  return layoutPage(root, theme, engines, 1, { images });
}

type ImageItem = Extract<PaintItem, { kind: 'image' }>;
const imagesOf = (page: PageLayout) => page.items.filter((i): i is ImageItem => i.kind === 'image');

describe('<image>', () => {
  it('keeps the aspect ratio from a width or a height, and takes its own size without either', () => {
    const [byWidth, byHeight, natural] = imagesOf(layout('<image src="wide.png" width="100" alt="a"/><image src="wide.png" height="10" alt="b"/><image src="logo.svg" alt="c"/>'));
    expect([byWidth!.width, byWidth!.height]).toEqual([100, 50]);
    expect([byHeight!.width, byHeight!.height]).toEqual([20, 10]);
    expect([natural!.width, natural!.height]).toEqual([45, 22.5]); // 60 × 30 CSS px
    expect(natural!.image.format).toBe('svg');
  });

  it('fits the picture inside a box given by both, centred', () => {
    const [image] = imagesOf(layout('<image src="wide.png" width="100" height="100" align="start" alt="a"/>', 'ltr'));
    const { content } = layout('', 'ltr');
    expect([image!.width, image!.height]).toEqual([100, 50]);
    expect(image!.x).toBeCloseTo(content.left, 6);
    expect(image!.y).toBeCloseTo(content.top + 25, 6);
  });

  it('aligns logically: start is the right edge on a right-to-left page', () => {
    const page = layout('<image src="square.jpg" width="50" alt="a"/><image src="square.jpg" width="50" align="end" alt="b"/><image src="square.jpg" width="50" align="center" alt="c"/>');
    const { left, right } = page.content;
    const [start, end, centre] = imagesOf(page);
    expect(start!.x + start!.width).toBeCloseTo(right, 6);
    expect(end!.x).toBeCloseTo(left, 6);
    expect(centre!.x + 25).toBeCloseTo((left + right) / 2, 6);
  });

  it('is a Figure with its alternate text, and stacks like a block', () => {
    const page = layout('<p>قبل</p><image src="wide.png" width="40" alt="شعار"/><p>بعد</p>');
    const figure = structureNodesOf(page.tree).find((n) => n.role === 'Figure')!;
    expect(figure.alt).toBe('شعار');
    expect(figure.children).toEqual(imagesOf(page));
    const [before, after] = page.items.filter((i) => i.kind === 'text');
    const image = imagesOf(page)[0]!;
    expect(image.y).toBeGreaterThan(before!.y);
    expect(after!.y).toBeGreaterThanOrEqual(image.y + image.height);
  });

  it('refuses a picture wider than where it stands, naming the line', () => {
    const e = catchBriefingError(() => layout('\n<columns><column><image src="wide.png" width="400" alt="a"/></column><column><p>x</p></column></columns>'), 'markup');
    expect(e.problems[0]!.message).toMatch(/is 400\.0 pt wide, wider than the [\d.]+ pt it stands in/);
    expect(e.problems[0]!.line).toBe(2);
  });
});

describe('<image> markup', () => {
  const failure = (markup: string) => catchBriefingError(() => parseMarkup(`<page dir="rtl" lang="ar">${markup}</page>`, 't.hbs', theme), 'markup').problems.map((p) => p.message);
  it('requires src and alt, and checks the sizes and the alignment', () => {
    expect(failure('<image src="a.png"/>')).toEqual(['<image> attribute "alt" is required']);
    expect(failure('<image alt="x"/>')).toEqual(['<image> attribute "src" is required (a PNG, JPEG or SVG file)']);
    expect(failure('<image src="a.png" alt=" "/>')).toEqual(['<image> attribute "alt" is required and must not be empty']);
    expect(failure('<image src="a.png" alt="x" width="-3" align="justify"/>')).toEqual([
      '<image> width="-3": expected a number (e.g. 12 or 0.5)',
      '<image> align="justify": expected start | end | center',
    ]);
    expect(failure('<image src="a.png" alt="x">text</image>')).toEqual(['text "text" is not allowed directly inside <image>']);
  });
});
