/** `<section name>`: a named part of the page (Sect); an overflow error names it. */
import { identifier } from '../markup/attributes.js';
import { structureNode } from '../layout/structure.js';
import type { SectionBox } from '../layout/types.js';
import type { BlockModule } from './element.js';

export interface SectionAttributes {
  name: string | undefined;
}

export const section: BlockModule<'section'> = {
  name: 'section',
  kind: 'block',
  content: 'blocks',
  attributes: { name: identifier('name', false) },
  spacing: { before: 'section', after: 'section' },
  layout(element, box, top, ctx) {
    const name = element.attributes.name ?? `section ${ctx.sections.filter((s) => s.kind === 'section').length + 1}`;
    const placed: SectionBox = { kind: 'section', name, top, bottom: top };
    ctx.sections.push(placed);
    const laid = ctx.blocks(element.children, box, top);
    placed.bottom = laid.bottom;
    return { bottom: laid.bottom, nodes: [structureNode('Sect', laid.nodes, { element: 'section', line: element.line, name })] };
  },
};
