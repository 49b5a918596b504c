/**
 * Tagged PDF (ISO 32000-1 §14.7–14.8, the structure rules of PDF/UA-1, ISO 14289-1 §7): the page's structure
 * tree, as layout built it, becomes the PDF's structure tree, and every painted item is marked in the content
 * stream either as content of its structure element (a marked-content sequence with an MCID, listed in the
 * ParentTree) or as an artifact (decoration and page furniture, which a screen reader skips).
 *
 * This module owns the walk over the tree and the marking; what each item looks like is paint's business
 * (`draw`), so paint stays "write only". Written with PDFKit's structure API (`struct`, `markStructureContent`,
 * `markContent('Artifact')`, `addStructure`, and `link(…, {structParent})` for a link's /OBJR), which writes the
 * StructTreeRoot, the ParentTree, /StructParents and /Tabs /S on the page and /MarkInfo << /Marked true >>.
 *
 * Each line of text keeps its own /Span << /Lang … /ActualText … >> inside its element's marked content, so
 * the logical-order text and a span's language are part of the structure.
 */
import { isStructureNode, paintItemsOf, type ArtifactKind, type StructureChild, type StructureNode } from '../layout/structure.js';
import type { PaintItem } from '../layout/types.js';

/** The painted item drawn inside its marking; a link gets the structure element its annotation belongs to. */
export type DrawItem = (item: PaintItem, link?: { structParent: PDFKit.PDFStructureElement }) => void;

/** Artifacts that repeat on every page (PDF's /Pagination artifacts); the others are /Layout. */
const PAGINATION_ARTIFACTS: ReadonlySet<ArtifactKind> = new Set(['pageFooter']);

/** What the walk carries: the document, paint's drawing, and the Document element (for links in artifacts). */
interface Walk {
  doc: PDFKit.PDFDocument;
  draw: DrawItem;
  root: PDFKit.PDFStructureElement;
}

/** Paints the tree's items in depth-first order, each inside its marking, and writes the structure tree. */
export function paintTagged(doc: PDFKit.PDFDocument, tree: StructureNode, draw: DrawItem): void {
  if (tree.role !== 'Document') throw new Error(`the structure tree's root must be a Document, not ${tree.role}`);
  const root = doc.struct('Document', elementOptions(tree));
  doc.addStructure(root);
  const walk: Walk = { doc, draw, root };
  for (const child of tree.children) tagChild(walk, root, 'Document', child);
  root.end();
}

function tagChild(walk: Walk, parent: PDFKit.PDFStructureElement, parentRole: string, child: StructureChild): void {
  if (!isStructureNode(child)) {
    tagItem(walk, parent, parentRole, child);
    return;
  }
  if (child.role === 'Artifact') {
    paintArtifact(walk, child.artifact, paintItemsOf(child));
    return;
  }
  if (child.role === 'Figure' && !child.alt) throw new Error('a Figure has no alternate text (PDF/UA-1 §7.3)');
  const element = walk.doc.struct(child.role, elementOptions(child));
  parent.add(element);
  for (const grandchild of child.children) tagChild(walk, element, child.role, grandchild);
  element.end();
}

/** A painted item directly under a structure element. */
function tagItem(walk: Walk, element: PDFKit.PDFStructureElement, role: string, item: PaintItem): void {
  switch (item.kind) {
    case 'link':
      drawLink(walk, element, item);
      return;
    case 'rect':
    case 'rule':
      // Lines and fills are drawing only, unless they are the picture itself.
      if (role !== 'Figure') {
        paintArtifact(walk, undefined, [item]);
        return;
      }
      break;
    default:
      break;
  }
  const content = walk.doc.markStructureContent(role);
  walk.draw(item);
  walk.doc.endMarkedContent();
  element.add(content);
}

/** A link's annotation belongs to a Link element (its /OBJR) under `parent`, as PDF/UA-1 §7.18.5 asks. */
function drawLink(walk: Walk, parent: PDFKit.PDFStructureElement, item: PaintItem): void {
  const link = walk.doc.struct('Link');
  parent.add(link);
  walk.draw(item, { structParent: link });
  link.end();
}

function paintArtifact(walk: Walk, kind: ArtifactKind | undefined, items: PaintItem[]): void {
  const pagination = kind !== undefined && PAGINATION_ARTIFACTS.has(kind);
  walk.doc.markContent('Artifact', { type: pagination ? 'Pagination' : 'Layout', ...(kind === 'pageFooter' ? { attached: ['Bottom'] } : {}) });
  for (const item of items) {
    // An annotation is never an artifact: a link in page furniture (the source's address in the footer) still
    // gets its Link element, under the Document.
    if (item.kind === 'link') drawLink(walk, walk.root, item);
    else walk.draw(item);
  }
  walk.doc.endMarkedContent();
}

/** The element's /Lang, /Alt and, for a header cell, the table attribute /Scope. */
function elementOptions(node: StructureNode): PDFKit.Mixins.StructureElementOptions {
  const options: PDFKit.Mixins.StructureElementOptions & { scope?: string } = {};
  if (node.lang) options.lang = node.lang;
  if (node.alt) options.alt = node.alt;
  if (node.scope) options.scope = node.scope; // PDFKit 0.20 writes /A << /O /Table /Scope … >>; not in @types/pdfkit
  return options;
}
