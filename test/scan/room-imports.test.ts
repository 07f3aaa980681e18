import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The rooms' import rules (eslint.config.js) hold for `import` and for lazy `await import()`:
 * the Action and the CLI are siblings over src/scan, src/scan reaches neither, and both enter
 * src/scan through its door.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

const CASES: { file: string; source: string; allowed: boolean }[] = [
  { file: 'src/action/probe.ts', source: '../cli/io.js', allowed: false },
  { file: 'src/action/probe.ts', source: '../scan/prepare.js', allowed: false },
  { file: 'src/action/probe.ts', source: '../scan/index.js', allowed: true },
  { file: 'src/cli/probe.ts', source: '../action/index.js', allowed: false },
  { file: 'src/cli/scan/probe.ts', source: '../../scan/git-scan.js', allowed: false },
  { file: 'src/cli/scan/probe.ts', source: '../../scan/index.js', allowed: true },
  { file: 'src/cli/commands/probe.ts', source: '../scan/scan-handler.js', allowed: true },
  { file: 'src/scan/probe.ts', source: '../cli/io.js', allowed: false },
  { file: 'src/scan/probe.ts', source: '../action/index.js', allowed: false },
  { file: 'src/scan/probe.ts', source: '../fix/index.js', allowed: false },
  { file: 'src/scan/probe.ts', source: '../store/index.js', allowed: false },
  { file: 'src/scan/probe.ts', source: '../rotate/index.js', allowed: false },
  { file: 'src/scan/probe.ts', source: '../sources/index.js', allowed: true },
  { file: 'src/fix/purge/probe.ts', source: '../../scan/git-scan.js', allowed: false },
  { file: 'src/fsutil/probe.ts', source: '../report/index.js', allowed: false },
];

describe('room import rules', { timeout: 60_000 }, () => {
  it('reject what crosses a room wall or skips the scan door, statically and lazily, and let the rest through', async () => {
    const eslint = new ESLint({ cwd: root });
    const verdicts: string[] = [];
    const expected: string[] = [];
    for (const { file, source, allowed } of CASES) {
      for (const code of [`export * from '${source}';\n`, `export const load = () => import('${source}');\n`]) {
        const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
        const blocked = (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax');
        verdicts.push(`${file} ${code.trim()}: ${blocked ? 'blocked' : 'allowed'}`);
        expected.push(`${file} ${code.trim()}: ${allowed ? 'allowed' : 'blocked'}`);
      }
    }
    expect(verdicts).toEqual(expected);
  });
});
