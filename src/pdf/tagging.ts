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

/** Paints the tree's items in depth-first order, each inside its marking, and writes the structure tree. */
export function paintTagged(doc: PDFKit.PDFDocument, tree: StructureNode, draw: DrawItem): void {
  if (tree.role !== 'Document') throw new Error(`the structure tree's root must be a Document, not ${tree.role}`);
  const root = doc.struct('Document', elementOptions(tree));
  doc.addStructure(root);
  for (const child of tree.children) tagChild(doc, root, 'Document', child, draw);
  root.end();
}

function tagChild(doc: PDFKit.PDFDocument, parent: PDFKit.PDFStructureElement, parentRole: string, child: StructureChild, draw: DrawItem): void {
  if (!isStructureNode(child)) {
    tagItem(doc, parent, parentRole, child, draw);
    return;
  }
  if (child.role === 'Artifact') {
    paintArtifact(doc, child.artifact, paintItemsOf(child), draw);
    return;
  }
  if (child.role === 'Figure' && !child.alt) throw new Error('a Figure has no alternate text (PDF/UA-1 §7.3)');
  const element = doc.struct(child.role, elementOptions(child));
  parent.add(element);
  for (const grandchild of child.children) tagChild(doc, element, child.role, grandchild, draw);
  element.end();
}

/** A painted item directly under a structure element. */
function tagItem(doc: PDFKit.PDFDocument, element: PDFKit.PDFStructureElement, role: string, item: PaintItem, draw: DrawItem): void {
  switch (item.kind) {
    case 'link': {
      // The annotation belongs to a Link element (its /OBJR), which PDF/UA-1 §7.18.5 asks for.
      const link = doc.struct('Link');
      element.add(link);
      draw(item, { structParent: link });
      link.end();
      return;
    }
    case 'rect':
    case 'rule':
      // Lines and fills are drawing only, unless they are the picture itself.
      if (role !== 'Figure') {
        paintArtifact(doc, undefined, [item], draw);
        return;
      }
      break;
    default:
      break;
  }
  const content = doc.markStructureContent(role);
  draw(item);
  doc.endMarkedContent();
  element.add(content);
}

function paintArtifact(doc: PDFKit.PDFDocument, kind: ArtifactKind | undefined, items: PaintItem[], draw: DrawItem): void {
  const pagination = kind !== undefined && PAGINATION_ARTIFACTS.has(kind);
  doc.markContent('Artifact', { type: pagination ? 'Pagination' : 'Layout', ...(kind === 'pageFooter' ? { attached: ['Bottom'] } : {}) });
  for (const item of items) draw(item);
  doc.endMarkedContent();
}

/** The element's /Lang, /Alt and, for a header cell, the table attribute /Scope. */
function elementOptions(node: StructureNode): PDFKit.Mixins.StructureElementOptions {
  const options: PDFKit.Mixins.StructureElementOptions & { scope?: string } = {};
  if (node.lang) options.lang = node.lang;
  if (node.alt) options.alt = node.alt;
  if (node.scope) options.scope = node.scope; // PDFKit 0.20 writes /A << /O /Table /Scope … >>; not in @types/pdfkit
  return options;
}
