import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleForTest, REPO_ROOT } from './bundle.js';

describe('bundleForTest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'unleak-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on an import that does not resolve, naming the importer and the path', async () => {
    writeFileSync(join(dir, 'broken.ts'), "import { gone } from './not-written-yet.js';\nconsole.log(gone);\n");
    await expect(bundleForTest({ entryPoints: [join(dir, 'broken.ts')], outfile: join(dir, 'broken.mjs') })).rejects.toThrow(
      /broken\.ts:1: Could not resolve "\.\/not-written-yet\.js"/,
    );
  });

  it('bundles sources and packages from a temp entry into a script node runs', async () => {
    writeFileSync(
      join(dir, 'entry.ts'),
      `import { Command } from 'commander';\nimport { redact } from ${JSON.stringify(join(REPO_ROOT, 'src/report/index.ts'))};\nprocess.stdout.write(new Command('x').name() + ' ' + typeof redact);\n`,
    );
    await bundleForTest({ entryPoints: [join(dir, 'entry.ts')], outfile: join(dir, 'entry.mjs') });
    const run = spawnSync(process.execPath, [join(dir, 'entry.mjs')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('x function');
  });
});
