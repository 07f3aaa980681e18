import type { Command } from 'commander';
import type { RegisterCommand } from './index.js';
import type { CommandContext } from '../context.js';
import type { HookCliOptions } from '../hook/hook-handler.js';

function registerHook(program: Command, ctx: CommandContext): void {
  const hook = program.command('hook').description('Install or remove the pre-commit guard (unleak scan --staged)');
  const shared = (command: Command) =>
    command
      .option('--git', 'a git hook: .git/hooks/pre-commit, or core.hooksPath (an existing hook is chained, not overwritten)')
      .option('--husky', 'a line in .husky/pre-commit (the default when the project has a .husky folder)');
  shared(hook.command('install').description('Make every commit run `unleak scan --staged` first; a commit that adds a secret is stopped'))
    .option('--command <command>', 'how the hook starts unleak (default: node_modules/.bin/unleak, else unleak on the PATH)')
    .action(async (options: HookCliOptions) => {
      const { hookInstallHandler } = await import('../hook/hook-handler.js');
      ctx.setExitCode(await hookInstallHandler(options, ctx.io));
    });
  shared(hook.command('uninstall').description('Remove what `unleak hook install` added (a chained hook is put back)')).action(async (options: HookCliOptions) => {
    const { hookUninstallHandler } = await import('../hook/hook-handler.js');
    ctx.setExitCode(await hookUninstallHandler(options, ctx.io));
  });
}

/** Commands: hook install, hook uninstall. */
export const hookCommands: RegisterCommand[] = [registerHook];
