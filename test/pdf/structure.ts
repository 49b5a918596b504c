/**
 * A tagged PDF's structure tree as pdf.js reads it (`page.getStructTree()`), with each element's text: the text
 * of the marked-content sequences (MCIDs) it owns, from `getTextContent({ includeMarkedContent: true })`, in the
 * order the element lists them; the items of one sequence (one line) are read in the line's direction, as
 * extract.ts reads a line. Artifacts are collected apart, the way assistive technology skips them.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { lineText, type Item } from './extract.js';

export interface StructElement {
  role: string;
  lang?: string;
  alt?: string;
  /**
   * The text of the element's own marked content, in the element's order (children not included): one line of
   * the page per MCID, joined with a space, white space collapsed.
   */
  text: string;
  /** The element's kids in order: elements, and the marked content it owns as `{ mcid }` (its text in `text`). */
  children: StructElement[];
}

export interface TaggedReading {
  root: StructElement;
  /** Text inside /Artifact marked content, in content order. */
  artifacts: string[];
  /** How many MCIDs the page's content has, and how many of them some element owns. */
  mcids: number;
  owned: number;
}

interface PdfjsStructNode {
  role?: string;
  lang?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: PdfjsStructNode[];
}

interface PdfjsItem extends Partial<Item> {
  type?: string;
  id?: string | null;
  tag?: string;
}

export async function readStructure(pdf: Uint8Array): Promise<TaggedReading> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(1);
    const tree = (await page.getStructTree()) as PdfjsStructNode | null;
    if (!tree) throw new Error('the PDF has no structure tree');
    const content = await page.getTextContent({ includeMarkedContent: true });
    const itemsOf = new Map<string, Item[]>();
    const artifacts: string[] = [];
    const stack: { id?: string; artifact: boolean }[] = [];
    for (const item of content.items as PdfjsItem[]) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
        const parent = stack[stack.length - 1];
        const id = item.id ?? parent?.id;
        stack.push({ ...(id ? { id } : {}), artifact: item.tag === 'Artifact' || !!parent?.artifact });
        if (item.id) itemsOf.set(item.id, []);
        if (item.tag === 'Artifact') artifacts.push('');
      } else if (item.type === 'endMarkedContent') {
        stack.pop();
      } else if (item.str !== undefined) {
        const top = stack[stack.length - 1];
        if (top?.artifact) artifacts[artifacts.length - 1] += item.str;
        else if (top?.id) itemsOf.get(top.id)!.push(item as Item);
      }
    }
    let owned = 0;
    const convert = (node: PdfjsStructNode): StructElement => {
      const element: StructElement = { role: node.role ?? '?', text: '', children: [] };
      const parts: string[] = [];
      if (node.lang) element.lang = node.lang;
      if (node.alt) element.alt = node.alt;
      for (const child of node.children ?? []) {
        if (child.type === 'content' && child.id) {
          owned++;
          parts.push(lineText(itemsOf.get(child.id) ?? []));
        } else if (child.role) element.children.push(convert(child));
      }
      element.text = parts.join(' ').replace(/\s+/g, ' ').trim();
      return element;
    };
    return { root: convert(tree), artifacts: artifacts.filter(Boolean), mcids: itemsOf.size, owned };
  } finally {
    await doc.destroy();
  }
}

/** The elements under `element` (itself included), depth first: the reading order. */
export function elementsOf(element: StructElement): StructElement[] {
  return [element, ...element.children.flatMap(elementsOf)];
}

/** An element's text with its descendants', in reading order. */
export function fullText(element: StructElement): string {
  return [element.text, ...element.children.map(fullText)].filter(Boolean).join(' ');
}
