/**
 * The markup templates produce: a small XML vocabulary describing a page, parsed into a discriminated union of
 * elements with typed, checked attributes. Alignment is logical (start/end/center/justify), so one template
 * serves right-to-left and left-to-right languages. Each element is one module in `src/elements/` (its content
 * rule, attributes, layout and structure role); the reference for users is the README's "Markup reference".
 */
import type { BandAttributes } from '../elements/band.js';
import type { CellAttributes, RowAttributes, TableAttributes } from '../elements/table.js';
import type { ColumnAttributes, ColumnsAttributes } from '../elements/columns.js';
import type { FactAttributes, FactsAttributes } from '../elements/facts.js';
import type { ImageAttributes } from '../elements/image.js';
import type { LinkAttributes } from '../elements/link.js';
import type { ListAttributes } from '../elements/list.js';
import type { PageAttributes } from '../elements/page.js';
import type { QrAttributes } from '../elements/qr.js';
import type { RuleAttributes } from '../elements/rule.js';
import type { SectionAttributes } from '../elements/section.js';
import type { SpaceAttributes } from '../elements/space.js';
import type { SpanAttributes } from '../elements/span.js';
import type { TextBlockAttributes } from '../elements/textBlock.js';

/** No attributes. */
export type NoAttributes = Record<never, never>;

/** Every element of the vocabulary and its parsed attributes. */
export interface ElementAttributes {
  page: PageAttributes;
  header: NoAttributes;
  footer: NoAttributes;
  section: SectionAttributes;
  band: BandAttributes;
  title: TextBlockAttributes;
  subtitle: TextBlockAttributes;
  heading: TextBlockAttributes;
  p: TextBlockAttributes;
  cite: TextBlockAttributes;
  list: ListAttributes;
  item: NoAttributes;
  facts: FactsAttributes;
  fact: FactAttributes;
  quote: NoAttributes;
  columns: ColumnsAttributes;
  column: ColumnAttributes;
  table: TableAttributes;
  row: RowAttributes;
  cell: CellAttributes;
  image: ImageAttributes;
  qr: QrAttributes;
  rule: RuleAttributes;
  space: SpaceAttributes;
  b: NoAttributes;
  i: NoAttributes;
  span: SpanAttributes;
  link: LinkAttributes;
  br: NoAttributes;
}

export type ElementName = keyof ElementAttributes;

/** One element of kind `K`. */
export interface ElementOf<K extends ElementName> {
  name: K;
  attributes: ElementAttributes[K];
  children: MarkupNode[];
  /** 1-based position of the start tag in the generated markup. */
  line: number;
  column: number;
}

/** Any element: `switch (element.name)` narrows the attributes. */
export type MarkupElement = { [K in ElementName]: ElementOf<K> }[ElementName];

export type MarkupNode = MarkupElement | string;

export function isElement(node: MarkupNode): node is MarkupElement {
  return typeof node !== 'string';
}

export function isElementNamed<K extends ElementName>(node: MarkupNode, name: K): node is Extract<MarkupElement, { name: K }> {
  return typeof node !== 'string' && node.name === name;
}

/** The child elements of `element` (its text, only white space where elements are expected, left out). */
export function childElements(element: MarkupElement): MarkupElement[] {
  return element.children.filter(isElement);
}

/**
 * What an element may contain: block elements, inline content (text and inline elements), nothing, or only its
 * parts (the elements whose `parents` name it: `<item>` in `<list>`, `<row>` in `<table>`).
 */
export type Content = 'blocks' | 'inline' | 'empty' | 'parts';

