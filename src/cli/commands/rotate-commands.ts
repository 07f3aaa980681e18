import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import type { RegisterCommand } from './registration.js';

/**
 * Commands: rotate, status. Option definitions only: the handlers (and the providers with their
 * database clients) load on demand, so a scan never loads them.
 */

/** --env, --store and --config, shared by rotate and status. */
function storeAndConfig(command: Command): Command {
  return command
    .option('-e, --env <name>', 'environment; the store is .unleak/secrets.<env>.sops.json (default: $UNLEAK_ENV or "default")')
    .option('--store <file>', 'use this SOPS file instead')
    .option('-c, --config <file>', 'config file (default: .unleak.yaml at the repository root)');
}

const registerRotate: RegisterCommand = (program, ctx) => {
  storeAndConfig(program.command('rotate'))
    .description('replace secrets at their source and revoke the old ones: create, store, test, revoke (any failure rolls back)')
    .argument('[names...]', 'store entries to rotate, e.g. DATABASE_URL')
    .option('--all-leaked', 'every entry marked as leaked (by unleak fix)')
    .option('--due', 'every entry older than its maxAge (.unleak.yaml)')
    .option('--dry-run', 'print what each rotation would do, change nothing')
    .option('--grace <duration>', 'keep the old credential alive this long where the system allows two (e.g. 1h; overrides rotation.grace)')
    .option('--finish', 'finish rotations that kept a previous value (grace period over, or an interrupted rotation)')
    .option('--now', 'with --finish: do not wait for grace periods to end')
    .option(
      '--no-verify',
      'do not check with the provider that the old credential is refused and the new one live (recorded in the audit trail)',
    )
    .action(lazyAction(ctx, async () => (await import('../rotate/rotate-handler.js')).rotateHandler));
};

const registerStatus: RegisterCommand = (program, ctx) => {
  storeAndConfig(program.command('status'))
    .description('every store entry with its provider, age, last rotation, whether it is due and whether it leaked')
    .option('--json', 'print JSON')
    .option('--check', 'exit 1 when an entry is leaked, due, or has a rotation to finish (for CI)')
    .action(lazyAction(ctx, async () => (await import('../rotate/status-handler.js')).statusHandler));
};

/** Commands: rotate, status. */
export const rotateCommands: RegisterCommand[] = [registerRotate, registerStatus];
