import { Option, type Command } from 'commander';
import type { RegisterCommand } from './index.js';
import type { CommandContext } from '../context.js';
import type { ScanCliOptions } from '../scan/scan-handler.js';
import { addVerifyOptions, registerVerify } from '../verify/verify-commands.js';

const formatOption = () => new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text');

function registerScan(program: Command, ctx: CommandContext): void {
  const scan = program
    .command('scan')
    .description('Scan files, staged changes, a commit range or the whole history for secrets (exit 0 clean, 1 found, 2 error)')
    .argument('[paths...]', 'files or folders (default: the current folder)')
    .option('--staged', 'scan what will be committed (the index), for pre-commit hooks')
    .option('--full-files', 'with --staged: scan whole staged files, not only added lines')
    .option('--range <base..head>', 'scan every commit in a range, e.g. origin/main..HEAD')
    .option('--history', 'scan every commit of every ref (a full audit)')
    .option('--ref <ref...>', 'with --history: only these refs')
    .option('--stdin', 'scan standard input')
    .option('--stdin-path <path>', 'with --stdin: the path to report', '<stdin>')
    .addOption(formatOption())
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'config file (default: .unleak.yaml in the scanned folder)')
    .option('-b, --baseline <file>', 'report only findings not recorded in this baseline')
    .option('--no-git', 'list files with a glob walk instead of git')
    .option('--max-file-size <size>', 'skip files larger than this (default 10MB)')
    .option('--reveal', 'print raw secrets in the report (careful: never in CI logs)')
    .option('--no-color', 'no colours in the text report')
    .option('-q, --quiet', 'print nothing when clean; no progress')
    .option('--jobs <n>', 'worker threads for history scans and large working-tree scans (default: one per core)')
    .option('--timings', 'print where the scan spent its time (per phase, top 10 rules) to stderr; JSON reports get stats.timings')
    .addOption(new Option('--min-confidence <level>', 'report only findings at this confidence or above: low (proximity guesses too), medium (keyword and entropy), high (checksum, structure or exact vendor prefix)').choices(['low', 'medium', 'high']))
    .option('--skip-unreadable', 'note content that cannot be read (unreadable files, missing or corrupt blobs) instead of failing with exit 2');
  addVerifyOptions(scan, true)
    .action(async (paths: string[], options: ScanCliOptions) => {
      const { scanHandler } = await import('../scan/scan-handler.js');
      ctx.setExitCode(await scanHandler(paths, options, ctx.io));
    });
}

function registerRules(program: Command, ctx: CommandContext): void {
  const rules = program.command('rules').description('Show the detection rules');
  rules
    .command('list')
    .description('List the rules in effect (built-in plus .unleak.yaml)')
    .option('-f, --format <format>', 'text or json', 'text')
    .option('-c, --config <file>', 'config file')
    .option('--from-yaml', 'read rules/*.yaml even when a compiled copy exists')
    .action(async (options: { format: string; config?: string; fromYaml?: boolean }) => {
      const { rulesListHandler } = await import('../scan/rules-handler.js');
      ctx.setExitCode(await rulesListHandler(options, ctx.io));
    });
}

function registerBaseline(program: Command, ctx: CommandContext): void {
  const baseline = program.command('baseline').description('Accept the findings of today so that only new ones are reported');
  baseline
    .command('create')
    .description('Scan and record every current finding in a baseline file')
    .argument('[paths...]', 'files or folders (default: the current folder)')
    .option('-o, --output <file>', 'baseline file to write', '.unleak-baseline.json')
    .option('-c, --config <file>', 'config file')
    .option('--no-git', 'list files with a glob walk instead of git')
    .action(async (paths: string[], options: { output: string; config?: string; git: boolean }) => {
      const { baselineCreateHandler } = await import('../scan/baseline-handler.js');
      ctx.setExitCode(await baselineCreateHandler(paths, options, ctx.io));
    });
  baseline
    .command('migrate')
    .description('Rewrite the entries of an older baseline with keyed fingerprints (.unleak/fingerprint-salt)')
    .argument('[paths...]', 'files or folders (default: the current folder)')
    .option('-b, --baseline <file>', 'baseline file to read', '.unleak-baseline.json')
    .option('-o, --output <file>', 'baseline file to write (default: the one read)')
    .option('-c, --config <file>', 'config file')
    .option('--no-git', 'list files with a glob walk instead of git')
    .action(async (paths: string[], options: { baseline: string; output?: string; config?: string; git: boolean }) => {
      const { baselineMigrateHandler } = await import('../scan/baseline-handler.js');
      ctx.setExitCode(await baselineMigrateHandler(paths, options, ctx.io));
    });
}

/** Commands: scan, rules, baseline, verify. */
export const scanCommands: RegisterCommand[] = [registerScan, registerRules, registerBaseline, registerVerify];
