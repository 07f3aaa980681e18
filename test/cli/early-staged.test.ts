import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandRegistry } from '../../src/cli/commands/index.js';
import { fastScan, stagedScanPathspecs } from '../../src/cli/early-staged.js';
import type { CliIo } from '../../src/cli/io.js';
import { HOOK_SCAN_ARGS } from '../../src/cli/hook/hook-scripts.js';

describe('a staged scan recognised before the CLI loads (its git starts first)', () => {
  it('recognises the hooks unleak installs, with their pathspecs', () => {
    expect(stagedScanPathspecs(HOOK_SCAN_ARGS.split(' '))).toEqual([]);
    expect(stagedScanPathspecs(['scan', '--staged', '--quiet'])).toEqual([]);
    expect(stagedScanPathspecs(['scan', '--staged', 'src', 'lib/a.js'])).toEqual(['src', 'lib/a.js']);
  });

  it('steps over option values, given apart or after =', () => {
    expect(stagedScanPathspecs(['scan', '--staged', '--format', 'json', '-b', 'base.json', 'src'])).toEqual(['src']);
    expect(stagedScanPathspecs(['scan', '--format=sarif', '--staged', '--min-confidence=high', '-o', 'out.sarif'])).toEqual([]);
    expect(stagedScanPathspecs(['scan', '--staged', '-c', '.unleak.yaml', '--jobs', '2', 'docs'])).toEqual(['docs']);
  });

  it('says nothing for other commands and modes, help, unknown or unfinished options', () => {
    for (const argv of [
      [],
      ['scan'],
      ['scan', '.'],
      ['scan', '--history'],
      ['hook', 'install', '--staged'],
      ['scan', '--staged', '--help'],
      ['scan', '--staged', '-h'],
      ['scan', '--staged', '--ref', 'main', 'dev'],
      ['scan', '--staged', '--', '-odd-name'],
      ['scan', '--staged', '--format'],
      ['scan', '--staged', '-fjson'],
      ['scan', '--staged', '--jobsX'],
      ['scan', '--staged', '--no-such-flag'],
      ['scan', '--staged', '--staged-ish=1'],
    ])
      expect(stagedScanPathspecs(argv), argv.join(' ')).toBeUndefined();
  });
});

/** What commander gives the scan handler for `argv`: the registry's own `scan` command, its action swapped for a recorder. */
async function commanderParse(argv: string[]): Promise<{ paths: string[]; options: unknown }> {
  const program = new Command('unleak').exitOverride();
  const ctx = { io: {} as CliIo, setExitCode: () => undefined };
  for (const register of commandRegistry) register(program, ctx);
  let parsed: { paths: string[]; options: unknown } | undefined;
  program.commands
    .find((command) => command.name() === 'scan')
    ?.action((paths: string[], options: unknown) => {
      parsed = { paths, options };
    });
  await program.parseAsync(argv, { from: 'user' });
  if (!parsed) throw new Error(`commander did not run scan for ${argv.join(' ')}`);
  return parsed;
}

describe('the fast path of staged and history scans (no commander) parses as commander does', () => {
  it('gives the scan handler what commander gives it, for each form it takes', async () => {
    for (const argv of [
      HOOK_SCAN_ARGS.split(' '),
      ['scan', '--staged'],
      ['scan', '--staged', '-q', '--no-color'],
      ['scan', '--full-files', '--staged', '--skip-unreadable', 'src', 'docs/a.md'],
      ['scan', '--staged', '--quiet', '--quiet'],
      ['scan', '--staged', '--format', 'json', '--timings'],
      ['scan', '--history'],
      ['scan', '--history', '--quiet'],
      ['scan', '--history', '--format', 'json', '--quiet', '--timings'],
      ['scan', '--format=sarif', '--history', '..'],
      ['scan', '-f', 'text', '--history', '--skip-unreadable', '--no-color', 'repo'],
      ['scan', '--history', '-f', 'json', '--format', 'sarif'],
    ]) {
      const fast = fastScan(argv);
      expect(fast, argv.join(' ')).toBeDefined();
      expect({ paths: fast?.paths, options: { ...fast?.options } }, argv.join(' ')).toEqual(await commanderParse(argv));
    }
  });

  it('leaves every other form to commander', () => {
    for (const argv of [
      ['scan', '--staged', '--format', 'xml'],
      ['scan', '--staged', '--format=yaml'],
      ['scan', '--history', '--format'],
      ['scan', '--history', '-fjson'],
      ['scan', '--history', '--staged'],
      ['scan', '--history', '--ref', 'main'],
      ['scan', '--history', '--range', 'a..b'],
      ['scan', '--history', '--jobs', '2'],
      ['scan', '--range', 'a..b'],
      ['scan', '--staged', '-b', 'baseline.json'],
      ['scan', '--staged', '--help'],
      ['scan', '--staged', '--verify'],
      ['scan', '--staged', '--', 'x'],
      ['scan', '--quiet'],
      ['scan', '--staged', 'toString'],
    ]) {
      const fast = fastScan(argv);
      if (argv.at(-1) === 'toString') expect(fast?.paths).toEqual(['toString']);
      else expect(fast, argv.join(' ')).toBeUndefined();
    }
  });
});
