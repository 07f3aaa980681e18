import type { Command } from 'commander';

/** The verification options `scan` and `verify` share; `withVerifyFlag` adds `--verify` itself (scan only). */
export function addVerifyOptions(command: Command, withVerifyFlag: boolean): Command {
  if (withVerifyFlag)
    command.option('--verify', 'check each finding with its provider (read-only identity call): live, revoked or unknown');
  return command
    .option('--verify-private', 'with verification: allow database checks against loopback and private addresses')
    .option('--only-verified', 'report only findings verified live (implies --verify)')
    .option('--results <statuses>', 'report only these verification results, e.g. live,unknown (implies --verify)')
    .option('--verify-timeout <seconds>', 'time limit of the whole verification (default 60)');
}
