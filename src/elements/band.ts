/** `<band>`: a coloured band with a line of text (the classification). The fill is an artifact, the text a P. */
import { color, oneOf, style } from '../markup/attributes.js';
import { space } from '../layout/context.js';
import { artifact, structureNode } from '../layout/structure.js';
import { setStyled } from '../layout/text.js';
import type { PaintItem } from '../layout/types.js';
import type { Align } from '../text/types.js';
import type { BlockModule } from './element.js';
import { ALIGNS } from './textBlock.js';

export interface BandAttributes {
  align: Align;
  style: string;
  /** `#rrggbb`. */
  color: string;
}

export const band: BlockModule<'band'> = {
  name: 'band',
  kind: 'block',
  content: 'inline',
  attributes: { align: oneOf('align', ALIGNS, 'center'), style: style('style', 'band'), color: color('color', 'band') },
  needs: { spacing: ['bandPadding'] },
  spacing: { after: 'paragraph' },
  layout(element, box, top, ctx) {
    const padding = space(ctx, 'bandPadding');
    const inner = { left: box.left + padding * 2, width: box.width - padding * 4 };
    const set = setStyled(element.children, element.attributes.style, undefined, element.attributes.align, inner, top + padding, ctx);
    const bottom = set.bottom + padding;
    const fill: PaintItem = { kind: 'rect', x: box.left, y: top, width: box.width, height: bottom - top, color: element.attributes.color };
    return { bottom, nodes: [artifact('band', [fill]), structureNode('P', set.items, { element: 'band', line: element.line })] };
  },
};
