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
