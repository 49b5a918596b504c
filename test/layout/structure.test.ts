/**
 * The structure tree of the built-in template (what tagged PDF will be written from): headings, lists, quotes,
 * the table and the figures in reading order, every painted item a leaf of it, decoration as artifacts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBriefing } from '../../src/data/load.js';
import { isStructureNode, paintItemsOf, structureNodesOf, type StructureNode } from '../../src/layout/structure.js';
import type { PageLayout } from '../../src/layout/types.js';
import { renderBriefing } from '../../src/pipeline.js';
import { stripBidiControls } from '../../src/text/controls.js';

/** The text a node shows: its lines in order, bidi controls removed. */
function textOf(node: StructureNode): string {
  return paintItemsOf(node)
    .flatMap((item) => (item.kind === 'text' ? [stripBidiControls(item.line.text)] : []))
    .join(' ');
}

const childNodes = (node: StructureNode) => node.children.filter(isStructureNode);

describe.each([
  ['ar', { emblem: 'شعار الوزارة', photo: 'صورة الزائر: مارك روته', qr: 'رمز QR لرابط المصدر', visit: 'ملخص الزيارة', time: 'الوقت' }],
  ['en', { emblem: 'Emblem of the ministry', photo: 'Photo of the visitor: Mark Rutte', qr: 'QR code linking to the source', visit: 'Visit summary', time: 'Time' }],
] as const)('the structure tree of the built-in template (%s)', (lang, labels) => {
  let layout: PageLayout;
  let nodes: StructureNode[];
  beforeAll(async () => {
    layout = (await renderBriefing(await loadBriefing('examples/nato-iraq-2025.yaml'), { lang })).layout;
    nodes = structureNodesOf(layout.tree);
  });

  it('has the headings, lists, quotes, table and figures in reading order', () => {
    const outline = nodes.filter((n) => ['H1', 'H2', 'L', 'BlockQuote', 'Table', 'Figure'].includes(n.role)).map((n) => `${n.role}:${n.element}`);
    expect(outline).toEqual([
      'Figure:image', // the letterhead's emblem
      'H1:title',
      'H2:heading',
      'L:facts',
      'Figure:image', // the visitor's photo, beside the facts
      'Table:table',
      'H2:heading',
      'L:facts',
      'L:list',
      'L:list',
      'H2:heading',
      'BlockQuote:quote',
      'BlockQuote:quote',
      'Figure:qr', // in the footer
    ]);
    expect(layout.tree.role).toBe('Document');
    expect(layout.tree.lang).toBe(lang);
    expect(textOf(nodes.find((n) => n.role === 'H2')!)).toBe(labels.visit);
  });

  it('gives every figure its alternate text', () => {
    expect(nodes.filter((n) => n.role === 'Figure').map((n) => n.alt)).toEqual([labels.emblem, labels.photo, labels.qr]);
  });

  it('holds every painted item once, in paint order', () => {
    expect(paintItemsOf(layout.tree)).toEqual(layout.items);
    expect(new Set(layout.items).size).toBe(layout.items.length);
    expect(layout.items.filter((i) => i.kind === 'image')).toHaveLength(2);
    expect(layout.items.filter((i) => i.kind === 'qr')).toHaveLength(1);
  });

  it('marks decoration and page furniture as artifacts, the footer among them', () => {
    const artifacts = nodes.filter((n) => n.role === 'Artifact').map((n) => n.artifact);
    expect(new Set(artifacts)).toEqual(new Set(['band', 'rule', 'tableFill', 'tableRule', 'quoteBar', 'pageFooter']));
    const footer = childNodes(layout.tree).at(-1)!;
    expect(footer.artifact).toBe('pageFooter');
    expect(textOf(footer)).toMatch(/elfagr\.org/);
    // Nothing outside the artifacts is a rule or a fill.
    const content = childNodes(layout.tree).filter((n) => n.role !== 'Artifact');
    const bare = content.flatMap((n) => structureNodesOf(n)).filter((n) => n.role !== 'Artifact').flatMap((n) => n.children.flatMap((c) => (isStructureNode(c) ? [] : [c])));
    expect(bare.filter((i) => i.kind === 'rule' || i.kind === 'rect')).toEqual([]);
  });

  it('builds lists of LI with Lbl and LBody, and quotes of the quotation and its attribution', () => {
    for (const list of nodes.filter((n) => n.role === 'L')) {
      for (const item of childNodes(list)) {
        expect(item.role).toBe('LI');
        expect(childNodes(item).map((n) => n.role)).toEqual(['Lbl', 'LBody']);
      }
    }
    const objectives = nodes.filter((n) => n.role === 'L' && n.element === 'list')[1]!;
    expect(childNodes(objectives).map((li) => textOf(childNodes(li)[0]!))).toEqual(['1.', '2.', '3.', '4.']);
    const quote = nodes.find((n) => n.role === 'BlockQuote')!;
    expect(childNodes(quote).map((n) => `${n.role}:${n.element ?? n.artifact}`)).toEqual(['Artifact:quoteBar', 'P:p', 'P:cite']);
  });

  it('gives the programme as a table of a header row (TH) and one row (TD) per entry, columns in logical order', () => {
    const table = nodes.find((n) => n.role === 'Table')!;
    expect(table.name).toBe('programme');
    const rows = childNodes(table).filter((n) => n.role === 'TR');
    expect(rows).toHaveLength(5);
    expect(childNodes(rows[0]!).map((c) => [c.role, c.scope])).toEqual([
      ['TH', 'Column'],
      ['TH', 'Column'],
      ['TH', 'Column'],
    ]);
    expect(textOf(childNodes(rows[0]!)[0]!)).toBe(labels.time);
    for (const row of rows.slice(1)) expect(childNodes(row).map((c) => c.role)).toEqual(['TD', 'TD', 'TD']);
    // The first column is on the start side: the right edge in Arabic, the left in English.
    const lefts = childNodes(rows[1]!).map((cell) => Math.min(...paintItemsOf(cell).map((i) => (i.kind === 'text' ? i.x : Infinity))));
    if (lang === 'ar') expect(lefts).toEqual([...lefts].sort((a, b) => b - a));
    else expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
  });
});
