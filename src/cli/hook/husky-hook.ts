import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnleakError } from '../../errors.js';
import type { HookChange } from './git-hook.js';
import { HOOK_MARKER, huskyLine } from './hook-scripts.js';

const HUSKY_BOILERPLATE = /^\s*(#.*|\.\s+"\$\(dirname -- "\$0"\)\/_\/husky\.sh"|)\s*$/;

/** Adds the scan to `.husky/pre-commit` (created when missing); a second install changes nothing. */
export function installHuskyHook(top: string, options: { command?: string }): HookChange {
  const dir = join(top, '.husky');
  if (!existsSync(dir))
    throw new UnleakError('UNLEAK_HUSKY_MISSING', `husky is not set up in ${top} (no .husky folder)`, {
      hint: 'Run `npx husky init` first, or use `unleak hook install --git`.',
    });
  const file = join(dir, 'pre-commit');
  const line = huskyLine(options.command);
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const lines = before.split('\n').filter((l) => !l.includes(HOOK_MARKER));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  const after = `${[...lines, line].join('\n')}\n`;
  if (after === before) return { file, message: `${file} already runs unleak` };
  writeFileSync(file, after, { mode: 0o755 });
  return { file, message: `unleak added to ${file}` };
}

/** Removes the scan from `.husky/pre-commit`; removes the file when nothing else is left in it. */
export function uninstallHuskyHook(top: string): HookChange {
  const file = join(top, '.husky', 'pre-commit');
  if (!existsSync(file) || !readFileSync(file, 'utf8').includes(HOOK_MARKER))
    return { file, message: `no unleak line in ${file}; nothing to remove` };
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => !l.includes(HOOK_MARKER));
  if (lines.every((l) => HUSKY_BOILERPLATE.test(l))) {
    rmSync(file);
    return { file, message: `unleak removed; ${file} was left empty and is deleted` };
  }
  writeFileSync(file, lines.join('\n'));
  return { file, message: `unleak removed from ${file}` };
}
