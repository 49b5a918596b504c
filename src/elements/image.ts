/**
 * `<image src width height align alt>`: a PNG, JPEG or SVG (drawn as vectors) picture, a Figure whose alternate
 * text is `alt`. Give `width` or `height` (points) and the other follows the picture's aspect ratio; give both
 * and the picture is fitted inside that box, centred; give neither and it takes its own size (CSS pixels).
 */
import { imageSource, oneOf, optionalNumber, text, type ImageSource } from '../markup/attributes.js';
import { BriefingError } from '../errors.js';
import { fromStart } from '../layout/context.js';
import { structureNode } from '../layout/structure.js';
import type { BlockModule } from './element.js';

export interface ImageAttributes {
  src: ImageSource;
  /** Points. */
  width: number | undefined;
  height: number | undefined;
  align: 'start' | 'end' | 'center';
  alt: string;
}

export const image: BlockModule<'image'> = {
  name: 'image',
  kind: 'block',
  content: 'empty',
  attributes: {
    src: imageSource('src'),
    width: optionalNumber('width', { positive: true }),
    height: optionalNumber('height', { positive: true }),
    align: oneOf('align', ['start', 'end', 'center'], 'start'),
    alt: text('alt', true),
  },
  spacing: { after: 'paragraph' },
  layout(element, box, top, ctx) {
    const picture = ctx.images.imageFor(element);
    const { width: w, height: h, align, alt } = element.attributes;
    const aspect = picture.width / picture.height;
    // The frame the attributes ask for, and the picture fitted inside it (aspect ratio kept).
    const frameWidth = (w ?? (h !== undefined ? h * aspect : picture.width)) * ctx.scale;
    const frameHeight = (h ?? (w !== undefined ? w / aspect : picture.height)) * ctx.scale;
    if (frameWidth > box.width + 0.01) {
      throw new BriefingError('markup', [{ message: `<image src="${element.attributes.src.path}"> is ${frameWidth.toFixed(1)} pt wide, wider than the ${box.width.toFixed(1)} pt it stands in; give it a smaller width or height`, line: element.line, column: element.column }]);
    }
    const width = Math.min(frameWidth, frameHeight * aspect);
    const height = width / aspect;
    const offset = align === 'center' ? (box.width - frameWidth) / 2 : align === 'end' ? box.width - frameWidth : 0;
    const x = fromStart(box, offset, frameWidth, ctx) + (frameWidth - width) / 2;
    const y = top + (frameHeight - height) / 2;
    return {
      bottom: top + frameHeight,
      nodes: [structureNode('Figure', [{ kind: 'image', x, y, width, height, image: picture }], { element: 'image', line: element.line, alt })],
    };
  },
};
