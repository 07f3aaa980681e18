import type { ScanCliOptions } from './scan/scan-handler.js';

/**
 * Recognises a pre-commit hook's `unleak scan --staged` from the raw arguments, before the CLI's
 * code loads, so its git processes can start first (src/cli.ts). Only the forms whose pathspecs
 * are certain without commander qualify: every argument after `scan` a known flag, a known
 * option with its value, or a pathspec. Anything else (help, another mode, an unknown or
 * variadic option) gets no early start, and the scan starts git itself as before.
 */

/** Flags of `unleak scan` that take no value and leave a staged scan a staged scan. */
const FLAGS = new Set([
  '--staged',
  '--full-files',
  '--quiet',
  '-q',
  '--no-color',
  '--no-git',
  '--reveal',
  '--timings',
  '--skip-unreadable',
  '--verify',
  '--verify-private',
  '--only-verified',
]);

/** Options of `unleak scan` that take one value (as the next argument, or after `=`). */
const WITH_VALUE = new Set([
  '-f',
  '--format',
  '-o',
  '--output',
  '-c',
  '--config',
  '-b',
  '--baseline',
  '--max-file-size',
  '--jobs',
  '--min-confidence',
  '--results',
  '--verify-timeout',
]);

/** The pathspecs of a staged scan given by `argv` (without node and script), or undefined when `argv` is not one for certain. */
export function stagedScanPathspecs(argv: readonly string[]): string[] | undefined {
  if (argv[0] !== 'scan' || !argv.includes('--staged')) return undefined;
  const pathspecs: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('-')) pathspecs.push(arg);
    else if (FLAGS.has(arg)) continue;
    else if (WITH_VALUE.has(arg)) {
      if (i + 1 >= argv.length) return undefined;
      i += 1;
    } else {
      const equals = arg.indexOf('=');
      if (!(arg.startsWith('--') && equals > 2 && WITH_VALUE.has(arg.slice(0, equals)))) return undefined;
    }
  }
  return pathspecs;
}

/** What each flag of the fast path sets (commander sets the same: a flag's option true, `--no-color` color false). */
const FAST_FLAGS: Record<string, (options: ScanCliOptions) => void> = {
  '--staged': (options) => (options.staged = true),
  '--history': (options) => (options.history = true),
  '--quiet': (options) => (options.quiet = true),
  '-q': (options) => (options.quiet = true),
  '--full-files': (options) => (options.fullFiles = true),
  '--no-color': (options) => (options.color = false),
  '--skip-unreadable': (options) => (options.skipUnreadable = true),
  '--timings': (options) => (options.timings = true),
};

/** The report formats `--format` takes (commander's choices for it); any other value is commander's to refuse. */
const FORMATS: ReadonlySet<string> = new Set(['text', 'json', 'sarif']);

/**
 * The operands and options commander would give the scan handler for the common forms of a
 * staged or history scan (a hook's `scan --staged --quiet`, an audit's `scan --history`, a CI
 * job's `scan --history --format json`: the flags of FAST_FLAGS, `--format` or `-f` with one of
 * FORMATS, operands), or undefined for anything else. Such a scan skips loading commander and
 * registering every command (~15 ms); a test holds the two parsers equal on each form.
 */
export function fastScan(argv: readonly string[]): { paths: string[]; options: ScanCliOptions } | undefined {
  if (argv[0] !== 'scan' || argv.includes('--staged') === argv.includes('--history')) return undefined;
  const options: ScanCliOptions = { stdinPath: '<stdin>', format: 'text', git: true, color: true };
  const paths: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] as string;
    const set = Object.hasOwn(FAST_FLAGS, arg) ? FAST_FLAGS[arg] : undefined;
    const format = arg === '--format' || arg === '-f' ? argv[++i] : arg.startsWith('--format=') ? arg.slice('--format='.length) : undefined;
    if (set) set(options);
    else if (format !== undefined && FORMATS.has(format)) options.format = format as ScanCliOptions['format'];
    else if (arg.startsWith('-')) return undefined;
    else paths.push(arg);
  }
  return { paths, options };
}
