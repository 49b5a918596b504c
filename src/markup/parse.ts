/**
 * Markup text → element tree, with the vocabulary checked: unknown elements, misplaced elements and bad
 * attributes are errors naming the template and the line, not silent omissions.
 */
import { SaxesParser } from 'saxes';
import { BriefingError, type Problem } from '../errors.js';
import { stripBidiControls } from '../text/controls.js';
import { allowedChild, attributeRule, contentOf, type MarkupElement } from './types.js';

export function parseMarkup(markup: string, file: string): MarkupElement {
  const parser = new SaxesParser({ position: true });
  const stack: MarkupElement[] = [];
  const problems: Problem[] = [];
  let root: MarkupElement | undefined;
  const at = () => ({ line: parser.line, column: parser.column });

  parser.on('error', (error) => {
    throw new BriefingError('markup', [{ message: `malformed markup: ${error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`, ...at() }], {
      file,
      hint: 'the template produced markup that is not well-formed XML; check its tags near this line',
    });
  });
  parser.on('opentag', (tag) => {
    const element: MarkupElement = { name: tag.name, attributes: {}, children: [], ...at() };
    const parent = stack[stack.length - 1];
    if (!contentOf(tag.name)) {
      problems.push({ message: `unknown element <${tag.name}>`, ...at() });
    } else if (parent && contentOf(parent.name) && !allowedChild(contentOf(parent.name)!, tag.name)) {
      problems.push({ message: `<${tag.name}> is not allowed inside <${parent.name}>`, ...at() });
    } else if (!parent && tag.name !== 'page') {
      problems.push({ message: `the markup must start with <page>, not <${tag.name}>`, ...at() });
    }
    for (const [name, raw] of Object.entries(tag.attributes as Record<string, string>)) {
      // Data reaches attributes wrapped as bidi isolates; an attribute is a value (a URL, a label, metadata),
      // not a run of text, so the bidi controls are dropped.
      const value = stripBidiControls(raw);
      const rule = attributeRule(tag.name, name);
      if (rule === undefined) {
        if (contentOf(tag.name)) problems.push({ message: `<${tag.name}> has no attribute "${name}"`, ...at() });
      } else if (rule !== 'text' && !(Array.isArray(rule) ? rule.includes(value) : (rule as RegExp).test(value))) {
        const expected = Array.isArray(rule) ? rule.join(' | ') : String(rule);
        problems.push({ message: `<${tag.name} ${name}="${value}">: expected ${expected}`, ...at() });
      }
      element.attributes[name] = value;
    }
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    const content = contentOf(parent.name);
    if (content && content !== 'inline' && text.trim() !== '') {
      problems.push({ message: `text "${text.trim().slice(0, 30)}" is not allowed directly inside <${parent.name}>`, ...at() });
      return;
    }
    parent.children.push(text);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(markup).close();
  if (!root) problems.push({ message: 'the template produced no <page>', line: 1, column: 1 });
  if (problems.length) throw new BriefingError('markup', problems, { file });
  return root!;
}
