import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import type { RegisterCommand } from './registration.js';

/**
 * Commands: keys, store, secrets, run, render, audit. Option definitions only: each action loads
 * its handler from ../store/ on demand, so scanning (the pre-commit hook) never loads crypto code.
 */

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** --env and --store, shared by every command that opens a store. */
function storeOptions(command: Command): Command {
  return command
    .option('-e, --env <name>', 'environment; the store is .unleak/secrets.<env>.sops.json (default: $UNLEAK_ENV or "default")')
    .option('--store <file>', 'use this SOPS file instead (JSON is read and written; YAML and dotenv are read only)');
}

const registerKeys: RegisterCommand = (program, ctx) => {
  const keys = program.command('keys').description('Your age identity (private key) and recipient (public key)');
  keys
    .command('generate')
    .description('Create an age identity (mode 0600) in your config dir and print its recipient')
    .option('--out <path>', 'write the identity here instead (default: $UNLEAK_AGE_KEY_FILE or <config>/unleak/age/keys.txt)')
    .action(lazyAction(ctx, async () => (await import('../store/keys-handler.js')).keysGenerateHandler));
  keys
    .command('show')
    .description('Print the recipient of every identity unleak finds (UNLEAK_AGE_KEY_FILE, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY, default paths)')
    .action(lazyAction(ctx, async () => (await import('../store/keys-handler.js')).keysShowHandler));
};

const registerStore: RegisterCommand = (program, ctx) => {
  const store = program.command('store').description('Create the encrypted store and manage who can read it');
  storeOptions(store.command('init'))
    .description('Create an empty store encrypted to the given recipients (default: your own identity)')
    .option('-r, --recipient <age1…>', 'an age recipient who can decrypt the store (repeatable)', collect)
    .action(lazyAction(ctx, async () => (await import('../store/store-init-handler.js')).storeInitHandler));
  const recipients = store.command('recipients').description('List, add or remove the age recipients of a store');
  storeOptions(recipients.command('list'))
    .description('Print the recipients')
    .action(lazyAction(ctx, async () => (await import('../store/recipients-handler.js')).recipientsListHandler));
  storeOptions(recipients.command('add'))
    .description('Encrypt the data key to more recipients (values are not re-encrypted)')
    .argument('<recipient...>', 'age1… recipients')
    .action(lazyAction(ctx, async () => (await import('../store/recipients-handler.js')).recipientsAddHandler));
  storeOptions(recipients.command('remove'))
    .description('Remove recipients: a new data key is made and every value re-encrypted; rotate the values afterwards')
    .argument('<recipient...>', 'age1… recipients')
    .action(lazyAction(ctx, async () => (await import('../store/recipients-handler.js')).recipientsRemoveHandler));
};

const registerSecrets: RegisterCommand = (program, ctx) => {
  const secrets = program.command('secrets').description('Read and change the secrets in a store');
  const load = () => import('../store/secrets-handler.js');
  storeOptions(secrets.command('set'))
    .description('Add or change a secret; the value is read from stdin, or prompted for without echo')
    .argument('<name>', 'secret name, e.g. DATABASE_URL')
    .option('--value <value>', 'the value on the command line (visible in shell history and ps; prefer stdin)')
    .option('--provider <id>', 'rotation provider id')
    .option('--fingerprint <fp>', 'fingerprint of the finding the value came from')
    .option('--leaked', 'mark the value as leaked (it still needs rotating)')
    .action(lazyAction(ctx, async () => (await load()).secretsSetHandler));
  storeOptions(secrets.command('get'))
    .description('Print a value to stdout')
    .argument('<name>')
    .action(lazyAction(ctx, async () => (await load()).secretsGetHandler));
  storeOptions(secrets.command('list'))
    .description('List names and metadata (never values)')
    .option('--json', 'print JSON')
    .action(lazyAction(ctx, async () => (await load()).secretsListHandler));
  storeOptions(secrets.command('rm'))
    .description('Remove a secret')
    .argument('<name>')
    .action(lazyAction(ctx, async () => (await load()).secretsRemoveHandler));
  storeOptions(secrets.command('import'))
    .description('Move the values of a plaintext .env file into the store, then offer to delete it and to ignore it in git')
    .argument('<file>', 'a dotenv file')
    .option('--overwrite', 'replace secrets that already exist (default: skip them)')
    .option('--delete', 'delete the file after importing (no prompt)')
    .option('--gitignore', 'add the file to .gitignore (no prompt)')
    .action(lazyAction(ctx, async () => (await import('../store/secrets-import-handler.js')).secretsImportHandler));
  storeOptions(secrets.command('export'))
    .description('Print every secret in plaintext to stdout')
    .requiredOption('--format <format>', 'dotenv or json')
    .action(lazyAction(ctx, async () => (await load()).secretsExportHandler));
};

const registerRun: RegisterCommand = (program, ctx) => {
  storeOptions(program.command('run'))
    .description('Run a command with the secrets as environment variables (nothing is written to disk)')
    .argument('<command...>', 'the command and its arguments, after --')
    .option(
      '--file <NAME[=TARGET]>',
      'write secret NAME to a 0600 file for the life of the command, removed afterwards (repeatable). ' +
        'NAME or NAME=VAR: a private temp file whose path is put in $VAR (default NAME_FILE). ' +
        'NAME=PATH (contains / or .): that path, relative to the current directory; refuses to overwrite',
      collect,
    )
    .showHelpAfterError('(put the command after --, e.g. unleak run --env dev -- node server.js)')
    .action(lazyAction(ctx, async () => (await import('../store/run-handler.js')).runHandler));
};

const registerRender: RegisterCommand = (program, ctx) => {
  storeOptions(program.command('render'))
    .description('Replace ${NAME} references in a template with secrets ($${NAME} stays literal)')
    .argument('<template>', 'template file')
    .option('--out <file>', 'write to this file (mode 0600) instead of stdout')
    .action(lazyAction(ctx, async () => (await import('../store/render-handler.js')).renderHandler));
};

const registerAudit: RegisterCommand = (program, ctx) => {
  const audit = program.command('audit').description('The audit trail of store changes (.unleak/audit.jsonl)');
  audit
    .command('verify')
    .description('Check the hash chain; exit 1 when an entry was edited, reordered or removed')
    .action(lazyAction(ctx, async () => (await import('../store/audit-handler.js')).auditVerifyHandler));
  audit
    .command('log')
    .description('Print the audit trail')
    .option('--json', 'print the raw entries as JSON lines')
    .action(lazyAction(ctx, async () => (await import('../store/audit-handler.js')).auditLogHandler));
};

/** Commands: keys, store, secrets, run, render, audit. */
export const storeCommands: RegisterCommand[] = [registerKeys, registerStore, registerSecrets, registerRun, registerRender, registerAudit];
