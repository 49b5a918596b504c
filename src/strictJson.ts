/**
 * Strict JSON (RFC 8259) syntax checking with a position and our own words: `JSON.parse` says where it
 * stopped only sometimes, and quotes the text it could not read ("Unexpected token 'r', "root:x:0:0" is not
 * valid JSON") — an error message must never show the content of a file the user did not name. The check is
 * iterative (no recursion, so no stack overflow on deep nesting) and linear.
 */

export interface JsonSyntaxError {
  /** UTF-16 offset where the text stops being JSON. */
  offset: number;
  message: string;
  line: number;
  column: number;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/** The first syntax error of `text` as JSON, or undefined when it is valid JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const failure = scan(text);
  if (!failure) return undefined;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < failure.offset; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { ...failure, line, column: failure.offset - lineStart + 1 };
}

/** `JSON.parse` that throws a `SyntaxError` whose message is `jsonSyntaxError`'s words and `line:column`. */
export function parseStrictJson(text: string): unknown {
  const error = jsonSyntaxError(text);
  if (error) throw new SyntaxError(`${error.message} at line ${error.line}, column ${error.column}`);
  return JSON.parse(text);
}

function describeAt(text: string, i: number): string {
  if (i >= text.length) return 'the end of the file';
  const code = text.codePointAt(i)!;
  if (code < 0x20 || code === 0x7f) return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  return 'an unexpected character';
}

function scan(text: string): { offset: number; message: string } | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
  };
  const fail = (expected: string) => ({ offset: i, message: `not valid JSON: expected ${expected}, found ${describeAt(text, i)}` });
  /** Open containers: '[' or '{'. */
  const stack: string[] = [];

  const string = (): { offset: number; message: string } | undefined => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) return { offset: i, message: 'not valid JSON: a string is not closed' };
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return { offset: i, message: `not valid JSON: ${describeAt(text, i)} inside a string (write it as an escape)` };
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: 'not valid JSON: \\u must be followed by 4 hex digits' };
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return { offset: i, message: 'not valid JSON: unknown escape in a string' };
      } else i++;
    }
  };

  /** `"name":`, leaving `i` at the value. */
  const fieldName = (): { offset: number; message: string } | undefined => {
    if (text[i] !== '"') return fail('a field name in double quotes');
    const keyError = string();
    if (keyError) return keyError;
    skip();
    if (text[i] !== ':') return fail("':' after the field name");
    i++;
    return undefined;
  };

  const value = (): { offset: number; message: string } | undefined => {
    skip();
    const c = text[i];
    if (c === '"') return string();
    if (c === '[' || c === '{') return undefined; // opened by the caller's loop
    for (const pattern of [NUMBER, LITERAL]) {
      pattern.lastIndex = i;
      const match = pattern.exec(text);
      if (match && match[0].length > 0) {
        i += match[0].length;
        return undefined;
      }
    }
    return fail('a value (string, number, object, array, true, false or null)');
  };

  // Each step reads one value (opening containers onto the stack) and then what may follow it.
  let expectValue = true;
  for (;;) {
    if (expectValue) {
      const error = value();
      if (error) return error;
      const c = text[i];
      if (c === '[' || c === '{') {
        stack.push(c);
        i++;
        skip();
        if (c === '[' && text[i] === ']') {
          stack.pop();
          i++;
        } else if (c === '{' && text[i] === '}') {
          stack.pop();
          i++;
        } else if (c === '{') {
          const keyError = fieldName();
          if (keyError) return keyError;
          continue; // the field's value
        } else continue; // the array's first item
      }
      expectValue = false;
    }
    skip();
    const top = stack.at(-1);
    if (top === undefined) return i < text.length ? fail('the end of the file after the value') : undefined;
    const close = top === '[' ? ']' : '}';
    if (text[i] === close) {
      stack.pop();
      i++;
      continue;
    }
    if (text[i] !== ',') return fail(`',' or '${close}'`);
    const comma = i++;
    skip();
    if (text[i] === close) return { offset: comma, message: `not valid JSON: a comma before '${close}' (JSON has no trailing commas)` };
    if (top === '{') {
      const keyError = fieldName();
      if (keyError) return keyError;
    }
    expectValue = true;
  }
}
