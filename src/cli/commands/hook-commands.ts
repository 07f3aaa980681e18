import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import type { RegisterCommand } from './registration.js';

const registerHook: RegisterCommand = (program, ctx) => {
  const hook = program.command('hook').description('Install or remove the pre-commit guard (unleak scan --staged)');
  const shared = (command: Command) =>
    command
      .option('--git', 'a git hook: .git/hooks/pre-commit, or core.hooksPath (an existing hook is chained, not overwritten)')
      .option('--husky', 'a line in .husky/pre-commit (the default when the project has a .husky folder)');
  shared(hook.command('install').description('Make every commit run `unleak scan --staged` first; a commit that adds a secret is stopped'))
    .option('--command <command>', 'how the hook starts unleak (default: node_modules/.bin/unleak, else unleak on the PATH)')
    .action(lazyAction(ctx, async () => (await import('../hook/hook-handler.js')).hookInstallHandler));
  shared(hook.command('uninstall').description('Remove what `unleak hook install` added (a chained hook is put back)')).action(
    lazyAction(ctx, async () => (await import('../hook/hook-handler.js')).hookUninstallHandler),
  );
};

/** Commands: hook install, hook uninstall. */
export const hookCommands: RegisterCommand[] = [registerHook];
