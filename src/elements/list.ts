/**
 * `<list>` of `<item>`s: bullets or numbers (in the page's digits) on the start side. Structure: L → LI → Lbl
 * (the marker) and LBody (the item's text).
 */
import { oneOf, style } from '../markup/attributes.js';
import { isElementNamed } from '../markup/types.js';
import { digitsOfNumberingSystem, numberingSystemOf } from '../language/locale.js';
import { fromStart, space, styleOf, colorOf, type Box, type LayoutContext } from '../layout/context.js';
import { structureNode, type StructureNode } from '../layout/structure.js';
import { setParagraph, stackRows } from '../layout/text.js';
import type { BlockModule, PartModule } from './element.js';

export interface ListAttributes {
  type: 'bullet' | 'number';
  style: string;
}

/** A list number in the page's digits (`3` → `۳` in a Persian briefing with `digits: arab`). */
function formatDigits(n: number, ctx: LayoutContext): string {
  const digits = digitsOfNumberingSystem(numberingSystemOf(ctx.lang, ctx.digits));
  return String(n).replace(/[0-9]/g, (d) => digits[Number(d)]!);
}

export const list: BlockModule<'list'> = {
  name: 'list',
  kind: 'block',
  content: 'parts',
  attributes: { type: oneOf('type', ['bullet', 'number'], 'bullet'), style: style('style', 'body') },
  needs: { colors: ['accent'], spacing: ['listIndent', 'listItem'] },
  spacing: { after: 'paragraph' },
  layout(element, box, top, ctx) {
    const indent = space(ctx, 'listIndent');
    const style = styleOf(ctx, element.attributes.style);
    const markerStyle = { ...style, style: { ...style.style, color: colorOf(ctx, 'accent') } };
    const numbered = element.attributes.type === 'number';
    const markerWidth = numbered ? indent * 1.4 : indent;
    const textBox: Box = { left: fromStart(box, markerWidth, box.width - markerWidth, ctx), width: box.width - markerWidth };
    const markerBox: Box = { left: fromStart(box, 0, markerWidth * 0.8, ctx), width: markerWidth * 0.8 };
    const items: StructureNode[] = [];
    // Each item is set from 0, then all are stacked on one pitch (stackRows moves the painted items in place).
    const sets = element.children.filter((c) => isElementNamed(c, 'item')).map((item, index) => {
      const marker = numbered ? `${formatDigits(index + 1, ctx)}.` : '•';
      const label = setParagraph([marker], markerStyle, 'start', markerBox, 0, ctx);
      const body = setParagraph(item.children, style, 'start', textBox, 0, ctx);
      items.push(structureNode('LI', [structureNode('Lbl', label.items), structureNode('LBody', body.items)], { element: 'item', line: item.line }));
      return [label, body];
    });
    const bottom = stackRows(sets, top, space(ctx, 'listItem'));
    return { bottom, nodes: [structureNode('L', items, { element: 'list', line: element.line })] };
  },
};

export const item: PartModule<'item'> = { name: 'item', kind: 'part', parents: ['list'], content: 'inline', attributes: {} };
