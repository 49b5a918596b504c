/**
 * The example, Arabic and English, as tagged PDF: the layout's structure tree is the PDF's, element for
 * element and in reading order; every element owns the text of its lines; decoration and the footer are
 * artifacts; poppler (`pdfinfo`, `pdfinfo -struct-text`) reads the same tree. pdf.js reads the structure
 * (`page.getStructTree()`) and the text of each marked-content sequence.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBriefing } from '../../src/data/load.js';
import { isStructureNode, paintItemsOf, type StructureNode } from '../../src/layout/structure.js';
import { renderBriefing, type RenderResult } from '../../src/pipeline.js';
import { PACKAGE_ROOT } from '../../src/resources.js';
import { stripBidiControls } from '../../src/text/controls.js';
import { qpdfView, type PdfValue } from '../pdf/qpdf.js';
import { elementsOf, readStructure, type StructElement } from '../pdf/structure.js';

const EXAMPLE = `${PACKAGE_ROOT}/examples/nato-iraq-2025.yaml`;
const results = new Map<string, RenderResult>();
let quoteCount = 0;

beforeAll(async () => {
  const data = await loadBriefing(EXAMPLE);
  quoteCount = (data.raw.quotes as unknown[]).length;
  expect(quoteCount).toBeGreaterThan(1);
  for (const lang of ['ar', 'en']) results.set(lang, await renderBriefing(data, { lang }));
});

/** What the layout's tree says each element is and holds: role and its own lines' text, artifacts left out. */
interface Expected {
  role: string;
  lines: string[];
}

/**
 * The elements the PDF should have for the layout's tree, depth first. A link is a Link element where it is;
 * a link inside an artifact (the footer's) gets one under the Document, after the subtree it was found in.
 */
function expectedElements(tree: StructureNode): Expected[] {
  const out: Expected[] = [{ role: tree.role, lines: linesOf(tree) }];
  for (const child of tree.children) {
    if (!isStructureNode(child)) {
      if (child.kind === 'link') out.push({ role: 'Link', lines: [] });
      continue;
    }
    const pending: Expected[] = [];
    out.push(...elementsUnder(child, pending), ...pending);
  }
  return out;
}

function elementsUnder(node: StructureNode, pending: Expected[]): Expected[] {
  if (node.role === 'Artifact') {
    for (const item of paintItemsOf(node)) if (item.kind === 'link') pending.push({ role: 'Link', lines: [] });
    return [];
  }
  return [
    { role: node.role, lines: linesOf(node) },
    ...node.children.flatMap((child) => (isStructureNode(child) ? elementsUnder(child, pending) : child.kind === 'link' ? [{ role: 'Link', lines: [] }] : [])),
  ];
}

/** The lines of a node as they read on the page: a hyphenated line ends with the hyphen drawn after its text. */
function linesOf(node: StructureNode): string[] {
  return node.children.flatMap((child) =>
    !isStructureNode(child) && child.kind === 'text' ? [`${stripBidiControls(child.line.text)}${child.line.hyphenated ? '-' : ''}`] : [],
  );
}

/** The characters of a text, white space and joiners aside, sorted: the same letters whatever order a reader gives. */
function letters(text: string): string {
  return [...stripBidiControls(text).replace(/[\s\u200b-\u200d]/g, '')].sort().join('');
}

function poppler(pdf: Uint8Array, ...args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tagged-'));
  try {
    writeFileSync(join(dir, 'x.pdf'), pdf);
    return execFileSync('pdfinfo', [...args, join(dir, 'x.pdf')], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `pdfinfo -struct-text`: each element's role and the texts of its marked content, depth first. */
function popplerStructure(output: string): { role: string; texts: string[] }[] {
  const out: { role: string; texts: string[] }[] = [];
  for (const line of output.split('\n')) {
    const text = /^\s*"(.*)"$/.exec(line);
    // A picture's marked content has no text: poppler prints it as "".
    if (text) {
      if (text[1] !== '') out[out.length - 1]!.texts.push(text[1]!);
    }
    // `Object 132 0`: an element's kid that is an object (a link's annotation), not an element.
    else if (/^\s*\w+/.test(line) && !/^\s*Object \d+ \d+$/.test(line)) out.push({ role: line.trim().split(' ')[0]!.replace(/:$/, ''), texts: [] });
  }
  return out;
}

describe.each(['ar', 'en'])('the %s example, tagged', (lang) => {
  const result = () => results.get(lang)!;

  it('is tagged for poppler too', () => {
    expect(poppler(result().pdf)).toMatch(/^Tagged:\s+yes$/m);
  });

  it('has the layout\'s structure tree, element for element in reading order, each with the text of its lines', async () => {
    const { root, mcids, owned } = await readStructure(result().pdf);
    expect(root.children).toHaveLength(1);
    const document = root.children[0]!;
    const expected = expectedElements(result().layout.tree);
    const actual = elementsOf(document);
    expect(actual.map((e) => e.role)).toEqual(expected.map((e) => e.role));
    expected.forEach((element, k) => expect(letters(actual[k]!.text), `${element.role} #${k}`).toBe(letters(element.lines.join(''))));
    // Every marked-content sequence belongs to an element.
    expect(owned).toBe(mcids);
    // The kinds PDF/UA asks for are all there.
    for (const role of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody', 'BlockQuote', 'Table', 'TR', 'TH', 'TD', 'Figure']) expect(actual.map((e) => e.role)).toContain(role);
    // The visitor's photo is a Figure with its alternate text.
    const figures = actual.filter((e) => e.role === 'Figure');
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) expect(figure.alt, 'a Figure has alternate text').toBeTruthy();
  });

  it('gives title, headings, list items and quotes their texts (pdf.js reading, English exactly)', async () => {
    const document = (await readStructure(result().pdf)).root.children[0]!;
    const byRole = (role: string) => elementsOf(document).filter((e) => e.role === role);
    const plain = (e: StructElement) => stripBidiControls(e.text).replace(/\u200b/g, '');
    if (lang === 'en') {
      expect(byRole('H1').map(plain)).toEqual(['NATO Secretary General praises strong cooperation with Iraq']);
      expect(byRole('H2').map(plain)).toEqual(['Visit summary', 'Mission: NATO Mission Iraq (NMI)', 'Key quotes']);
      expect(byRole('LBody').map(plain)).toContain('Ministry of Defence');
      const quotes = byRole('BlockQuote');
      expect(quotes).toHaveLength(quoteCount);
      for (const quote of quotes) expect(quote.children.map(plain).at(-1)).toBe('— Mark Rutte, NATO Secretary General');
    } else {
      expect(byRole('H1').map(plain)).toEqual(['الأمين العام لحلف شمال الأطلسي يشيد بالتعاون القوي مع العراق']);
      expect(byRole('H2').map(plain).slice(0, 1)).toEqual(['ملخص الزيارة']);
      expect(byRole('Lbl').map(plain)).toContain('الزائر');
      expect(byRole('BlockQuote')).toHaveLength(quoteCount);
      for (const quote of byRole('BlockQuote')) expect(quote.children.map(plain).at(-1)).toBe('— مارك روته، الأمين العام لحلف شمال الأطلسي');
    }
  });

  it('keeps decoration and the footer out of the structure, as artifacts', async () => {
    const { root, artifacts } = await readStructure(result().pdf);
    const fingerprint = (await loadBriefing(EXAMPLE)).fingerprint;
    expect(artifacts.join(' ')).toContain(fingerprint);
    expect(elementsOf(root).some((e) => e.text.includes(fingerprint))).toBe(false);
  });

  it('has the document language, MarkInfo, the title as window title and tab order by structure', () => {
    const view = qpdfView(result().pdf);
    expect(view.catalog['/Lang']).toBe(`u:${lang}`);
    expect(view.resolve(view.catalog['/MarkInfo'])).toMatchObject({ '/Marked': true });
    expect(view.resolve(view.catalog['/ViewerPreferences'])).toMatchObject({ '/DisplayDocTitle': true });
    expect(view.page['/Tabs']).toBe('/S');
    // Every annotation (the footer's link to the source) belongs to a Link element through the ParentTree.
    const annotations = ((view.resolve(view.page['/Annots']) ?? []) as PdfValue[]).map((ref) => view.resolve(ref) as Record<string, PdfValue>);
    for (const annotation of annotations) expect(typeof annotation['/StructParent'], `${annotation['/Subtype']} annotation`).toBe('number');
    const tree = view.resolve(view.catalog['/StructTreeRoot']) as Record<string, PdfValue>;
    expect(tree['/Type']).toBe('/StructTreeRoot');
    expect(tree['/ParentTree']).toBeDefined();
  });

  it('prints the same tree with pdfinfo -struct-text (poppler), the English texts line by line', async () => {
    const printed = popplerStructure(poppler(result().pdf, '-struct-text'));
    const expected = expectedElements(result().layout.tree);
    expect(printed.map((e) => e.role)).toEqual(expected.map((e) => e.role));
    // poppler reads a marked-content sequence's glyphs in content order and ignores /ActualText, so its texts of
    // right-to-left lines come in visual order (README, "What is not verified", and the pinned failure below);
    // the letters are the same. Left-to-right lines come back exactly: a glyph standing for nothing maps to a
    // soft hyphen, which poppler's structure text drops (it used to be a ZWSP, printed at both ends of each line).
    printed.forEach((element, k) => {
      const lines = expected[k]!.lines;
      expect(element.texts.length, `${element.role} #${k}`).toBe(lines.length);
      if (lang === 'en') expect(element.texts).toEqual(lines);
      else element.texts.forEach((text, i) => expect(letters(text)).toBe(letters(lines[i]!)));
    });
  });
});

// Issue 12, not met: poppler's MarkedContentOutputDev appends each glyph's ToUnicode text in content order, and
// pdf.js, which reads the same glyphs of the same marked content in the same order, reverses each item with
// right-to-left letters; the glyphs of an Arabic run are painted left to right for pdf.js, so poppler prints them
// last letter first. (README, "What is not verified".)
it.fails('pdfinfo -struct-text prints the Arabic title in reading order', () => {
  const printed = popplerStructure(poppler(results.get('ar')!.pdf, '-struct-text'));
  expect(printed.find((e) => e.role === 'H1')!.texts).toEqual(['الأمين العام لحلف شمال الأطلسي يشيد بالتعاون القوي مع العراق']);
});
