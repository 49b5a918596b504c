/**
 * `<facts>` of `<fact label="…">`s: label–value rows, the label on the start side. Structure: a list whose
 * items have the label as Lbl and the value as LBody.
 */
import { style, text } from '../markup/attributes.js';
import { isElementNamed } from '../markup/types.js';
import { fromStart, space, styleOf, type Box } from '../layout/context.js';
import { structureNode, type StructureNode } from '../layout/structure.js';
import { setParagraph } from '../layout/text.js';
import { spacing } from '../theme/theme.js';
import type { BlockModule, PartModule } from './element.js';

export interface FactsAttributes {
  style: string;
}

export interface FactAttributes {
  label: string;
}

export const facts: BlockModule<'facts'> = {
  name: 'facts',
  kind: 'block',
  content: 'parts',
  attributes: { style: style('style', 'body') },
  needs: { styles: ['label'], spacing: ['factLabelWidth', 'factGap', 'listItem'] },
  spacing: { after: 'paragraph' },
  layout(element, box, top, ctx) {
    const labelWidth = box.width * spacing(ctx.theme, 'factLabelWidth');
    const gap = space(ctx, 'factGap');
    const labelBox: Box = { left: fromStart(box, 0, labelWidth, ctx), width: labelWidth };
    const valueBox: Box = { left: fromStart(box, labelWidth + gap, box.width - labelWidth - gap, ctx), width: box.width - labelWidth - gap };
    const labelStyle = styleOf(ctx, 'label');
    const valueStyle = styleOf(ctx, element.attributes.style);
    const rows: StructureNode[] = [];
    let y = top;
    element.children.filter((c) => isElementNamed(c, 'fact')).forEach((fact, index) => {
      if (index > 0) y += space(ctx, 'listItem');
      const label = setParagraph([fact.attributes.label], labelStyle, 'start', labelBox, y, ctx);
      const value = setParagraph(fact.children, valueStyle, 'start', valueBox, y, ctx);
      rows.push(structureNode('LI', [structureNode('Lbl', label.items), structureNode('LBody', value.items)], { element: 'fact', line: fact.line }));
      y = Math.max(label.bottom, value.bottom);
    });
    return { bottom: y, nodes: [structureNode('L', rows, { element: 'facts', line: element.line })] };
  },
};

export const fact: PartModule<'fact'> = { name: 'fact', kind: 'part', parents: ['facts'], content: 'inline', attributes: { label: text('label', true) } };
