/**
 * `<page>`: the root. Its direction and language are required: a page is never laid out in a direction it did
 * not state (no `auto`, no default). Laid out by `layout/page.ts`; its structure role is `Document`.
 */
import { oneOf, requiredLang, text } from '../markup/attributes.js';
import { DIGIT_STYLES, type DigitStyle } from '../language/locale.js';
import type { Direction } from '../text/types.js';
import type { RootModule } from './element.js';

export interface PageAttributes {
  size: 'A4' | 'Letter';
  dir: Direction;
  lang: string;
  digits: DigitStyle;
  /** PDF metadata. */
  title: string | undefined;
  subject: string | undefined;
  author: string | undefined;
}

export const page: RootModule<'page'> = {
  name: 'page',
  kind: 'root',
  content: 'blocks',
  attributes: {
    size: oneOf('size', ['A4', 'Letter'], 'A4'),
    dir: oneOf('dir', ['rtl', 'ltr'], 'required'),
    lang: requiredLang(),
    digits: oneOf('digits', DIGIT_STYLES, 'latn'),
    title: text('title', false),
    subject: text('subject', false),
    author: text('author', false),
  },
};
