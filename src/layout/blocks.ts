/**
 * Block layout: the markup's blocks stacked top to bottom inside a box, each laid out by its element's module
 * (src/elements/). The space between two blocks is the larger of what the first owes after it and what the
 * second wants before it, paid only between blocks.
 */
import type { BlockModule } from '../elements/element.js';
import { ELEMENTS } from '../elements/index.js';
import { isElement, type ElementName, type MarkupElement, type MarkupNode } from '../markup/types.js';
import { space, type Box, type Laid, type LayoutContext } from './context.js';
import type { StructureChild } from './structure.js';

/** The module of a block element (the parser admits only block elements where blocks go). */
function blockModule(element: MarkupElement): BlockModule<ElementName> {
  const module = ELEMENTS[element.name];
  if (module.kind !== 'block') throw new Error(`internal: <${element.name}> is not a block element`);
  return module as BlockModule<ElementName>;
}

/** Lays out `nodes` (block elements) from `top` down. */
export function layoutBlocks(nodes: readonly MarkupNode[], box: Box, top: number, ctx: LayoutContext): Laid {
  let y = top;
  let pending = 0; // space owed after the previous block, paid only if another block follows
  const out: StructureChild[] = [];
  for (const node of nodes) {
    if (!isElement(node)) continue;
    const module = blockModule(node);
    const before = module.spacing.before ? space(ctx, module.spacing.before) : 0;
    const start = y > top ? y + Math.max(pending, before) : y;
    // The registry maps each name to its module, so `node` is the element this module lays out.
    const laid = module.layout(node as never, box, start, ctx);
    out.push(...laid.nodes);
    if (laid.bottom > start || node.name === 'space') {
      y = laid.bottom;
      pending = module.spacing.after ? space(ctx, module.spacing.after) : 0;
    }
  }
  return { bottom: y, nodes: out };
}
