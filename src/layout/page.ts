/**
 * Page layout: the <page> element's header and body flow from the top margin down, its <footer> is pinned
 * to the bottom margin. Fitting (`fitPage`) lays the page out again at smaller scales until the body fits.
 * The result is the page's structure tree (role Document) and its painted items.
 */
import { BriefingError } from '../errors.js';
import { NO_IMAGES, type ImageStore } from '../images/store.js';
import { inlineEffect } from '../elements/index.js';
import { isElementNamed, type ElementOf, type MarkupElement } from '../markup/types.js';
import { spacing, type Theme } from '../theme/theme.js';
import type { TextEngines } from '../text/paragraph.js';
import { layoutBlocks } from './blocks.js';
import type { LayoutContext, LayoutMemo } from './context.js';
import { paintItemsOf, structureNode } from './structure.js';
import type { PageLayout, PaintItem } from './types.js';

const MM = 72 / 25.4;

/** Page sizes in points (ISO 216 A4, US Letter). */
export const PAGE_SIZES = {
  A4: { width: 595.28, height: 841.89 },
  Letter: { width: 612, height: 792 },
} as const;

export interface PageOptions {
  /** Overrides the <page size> of the template. */
  size?: keyof typeof PAGE_SIZES;
  /** The images the markup names, loaded (src/images/load.ts); none by default. */
  images?: ImageStore;
  /** Kept between passes and renders (the renderer's cache); absent: nothing is kept. */
  memo?: LayoutMemo;
}

/** Lays the page out once at `scale` (1 = the theme's sizes). */
export function layoutPage(root: MarkupElement, theme: Theme, engines: TextEngines, scale: number, options: PageOptions = {}): PageLayout {
  if (root.name !== 'page') throw new Error(`internal: the root is <${root.name}>, not <page>`);
  const page = root as ElementOf<'page'>;
  const size = PAGE_SIZES[options.size ?? page.attributes.size];
  const { lang, dir: direction } = page.attributes;
  const content = {
    left: theme.page.marginInlineMm * MM,
    right: size.width - theme.page.marginInlineMm * MM,
    top: theme.page.marginTopMm * MM,
    bottom: size.height - theme.page.marginBottomMm * MM,
  };
  const box = { left: content.left, width: content.right - content.left };
  const ctx: LayoutContext = {
    theme,
    engines,
    scale,
    direction,
    lang,
    digits: page.attributes.digits,
    images: options.images ?? NO_IMAGES,
    ...(options.memo ? { memo: options.memo } : {}),
    sections: [],
    missing: new Map(),
    blocks: (nodes, blockBox, top) => layoutBlocks(nodes, blockBox, top, ctx),
    inline: (element, base) => inlineEffect(element, base, ctx),
  };

  const footer = page.children.filter((n) => isElementNamed(n, 'footer'));
  const body = page.children.filter((n) => !isElementNamed(n, 'footer'));

  // The footer is laid out at the top first to learn its height, then moved to the bottom margin.
  const footerLaid = layoutBlocks(footer, box, 0, ctx);
  const footerHeight = footerLaid.bottom;
  for (const item of paintItemsOf(structureNode('Div', footerLaid.nodes))) moveDown(item, content.bottom - footerHeight);
  const bodyLimit = content.bottom - footerHeight - (footerHeight > 0 ? spacing(theme, 'section') * scale : 0);

  const bodyLaid = layoutBlocks(body, box, content.top, ctx);
  const tree = structureNode('Document', [...bodyLaid.nodes, ...footerLaid.nodes], { element: 'page', line: page.line, lang });
  return {
    width: size.width,
    height: size.height,
    lang,
    direction,
    title: page.attributes.title,
    subject: page.attributes.subject,
    author: page.attributes.author,
    tree,
    items: paintItemsOf(tree),
    sections: ctx.sections,
    ...(footerHeight > 0 ? { footer: { kind: 'footer', name: 'footer', top: content.bottom - footerHeight, bottom: content.bottom } } : {}),
    bodyLimit,
    overflow: Math.max(0, bodyLaid.bottom - bodyLimit),
    bodySize: theme.styles.body!.size * scale,
    scale,
    missing: [...ctx.missing.values()],
    content,
  };
}

/** Moves a painted item `dy` points down (the footer, laid out at the top, to the bottom margin). */
function moveDown(item: PaintItem, dy: number): void {
  switch (item.kind) {
    case 'text':
    case 'rect':
    case 'link':
    case 'image':
    case 'qr':
      item.y += dy;
      return;
    case 'rule':
      item.y1 += dy;
      item.y2 += dy;
      return;
    default:
      return item satisfies never;
  }
}

/** Scale steps tried when the content overflows: 3 % smaller each time, down to the theme's minimum. */
const SHRINK_STEP = 0.97;

/**
 * One page or a clear refusal: lays the page out at the theme's sizes and, while the body overflows, at
 * smaller ones down to `page.minBodySize`: the largest step of the ladder 1, 0.97, 0.97², … (and the minimum)
 * at which the body fits. Throws an `overflow` error naming the sections that do not fit.
 *
 * The steps are not tried one by one from the top: from the first layout's overflow the step where the body
 * should fit is estimated (its height shrinks at most as the scale squared: lines get shorter and fewer), that
 * step is laid out, then the search walks up while the step above fits too, or down until one fits. A page
 * that shrinks to fit is laid out three times or so instead of once per step (four for the example). The
 * answer is the ladder's largest fitting step whenever fitting is monotone (a page that fits at a size fits at
 * every smaller one, as wrapped text does); in any case it is a step that fits with the one above it not, and
 * the same input always takes the same path.
 */
export function fitPage(root: MarkupElement, theme: Theme, engines: TextEngines, options: PageOptions = {}): PageLayout {
  const minScale = Math.min(1, theme.page.minBodySize / theme.styles.body!.size);
  // The ladder, made as the steps always were (each the last times SHRINK_STEP): the same scales to the bit.
  const ladder = [1];
  while (ladder.at(-1)! > minScale) ladder.push(Math.max(minScale, ladder.at(-1)! * SHRINK_STEP));
  const laid = new Map<number, PageLayout>();
  const at = (step: number): PageLayout => {
    let layout = laid.get(step);
    if (!layout) laid.set(step, (layout = layoutPage(root, theme, engines, ladder[step]!, options)));
    return layout;
  };
  const first = at(0);
  if (first.overflow === 0) return first;
  const last = ladder.length - 1;
  // Far past the page: no step down to the smallest scale can fit it, so go there at once (one layout for the
  // error's figures) instead of laying a text many pages long out again at every step.
  if (beyondRecovery(first, minScale)) return fitted(at(last), theme);
  let step = Math.max(1, estimatedStep(first, ladder));
  if (at(step).overflow === 0) {
    while (step > 1 && at(step - 1).overflow === 0) step--;
    return at(step);
  }
  while (step < last && at(step).overflow > 0) {
    if (beyondRecovery(at(step), minScale)) return fitted(at(last), theme);
    step++;
  }
  return fitted(at(step), theme);
}

/** `layout`, or the overflow error when it does not fit. */
function fitted(layout: PageLayout, theme: Theme): PageLayout {
  if (layout.overflow > 0) throw overflowError(layout, layout.bodySize * theme.styles.body!.lineHeight);
  return layout;
}

/**
 * The first step of `ladder` at which `layout`'s body (laid out at its first step) would fit if its height went
 * with the scale squared, the most it can shrink by (a text's lines get both shorter and fewer); a block of
 * lines that do not wrap shrinks only as the scale, so the estimate errs on the side of too small a step, and
 * the search walks on from there.
 */
function estimatedStep(layout: PageLayout, ladder: readonly number[]): number {
  const room = layout.bodyLimit - layout.content.top;
  const height = layout.bodyLimit + layout.overflow - layout.content.top;
  if (room <= 0) return ladder.length - 1;
  const scale = Math.sqrt(room / height);
  const step = ladder.findIndex((s) => s <= scale);
  return step < 0 ? ladder.length - 1 : step;
}

/**
 * True when even `minScale` cannot bring the body of `layout` onto the page. Scaling every size by r = minScale /
 * scale leaves a paragraph of L lines at least max(1, (L − 1)·r) lines, each r times as high: at least r²/(1 + r)
 * of its height whatever L is (the worst case is L ≈ 1 + 1/r). Spacing scales by r. So the body cannot get
 * shorter than r²/(1 + r) of its height, and it cannot get more room than the whole content box.
 */
function beyondRecovery(layout: PageLayout, minScale: number): boolean {
  const r = minScale / layout.scale;
  const height = layout.bodyLimit + layout.overflow - layout.content.top;
  return height * ((r * r) / (1 + r)) > layout.content.bottom - layout.content.top;
}

/** `lineHeight`: of a body line at the size the layout ended at, to say the overflow in lines too. */
function overflowError(layout: PageLayout, lineHeight: number): BriefingError {
  const mm = (pt: number) => `${(pt / MM).toFixed(1)} mm`;
  const over = layout.sections.filter((s) => s.bottom > layout.bodyLimit);
  const problems = over.map((s) => {
    const past = s.bottom - Math.max(s.top, layout.bodyLimit);
    const size = `${mm(past)} (about ${Math.ceil(past / lineHeight)} lines)`;
    if (s.kind === 'section') return { message: `section "${s.name}" runs ${size} past the page` };
    if (s.kind === 'header') return { message: `the header runs ${size} past the page` };
    // A row is never split, so a table names the rows that do not fit whole.
    const rows = s.rows ?? [];
    const first = rows.findIndex((r) => r.bottom > layout.bodyLimit);
    const which = first < 0 ? '' : first === rows.length - 1 ? `: row ${first + 1} of ${rows.length} does not fit` : `: rows ${first + 1}–${rows.length} of ${rows.length} do not fit`;
    return { message: `table "${s.name}" runs ${size} past the page${which}` };
  });
  // A footer taller than the content box pushes everything off the page, the header first: name it too.
  if (layout.footer && layout.footer.top < layout.content.top) {
    const past = layout.content.top - layout.footer.top;
    problems.push({ message: `the footer runs ${mm(past)} (about ${Math.ceil(past / lineHeight)} lines) past the top of the page` });
  }
  if (problems.length === 0) problems.push({ message: `the content runs ${mm(layout.overflow)} past the page` });
  return new BriefingError('overflow', [{ message: `does not fit one page even at ${layout.bodySize.toFixed(1)} pt body text (${mm(layout.overflow)} too long)` }, ...problems], {
    hint: 'shorten the sections named above, or lower page.minBodySize in the theme',
  });
}
