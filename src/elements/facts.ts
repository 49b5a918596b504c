/**
 * `<facts>` of `<fact label="…">`s: label–value rows, the label on the start side. Structure: a list whose
 * items have the label as Lbl and the value as LBody.
 */
import { style, text } from '../markup/attributes.js';
import { isElementNamed } from '../markup/types.js';
import { fromStart, space, styleOf, type Box } from '../layout/context.js';
import { structureNode, type StructureNode } from '../layout/structure.js';
import { setParagraph, stackRows } from '../layout/text.js';
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
    // Each row is set from 0, then all are stacked on one pitch (stackRows moves the painted items in place).
    const sets = element.children.filter((c) => isElementNamed(c, 'fact')).map((fact) => {
      const label = setParagraph([fact.attributes.label], labelStyle, 'start', labelBox, 0, ctx);
      const value = setParagraph(fact.children, valueStyle, 'start', valueBox, 0, ctx);
      rows.push(structureNode('LI', [structureNode('Lbl', label.items), structureNode('LBody', value.items)], { element: 'fact', line: fact.line }));
      return [label, value];
    });
    const bottom = stackRows(sets, top, space(ctx, 'listItem'));
    return { bottom, nodes: [structureNode('L', rows, { element: 'facts', line: element.line })] };
  },
};

export const fact: PartModule<'fact'> = { name: 'fact', kind: 'part', parents: ['facts'], content: 'inline', attributes: { label: text('label', true) } };
