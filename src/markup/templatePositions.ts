/**
 * Template lines for markup errors. Handlebars gives no source map, and its blocks (`{{#if}}`, `{{#each}}`)
 * change which line of the generated markup an element lands on. So before the template runs, every start tag
 * written in it gets one more attribute holding its own line and column in the template; the parser takes the
 * element's position from it (and drops it). Data cannot add tags (it is always escaped), so every element of the
 * markup comes from a tag of the template and carries its position.
 */

/** The attribute that carries a tag's `line:column` in the template. Reserved: no element may declare it. */
export const TEMPLATE_POSITION_ATTRIBUTE = 'template-at';

// Handlebars comments and mustaches are skipped: a `<` in a helper's argument is not a tag.
const TAG_OR_MUSTACHE = /(\{\{!--[\s\S]*?--\}\}|\{\{[\s\S]*?\}\})|<([a-zA-Z][\w-]*)(?=[\s/>])/g;

/** The template source with each start tag marked with its position (same lines, so Handlebars' own errors keep theirs). */
export function markTemplatePositions(source: string): string {
  const lineStarts = [0];
  for (let k = 0; k < source.length; k++) if (source[k] === '\n') lineStarts.push(k + 1);
  let line = 0;
  return source.replace(TAG_OR_MUSTACHE, (match, mustache: string | undefined, name: string, offset: number) => {
    if (mustache !== undefined) return match;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    return `<${name} ${TEMPLATE_POSITION_ATTRIBUTE}="${line + 1}:${offset - lineStarts[line]! + 1}"`;
  });
}

/** The `line:column` a marked tag carries, or undefined. */
export function templatePosition(value: string | undefined): { line: number; column: number } | undefined {
  const m = value === undefined ? null : /^(\d+):(\d+)$/.exec(value);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}
