import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { githubToken } from '../../helpers/tokens.js';
import { buildTestCli, removeTestCli } from '../../git/built-cli.js';
import { TestRepo } from '../../git/git-fixture.js';
import { requireTools } from '../../helpers/external-tools.js';
import { releaseClone } from '../../helpers/release-clone.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let cli = '';
const temps: string[] = [];
beforeAll(async () => {
  cli = await buildTestCli();
}, 120_000);
afterAll(() => {
  removeTestCli();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** pre-commit's own cache (a node install there is ~300 MB; removed after the file) and an npm that prefers its cache (this checkout's packages are there after npm ci), fetching only what the cache lacks. */
const frameworkEnv = () => {
  const home = mkdtempSync(join(tmpdir(), 'unleak-pre-commit-home-'));
  temps.push(home);
  return { PRE_COMMIT_HOME: home, npm_config_prefer_offline: 'true' };
};

function expectGuarded(repo: TestRepo, env: NodeJS.ProcessEnv): void {
  repo.write({ 'app.env': `TOKEN=${githubToken()}\n` }).git('add', '-A');
  const refused = repo.run('git', ['commit', '-q', '-m', 'secret'], { env });
  expect(refused.code, refused.stdout + refused.stderr).not.toBe(0);
  expect(refused.stdout + refused.stderr).toContain('commit blocked');
  expect(repo.run('git', ['rev-parse', '--verify', '-q', 'HEAD']).stdout).toBe('');
  repo.write({ 'app.env': 'TOKEN=${TOKEN}\n' }).git('add', '-A');
  const clean = repo.run('git', ['commit', '-q', '-m', 'clean'], { env });
  expect(clean.code, clean.stdout + clean.stderr).toBe(0);
}

describe.runIf(requireTools('test/cli/hook/pre-commit-framework.test.ts', ['pre-commit']))(
  'the pre-commit framework (Debian pre-commit)',
  () => {
    it('ships a valid .pre-commit-hooks.yaml: id unleak, language node, pass_filenames false', () => {
      const manifest = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
      expect(manifest).toEqual([
        expect.objectContaining({ id: 'unleak', language: 'node', pass_filenames: false, entry: 'unleak scan --staged --quiet' }),
      ]);
      const repo = TestRepo.create();
      const ran = repo.run('pre-commit', ['validate-manifest', join(ROOT, '.pre-commit-hooks.yaml')]);
      expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    });

    it('installs and runs the shipped hook (language: node) from the repository as it is, at a release tag', { timeout: 600_000 }, () => {
      // pre-commit clones the tag, runs `npm install`, then reads the tarball name from `npm pack`'s
      // stdout: the `prepare` step (the build) must not print there (.npmrc: foreground-scripts=false).
      const { repo: hookRepo } = releaseClone(ROOT, 'v0.1.0');
      temps.push(hookRepo.dir);
      const repo = TestRepo.create().write({
        '.pre-commit-config.yaml': `repos:\n  - repo: file://${hookRepo.dir}\n    rev: v0.1.0\n    hooks:\n      - id: unleak\n`,
      });
      const env = frameworkEnv();
      const installed = repo.run('pre-commit', ['install-hooks'], { env });
      expect(installed.code, installed.stdout + installed.stderr).toBe(0);
      expect(repo.run('pre-commit', ['install'], { env }).code).toBe(0);
      expectGuarded(repo, env);
    });

    it('runs unleak as a local hook (language: system), the alternative without a package install', { timeout: 120_000 }, () => {
      const config = [
        'repos:',
        '  - repo: local',
        '    hooks:',
        '      - id: unleak',
        '        name: unleak',
        `        entry: ${process.execPath} ${cli} scan --staged --quiet`,
        '        language: system',
        '        pass_filenames: false',
        '',
      ].join('\n');
      const repo = TestRepo.create().write({ '.pre-commit-config.yaml': config });
      const env = frameworkEnv();
      expect(repo.run('pre-commit', ['install'], { env }).code).toBe(0);
      expectGuarded(repo, env);
    });
  },
);
