/**
 * `<footer>`: pinned to the bottom margin by `layout/page.ts`. Page furniture (source, fingerprint, QR code), so
 * its structure is an artifact; the roles inside are kept for whoever wants them.
 */
import { artifact } from '../layout/structure.js';
import type { BlockModule } from './element.js';

export const footer: BlockModule<'footer'> = {
  name: 'footer',
  kind: 'block',
  parents: ['page'],
  content: 'blocks',
  attributes: {},
  spacing: {},
  layout(element, box, top, ctx) {
    const laid = ctx.blocks(element.children, box, top);
    const node = artifact('pageFooter', laid.nodes);
    return { bottom: laid.bottom, nodes: [{ ...node, element: 'footer', line: element.line }] };
  },
};
