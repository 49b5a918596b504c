/** `<header>`: the top of the page (letterhead, band, title); a division of the document. */
import { structureNode } from '../layout/structure.js';
import type { BlockModule } from './element.js';

export const header: BlockModule<'header'> = {
  name: 'header',
  kind: 'block',
  parents: ['page'],
  content: 'blocks',
  attributes: {},
  spacing: { after: 'paragraph' },
  layout(element, box, top, ctx) {
    const laid = ctx.blocks(element.children, box, top);
    return { bottom: laid.bottom, nodes: [structureNode('Div', laid.nodes, { element: 'header', line: element.line })] };
  },
};
