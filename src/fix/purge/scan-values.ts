import { runScan } from '../../scan/index.js';
import { purgeForms, type PurgeValue } from './replace-expressions.js';

/**
 * The values `unleak scan --history` finds in every commit of every ref (same rules, config,
 * allowlist and baseline as the scan), and how they combine with the store's leaked values.
 */

/** The history scan's values, each named by its rule's `envName` (or rule id), and notes on values left out. */
export async function historyScanValues(root: string, env: NodeJS.ProcessEnv): Promise<{ values: PurgeValue[]; notes: string[] }> {
  const result = await runScan({ kind: 'history', quiet: true }, { cwd: root, env });
  const envNames = new Map(result.rules.map((rule) => [rule.id, rule.envName]));
  const literal = new Map<string, PurgeValue>();
  const encodedOnly = new Map<string, string>();
  for (const finding of result.findings) {
    const name = envNames.get(finding.ruleId) ?? finding.ruleId;
    const covered = !finding.decodedFrom || (finding.decodedFrom === 'json-escape' && /[\r\n]/.test(finding.secret));
    if (!covered) encodedOnly.set(finding.secret, `${name} in ${finding.path}${finding.commit ? ` @ ${finding.commit.slice(0, 12)}` : ''}`);
    else if (!literal.has(finding.secret)) literal.set(finding.secret, { name, value: finding.secret });
  }
  const notes = [...encodedOnly]
    .filter(([secret]) => !literal.has(secret))
    .map(
      ([, where]) =>
        `${where} is encoded (base64, percent- or JSON-escaped): purge replaces literal text only; remove that file from history by hand`,
    );
  return { values: [...literal.values()], notes };
}

/**
 * The store's values and the scan's, each value once (a store entry keeps its name; a value that
 * is a written form of one already kept, such as a key file without its final newline, is
 * dropped); names made unique.
 */
export function mergeValues(stored: PurgeValue[], scanned: PurgeValue[]): PurgeValue[] {
  const covered = new Set<string>();
  const kept: PurgeValue[] = [];
  for (const value of [...stored, ...scanned]) {
    if (covered.has(value.value)) continue;
    kept.push(value);
    for (const form of purgeForms(value.value)) covered.add(form);
  }
  const taken = new Set<string>();
  const merged: PurgeValue[] = [];
  for (const value of kept) {
    let name = value.name;
    for (let n = 2; taken.has(name); n += 1) name = `${value.name}_${n}`;
    taken.add(name);
    merged.push({ ...value, name });
  }
  return merged;
}
