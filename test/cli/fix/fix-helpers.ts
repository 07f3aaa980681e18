import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { bundleForTest } from '../../helpers/bundle.js';
import { run } from '../../../src/cli/program.js';
import type { CliIo } from '../../../src/cli/io.js';
import { gitIn, tempRepo, writeTree } from '../../helpers/cli.js';
import { tempDir } from '../../store/helpers.js';

/** Helpers for the `unleak fix` and `unleak purge` command tests. */

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A sample project from fixtures/fix/, with `__GITHUB_TOKEN__` replaced, committed in a fresh repository. */
export function sampleRepo(name: string, token: string, extra: Record<string, string | Buffer> = {}): string {
  const root = tempRepo({}, { commit: false });
  cpSync(join(repoRoot, 'fixtures', 'fix', name), root, { recursive: true });
  for (const file of listFiles(root)) {
    const text = readFileSync(join(root, file), 'utf8');
    if (text.includes('__GITHUB_TOKEN__')) writeFileSync(join(root, file), text.replaceAll('__GITHUB_TOKEN__', token));
  }
  writeTree(root, extra);
  gitIn(root, 'add', '-A');
  gitIn(root, 'commit', '-qm', 'sample project');
  return root;
}

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === '.git') return [];
    const full = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(root, full) : [relative(root, full)];
  });
}

/** Every file under root (outside .git): path → sha256. Folders are listed too. */
export function treeState(root: string): Map<string, string> {
  return new Map(
    listFiles(root).map((file) => [
      file,
      createHash('sha256')
        .update(readFileSync(join(root, file)))
        .digest('hex'),
    ]),
  );
}

/** An environment whose identity lookups see only a private config folder (nothing found at first). */
export function isolatedEnv(): NodeJS.ProcessEnv {
  const home = tempDir('unleak-fix-home-');
  return { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), NO_COLOR: '1', PATH: process.env.PATH };
}

/** Runs the CLI in-process; `tty` makes stdin a terminal that answers with `stdin`'s lines. */
export async function cli(
  argv: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  options: { stdin?: string; tty?: boolean } = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const io: CliIo = {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    stdin,
    cwd,
    env,
    stdoutIsTty: false,
    stdinIsTty: Boolean(options.tty),
    stderrIsTty: false,
  };
  const code = await run(argv, io);
  return { code, out, err };
}

/** The CLI bundled from the current sources (esbuild), in a folder that looks like the unleak package. */
export async function bundleCli(): Promise<string> {
  const dir = tempDir('unleak-fix-cli-');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'unleak', type: 'module' }));
  symlinkSync(join(repoRoot, 'rules'), join(dir, 'rules'));
  mkdirSync(join(dir, 'dist'));
  await bundleForTest({ entryPoints: { cli: join(repoRoot, 'src', 'cli.ts') }, outdir: join(dir, 'dist'), splitting: true });
  return join(dir, 'dist', 'cli.js');
}

/** Runs the bundled CLI as a real process; returns its exit code and output. */
export function runBundle(
  cliPath: string,
  argv: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): { code: number; out: string; err: string } {
  const result = spawnSync(process.execPath, [cliPath, ...argv], { cwd, env, encoding: 'utf8' });
  return { code: result.status ?? 128, out: result.stdout, err: result.stderr };
}

/** Runs a program in the project (no unleak), to compare its output before and after a fix. */
export function runPlain(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, { cwd, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  return result.stdout;
}

/** Hex sha256 of a text. */
export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');
