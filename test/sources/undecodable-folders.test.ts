import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listPlainPaths } from '../../src/sources/list-files.js';
import { runCli, tempTree } from '../helpers/cli.js';
import { githubToken } from '../helpers/tokens.js';

/** Linux allows any bytes in a name: a folder whose name is not valid UTF-8 is walked by its bytes, never skipped. */

const bytes = (...parts: (string | number)[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from([part]))));
const at = (root: string, path: Buffer) => Buffer.concat([Buffer.from(`${root}/`), path]);

describe('scan --no-git of folders whose names are not valid UTF-8', { timeout: 60_000 }, () => {
  it('scans the files inside them (nested too), reported with each invalid byte escaped', async () => {
    const root = tempTree({ 'ok.env': `TOKEN=${githubToken()}\n`, '.gitignore': 'ignored*/\n' });
    try {
      mkdirSync(at(root, bytes('caf', 0xe9, '/deep/x', 0xff)), { recursive: true });
      writeFileSync(at(root, bytes('caf', 0xe9, '/a.env')), `TOKEN=${githubToken()}\n`);
      writeFileSync(at(root, bytes('caf', 0xe9, '/deep/x', 0xff, '/b.env')), `TOKEN=${githubToken()}\n`);
      mkdirSync(at(root, bytes('ignored', 0xe9)));
      writeFileSync(at(root, bytes('ignored', 0xe9, '/c.env')), `TOKEN=${githubToken()}\n`);
      symlinkSync('/etc', at(root, bytes('caf', 0xe9, '/etc-link')));
      const run = await runCli(['scan', '.', '--no-git', '--format', 'json'], root);
      expect(run.code, run.stderr).toBe(1);
      const paths = (JSON.parse(run.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path);
      expect(paths).toEqual(['caf\\xe9/a.env', 'caf\\xe9/deep/x\\xff/b.env', 'ok.env']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('walks such a folder under a folder given, and keeps the bytes that open each file', async () => {
    const root = tempTree({ 'src/ok.txt': 'a\n', 'other/x.txt': 'b\n' });
    try {
      mkdirSync(at(root, bytes('src/n', 0xe9)));
      writeFileSync(at(root, bytes('src/n', 0xe9, '/f.txt')), 'c\n');
      mkdirSync(at(root, bytes('other/n', 0xe9)));
      writeFileSync(at(root, bytes('other/n', 0xe9, '/g.txt')), 'd\n');
      const listed = await listPlainPaths(root, ['src/**/*']);
      expect(listed.map((file) => file.path)).toEqual(['src/n\\xe9/f.txt', 'src/ok.txt']);
      expect(listed[0]?.raw).toEqual(bytes('src/n', 0xe9, '/f.txt'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
