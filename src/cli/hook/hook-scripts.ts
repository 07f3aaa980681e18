/** The line that marks a file or line as written by `unleak hook install`. */
export const HOOK_MARKER = 'unleak pre-commit guard';

/** The scan a hook runs: the index, quiet when clean. */
export const HOOK_SCAN_ARGS = 'scan --staged --quiet';

/** Name the existing hook is moved to when the unleak hook chains it. */
export const CHAINED_SUFFIX = '.unleak-previous';

/** Quotes a string for POSIX sh. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `.git/hooks/pre-commit` script: runs `command` when given; otherwise the project's own
 * `node_modules/.bin/unleak`, an `unleak` on the PATH, or the CLI that installed the hook. Any
 * non-zero exit (1 findings, 2 error) stops the commit. A hook that was there before runs after.
 */
export function gitHookScript(options: { command?: string; fallback?: { node: string; cli: string } }): string {
  const run = (cmd: string) => `  ${cmd} ${HOOK_SCAN_ARGS} || exit $?`;
  const body = options.command
    ? [run(options.command).trimStart()]
    : [
        'if [ -x ./node_modules/.bin/unleak ]; then',
        run('./node_modules/.bin/unleak'),
        'elif command -v unleak >/dev/null 2>&1; then',
        run('unleak'),
        ...(options.fallback
          ? [
              `elif [ -f ${shellQuote(options.fallback.cli)} ]; then`,
              run(`${shellQuote(options.fallback.node)} ${shellQuote(options.fallback.cli)}`),
            ]
          : []),
        'else',
        "  echo 'unleak: cannot find unleak (npm install --save-dev unleak), so the commit is stopped' >&2",
        '  exit 2',
        'fi',
      ];
  return [
    '#!/bin/sh',
    `# ${HOOK_MARKER}: stops commits that add secrets (unleak scan --staged).`,
    '# Installed by `unleak hook install --git`; removed by `unleak hook uninstall --git`.',
    ...body,
    `previous="$(dirname "$0")/pre-commit${CHAINED_SUFFIX}"`,
    'if [ -x "$previous" ]; then exec "$previous" "$@"; fi',
    '',
  ].join('\n');
}

/** The line added to `.husky/pre-commit` (husky puts node_modules/.bin on the PATH). */
export function huskyLine(command = 'unleak'): string {
  return `${command} ${HOOK_SCAN_ARGS} # ${HOOK_MARKER}`;
}
