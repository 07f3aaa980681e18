import { userRegexTester } from '../engine/index.js';

/**
 * The in-memory shape of a SOPS document's data (everything but the `sops` metadata): an ordered
 * tree. Order matters: the SOPS MAC hashes the values in document order.
 */

/** A leaf value. SOPS encrypts strings, integers, floats and booleans. */
export type SopsScalar = string | number | boolean;

/** Any node: a leaf, null (never encrypted), a list, or an ordered map. */
export type SopsNode = SopsScalar | null | SopsNode[] | SopsBranch;

/** An ordered map from key to node (a `Map` keeps insertion order for every key, numeric ones too). */
export type SopsBranch = Map<string, SopsNode>;

/** Which values SOPS encrypts. At most one of the four rules is set; with none, `_unencrypted` applies. */
export interface EncryptionRules {
  unencryptedSuffix?: string;
  encryptedSuffix?: string;
  unencryptedRegex?: string;
  encryptedRegex?: string;
  /** When true the MAC covers only the values that end up encrypted. */
  macOnlyEncrypted?: boolean;
}

/** The suffix SOPS leaves in clear when a file names no rule. */
export const DEFAULT_UNENCRYPTED_SUFFIX = '_unencrypted';

/** True when the node is a map (branch). */
export function isBranch(node: SopsNode): node is SopsBranch {
  return node instanceof Map;
}

/** True when the node is a leaf SOPS would hand to its cipher. */
export function isScalar(node: SopsNode): node is SopsScalar {
  return typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean';
}

/** Decides, as SOPS does, whether the value at `path` is encrypted: any path component may match a rule. */
export function shouldEncrypt(path: string[], rules: EncryptionRules): boolean {
  let encrypted = true;
  const unencryptedSuffix = rules.unencryptedSuffix ?? (hasRule(rules) ? undefined : DEFAULT_UNENCRYPTED_SUFFIX);
  if (unencryptedSuffix && path.some((part) => part.endsWith(unencryptedSuffix))) encrypted = false;
  if (rules.encryptedSuffix) encrypted = path.some((part) => part.endsWith(rules.encryptedSuffix as string));
  if (rules.unencryptedRegex && path.some(storeRegex(rules.unencryptedRegex))) encrypted = false;
  if (rules.encryptedRegex) encrypted = path.some(storeRegex(rules.encryptedRegex));
  return encrypted;
}

const storeRegexCache = new Map<string, (text: string) => boolean>();

/**
 * A store file's `unencrypted_regex`/`encrypted_regex` (RE2 syntax, as in sops) on re2js: the file
 * may come from anyone who can open a pull request, so its patterns run on a linear-time engine.
 */
export function storeRegex(source: string): (text: string) => boolean {
  let tester = storeRegexCache.get(source);
  if (!tester) {
    tester = userRegexTester(source);
    storeRegexCache.set(source, tester);
  }
  return tester;
}

/** True when the file names one of the four encryption rules explicitly. */
export function hasRule(rules: EncryptionRules): boolean {
  return Boolean(rules.unencryptedSuffix || rules.encryptedSuffix || rules.unencryptedRegex || rules.encryptedRegex);
}

/** The additional authenticated data of a value: its key path joined by `:`, with a trailing `:`. */
export function pathAad(path: string[]): string {
  return `${path.join(':')}:`;
}

/**
 * Visits every leaf in document order and returns a new tree with each leaf replaced by what
 * `visit` returns. List elements share their list's path, as in SOPS. Nulls are kept as they are.
 */
export function mapLeaves(branch: SopsBranch, visit: (leaf: SopsScalar, path: string[]) => SopsScalar): SopsBranch {
  const walk = (node: SopsNode, path: string[]): SopsNode => {
    if (node === null) return null;
    if (Array.isArray(node)) return node.map((item) => walk(item, path));
    if (isBranch(node)) {
      const out: SopsBranch = new Map();
      for (const [key, value] of node) out.set(key, walk(value, [...path, key]));
      return out;
    }
    return visit(node, path);
  };
  return walk(branch, []) as SopsBranch;
}

/** Every leaf with its SOPS path and a display name (`a.b`, list items as `a.list[0]`), in document order. */
export function leaves(branch: SopsBranch): Array<{ name: string; path: string[]; value: SopsScalar }> {
  const found: Array<{ name: string; path: string[]; value: SopsScalar }> = [];
  const walk = (node: SopsNode, path: string[], name: string): void => {
    if (node === null) return;
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, path, `${name}[${i}]`));
    else if (isBranch(node)) for (const [key, value] of node) walk(value, [...path, key], name ? `${name}.${key}` : key);
    else found.push({ name, path, value: node });
  };
  walk(branch, [], '');
  return found;
}
