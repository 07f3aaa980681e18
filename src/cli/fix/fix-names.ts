import { UnleakError } from '../../errors.js';
import type { FixFinding, FixPlan } from '../../fix/index.js';
import type { CliIo } from '../io.js';
import type { Prompter } from './prompts.js';

/** Entry names chosen by the user: `--name FINGERPRINT=NAME`, or answers on a terminal. */

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

/** Parses `--name FINGERPRINT=NAME` options; a fingerprint no selected finding has is a warning. */
export function parseNameOptions(options: string[], findings: FixFinding[], io: CliIo): Map<string, string> {
  const names = new Map<string, string>();
  const known = new Set(findings.map((f) => f.fingerprint));
  for (const option of options) {
    const eq = option.lastIndexOf('=');
    const fingerprint = option.slice(0, eq);
    const name = option.slice(eq + 1);
    if (eq <= 0 || !NAME.test(name)) {
      throw new UnleakError('UNLEAK_USAGE', `invalid --name ${JSON.stringify(option)}`, {
        hint: 'Use --name FINGERPRINT=NAME, with NAME made of letters, digits and _ (the fingerprints are in `unleak scan --format json`).',
      });
    }
    if (!known.has(fingerprint)) io.stderr(`unleak: warning: --name ${option}: no finding to fix has this fingerprint\n`);
    names.set(fingerprint, name);
  }
  return names;
}

/** Asks for the name of each entry that got its name from a rule (Enter keeps the suggestion). */
export async function askNames(plan: FixPlan, names: Map<string, string>, prompter: Prompter, io: CliIo): Promise<Map<string, string>> {
  const chosen = new Map(names);
  const asking = plan.entries.filter((entry) => entry.namedBy === 'rule' && entry.fingerprints.length > 0);
  if (asking.length) io.stderr('Name the store entries (Enter keeps the suggestion):\n');
  for (const entry of asking) {
    const what = entry.kind === 'file' ? `file ${entry.filePath}` : `${entry.redacted} (${entry.ruleIds.join(', ')}, ${entry.source})`;
    for (;;) {
      const answer = await prompter.ask(`  ${what} [${entry.name}]: `);
      if (answer === undefined || answer === '' || answer === entry.name) break;
      if (NAME.test(answer)) {
        chosen.set(entry.fingerprints[0] as string, answer);
        break;
      }
      io.stderr('  letters, digits and _ only, not starting with a digit\n');
    }
  }
  return chosen;
}
