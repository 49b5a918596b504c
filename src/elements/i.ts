/** `<i>`: italic. */
import type { InlineModule } from './element.js';

export const i: InlineModule<'i'> = {
  name: 'i',
  kind: 'inline',
  content: 'inline',
  attributes: {},
  inline: (_element, base) => ({ style: { ...base, italic: true } }),
};
