/** `<columns>` of `<column width>`s: side by side, the first on the start side (the right on a right-to-left page). */
import { number, optionalNumber } from '../markup/attributes.js';
import { isElementNamed } from '../markup/types.js';
import { fromStart, space } from '../layout/context.js';
import { structureNode, type StructureNode } from '../layout/structure.js';
import type { BlockModule, PartModule } from './element.js';

export interface ColumnsAttributes {
  /** Points between columns; the theme's `columnGap` when absent. */
  gap: number | undefined;
}

export interface ColumnAttributes {
  /** A share of the width (weights, like `fr`). */
  width: number;
}

export const columns: BlockModule<'columns'> = {
  name: 'columns',
  kind: 'block',
  content: 'parts',
  attributes: { gap: optionalNumber('gap') },
  needs: { spacing: ['columnGap'] },
  spacing: { before: 'section', after: 'section' },
  layout(element, box, top, ctx) {
    const cols = element.children.filter((c) => isElementNamed(c, 'column'));
    const gap = element.attributes.gap !== undefined ? element.attributes.gap * ctx.scale : space(ctx, 'columnGap');
    const total = cols.reduce((sum, c) => sum + c.attributes.width, 0) || 1;
    const usable = box.width - gap * (cols.length - 1);
    const nodes: StructureNode[] = [];
    let offset = 0;
    let bottom = top;
    for (const col of cols) {
      const width = (usable * col.attributes.width) / total;
      const laid = ctx.blocks(col.children, { left: fromStart(box, offset, width, ctx), width }, top);
      nodes.push(structureNode('Div', laid.nodes, { element: 'column', line: col.line }));
      bottom = Math.max(bottom, laid.bottom);
      offset += width + gap;
    }
    return { bottom, nodes: [structureNode('Div', nodes, { element: 'columns', line: element.line })] };
  },
};

export const column: PartModule<'column'> = {
  name: 'column',
  kind: 'part',
  parents: ['columns'],
  content: 'blocks',
  attributes: { width: number('width', 1, { positive: true }) },
};
