import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForTest } from '../../helpers/bundle.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomValue, tempDir } from '../../store/helpers.js';
import { cliRepo, type CliRepo } from './cli-helpers.js';

/**
 * `unleak run` as a real process: a signal sent to unleak reaches the command, and the command's
 * exit status comes back out. The store commands are bundled (esbuild) with a minimal program,
 * so this does not depend on the other command groups.
 */

const src = (path: string): string => fileURLToPath(new URL(`../../../src/${path}`, import.meta.url));

const ENTRY = `
import { Command } from 'commander';
import { storeCommands } from ${JSON.stringify(src('cli/commands/store-commands.ts'))};
import { processIo } from ${JSON.stringify(src('cli/io.ts'))};
let exitCode = 0;
const io = processIo();
const program = new Command('unleak').exitOverride();
for (const register of storeCommands) register(program, { io, setExitCode: (code) => { exitCode = Math.max(exitCode, code); } });
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (error) {
  process.stderr.write(String(error && error.message) + '\\n');
  exitCode = error && typeof error.exitCode === 'number' ? error.exitCode : 2;
}
process.exitCode = exitCode;
`;

describe('unleak run in a real process', () => {
  let repo: CliRepo;
  let cli: string;

  beforeAll(async () => {
    repo = cliRepo();
    await repo.cli(['store', 'init']);
    await repo.cli(['secrets', 'set', 'TOKEN'], { stdin: randomValue() });
    const dir = tempDir();
    writeFileSync(join(dir, 'entry.ts'), ENTRY);
    await bundleForTest({ entryPoints: [join(dir, 'entry.ts')], outdir: dir, splitting: true });
    cli = join(dir, 'entry.js');
    expect(readFileSync(cli, 'utf8'), 'crypto code must load lazily, not with the command definitions').not.toMatch(/X25519|aes-256-gcm/);
  }, 60_000);

  const start = (script: string) => {
    const child = spawn(process.execPath, [cli, 'run', '--', process.execPath, '-e', script], {
      cwd: repo.root,
      env: { ...process.env, ...repo.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, ready, exit };
  };

  it('forwards SIGTERM to the command and exits with its code', async () => {
    const { child, ready, exit } = start(
      "process.on('SIGTERM', () => process.exit(42)); process.stdout.write(process.env.TOKEN ? 'ready' : 'no token'); setInterval(() => {}, 1000);",
    );
    await ready;
    child.kill('SIGTERM');
    expect(await exit).toBe(42);
  });

  it('exits 128+15 when the command dies of the forwarded signal', async () => {
    const { child, ready, exit } = start("process.stdout.write('ready'); setInterval(() => {}, 1000);");
    await ready;
    child.kill('SIGTERM');
    expect(await exit).toBe(143);
  });
});
