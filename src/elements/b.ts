/** `<b>`: bold. */
import type { InlineModule } from './element.js';

export const b: InlineModule<'b'> = {
  name: 'b',
  kind: 'inline',
  content: 'inline',
  attributes: {},
  inline: (_element, base) => ({ style: { ...base, bold: true } }),
};
