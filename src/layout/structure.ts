/**
 * The structure tree layout returns: the page's logical structure, in reading order, whose leaves are the
 * painted items. Paint walks it for what to draw; the text layer and tagged PDF (PDF/UA) read it for what each
 * item is. Roles are the standard structure types of ISO 32000-1 §14.8.4, so tagging maps them one to one.
 *
 * Invariants:
 *  - every painted item is a leaf of exactly one node; a depth-first walk gives them in paint order (a fill
 *    before the text drawn over it, e.g. the band's rectangle before its words);
 *  - nodes are in logical reading order (the first column of a right-to-left table is the first child of its
 *    row even though it is painted on the right);
 *  - an `Artifact` node holds what is not content (backgrounds, rules, the quote bar, page furniture); its
 *    children may still have roles, which tagging ignores inside an artifact.
 */
import type { ElementName } from '../markup/types.js';
import type { PaintItem } from './types.js';

export type StructureRole =
  | 'Document'
  | 'Sect'
  | 'Div'
  | 'H1'
  | 'H2'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'BlockQuote'
  | 'Table'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Figure'
  | 'Artifact';

/** What an artifact is (PDF's artifact types: Layout for decoration, Pagination for running page furniture). */
export type ArtifactKind = 'band' | 'rule' | 'quoteBar' | 'tableRule' | 'tableFill' | 'pageFooter';

export interface StructureNode {
  role: StructureRole;
  /** The markup element that made the node (`undefined` for parts layout adds: a list marker, a fact label). */
  element?: ElementName;
  /** 1-based line of that element in the generated markup (the template line). */
  line?: number;
  /** Language of the node's text when it differs from the page's (`<p lang>`, `<span lang>` is per line). */
  lang?: string;
  /** Alternate text: required for a `Figure`. */
  alt?: string;
  /** For `Artifact` nodes. */
  artifact?: ArtifactKind;
  /** The name of a `<section>` or `<table>`. */
  name?: string;
  /** For `TH`: the header cell names its column. */
  scope?: 'Column';
  children: StructureChild[];
}

export type StructureChild = StructureNode | PaintItem;

export function isStructureNode(child: StructureChild): child is StructureNode {
  return 'role' in child;
}

/** A node of `role` holding `children`, with the element it came from. */
export function structureNode(role: StructureRole, children: StructureChild[], extra: Omit<StructureNode, 'role' | 'children'> = {}): StructureNode {
  return { role, ...extra, children };
}

/** An artifact holding painted decoration. */
export function artifact(kind: ArtifactKind, children: StructureChild[]): StructureNode {
  return { role: 'Artifact', artifact: kind, children };
}

/** The painted items under `node`, depth first: the order paint draws them in. */
export function paintItemsOf(node: StructureChild): PaintItem[] {
  const out: PaintItem[] = [];
  const walk = (child: StructureChild) => {
    if (isStructureNode(child)) child.children.forEach(walk);
    else out.push(child);
  };
  walk(node);
  return out;
}

/** The nodes under `node` (itself included), depth first, in reading order. */
export function structureNodesOf(node: StructureNode): StructureNode[] {
  const out: StructureNode[] = [];
  const walk = (n: StructureNode) => {
    out.push(n);
    for (const child of n.children) if (isStructureNode(child)) walk(child);
  };
  walk(node);
  return out;
}
