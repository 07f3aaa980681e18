import { Option, type Command } from 'commander';
import type { CommandContext } from '../context.js';
import type { VerifyCliOptions } from './verify-handler.js';

/** The verification options `scan` and `verify` share. */
export function addVerifyOptions(command: Command, withVerifyFlag: boolean): Command {
  if (withVerifyFlag) command.option('--verify', 'check each finding with its provider (read-only identity call): live, revoked or unknown');
  return command
    .option('--verify-private', 'with verification: allow database checks against loopback and private addresses')
    .option('--only-verified', 'report only findings verified live (implies --verify)')
    .option('--results <statuses>', 'report only these verification results, e.g. live,unknown (implies --verify)')
    .option('--verify-timeout <seconds>', 'time limit of the whole verification (default 60)');
}

/** `unleak verify [paths…] [--report r.json]`. */
export function registerVerify(program: Command, ctx: CommandContext): void {
  const command = program
    .command('verify')
    .description('Check whether found secrets are still live: rescan paths, or re-verify a JSON report written with --reveal (exit 0 none left, 1 found, 2 error)')
    .argument('[paths...]', 'files or folders to scan and verify (default: the current folder)')
    .option('--report <file>', 'verify the findings of an earlier `scan --format json --reveal` report instead of scanning')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'config file (default: .unleak.yaml in the scanned folder)')
    .option('--no-git', 'list files with a glob walk instead of git')
    .option('--reveal', 'print raw secrets in the report (careful: never in CI logs)')
    .option('--no-color', 'no colours in the text report')
    .option('-q, --quiet', 'print nothing when clean; no progress');
  addVerifyOptions(command, false).action(async (paths: string[], options: VerifyCliOptions) => {
    const { verifyHandler } = await import('./verify-handler.js');
    ctx.setExitCode(await verifyHandler(paths, options, ctx.io));
  });
}
