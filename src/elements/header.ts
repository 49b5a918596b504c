/** `<header>`: the top of the page (letterhead, band, title); a division of the document. */
import { structureNode } from '../layout/structure.js';
import type { SectionBox } from '../layout/types.js';
import type { BlockModule } from './element.js';

export const header: BlockModule<'header'> = {
  name: 'header',
  kind: 'block',
  parents: ['page'],
  content: 'blocks',
  attributes: {},
  spacing: { after: 'paragraph' },
  layout(element, box, top, ctx) {
    // Recorded like a section, so an overflow caused by the header (a title of a thousand words) names it.
    const placed: SectionBox = { kind: 'header', name: 'header', top, bottom: top };
    ctx.sections.push(placed);
    const laid = ctx.blocks(element.children, box, top);
    placed.bottom = laid.bottom;
    return { bottom: laid.bottom, nodes: [structureNode('Div', laid.nodes, { element: 'header', line: element.line })] };
  },
};
