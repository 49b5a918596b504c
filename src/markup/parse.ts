/**
 * Markup text → typed element tree, with the vocabulary checked: unknown elements, misplaced elements, bad
 * attribute values, and styles, colours or spacing the theme lacks are errors naming the template and the line
 * (the template's own line when the pipeline marked the tags, see templatePositions.ts), not silent omissions or
 * defaults. Every problem of the markup is reported at once.
 */
import { SaxesParser } from 'saxes';
import { allowedChild, moduleNamed } from '../elements/index.js';
import type { ElementModule } from '../elements/element.js';
import { BriefingError, type Problem } from '../errors.js';
import type { Theme } from '../theme/theme.js';
import { hasBidiControl, stripBidiControls } from '../text/controls.js';
import type { AttributeSpec } from './attributes.js';
import { TEMPLATE_POSITION_ATTRIBUTE, templatePosition } from './templatePositions.js';
import type { ElementName, MarkupElement, MarkupNode } from './types.js';

/** The attribute's name in the markup: the property `headerStyle` is written `header-style`. */
function markupName(property: string): string {
  return property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

interface Open {
  element: MarkupElement;
  module: ElementModule<ElementName> | undefined;
}

export function parseMarkup(markup: string, file: string, theme: Theme): MarkupElement {
  const parser = new SaxesParser({ position: true });
  const stack: Open[] = [];
  const problems: Problem[] = [];
  const themeChecked = new Set<string>();
  let root: MarkupElement | undefined;
  const at = () => ({ line: parser.line, column: Math.max(1, parser.column) });
  // saxes reports events where they end; text starts where the previous event ended, and a start tag where
  // its name began (`opentagstart` fires just after the name).
  let textStart = { line: 1, column: 1 };
  let tagStart = textStart;
  const ended = () => {
    textStart = { line: parser.line, column: parser.column + 1 };
  };
  /** Position of the first non-blank character of a text that began at `textStart`. */
  const textPosition = (text: string) => {
    const lead = text.slice(0, text.search(/\S/));
    const newlines = lead.split('\n').length - 1;
    return newlines === 0
      ? { line: textStart.line, column: textStart.column + lead.length }
      : { line: textStart.line + newlines, column: lead.length - lead.lastIndexOf('\n') };
  };

  parser.on('error', (error) => {
    throw new BriefingError('markup', [{ message: `malformed markup: ${error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`, ...at() }], {
      file,
      hint: 'the template produced markup that is not well-formed XML; check its tags near this line',
    });
  });
  parser.on('opentagstart', (tag) => {
    tagStart = { line: parser.line, column: Math.max(1, parser.column - tag.name.length) };
  });
  parser.on('opentag', (tag) => {
    ended();
    const { [TEMPLATE_POSITION_ATTRIBUTE]: position, ...raw } = tag.attributes as Record<string, string>;
    // The tag's place in the template when the pipeline marked it (templatePositions.ts), else in the markup.
    const where = templatePosition(position) ?? tagStart;
    const module = moduleNamed(tag.name);
    const parent = stack[stack.length - 1];
    const element = { name: tag.name, attributes: {}, children: [], ...where } as unknown as MarkupElement;
    if (!module) {
      problems.push({ message: `unknown element <${tag.name}>`, ...where });
    } else {
      if (!parent && module.kind !== 'root') problems.push({ message: `the markup must start with <page>, not <${tag.name}>`, ...where });
      else if (parent && module.kind === 'root') problems.push({ message: `<page> must be the outermost element`, ...where });
      else if (parent?.module && !allowedChild(parent.module, module)) problems.push({ message: `<${tag.name}> is not allowed inside <${parent.element.name}>`, ...where });
      element.attributes = parseAttributes(module, raw, theme, (message) => problems.push({ message: `<${tag.name}> ${message}`, ...where })) as never;
      if (!themeChecked.has(tag.name)) {
        themeChecked.add(tag.name);
        for (const message of missingThemeNames(module, theme)) problems.push({ message: `<${tag.name}> ${message}`, ...where });
      }
    }
    if (parent) parent.element.children.push(element);
    else root ??= element;
    stack.push({ element, module });
  });
  parser.on('text', (text) => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    if (parent.module && parent.module.content !== 'inline' && text.trim() !== '') {
      problems.push({ message: `text "${text.trim().slice(0, 30)}" is not allowed directly inside <${parent.element.name}>`, ...textPosition(text) });
      return;
    }
    parent.element.children.push(text as MarkupNode);
  });
  parser.on('closetag', () => {
    ended();
    stack.pop();
  });
  parser.on('comment', ended);
  parser.on('processinginstruction', ended);
  parser.write(markup).close();
  if (!root) problems.push({ message: 'the template produced no <page>', line: 1, column: 1 });
  if (problems.length) throw new BriefingError('markup', problems, { file });
  return root!;
}

/**
 * The element's attributes parsed by its module's parsers; `report` gets each problem (an attribute the element
 * does not have, a bad value, a missing required one).
 */
function parseAttributes(module: ElementModule<ElementName>, raw: Record<string, string>, theme: Theme, report: (message: string) => void): Record<string, unknown> {
  const specs = module.attributes as Record<string, AttributeSpec<unknown>>;
  const byMarkupName = new Map(Object.keys(specs).map((property) => [markupName(property), property]));
  for (const name of Object.keys(raw)) {
    if (!byMarkupName.has(name)) {
      const known = [...byMarkupName.keys()];
      report(`has no attribute "${name}"${known.length ? ` (it has: ${known.join(', ')})` : ' (it takes none)'}`);
    }
  }
  const parsed: Record<string, unknown> = {};
  for (const [name, property] of byMarkupName) {
    const value = raw[name];
    // Data reaches attributes wrapped as bidi isolates; an attribute is a value (a URL, a label, a path), not a
    // run of text, so the controls are dropped, and their presence says a data field is in it.
    const result = specs[property]!.parse(value === undefined ? undefined : stripBidiControls(value), { theme }, value !== undefined && hasBidiControl(value));
    if ('error' in result) report(result.error);
    else parsed[property] = result.value;
  }
  return parsed;
}

/** The theme names an element's layout needs that the theme does not have. */
function missingThemeNames(module: ElementModule<ElementName>, theme: Theme): string[] {
  const messages: string[] = [];
  const check = (kind: string, names: readonly string[] | undefined, table: Record<string, unknown>) => {
    for (const name of names ?? []) {
      if (!Object.hasOwn(table, name)) messages.push(`needs the ${kind} "${name}", which the theme does not have (known: ${Object.keys(table).join(', ') || 'none'})`);
    }
  };
  check('colour', module.needs?.colors, theme.colors);
  check('style', module.needs?.styles, theme.styles);
  check('spacing', module.needs?.spacing, theme.spacing);
  return messages;
}
