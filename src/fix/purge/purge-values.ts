import { openStore, type StoreAccess } from '../../store/index.js';
import { UnleakError } from '../../errors.js';
import { gitRun } from '../../sources/index.js';
import { readReport } from '../fix-input.js';
import type { PurgeValue } from './replace-expressions.js';

/**
 * The values a purge removes: the store's entries marked leaked (optionally only some names), or
 * the findings of a JSON report, each value re-read where the report says it is (in the working
 * tree, or for a history finding in its commit) and used only when its sha256 matches.
 */

/** The store entries marked `leaked`, or the named ones (which must exist). */
export async function leakedStoreValues(access: StoreAccess, only: string[] = []): Promise<PurgeValue[]> {
  const store = await openStore(access);
  const entries = store.list();
  for (const name of only) {
    if (!entries.some((entry) => entry.name === name))
      throw new UnleakError('UNLEAK_SECRET_NOT_FOUND', `no secret named ${name} in ${store.file}`, {
        hint: 'List the names with `unleak secrets list`.',
      });
  }
  const chosen = only.length ? entries.filter((entry) => only.includes(entry.name)) : entries.filter((entry) => entry.meta?.leaked);
  return chosen.map((entry) => ({ name: entry.name, value: store.get(entry.name), stored: true }));
}

/** The verified values of a report's findings (named by rule envName or rule id), and notes on the others. */
export async function reportValues(
  file: string,
  cwd: string,
  root: string,
  env?: NodeJS.ProcessEnv,
): Promise<{ values: PurgeValue[]; notes: string[] }> {
  const readText = async (path: string, commit?: string): Promise<string | undefined> => {
    if (!commit) return undefined;
    const shown = await gitRun(['cat-file', 'blob', `${commit}:${path}`], { cwd: root, env });
    return shown.code === 0 ? shown.stdout : undefined;
  };
  const input = await readReport(file, cwd, root, { readText });
  const values = new Map<string, PurgeValue>();
  for (const finding of input.findings)
    if (!values.has(finding.secret)) values.set(finding.secret, { name: finding.envName ?? finding.ruleId, value: finding.secret });
  return { values: [...values.values()], notes: input.notes };
}
