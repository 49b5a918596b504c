/**
 * The vocabulary: every element name → its module. The mapped type makes a missing element a compile error, and
 * each module's attribute parsers must produce exactly the attributes `markup/types.ts` declares for it.
 */
import { b } from './b.js';
import { band } from './band.js';
import { br } from './br.js';
import { cite } from './cite.js';
import { column, columns } from './columns.js';
import type { ElementModule, ElementModules, InlineEffect, InlineModule } from './element.js';
import { fact, facts } from './facts.js';
import { footer } from './footer.js';
import { header } from './header.js';
import { heading } from './heading.js';
import { i } from './i.js';
import { image } from './image.js';
import { link } from './link.js';
import { item, list } from './list.js';
import { p } from './p.js';
import { page } from './page.js';
import { qr } from './qr.js';
import { quote } from './quote.js';
import { rule } from './rule.js';
import { section } from './section.js';
import { space } from './space.js';
import { span } from './span.js';
import { subtitle } from './subtitle.js';
import { cell, row, table } from './table.js';
import { title } from './title.js';
import type { LayoutContext } from '../layout/context.js';
import type { ElementName, MarkupElement } from '../markup/types.js';
import type { TextStyle } from '../text/types.js';

export const ELEMENTS: ElementModules = {
  page,
  header,
  footer,
  section,
  band,
  title,
  subtitle,
  heading,
  p,
  cite,
  list,
  item,
  facts,
  fact,
  quote,
  columns,
  column,
  table,
  row,
  cell,
  image,
  qr,
  rule,
  space,
  b,
  i,
  span,
  link,
  br,
};

/** The module of an element name, or undefined for a name outside the vocabulary. */
export function moduleNamed(name: string): ElementModule<ElementName> | undefined {
  return Object.hasOwn(ELEMENTS, name) ? (ELEMENTS[name as ElementName] as ElementModule<ElementName>) : undefined;
}

/** May `child` stand directly inside `parent`? */
export function allowedChild(parent: ElementModule<ElementName>, child: ElementModule<ElementName>): boolean {
  if (child.kind === 'root') return false;
  // A part, or a block that names its parents (`<footer>` in `<page>`), stands only inside them.
  const parents = child.kind === 'part' || child.kind === 'block' ? child.parents : undefined;
  if (parents) return parents.includes(parent.name);
  switch (parent.content) {
    case 'blocks':
      return child.kind === 'block';
    case 'inline':
      return child.kind === 'inline';
    case 'parts':
    case 'empty':
      return false;
  }
}

/** What an inline element does to the text it holds (the parser admits only inline elements in inline content). */
export function inlineEffect(element: MarkupElement, base: TextStyle, ctx: LayoutContext): InlineEffect {
  const module = ELEMENTS[element.name];
  if (module.kind !== 'inline') throw new Error(`internal: <${element.name}> is not an inline element`);
  return (module as InlineModule<ElementName>).inline(element as never, base, ctx);
}
