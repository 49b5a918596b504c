/**
 * What an element module is: its content rule, where it may stand, its attributes, the theme names it needs and
 * either its layout (block elements), its effect on inline text (inline elements) or nothing of its own (parts,
 * laid out by their parent). The registry in `index.ts` maps every element name to its module, so a new element
 * the registry lacks does not compile.
 */
import type { Box, Laid, LayoutContext } from '../layout/context.js';
import type { AttributeSpecs } from '../markup/attributes.js';
import type { Content, ElementAttributes, ElementName, ElementOf } from '../markup/types.js';
import type { TextStyle } from '../text/types.js';

/** Theme names an element's layout uses whatever its attributes say; checked when the markup is parsed. */
export interface ThemeNeeds {
  colors?: readonly string[];
  styles?: readonly string[];
  spacing?: readonly string[];
}

interface ModuleBase<K extends ElementName> {
  name: K;
  content: Content;
  attributes: AttributeSpecs<ElementAttributes[K]>;
  needs?: ThemeNeeds;
}

/** `<page>`: the root; laid out by `layout/page.ts`. */
export interface RootModule<K extends ElementName> extends ModuleBase<K> {
  kind: 'root';
}

export interface BlockModule<K extends ElementName> extends ModuleBase<K> {
  kind: 'block';
  /** Only inside these elements (e.g. `<footer>` in `<page>`); anywhere blocks go when absent. */
  parents?: readonly ElementName[];
  /** Theme spacing names owed before and after the block when other blocks surround it. */
  spacing: { before?: string; after?: string };
  layout(element: ElementOf<K>, box: Box, top: number, ctx: LayoutContext): Laid;
}

/** What an inline element does to the text it holds. */
export type InlineEffect = { style: TextStyle } | { text: string };

export interface InlineModule<K extends ElementName> extends ModuleBase<K> {
  kind: 'inline';
  inline(element: ElementOf<K>, base: TextStyle, ctx: LayoutContext): InlineEffect;
}

/** A part of another element (`<item>` of `<list>`): laid out by its parent. */
export interface PartModule<K extends ElementName> extends ModuleBase<K> {
  kind: 'part';
  parents: readonly ElementName[];
}

export type ElementModule<K extends ElementName> = RootModule<K> | BlockModule<K> | InlineModule<K> | PartModule<K>;

export type ElementModules = { readonly [K in ElementName]: ElementModule<K> };
