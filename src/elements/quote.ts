/** `<quote>`: a block quotation with a bar on the start side (the bar an artifact); holds the quote and its `<cite>`. */
import { fromStart, space, colorOf, type Box } from '../layout/context.js';
import { artifact, structureNode } from '../layout/structure.js';
import type { PaintItem } from '../layout/types.js';
import type { BlockModule } from './element.js';

/** Width of the quote bar at scale 1, in points. */
const BAR_WIDTH = 2.2;

export const quote: BlockModule<'quote'> = {
  name: 'quote',
  kind: 'block',
  content: 'blocks',
  attributes: {},
  needs: { colors: ['quoteBar'], spacing: ['quoteIndent'] },
  spacing: { after: 'quoteGap' },
  layout(element, box, top, ctx) {
    const indent = space(ctx, 'quoteIndent');
    const barWidth = BAR_WIDTH * ctx.scale;
    const inner: Box = { left: fromStart(box, indent, box.width - indent, ctx), width: box.width - indent };
    const laid = ctx.blocks(element.children, inner, top);
    const bar: PaintItem = { kind: 'rect', x: fromStart(box, 0, barWidth, ctx), y: top, width: barWidth, height: laid.bottom - top, color: colorOf(ctx, 'quoteBar') };
    return { bottom: laid.bottom, nodes: [structureNode('BlockQuote', [artifact('quoteBar', [bar]), ...laid.nodes], { element: 'quote', line: element.line })] };
  },
};
