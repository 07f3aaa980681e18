import { describe, expect, it } from 'vitest';
import { stagedScanPathspecs } from '../../src/cli/early-staged.js';
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
