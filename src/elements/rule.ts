/** `<rule>`: a horizontal rule across the box; decoration (an artifact). */
import { color, optionalNumber } from '../markup/attributes.js';
import { artifact } from '../layout/structure.js';
import { spacing } from '../theme/theme.js';
import type { BlockModule } from './element.js';

export interface RuleAttributes {
  /** Line width in points; the theme's `ruleWidth` when absent. */
  weight: number | undefined;
  color: string;
}

export const rule: BlockModule<'rule'> = {
  name: 'rule',
  kind: 'block',
  content: 'empty',
  attributes: { weight: optionalNumber('weight', { positive: true }), color: color('color', 'rule') },
  needs: { spacing: ['ruleWidth'] },
  spacing: { after: 'paragraph' },
  layout(element, box, top, ctx) {
    const weight = element.attributes.weight ?? spacing(ctx.theme, 'ruleWidth');
    const y = top + weight / 2;
    return {
      bottom: top + weight,
      nodes: [artifact('rule', [{ kind: 'rule', x1: box.left, y1: y, x2: box.left + box.width, y2: y, width: weight, color: element.attributes.color }])],
    };
  },
};
