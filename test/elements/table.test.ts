import { describe, expect, it } from 'vitest';
import { isStructureNode, paintItemsOf, structureNodesOf, type StructureNode } from '../../src/layout/structure.js';
import { fitPage, layoutPage } from '../../src/layout/page.js';
import type { PageLayout } from '../../src/layout/types.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { stripBidiControls } from '../../src/text/controls.js';
import { catchBriefingError } from '../briefingError.js';
import { realEngines, theme as loadTheme } from '../text/engines.js';

const theme = loadTheme();
const engines = realEngines(theme);

function layout(table: string, dir: 'rtl' | 'ltr' = 'rtl', scale = 1): PageLayout {
  return layoutPage(parseMarkup(`<page dir="${dir}" lang="${dir === 'rtl' ? 'ar' : 'en'}">${table}</page>`, 't.hbs', theme), theme, engines, scale);
}

const THREE = '<table name="t" widths="60 2fr 1fr"><row header="true"><cell>الوقت</cell><cell>الفقرة</cell><cell>المكان</cell></row><row><cell>10:00</cell><cell>لقاء الرئيس</cell><cell>بغداد</cell></row></table>';

const cellsOf = (page: PageLayout) => structureNodesOf(page.tree).filter((n) => n.role === 'TH' || n.role === 'TD');
const textOf = (node: StructureNode) => paintItemsOf(node).flatMap((i) => (i.kind === 'text' ? [stripBidiControls(i.line.text)] : [])).join(' ');
/** The cell's box: where its text starts (the inner box's left edge) and ends. */
const cellLeft = (node: StructureNode) => Math.min(...paintItemsOf(node).map((i) => (i.kind === 'text' ? i.x : Infinity)));

describe('<table>', () => {
  it('puts the first column on the right in a right-to-left table, on the left in a left-to-right one', () => {
    const { content } = layout(THREE);
    const padding = theme.spacing.tablePadding!;
    const width = content.right - content.left;
    const rtl = cellsOf(layout(THREE)).slice(0, 3).map(cellLeft);
    // 60 pt fixed, then the rest shared 2:1.
    const rest = width - 60;
    expect(rtl[0]).toBeCloseTo(content.right - 60 + padding, 6);
    expect(rtl[1]).toBeCloseTo(content.right - 60 - (rest * 2) / 3 + padding, 6);
    expect(rtl[2]).toBeCloseTo(content.left + padding, 6);
    const ltr = cellsOf(layout(THREE, 'ltr')).slice(0, 3).map(cellLeft);
    expect(ltr).toEqual([content.left + padding, content.left + 60 + padding, content.left + 60 + (rest * 2) / 3 + padding].map((x) => expect.closeTo(x, 6)));
  });

  it('keeps the cells in logical order in the structure: TH for the header row, TD after', () => {
    const page = layout(THREE);
    expect(cellsOf(page).map((c) => `${c.role}:${textOf(c)}`)).toEqual(['TH:الوقت', 'TH:الفقرة', 'TH:المكان', 'TD:10:00', 'TD:لقاء الرئيس', 'TD:بغداد']);
  });

  it('makes a row as tall as its tallest cell, with the theme padding, and rules between rows', () => {
    const long = 'لقاء '.repeat(40);
    const page = layout(`<table name="t" widths="1fr 1fr"><row><cell>قصير</cell><cell>${long}</cell></row><row><cell>أ</cell><cell>ب</cell></row></table>`);
    const rows = structureNodesOf(page.tree).filter((n) => n.role === 'TR');
    const lines = (row: StructureNode) => paintItemsOf(row).filter((i) => i.kind === 'text');
    expect(lines(rows[0]!).length).toBeGreaterThan(3);
    const table = page.sections.find((s) => s.kind === 'table')!;
    const [first, second] = table.rows!;
    const tallest = Math.max(...lines(rows[0]!).map((i) => (i.kind === 'text' ? i.y + i.line.baseline - i.line.ascent + i.line.height : 0)));
    expect(first!.bottom).toBeCloseTo(tallest + theme.spacing.tablePadding!, 6);
    expect(second!.top).toBeGreaterThan(first!.bottom);
    const rules = page.items.filter((i) => i.kind === 'rule');
    expect(rules).toHaveLength(3); // above, between and below the two rows
  });

  it('fills the header row with the theme colour', () => {
    const fills = layout(THREE).items.filter((i) => i.kind === 'rect');
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ color: theme.colors.tableHeaderFill });
  });

  it('names the table and the rows that do not fit when the page overflows (a row is never split)', () => {
    const rows = Array.from({ length: 120 }, (_, k) => `<row><cell>${k + 1}</cell><cell>لقاء مع الوفد المرافق في بغداد</cell></row>`).join('');
    const root = parseMarkup(`<page dir="rtl" lang="ar"><section name="programme"><table name="schedule">${rows}</table></section></page>`, 't.hbs', theme);
    const e = catchBriefingError(() => fitPage(root, theme, engines), 'overflow');
    expect(e.message).toContain('section "programme"');
    expect(e.message).toMatch(/table "schedule" runs [\d.]+ mm .* past the page: rows \d+–120 of 120 do not fit/);
  });

  it('refuses a row with the wrong number of cells, a header row after a body row, and fixed widths wider than the page', () => {
    const error = (table: string) => catchBriefingError(() => layout(table), 'markup').problems[0]!.message;
    expect(error('<table name="t" widths="1fr 1fr"><row><cell>a</cell></row></table>')).toMatch(/has 1 cells where the table has 2 columns/);
    expect(error('<table name="t"><row><cell>a</cell></row><row header="true"><cell>b</cell></row></table>')).toMatch(/header rows come first/);
    expect(error('<table name="t" widths="400 400"><row><cell>a</cell><cell>b</cell></row></table>')).toMatch(/fixed columns take 800 pt/);
  });
});

describe('<table> markup', () => {
  const failure = (markup: string) => catchBriefingError(() => parseMarkup(`<page dir="rtl" lang="ar">\n${markup}\n</page>`, 't.hbs', theme), 'markup').problems;
  it('requires a name, and checks widths and the header flag', () => {
    expect(failure('<table><row><cell>a</cell></row></table>')[0]!.message).toMatch(/<table> attribute "name" is required/);
    expect(failure('<table name="t" widths="1fr 0fr"><row><cell>a</cell></row></table>')[0]!.message).toMatch(/"0fr" is not a width/);
    expect(failure('<table name="t"><row header="yes"><cell>a</cell></row></table>')[0]!.message).toMatch(/header="yes": expected true \| false/);
    expect(failure('<table name="t"><cell>a</cell></table>')[0]!.message).toMatch(/<cell> is not allowed inside <table>/);
    expect(failure('<table name="t"><row>a</row></table>')[0]!.message).toMatch(/text "a" is not allowed directly inside <row>/);
  });

  it('checks the styles it uses against the theme, with the known names', () => {
    const problems = failure('<table name="t" header-style="loud"><row><cell>a</cell></row></table>');
    expect(problems[0]!.message).toMatch(/header-style="loud": unknown style \(known styles: body, .*tableHeader/);
    expect(problems[0]!.line).toBe(2);
  });
});

it('every painted item of a table is in the table node', () => {
  const page = layout(THREE);
  const table = structureNodesOf(page.tree).find((n) => n.role === 'Table')!;
  expect(paintItemsOf(table)).toEqual(page.items);
  expect(table.children.filter(isStructureNode).map((n) => n.role)).toEqual(['Artifact', 'TR', 'TR', 'Artifact']);
});
