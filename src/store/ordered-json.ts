import type { SopsBranch, SopsNode } from './sops-tree.js';

/**
 * JSON that keeps key order. `JSON.parse` moves integer-like keys to the front of an object, which
 * would change the order the SOPS MAC is computed in; this parser returns objects as `Map`s.
 */

// JSON forbids raw control characters inside strings; the class below excludes them.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERAL = /(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/y;

/** Raised with the offset of the first syntax error. */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
}

/** Parses JSON text; objects become ordered `Map`s, everything else is as `JSON.parse` gives it. */
export function parseOrderedJson(text: string): SopsNode {
  let at = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at offset ${at}`);
  };
  const skip = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at += 1;
  };
  const expect = (char: string): void => {
    skip();
    if (text.charAt(at) !== char) fail(`expected ${JSON.stringify(char)}`);
    at += 1;
  };
  const string = (): string => {
    skip();
    STRING.lastIndex = at;
    const match = STRING.exec(text);
    if (!match) return fail('expected a string');
    at += match[0].length;
    return JSON.parse(match[0]) as string;
  };
  const value = (): SopsNode => {
    skip();
    const char = text.charAt(at);
    if (char === '{') {
      at += 1;
      const map: SopsBranch = new Map();
      skip();
      if (text.charAt(at) === '}') {
        at += 1;
        return map;
      }
      for (;;) {
        const key = string();
        if (map.has(key)) fail(`duplicate key ${JSON.stringify(key)}`);
        expect(':');
        map.set(key, value());
        skip();
        if (text.charAt(at) === ',') at += 1;
        else break;
      }
      expect('}');
      return map;
    }
    if (char === '[') {
      at += 1;
      const list: SopsNode[] = [];
      skip();
      if (text.charAt(at) === ']') {
        at += 1;
        return list;
      }
      for (;;) {
        list.push(value());
        skip();
        if (text.charAt(at) === ',') at += 1;
        else break;
      }
      expect(']');
      return list;
    }
    if (char === '"') return string();
    LITERAL.lastIndex = at;
    const literal = LITERAL.exec(text);
    if (!literal) return fail('unexpected character');
    at += literal[0].length;
    return JSON.parse(literal[0]) as SopsNode;
  };
  const result = value();
  skip();
  if (at !== text.length) fail('unexpected text after the document');
  return result;
}

/** Writes a tree as JSON with tab indentation (as sops does) and a final newline. */
export function stringifyOrderedJson(node: SopsNode | Record<string, unknown>): string {
  return `${render(node, '')}\n`;
}

function render(node: unknown, indent: string): string {
  const inner = `${indent}\t`;
  if (node instanceof Map) {
    if (node.size === 0) return '{}';
    const items = [...node].map(([key, value]) => `${inner}${JSON.stringify(key)}: ${render(value, inner)}`);
    return `{\n${items.join(',\n')}\n${indent}}`;
  }
  if (Array.isArray(node)) {
    if (node.length === 0) return '[]';
    return `[\n${node.map((item) => `${inner}${render(item, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (node !== null && typeof node === 'object') return render(new Map(Object.entries(node)), indent);
  return JSON.stringify(node ?? null);
}
