import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { onPath, requireTools } from './external-tools.js';

const bin = mkdtempSync(join(tmpdir(), 'unleak-bin-'));
writeFileSync(join(bin, 'age'), '#!/bin/sh\n');
chmodSync(join(bin, 'age'), 0o755);
writeFileSync(join(bin, 'rg'), 'not executable');
afterAll(() => rmSync(bin, { recursive: true, force: true }));

describe('requireTools (tests that need an external program)', () => {
  it('finds executables on PATH only', () => {
    expect(onPath('age', bin)).toBe(true);
    expect(onPath('rg', bin)).toBe(false);
    expect(onPath('pre-commit', bin)).toBe(false);
  });

  it('skips with a visible message naming the file, the programs and the packages outside CI', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(requireTools('test/x.test.ts', ['age'], { PATH: bin })).toBe(true);
      expect(warn).not.toHaveBeenCalled();
      expect(requireTools('test/x.test.ts', ['age', 'ssh-keygen', 'git-filter-repo'], { PATH: bin })).toBe(false);
      expect(warn).toHaveBeenCalledWith(
        'SKIPPED test/x.test.ts: ssh-keygen, git-filter-repo not installed (apt-get install openssh-client git-filter-repo)',
      );
    } finally {
      warn.mockRestore();
    }
  });

  it('fails under CI=true, where every test must run', () => {
    expect(() => requireTools('test/x.test.ts', ['pre-commit'], { PATH: bin, CI: 'true' })).toThrow(
      'test/x.test.ts: pre-commit not installed (apt-get install pre-commit); CI must run these tests',
    );
  });
});
