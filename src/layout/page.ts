/**
 * Page layout: the <page> element's header and body flow from the top margin down, its <footer> is pinned
 * to the bottom margin. Fitting (`fitPage`) lays the page out again at smaller scales until the body fits.
 */
import { BriefingError } from '../errors.js';
import { isElement, type MarkupElement } from '../markup/types.js';
import { spacing, type Theme } from '../theme/theme.js';
import type { TextEngines } from '../text/paragraph.js';
import type { Direction } from '../text/types.js';
import { layoutBlocks, type LayoutContext } from './blocks.js';
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
}

/** Lays the page out once at `scale` (1 = the theme's sizes). */
export function layoutPage(root: MarkupElement, theme: Theme, engines: TextEngines, scale: number, options: PageOptions = {}): PageLayout {
  const size = PAGE_SIZES[options.size ?? (root.attributes.size as keyof typeof PAGE_SIZES | undefined) ?? 'A4'];
  const lang = root.attributes.lang ?? 'en';
  const direction: Direction = root.attributes.dir === 'rtl' ? 'rtl' : 'ltr';
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
    digits: root.attributes.digits === 'arab' ? 'arab' : 'latn',
    items: [],
    sections: [],
    missing: new Map(),
  };

  const footer = root.children.filter(isElement).filter((n) => n.name === 'footer');
  const body = root.children.filter((n) => !isElement(n) || n.name !== 'footer');

  // The footer is laid out at the top first to learn its height, then moved to the bottom margin.
  const bodyItems = ctx.items;
  ctx.items = [];
  const footerHeight = layoutBlocks(footer.flatMap((f) => f.children), box, 0, ctx);
  const footerItems = ctx.items.map((item) => shift(item, content.bottom - footerHeight));
  ctx.items = bodyItems;
  const bodyLimit = content.bottom - footerHeight - (footerHeight > 0 ? spacing(theme, 'section') * scale : 0);

  const bodyBottom = layoutBlocks(body, box, content.top, ctx);
  ctx.items.push(...footerItems);
  return {
    width: size.width,
    height: size.height,
    lang,
    direction,
    title: root.attributes.title,
    subject: root.attributes.subject,
    author: root.attributes.author,
    items: ctx.items,
    sections: ctx.sections,
    ...(footerHeight > 0 ? { footer: { name: 'footer', top: content.bottom - footerHeight, bottom: content.bottom } } : {}),
    bodyLimit,
    overflow: Math.max(0, bodyBottom - bodyLimit),
    bodySize: theme.styles.body!.size * scale,
    scale,
    missing: [...ctx.missing.values()],
    content,
  };
}

function shift(item: PaintItem, dy: number): PaintItem {
  switch (item.kind) {
    case 'text':
    case 'rect':
    case 'link':
      return { ...item, y: item.y + dy };
    case 'rule':
      return { ...item, y1: item.y1 + dy, y2: item.y2 + dy };
  }
}

/** Scale steps tried when the content overflows: 3 % smaller each time, down to the theme's minimum. */
const SHRINK_STEP = 0.97;

/**
 * One page or a clear refusal: lays the page out at the theme's sizes and, while the body overflows, at
 * smaller ones down to `page.minBodySize`. Throws an `overflow` error naming the sections that do not fit.
 */
export function fitPage(root: MarkupElement, theme: Theme, engines: TextEngines, options: PageOptions = {}): PageLayout {
  const minScale = Math.min(1, theme.page.minBodySize / theme.styles.body!.size);
  let scale = 1;
  let layout = layoutPage(root, theme, engines, scale, options);
  while (layout.overflow > 0 && scale > minScale) {
    // Far past the page: no step down to the smallest scale can fit it, so go there at once (one layout for the
    // error's figures) instead of laying a text many pages long out again at every step.
    scale = beyondRecovery(layout, minScale) ? minScale : Math.max(minScale, scale * SHRINK_STEP);
    layout = layoutPage(root, theme, engines, scale, options);
  }
  if (layout.overflow > 0) throw overflowError(layout, layout.bodySize * theme.styles.body!.lineHeight);
  return layout;
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
  const problems = over.map((s) => ({
    message: `section "${s.name}" runs ${mm(s.bottom - Math.max(s.top, layout.bodyLimit))} (about ${Math.ceil((s.bottom - Math.max(s.top, layout.bodyLimit)) / lineHeight)} lines) past the page`,
  }));
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
