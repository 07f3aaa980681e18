import { existsSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckRepoActions } from 'simple-git';
import { packageRoot } from '../../config/index.js';
import { UnleakError } from '../../errors.js';
import { withPorcelainGit } from '../../sources/index.js';
import type { CliIo } from '../io.js';
import { installGitHook, uninstallGitHook, type HookChange } from './git-hook.js';
import { installHuskyHook, uninstallHuskyHook } from './husky-hook.js';

/** Options of `unleak hook install` and `unleak hook uninstall`. */
export interface HookCliOptions {
  git?: boolean;
  husky?: boolean;
  command?: string;
}

interface HookTarget {
  top: string;
  hooksDir: string;
  kind: 'git' | 'husky';
}

async function target(options: HookCliOptions, io: CliIo): Promise<HookTarget> {
  if (options.git && options.husky) throw new UnleakError('UNLEAK_USAGE', 'choose one of --git and --husky');
  const top = await withPorcelainGit(io.cwd, io.env, 'rev-parse', async (git) =>
    (await git.checkIsRepo(CheckRepoActions.IN_TREE)) ? git.revparse(['--show-toplevel']) : '',
  );
  if (!top)
    throw new UnleakError('UNLEAK_NOT_A_REPO', `not inside a git work tree: ${io.cwd}`, {
      hint: 'Run `unleak hook install` inside the repository.',
    });
  const hooksPath = await withPorcelainGit(top, io.env, 'rev-parse', (git) => git.revparse(['--git-path', 'hooks']));
  const hooksDir = isAbsolute(hooksPath) ? hooksPath : join(top, hooksPath);
  const huskyOwnsHooks = hooksDir.split(sep).includes('.husky');
  const kind = options.husky || (!options.git && (huskyOwnsHooks || existsSync(join(top, '.husky')))) ? 'husky' : 'git';
  if (kind === 'git' && huskyOwnsHooks)
    throw new UnleakError('UNLEAK_USAGE', `core.hooksPath points at husky (${hooksPath}); its files are generated`, {
      hint: 'Use `unleak hook install --husky`.',
    });
  return { top, hooksDir, kind };
}

/** The CLI running now (`dist/cli.js`), which a git hook falls back to when no other unleak is found. */
function runningCli(): string | undefined {
  for (const relative of ['../cli.js', './cli.js']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  const built = join(packageRoot(), 'dist', 'cli.js');
  return existsSync(built) ? built : undefined;
}

function report(change: HookChange, io: CliIo): number {
  io.stdout(`unleak: ${change.message}\n`);
  return 0;
}

/** `unleak hook install`: husky when the project uses it (or `--husky`), else a git hook. */
export async function hookInstallHandler(options: HookCliOptions, io: CliIo): Promise<number> {
  const where = await target(options, io);
  if (where.kind === 'husky') return report(installHuskyHook(where.top, { command: options.command }), io);
  const cli = runningCli();
  return report(
    installGitHook(where.hooksDir, { command: options.command, fallback: cli ? { node: process.execPath, cli } : undefined }),
    io,
  );
}

/** `unleak hook uninstall`: removes what `hook install` added, and restores a chained hook. */
export async function hookUninstallHandler(options: HookCliOptions, io: CliIo): Promise<number> {
  const where = await target(options, io);
  return report(where.kind === 'husky' ? uninstallHuskyHook(where.top) : uninstallGitHook(where.hooksDir), io);
}
