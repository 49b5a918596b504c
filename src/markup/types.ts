/**
 * The markup templates produce: a small XML vocabulary describing a page. Alignment is logical
 * (start/end/center/justify), so one template serves right-to-left and left-to-right languages.
 * The reference for every element and attribute is the "Template markup" section of the README.
 */
import { LANG_TAG_PATTERN } from '../data/schema.js';

export interface MarkupElement {
  name: string;
  attributes: Record<string, string>;
  children: MarkupNode[];
  /** 1-based position of the start tag in the generated markup. */
  line: number;
  column: number;
}

export type MarkupNode = MarkupElement | string;

export function isElement(node: MarkupNode): node is MarkupElement {
  return typeof node !== 'string';
}

export type Content = 'blocks' | 'inline' | 'empty' | 'items' | 'facts' | 'columns';

interface ElementRule {
  /** What the element may contain. */
  content: Content;
  attributes: Record<string, RegExp | readonly string[] | 'text'>;
  /** Inline elements may appear inside paragraphs. */
  inline?: boolean;
}

const ALIGN = ['start', 'end', 'center', 'justify'] as const;
const NUMBER = /^\d+(\.\d+)?$/;
const LANG = LANG_TAG_PATTERN;
const paragraph: ElementRule = { content: 'inline', attributes: { align: ALIGN, style: /^[\w-]+$/, lang: LANG } };

/** The vocabulary: element name → what it may hold and which attributes it takes. */
export const VOCABULARY: Record<string, ElementRule> = {
  page: { content: 'blocks', attributes: { size: ['A4', 'Letter'], dir: ['rtl', 'ltr', 'auto'], lang: LANG, digits: ['latn', 'arab'], title: 'text', subject: 'text', author: 'text' } },
  header: { content: 'blocks', attributes: {} },
  footer: { content: 'blocks', attributes: {} },
  section: { content: 'blocks', attributes: { name: /^[\w-]+$/ } },
  band: { content: 'inline', attributes: { align: ALIGN, style: /^[\w-]+$/, color: /^[\w#]+$/ } },
  title: paragraph,
  subtitle: paragraph,
  heading: paragraph,
  p: paragraph,
  list: { content: 'items', attributes: { type: ['bullet', 'number'], style: /^[\w-]+$/ } },
  item: { content: 'inline', attributes: {} },
  facts: { content: 'facts', attributes: { style: /^[\w-]+$/ } },
  fact: { content: 'inline', attributes: { label: 'text' } },
  quote: { content: 'blocks', attributes: {} },
  cite: paragraph,
  columns: { content: 'columns', attributes: { gap: NUMBER } },
  column: { content: 'blocks', attributes: { width: NUMBER } },
  rule: { content: 'empty', attributes: { weight: NUMBER, color: /^[\w#]+$/ } },
  space: { content: 'empty', attributes: { size: NUMBER } },
  b: { content: 'inline', attributes: {}, inline: true },
  i: { content: 'inline', attributes: {}, inline: true },
  span: { content: 'inline', attributes: { lang: LANG, style: /^[\w-]+$/ }, inline: true },
  link: { content: 'inline', attributes: { href: /^(https?:|mailto:)/ }, inline: true },
  br: { content: 'empty', attributes: {}, inline: true },
};

/** Which child elements each kind of content admits. */
export function allowedChild(content: Content, child: string): boolean {
  const rule = VOCABULARY[child];
  if (!rule) return false;
  switch (content) {
    case 'blocks':
      return !rule.inline && child !== 'page' && child !== 'item' && child !== 'fact' && child !== 'column';
    case 'inline':
      return rule.inline === true;
    case 'items':
      return child === 'item';
    case 'facts':
      return child === 'fact';
    case 'columns':
      return child === 'column';
    case 'empty':
      return false;
  }
}

/** What an element may contain; undefined for an element outside the vocabulary. */
export function contentOf(name: string): Content | undefined {
  return VOCABULARY[name]?.content;
}

export function attributeRule(element: string, attribute: string): RegExp | readonly string[] | 'text' | undefined {
  return VOCABULARY[element]?.attributes[attribute];
}
