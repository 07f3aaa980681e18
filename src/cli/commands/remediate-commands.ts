import type { FixCliOptions } from '../fix/fix-handler.js';
import { lazyAction } from './lazy-action.js';
import type { RegisterCommand } from './registration.js';

/**
 * Commands: fix, purge. Option definitions only: each action loads its handler on
 * demand, so a scan never loads remediation code.
 */

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const registerFix: RegisterCommand = (program, ctx) => {
  program
    .command('fix')
    .description('move leaked secrets into the encrypted store and replace them with references (prints the plan first)')
    .option('--report <file>', 'fix the findings of a JSON report (unleak scan --format json) instead of a fresh scan')
    .option('--rule <id>', 'only findings of this rule (repeatable, or comma-separated)', collect)
    .option('--path <pattern>', 'only findings in paths matching this gitignore-style pattern (repeatable)', collect)
    .option('--fingerprint <fp>', 'only the finding with this fingerprint (repeatable)', collect)
    .option('--name <FINGERPRINT=NAME>', 'store the value of this finding under NAME (repeatable)', collect)
    .option('-e, --env <name>', 'environment: the store is .unleak/secrets.<env>.sops.json (default: $UNLEAK_ENV or "default")')
    .option('-c, --config <file>', 'config file (default: .unleak.yaml at the repository root)')
    .option('-b, --baseline <file>', 'leave the findings of this baseline alone (default: .unleak-baseline.json at the repository root)')
    .option('--no-git', 'list files with a glob walk instead of git')
    .option('--dry-run', 'print the plan and change nothing')
    .option('-y, --yes', 'apply without asking (required when stdin is not a terminal)')
    .action(lazyAction<FixCliOptions>(ctx, async () => (await import('../fix/fix-handler.js')).fixHandler));
};

const registerPurge: RegisterCommand = (program, ctx) => {
  program
    .command('purge')
    .description("remove leaked values from the whole git history with git filter-repo (rewrites every commit's id)")
    .option(
      '--report <file>',
      'purge the values of a JSON report instead of what scan --history finds plus the store entries marked leaked',
    )
    .option('--secret <name>', 'only this store entry (repeatable)', collect)
    .option('-e, --env <name>', 'environment whose store entries are purged (default: $UNLEAK_ENV or "default")')
    .option('--backup <file>', 'where to write the backup bundle (default: <git dir>/unleak-backup-<time>.bundle)')
    .option('--dry-run', 'list the commits and refs that would change, and change nothing')
    .option('-y, --yes', 'rewrite the history (required)')
    .action(lazyAction(ctx, async () => (await import('../fix/purge-handler.js')).purgeHandler));
};

/** Commands: fix, purge. */
export const remediateCommands: RegisterCommand[] = [registerFix, registerPurge];
