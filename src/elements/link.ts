/** `<link href>`: a hyperlink (http, https or mailto); layout puts a link annotation over each of its runs. */
import { href } from '../markup/attributes.js';
import type { InlineModule } from './element.js';

export interface LinkAttributes {
  href: string;
}

export const link: InlineModule<'link'> = {
  name: 'link',
  kind: 'inline',
  content: 'inline',
  attributes: { href: href('href') },
  inline: (element, base) => ({ style: { ...base, link: element.attributes.href } }),
};
