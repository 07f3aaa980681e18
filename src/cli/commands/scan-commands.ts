import { Option } from 'commander';
import { lazyAction } from './lazy-action.js';
import type { RegisterCommand } from './registration.js';
import { addVerifyOptions } from './verify-options.js';

const formatOption = () => new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text');

const registerScan: RegisterCommand = (program, ctx) => {
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
    .option(
      '--jobs <n>',
      'jobs (threads) for history scans and large working-tree scans (default: one per core; 3 per 5 cores for history)',
    )
    .option('--timings', 'print where the scan spent its time (per phase, top 10 rules) to stderr; JSON reports get stats.timings')
    .addOption(
      new Option(
        '--min-confidence <level>',
        'report only findings at this confidence or above: low (proximity guesses too), medium (keyword and entropy), high (checksum, structure or exact vendor prefix)',
      ).choices(['low', 'medium', 'high']),
    )
    .option(
      '--skip-unreadable',
      'note content that cannot be read (unreadable files, missing or corrupt blobs) instead of failing with exit 2',
    );
  addVerifyOptions(scan, true).action(lazyAction(ctx, async () => (await import('../scan/scan-handler.js')).scanHandler));
};

const registerRules: RegisterCommand = (program, ctx) => {
  const rules = program.command('rules').description('Show the detection rules');
  rules
    .command('list')
    .description('List the rules in effect (built-in plus .unleak.yaml)')
    .option('-f, --format <format>', 'text or json', 'text')
    .option('-c, --config <file>', 'config file')
    .option('--from-yaml', 'read rules/*.yaml even when a compiled copy exists')
    .action(lazyAction(ctx, async () => (await import('../scan/rules-handler.js')).rulesListHandler));
};

const registerBaseline: RegisterCommand = (program, ctx) => {
  const baseline = program.command('baseline').description('Accept the findings of today so that only new ones are reported');
  baseline
    .command('create')
    .description('Scan and record every current finding in a baseline file')
    .argument('[paths...]', 'files or folders (default: the current folder)')
    .option('-o, --output <file>', 'baseline file to write', '.unleak-baseline.json')
    .option('-c, --config <file>', 'config file')
    .option('--no-git', 'list files with a glob walk instead of git')
    .action(lazyAction(ctx, async () => (await import('../scan/baseline-handler.js')).baselineCreateHandler));
  baseline
    .command('migrate')
    .description('Rewrite the entries of an older baseline with keyed fingerprints (.unleak/fingerprint-salt)')
    .argument('[paths...]', 'files or folders (default: the current folder)')
    .option('-b, --baseline <file>', 'baseline file to read', '.unleak-baseline.json')
    .option('-o, --output <file>', 'baseline file to write (default: the one read)')
    .option('-c, --config <file>', 'config file')
    .option('--no-git', 'list files with a glob walk instead of git')
    .action(lazyAction(ctx, async () => (await import('../scan/baseline-handler.js')).baselineMigrateHandler));
};

/** Commands: scan, rules, baseline. */
export const scanCommands: RegisterCommand[] = [registerScan, registerRules, registerBaseline];
