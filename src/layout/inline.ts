/**
 * Inline markup (text and the inline elements: <b>, <i>, <span>, <link>, <br/>) → the text engine's styled runs,
 * with white space collapsed the way HTML does it: any run of spaces, tabs and newlines is one space, none at
 * the paragraph's edges; <br/> is a forced line break. What each inline element does is its module's rule
 * (`ctx.inline`).
 */
import { isElement, type MarkupNode } from '../markup/types.js';
import type { InlineRun, TextStyle } from '../text/types.js';
import type { LayoutContext } from './context.js';

/** How <br/> travels through collapsing (U+2028 LINE SEPARATOR), so a newline in the markup stays a space. */
export const LINE_BREAK = '\u2028';

export function collectInline(nodes: readonly MarkupNode[], base: TextStyle, ctx: Pick<LayoutContext, 'inline'>): InlineRun[] {
  const raw: InlineRun[] = [];
  const walk = (children: readonly MarkupNode[], style: TextStyle) => {
    for (const node of children) {
      if (!isElement(node)) {
        raw.push({ text: node, style });
        continue;
      }
      const effect = ctx.inline(node, style);
      if ('text' in effect) raw.push({ text: effect.text, style });
      else walk(node.children, effect.style);
    }
  };
  walk(nodes, base);
  return collapseWhiteSpace(raw);
}
/**
 * A text that white-space collapsing changes within itself: one with a tab or line break, or two spaces in a row.
 * Most texts have neither, and are kept as they are without a new string (a warm render collapses some 180
 * paragraphs' runs: every paragraph at each fitting pass).
 */
const NEEDS_COLLAPSING = /[\t\r\n]| {2}/;

/** HTML white-space collapsing across run boundaries; a run of exactly U+2028 (a <br/>) becomes "\n" and eats the spaces around it. */
export function collapseWhiteSpace(runs: readonly InlineRun[]): InlineRun[] {
  const out: InlineRun[] = [];
  let previous = '\n'; // start of paragraph behaves like after a break: no leading space
  for (const run of runs) {
    // Within a run, white space is collapsed to single spaces already; only its first may follow another
    // (or a break) and go. A <br/> run is the break alone.
    let text = run.text === LINE_BREAK ? '\n' : NEEDS_COLLAPSING.test(run.text) ? run.text.replace(/[ \t\r\n]+/g, ' ') : run.text;
    if (text.startsWith(' ') && (previous === ' ' || previous === '\n')) text = text.slice(1);
    if (text) {
      previous = text[text.length - 1]!;
      out.push({ text, style: run.style });
    }
  }
  // Drop a trailing space (and spaces before a break at the end of an earlier run).
  for (let i = out.length - 1; i >= 0; i--) {
    const run = out[i]!;
    const trimmed = run.text.replace(/ +$/, '');
    if (trimmed) {
      out[i] = { ...run, text: trimmed };
      break;
    }
    out.splice(i, 1);
  }
  for (let i = 0; i + 1 < out.length; i++) {
    if (out[i + 1]!.text.startsWith('\n') && out[i]!.text.endsWith(' ')) out[i] = { ...out[i]!, text: out[i]!.text.slice(0, -1) };
  }
  return out.filter((run) => run.text !== '');
}
