import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { githubToken } from '../../helpers/tokens.js';
import { buildTestCli, removeTestCli } from '../../git/built-cli.js';
import { TestRepo } from '../../git/git-fixture.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let cli = '';
beforeAll(async () => {
  cli = await buildTestCli();
}, 120_000);
afterAll(() => removeTestCli());

/** pre-commit's own cache and an offline npm (the npm cache of this checkout), so nothing is downloaded. */
const frameworkEnv = () => ({ PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), 'unleak-pre-commit-home-')), npm_config_offline: 'true' });

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

describe('the pre-commit framework (Debian pre-commit)', () => {
  it('ships a valid .pre-commit-hooks.yaml: id unleak, language node, pass_filenames false', () => {
    const manifest = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    expect(manifest).toEqual([expect.objectContaining({ id: 'unleak', language: 'node', pass_filenames: false, entry: 'unleak scan --staged --quiet' })]);
    const repo = TestRepo.create();
    const ran = repo.run('pre-commit', ['validate-manifest', join(ROOT, '.pre-commit-hooks.yaml')]);
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
  });

  it('runs the shipped hook (language: node) from a repository holding the built package', { timeout: 300_000 }, () => {
    const hookRepo = TestRepo.create('unleak-hook-repo-');
    cpSync(dirname(cli), join(hookRepo.dir, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'rules'), join(hookRepo.dir, 'rules'), { recursive: true });
    cpSync(join(ROOT, '.pre-commit-hooks.yaml'), join(hookRepo.dir, '.pre-commit-hooks.yaml'));
    const { name, version, type, bin, files } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(hookRepo.dir, 'package.json'), JSON.stringify({ name, version, type, bin, files }, null, 2));
    const rev = hookRepo.commitAll('release');
    const repo = TestRepo.create().write({ '.pre-commit-config.yaml': `repos:\n  - repo: file://${hookRepo.dir}\n    rev: ${rev}\n    hooks:\n      - id: unleak\n` });
    const env = frameworkEnv();
    const installed = repo.run('pre-commit', ['install'], { env });
    expect(installed.code, installed.stderr).toBe(0);
    expectGuarded(repo, env);
  });

  it('runs unleak as a local hook (language: system), the alternative without a package install', { timeout: 120_000 }, () => {
    const config = ['repos:', '  - repo: local', '    hooks:', '      - id: unleak', '        name: unleak', `        entry: ${process.execPath} ${cli} scan --staged --quiet`, '        language: system', '        pass_filenames: false', ''].join('\n');
    const repo = TestRepo.create().write({ '.pre-commit-config.yaml': config });
    const env = frameworkEnv();
    expect(repo.run('pre-commit', ['install'], { env }).code).toBe(0);
    expectGuarded(repo, env);
  });
});
