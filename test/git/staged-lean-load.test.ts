import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestCli, removeTestCli } from './built-cli.js';
import { gitEnv } from './git-fixture.js';

/**
 * A pre-commit hook pays for every module it loads: `scan --staged` with no config must not load
 * the config schema (zod), the YAML parser, the store's crypto or the database drivers of
 * rotation and verification. A resolve hook records each module the built CLI loads.
 */

const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.UNLEAK_TEST_LOADED, result.url + '\\n');
  return result;
}
`;

const HEAVY = ['zod', 'yaml', 'pg', 'mysql2', 'age-encryption', 'ioredis', '@octokit', 'simple-git', 'amqplib'];

afterAll(() => removeTestCli());

describe('the pre-commit path loads only what it needs', () => {
  it('scan --staged loads no zod, YAML, crypto (node:crypto either) or database driver code', async () => {
    const cli = await buildTestCli();
    const root = fileURLToPath(new URL('../..', import.meta.url));
    if (!existsSync(join(root, 'dist', 'builtin-rules.json')))
      throw new Error('dist/builtin-rules.json is missing: run npm run build (npm ci does)');
    const dir = mkdtempSync(join(tmpdir(), 'unleak-lean-load-'));
    try {
      const env = gitEnv({ UNLEAK_TEST_LOADED: join(dir, 'loaded.txt') });
      const repo = join(dir, 'repo');
      spawnSync('git', ['init', '-q', repo], { env });
      writeFileSync(join(repo, 'app.js'), 'const port = 8080;\n');
      spawnSync('git', ['add', '.'], { cwd: repo, env });
      writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
      writeFileSync(
        join(dir, 'register.mjs'),
        [
          `import { register } from 'node:module';`,
          `import { writeFileSync } from 'node:fs';`,
          `register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});`,
          `process.on('exit', () => writeFileSync(${JSON.stringify(join(dir, 'builtins.txt'))}, process.moduleLoadList.join('\\n')));`,
          '',
        ].join('\n'),
      );
      const ran = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, cli, 'scan', '--staged'], {
        cwd: repo,
        env,
        encoding: 'utf8',
      });
      expect(ran.status, ran.stderr).toBe(0);
      const loaded = [
        ...new Set(
          readFileSync(join(dir, 'loaded.txt'), 'utf8')
            .split('\n')
            .filter((url) => url.startsWith('file:')),
        ),
      ];
      expect(loaded.some((url) => url.includes('staged-scan'))).toBe(true);
      const bundled = loaded.map((url) => readFileSync(fileURLToPath(url), 'utf8')).join('\n');
      for (const name of HEAVY) expect(bundled.includes(`// node_modules/${name}/`), `${name} is loaded by scan --staged`).toBe(false);
      // node:crypto costs ~5 ms to load: a scan that finds nothing neither fingerprints nor checks a key.
      const builtins = readFileSync(join(dir, 'builtins.txt'), 'utf8').split('\n');
      expect(builtins.length).toBeGreaterThan(50);
      expect(builtins.filter((name) => name === 'NativeModule crypto')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
