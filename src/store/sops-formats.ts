import { extname } from 'node:path';
import { isAlias, isMap, isScalar as isYamlScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import { parseOrderedJson, stringifyOrderedJson } from './ordered-json.js';
import { metadataToObject, parseMetadata, type SopsMetadata } from './sops-metadata.js';
import { isBranch, type SopsBranch, type SopsNode } from './sops-tree.js';

/**
 * The three SOPS file flavours unleak reads (JSON, YAML, dotenv) and the one it writes (JSON).
 * Parsing yields the still-encrypted data tree, in document order, and the `sops` metadata.
 */

/** A SOPS file flavour. */
export type SopsFormat = 'json' | 'yaml' | 'dotenv';

/** A parsed, still encrypted, SOPS file. */
export interface SopsFile {
  format: SopsFormat;
  data: SopsBranch;
  metadata: SopsMetadata;
}

/** The flavour sops would pick for a path: by extension, JSON when unknown. */
export function formatOfPath(path: string): SopsFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.env') return 'dotenv';
  return 'json';
}

/** Parses a SOPS file. Throws an Error whose message names the problem but quotes no content. */
export function parseSopsFile(text: string, format: SopsFormat): SopsFile {
  if (format === 'dotenv') return parseSopsDotenv(text);
  const root = format === 'json' ? parseOrderedJson(text) : parseYaml(text);
  if (!(root instanceof Map)) throw new Error('the document is not a map');
  const raw = root.get('sops');
  if (raw === undefined) throw new Error('no sops metadata (not a SOPS file)');
  const data: SopsBranch = new Map([...root].filter(([key]) => key !== 'sops'));
  return { format, data, metadata: parseMetadata(toPlain(raw)) };
}

/** Writes a SOPS file in the JSON flavour: data keys in order, then `sops`. */
export function emitSopsJson(data: SopsBranch, metadata: SopsMetadata): string {
  const root = new Map<string, unknown>(data);
  root.set('sops', metadataToObject(metadata));
  return stringifyOrderedJson(root as SopsBranch);
}

function parseYaml(text: string): SopsNode {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) throw new Error('empty YAML document');
  if (docs.length !== 1) throw new Error('multi-document YAML files are not supported');
  const doc = docs[0] as Document;
  if (doc.errors.length > 0) throw new Error(`YAML syntax error at line ${doc.errors[0]?.linePos?.[0]?.line ?? '?'}`);
  const convert = (node: unknown): SopsNode => {
    if (isAlias(node)) return convert(node.resolve(doc));
    if (isMap(node)) {
      const map: SopsBranch = new Map();
      for (const pair of node.items) map.set(String(isYamlScalar(pair.key) ? pair.key.value : pair.key), convert(pair.value));
      return map;
    }
    if (isSeq(node)) return node.items.map(convert);
    if (isYamlScalar(node)) {
      const value = node.value;
      if (value === null || value === undefined) return null;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
      if (typeof value === 'bigint') return Number(value);
      return String(value);
    }
    return null;
  };
  return convert(doc.contents);
}

/**
 * SOPS's own dotenv flavour, not the plaintext dotenv syntax (src/store/dotenv-syntax.ts): as sops
 * writes it (stores/dotenv in getsops/sops), every line is KEY=VALUE split at the first `=`, no
 * quotes, a backslash-n for a newline, metadata flattened into `sops_*` keys.
 */
function parseSopsDotenv(text: string): SopsFile {
  const data: SopsBranch = new Map();
  const flat: Record<string, string> = {};
  for (const [index, line] of text.split('\n').entries()) {
    if (line.length === 0 || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq === -1) throw new Error(`line ${index + 1} is not KEY=VALUE`);
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).replaceAll('\\n', '\n');
    if (key.startsWith('sops_')) flat[key.slice(5)] = value;
    else data.set(key, value);
  }
  if (Object.keys(flat).length === 0) throw new Error('no sops metadata (not a SOPS file)');
  return { format: 'dotenv', data, metadata: parseMetadata(unflatten(flat)) };
}

/** Rebuilds the metadata object sops flattens into `sops_a__list_0__map_b` keys. */
function unflatten(flat: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(flat)) {
    const [head = '', ...rest] = key.split('__');
    const value: unknown = head === 'mac_only_encrypted' ? text === 'true' : head === 'shamir_threshold' ? Number(text) : text;
    if (rest.length === 0) {
      root[head] = value;
      continue;
    }
    let container: Record<string | number, unknown> = (root[head] ??= rest[0]?.startsWith('list_') ? [] : {}) as Record<string, unknown>;
    rest.forEach((token, i) => {
      const slot = token.startsWith('list_') ? Number(token.slice(5)) : token.replace(/^map_/, '');
      if (i === rest.length - 1) container[slot] = value;
      else container = (container[slot] ??= rest[i + 1]?.startsWith('list_') ? [] : {}) as Record<string, unknown>;
    });
  }
  return root;
}

function toPlain(node: SopsNode): unknown {
  if (Array.isArray(node)) return node.map(toPlain);
  if (node !== null && isBranch(node)) return Object.fromEntries([...node].map(([key, value]) => [key, toPlain(value)]));
  return node;
}
