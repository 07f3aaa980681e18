import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { lazyAction } from '../../src/cli/commands/lazy-action.js';
import type { CommandContext } from '../../src/cli/context.js';
import type { CliIo } from '../../src/cli/io.js';

/**
 * The CLI's one layout (issue 13): every command is registered from src/cli/commands/, every
 * handler is a `*-handler.ts` loaded on demand and called as (operands…, options, io) → exit
 * code, and no module of src/cli imports itself back (type imports included).
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const cliDir = join(root, 'src', 'cli');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = tsFiles(cliDir);
const rel = (path: string): string => relative(root, path).split('\\').join('/');
const source = (path: string): string => readFileSync(path, 'utf8');

/** Relative specifiers of `import … from`, `export … from` and `import()`, resolved to .ts paths. */
function localImports(path: string): string[] {
  const specifiers = [...source(path).matchAll(/(?:from\s+|import\()\s*'(\.{1,2}\/[^']+)\.js'/g)].map((match) => match[1]);
  return specifiers.map((specifier) => resolve(dirname(path), `${specifier}.ts`));
}

/** The import cycles among `paths`, each as the list of files around it. */
function cycles(paths: string[]): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (path: string): void => {
    if (state.get(path) === 'done') return;
    if (state.get(path) === 'open') {
      found.push(stack.slice(stack.indexOf(path)).map(rel));
      return;
    }
    state.set(path, 'open');
    stack.push(path);
    for (const next of localImports(path).filter((imported) => paths.includes(imported))) visit(next);
    stack.pop();
    state.set(path, 'done');
  };
  for (const path of paths) visit(path);
  return found;
}

describe('the CLI layout', () => {
  it('registers every command from a file in src/cli/commands/', () => {
    const registering = files.filter((path) => /\.command\(/.test(source(path))).map(rel);
    expect(registering.length).toBeGreaterThan(0);
    expect(registering.filter((path) => !path.startsWith('src/cli/commands/'))).toEqual([]);
  });

  it('names every handler *-handler.ts and loads each one lazily from src/cli/commands/', () => {
    expect(files.map(rel).filter((path) => /-command\.ts$/.test(path))).toEqual([]);
    const commandFiles = files.filter((path) => rel(path).startsWith('src/cli/commands/'));
    const lazy = commandFiles.flatMap((path) =>
      [...source(path).matchAll(/import\('(\.\.\/[^']+)\.js'\)/g)].map((match) => resolve(dirname(path), `${match[1]}.ts`)),
    );
    expect(lazy.length).toBeGreaterThan(10);
    for (const path of lazy) expect(rel(path)).toMatch(/^src\/cli\/[a-z]+\/[a-z-]+-handler\.ts$/);
    for (const path of lazy) expect(files, `${rel(path)} is loaded but does not exist`).toContain(path);
    const handlers = files.filter((path) => /-handler\.ts$/.test(path) && /export async function \w+Handler\(/.test(source(path)));
    const unreached = handlers.filter((path) => !lazy.includes(path)).map(rel);
    expect(unreached).toEqual([]);
  });

  it('has no import cycle in src/cli, type imports included', () => {
    expect(cycles(files)).toEqual([]);
  });
});

describe('lazyAction', () => {
  const io = { cwd: '/nowhere' } as CliIo;

  it('loads the handler when the command runs, passes operands, options and io, and records the exit code', async () => {
    const codes: number[] = [];
    const ctx: CommandContext = { io, setExitCode: (code) => void codes.push(code) };
    const calls: unknown[][] = [];
    let loaded = 0;
    const handler = async (names: string[], options: { dryRun?: boolean }, given: CliIo): Promise<number> => {
      calls.push([names, options, given]);
      return 1;
    };
    const program = new Command('unleak').exitOverride();
    program
      .command('rotate')
      .argument('[names...]')
      .option('--dry-run')
      .action(lazyAction(ctx, async () => (loaded++, handler)));
    expect(loaded).toBe(0);
    await program.parseAsync(['rotate', 'A', 'B', '--dry-run'], { from: 'user' });
    expect(loaded).toBe(1);
    expect(calls).toEqual([[['A', 'B'], { dryRun: true }, io]]);
    expect(codes).toEqual([1]);
  });

  it('lets a handler error through without recording an exit code', async () => {
    const codes: number[] = [];
    const ctx: CommandContext = { io, setExitCode: (code) => void codes.push(code) };
    const program = new Command('unleak').exitOverride();
    program.command('status').action(
      lazyAction(
        ctx,
        async () =>
          async (_options: object, _io: CliIo): Promise<number> =>
            Promise.reject(new Error('boom')),
      ),
    );
    await expect(program.parseAsync(['status'], { from: 'user' })).rejects.toThrow('boom');
    expect(codes).toEqual([]);
  });
});
