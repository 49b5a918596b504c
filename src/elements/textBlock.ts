/**
 * The elements that are one paragraph of inline content in a theme style: `<title>` (H1), `<heading>` (H2),
 * `<subtitle>`, `<p>` and `<cite>` (P). They differ only in their default style, alignment and structure role.
 */
import { lang, oneOf, style, type AttributeSpecs } from '../markup/attributes.js';
import type { ElementAttributes, ElementName } from '../markup/types.js';
import { structureNode, type StructureRole } from '../layout/structure.js';
import { setStyled } from '../layout/text.js';
import type { Align } from '../text/types.js';
import type { BlockModule } from './element.js';

export interface TextBlockAttributes {
  align: Align;
  /** A style of the theme. */
  style: string;
  /** The language of the paragraph when it is not the page's. */
  lang: string | undefined;
}

export const ALIGNS = ['start', 'end', 'center', 'justify'] as const;

function textBlockAttributes(defaults: { style: string; align: Align }): AttributeSpecs<TextBlockAttributes> {
  return { align: oneOf('align', ALIGNS, defaults.align), style: style('style', defaults.style), lang: lang() };
}

type TextBlockName = Extract<ElementName, 'title' | 'subtitle' | 'heading' | 'p' | 'cite'>;

export function textBlock<K extends TextBlockName>(
  name: K,
  role: Extract<StructureRole, 'H1' | 'H2' | 'P'>,
  defaults: { style: string; align: Align; spaceAfter: string },
): BlockModule<K> {
  return {
    name,
    kind: 'block',
    content: 'inline',
    attributes: textBlockAttributes(defaults) as AttributeSpecs<ElementAttributes[K]>,
    spacing: { after: defaults.spaceAfter },
    layout(element, box, top, ctx) {
      const { style: styleName, align, lang: language } = element.attributes;
      const set = setStyled(element.children, styleName, language, align, box, top, ctx);
      const extra = language ? { lang: language } : {};
      return { bottom: set.bottom, nodes: [structureNode(role, set.items, { element: name, line: element.line, ...extra })] };
    },
  };
}
