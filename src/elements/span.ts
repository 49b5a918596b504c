/** `<span lang style>`: a stretch in another language or theme style (keeping the surrounding bold and italic). */
import { lang, optionalStyle } from '../markup/attributes.js';
import { styleOf } from '../layout/context.js';
import type { InlineModule } from './element.js';

export interface SpanAttributes {
  lang: string | undefined;
  style: string | undefined;
}

export const span: InlineModule<'span'> = {
  name: 'span',
  kind: 'inline',
  content: 'inline',
  attributes: { lang: lang(), style: optionalStyle('style') },
  inline(element, base, ctx) {
    const { style, lang: language } = element.attributes;
    let next = style ? { ...styleOf(ctx, style, base.lang).style, bold: base.bold, italic: base.italic } : base;
    if (language) next = { ...next, lang: language };
    return { style: next };
  },
};
