/** The data file as the PDF carries it: named and typed JSON when the whole text is JSON, else YAML. */
import { describe, expect, it } from 'vitest';
import { sourceFileOf } from '../../src/pdf/sourceFile.js';

const typeOf = (text: string | Uint8Array) => sourceFileOf(typeof text === 'string' ? Buffer.from(text) : text, '0123abcd').mimeType;

describe('sourceFileOf', () => {
  it.each([
    ['a JSON map', '{"lang": "en"}', 'application/json'],
    ['JSON after white space and a byte order mark', '\uFEFF \r\n\t{"lang": "en"}\n', 'application/json'],
    ['a JSON value of another kind', '[1, 2]', 'application/json'],
    ['JSON true (starts as a YAML field name may)', 'true', 'application/json'],
    ['YAML starting with a comment', '# briefing\nlang: en\n', 'application/yaml'],
    ['YAML starting with a field', 'lang: en\ntitle: A\n', 'application/yaml'],
    ['YAML whose field starts as a JSON word does', 'title: A\nlang: en\n', 'application/yaml'],
    ['YAML in flow style, which JSON refuses', '{lang: en}', 'application/yaml'],
    ['an empty file', '', 'application/yaml'],
  ])('types %s', (_, text, type) => {
    expect(typeOf(text)).toBe(type);
  });

  it('names the file after the fingerprint with the extension of its type', () => {
    expect(sourceFileOf(Buffer.from('{}'), '0123abcd').name).toBe('briefing-0123abcd.json');
    expect(sourceFileOf(Buffer.from('lang: en\n'), '0123abcd').name).toBe('briefing-0123abcd.yaml');
  });
});
