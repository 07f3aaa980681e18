import { Option } from 'commander';
import { lazyAction } from './lazy-action.js';
import type { RegisterCommand } from './registration.js';
import { addVerifyOptions } from './verify-options.js';

/** `unleak verify [paths…] [--report r.json]`. */
const registerVerify: RegisterCommand = (program, ctx) => {
  const command = program
    .command('verify')
    .description(
      'Check whether found secrets are still live: rescan paths, or re-verify a JSON report written with --reveal (exit 0 none left, 1 found, 2 error)',
    )
    .argument('[paths...]', 'files or folders to scan and verify (default: the current folder)')
    .option('--report <file>', 'verify the findings of an earlier `scan --format json --reveal` report instead of scanning')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'config file (default: .unleak.yaml in the scanned folder)')
    .option('--no-git', 'list files with a glob walk instead of git')
    .option('--reveal', 'print raw secrets in the report (careful: never in CI logs)')
    .option('--no-color', 'no colours in the text report')
    .option('-q, --quiet', 'print nothing when clean; no progress');
  addVerifyOptions(command, false).action(lazyAction(ctx, async () => (await import('../verify/verify-handler.js')).verifyHandler));
};

/** Commands: verify. */
export const verifyCommands: RegisterCommand[] = [registerVerify];
