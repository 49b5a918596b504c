/** `<br/>`: a forced line break. */
import { LINE_BREAK } from '../layout/inline.js';
import type { InlineModule } from './element.js';

export const br: InlineModule<'br'> = {
  name: 'br',
  kind: 'inline',
  content: 'empty',
  attributes: {},
  inline: () => ({ text: LINE_BREAK }),
};
