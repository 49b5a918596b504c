/**
 * `<table name widths style header-style>` of `<row header>`s of `<cell align>`s: a table whose first column is
 * on the start side (the rightmost on a right-to-left page), with cell padding, rules and the header row's fill
 * from the theme. Columns are fixed (points) or fractions (`2fr`) of what the fixed ones leave; without
 * `widths`, equal fractions. A row is never split: it is laid out whole, and when the page overflows the error
 * names the table and the rows that do not fit. Structure: Table → TR → TH (header rows, scope Column) / TD.
 */
import { BriefingError } from '../errors.js';
import { columnWidths, flag, identifier, oneOf, style, type ColumnWidth } from '../markup/attributes.js';
import { isElementNamed, type ElementOf } from '../markup/types.js';
import { colorOf, fromStart, space } from '../layout/context.js';
import { artifact, structureNode, type StructureNode } from '../layout/structure.js';
import { alignFirstBaselines, setStyled, type SetText } from '../layout/text.js';
import type { PaintItem, SectionBox } from '../layout/types.js';
import { spacing } from '../theme/theme.js';
import type { Align } from '../text/types.js';
import type { BlockModule, PartModule } from './element.js';
import { ALIGNS } from './textBlock.js';

export interface TableAttributes {
  /** Named in overflow errors. */
  name: string;
  widths: ColumnWidth[] | undefined;
  /** Styles of the body cells and of the header cells. */
  style: string;
  headerStyle: string;
}

export interface RowAttributes {
  /** A header row: its cells are column headers (TH). Header rows come first. */
  header: boolean;
}

export interface CellAttributes {
  align: Align;
}

function markupError(element: { line: number; column: number }, message: string): BriefingError {
  return new BriefingError('markup', [{ message, line: element.line, column: element.column }]);
}

/** The columns' widths in points, first column first. */
function columnWidthsIn(table: ElementOf<'table'>, count: number, available: number): number[] {
  const widths = table.attributes.widths ?? Array.from({ length: count }, () => ({ fraction: 1 }));
  const fixed = widths.reduce((sum, w) => sum + ('points' in w ? w.points : 0), 0);
  const fractions = widths.reduce((sum, w) => sum + ('fraction' in w ? w.fraction : 0), 0);
  if (fixed > available + 0.01 || (fractions > 0 && fixed >= available)) {
    throw markupError(table, `<table name="${table.attributes.name}">: its fixed columns take ${fixed} pt of the ${available.toFixed(1)} pt there is`);
  }
  return widths.map((w) => ('points' in w ? w.points : ((available - fixed) * w.fraction) / fractions));
}

export const table: BlockModule<'table'> = {
  name: 'table',
  kind: 'block',
  content: 'parts',
  attributes: {
    name: identifier('name', true),
    widths: columnWidths('widths'),
    style: style('style', 'tableCell'),
    headerStyle: style('header-style', 'tableHeader'),
  },
  needs: { colors: ['tableRule', 'tableHeaderFill'], spacing: ['tablePadding', 'tableRuleWidth'] },
  spacing: { after: 'paragraph' },
  layout(element, box, top, ctx) {
    const { name, style: bodyStyle, headerStyle } = element.attributes;
    const rows = element.children.filter((c) => isElementNamed(c, 'row'));
    const cellsOf = (row: ElementOf<'row'>) => row.children.filter((c) => isElementNamed(c, 'cell'));
    if (rows.length === 0) throw markupError(element, `<table name="${name}"> has no <row>`);
    const count = element.attributes.widths?.length ?? cellsOf(rows[0]!).length;
    let bodySeen = false;
    for (const row of rows) {
      if (cellsOf(row).length !== count) throw markupError(row, `<row> of <table name="${name}"> has ${cellsOf(row).length} cells where the table has ${count} columns`);
      if (row.attributes.header && bodySeen) throw markupError(row, `<row header="true"> of <table name="${name}"> comes after a body row; header rows come first`);
      bodySeen ||= !row.attributes.header;
    }
    const widths = columnWidthsIn(element, count, box.width);
    const padding = space(ctx, 'tablePadding');
    const ruleWidth = spacing(ctx.theme, 'tableRuleWidth');
    const ruleColor = colorOf(ctx, 'tableRule');
    const fills: PaintItem[] = [];
    const rules: PaintItem[] = [];
    const rule = (y: number, weight: number) => rules.push({ kind: 'rule', x1: box.left, y1: y + weight / 2, x2: box.left + box.width, y2: y + weight / 2, width: weight, color: ruleColor });
    const placed: SectionBox = { kind: 'table', name, top, bottom: top, rows: [] };
    ctx.sections.push(placed);

    const rowNodes: StructureNode[] = [];
    rule(top, ruleWidth);
    let y = top + ruleWidth;
    for (const row of rows) {
      const header = row.attributes.header;
      const cellNodes: StructureNode[] = [];
      const sets: SetText[] = [];
      let offset = 0;
      cellsOf(row).forEach((cell, c) => {
        const width = widths[c]!;
        const inner = { left: fromStart(box, offset, width, ctx) + padding, width: width - 2 * padding };
        const set = setStyled(cell.children, header ? headerStyle : bodyStyle, undefined, cell.attributes.align, inner, y + padding, ctx);
        cellNodes.push(structureNode(header ? 'TH' : 'TD', set.items, { element: 'cell', line: cell.line, ...(header ? { scope: 'Column' as const } : {}) }));
        sets.push(set);
        offset += width;
      });
      const bottom = Math.max(y, alignFirstBaselines(sets) + padding);
      if (header) fills.push({ kind: 'rect', x: box.left, y, width: box.width, height: bottom - y, color: colorOf(ctx, 'tableHeaderFill') });
      rowNodes.push(structureNode('TR', cellNodes, { element: 'row', line: row.line }));
      placed.rows!.push({ top: y, bottom });
      // The rule under the header is twice as heavy: it separates the column names from the data.
      const weight = header ? ruleWidth * 2 : ruleWidth;
      rule(bottom, weight);
      y = bottom + weight;
    }
    placed.bottom = y;
    const node = structureNode('Table', [artifact('tableFill', fills), ...rowNodes, artifact('tableRule', rules)], { element: 'table', line: element.line, name });
    return { bottom: y, nodes: [node] };
  },
};

export const row: PartModule<'row'> = { name: 'row', kind: 'part', parents: ['table'], content: 'parts', attributes: { header: flag('header', false) } };

export const cell: PartModule<'cell'> = { name: 'cell', kind: 'part', parents: ['row'], content: 'inline', attributes: { align: oneOf('align', ALIGNS, 'start') } };
