/**
 * Markup text → element tree, with the vocabulary checked: unknown elements, misplaced elements and bad
 * attributes are errors naming the template and the line, not silent omissions.
 */
import { SaxesParser } from 'saxes';
import { BriefingError, type Problem } from '../errors.js';
import { LANG_TAG_PATTERN } from '../data/schema.js';
import { stripBidiControls } from '../text/controls.js';
import { allowedChild, attributeRule, contentOf, type MarkupElement } from './types.js';

export function parseMarkup(markup: string, file: string): MarkupElement {
  const parser = new SaxesParser({ position: true });
  const stack: MarkupElement[] = [];
  const problems: Problem[] = [];
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
    const at = () => tagStart;
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
        const expected = Array.isArray(rule) ? rule.join(' | ') : describeRule(rule as RegExp);
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
      problems.push({ message: `text "${text.trim().slice(0, 30)}" is not allowed directly inside <${parent.name}>`, ...textPosition(text) });
      return;
    }
    parent.children.push(text);
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

/** An attribute's pattern in words, not as a regular expression ("expected /^\d+(\.\d+)?$/" says nothing to a user). */
function describeRule(rule: RegExp): string {
  if (rule === LANG_TAG_PATTERN) return 'a language tag, e.g. ar, en, ar-IQ';
  switch (rule.source) {
    case '^\\d+(\\.\\d+)?$':
      return 'a number of points, e.g. 8 or 1.5';
    case '^[\\w-]+$':
      return 'a name (letters, digits, - and _)';
    case '^[\\w#]+$':
      return 'a colour of the theme or #rrggbb';
    case '^(https?:|mailto:)':
      return 'an http:, https: or mailto: URL';
    default:
      return 'another value';
  }
}
