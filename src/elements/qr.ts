/**
 * `<qr value size align alt>`: a QR code of `value` (a link, usually), `size` points square, encoded by `qr`
 * (error correction level M) with its quiet zone of four light modules inside the square (ISO/IEC 18004), so
 * text beside it never touches the code. A Figure.
 */
import encodeQR from 'qr';
import { color, number, oneOf, text } from '../markup/attributes.js';
import { BriefingError } from '../errors.js';
import { fromStart, type LayoutContext } from '../layout/context.js';
import { noMemo } from '../renderCache.js';
import { structureNode } from '../layout/structure.js';
import type { BlockModule } from './element.js';

export interface QrAttributes {
  value: string;
  /** Side in points. */
  size: number;
  align: 'start' | 'end' | 'center';
  alt: string;
  color: string;
}

/** Light modules around the symbol, the minimum ISO/IEC 18004 asks for. */
const QUIET_ZONE = 4;

/** The symbol's modules for `value`: encoded once per value while the renderer keeps it (fitting lays the page out several times). */
function modulesOf(value: string, ctx: LayoutContext): boolean[][] {
  return (ctx.memo?.qrSymbols ?? noMemo<boolean[][]>()).get(value, () => encodeQR(value, 'raw', { ecc: 'medium', border: QUIET_ZONE }));
}

export const qr: BlockModule<'qr'> = {
  name: 'qr',
  kind: 'block',
  content: 'empty',
  attributes: {
    value: text('value', true),
    size: number('size', 48, { min: 20, max: 400 }),
    align: oneOf('align', ['start', 'end', 'center'], 'start'),
    alt: text('alt', true),
    color: color('color', 'text'),
  },
  spacing: { after: 'paragraph' },
  layout(element, box, top, ctx) {
    const { value, align, alt } = element.attributes;
    const modules = modulesOf(value, ctx);
    const size = element.attributes.size * ctx.scale;
    if (size > box.width + 0.01) {
      throw new BriefingError('markup', [{ message: `<qr size="${element.attributes.size}"> is wider than the ${box.width.toFixed(1)} pt it stands in`, line: element.line, column: element.column }]);
    }
    const offset = align === 'center' ? (box.width - size) / 2 : align === 'end' ? box.width - size : 0;
    const item = { kind: 'qr' as const, x: fromStart(box, offset, size, ctx), y: top, module: size / modules.length, modules, color: element.attributes.color };
    return { bottom: top + size, nodes: [structureNode('Figure', [item], { element: 'qr', line: element.line, alt })] };
  },
};
