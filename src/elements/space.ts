/** `<space size>`: vertical space, in points (scaled with the page); nothing painted, no structure. */
import { number } from '../markup/attributes.js';
import type { BlockModule } from './element.js';

export interface SpaceAttributes {
  size: number;
}

export const space: BlockModule<'space'> = {
  name: 'space',
  kind: 'block',
  content: 'empty',
  attributes: { size: number('size', 'required') },
  spacing: {},
  layout(element, _box, top, ctx) {
    return { bottom: top + element.attributes.size * ctx.scale, nodes: [] };
  },
};
