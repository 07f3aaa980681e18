import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isolatedGitConfigEnv } from '../helpers/git-config.js';

/** A git environment that ignores the machine's config (an empty temp global config, no system config) and has a fixed identity. */
export function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('GIT_')) delete env[key];
  return {
    ...env,
    ...isolatedGitConfigEnv(),
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.test',
    GIT_COMMITTER_NAME: 'Test Author',
    GIT_COMMITTER_EMAIL: 'author@example.test',
    GIT_TERMINAL_PROMPT: '0',
    NO_COLOR: '1',
    ...extra,
  };
}

/** Result of a command run in a test repository. */
export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** A throwaway git repository in a temp folder. */
export class TestRepo {
  private tick = 0;

  constructor(readonly dir: string) {}

  /** `git init` (branch main) in a new temp folder. */
  static create(prefix = 'unleak-git-'): TestRepo {
    const repo = new TestRepo(mkdtempSync(join(tmpdir(), prefix)));
    repo.git('init', '-q', '-b', 'main');
    return repo;
  }

  /** Runs git; throws with stderr when it fails. */
  git(...args: string[]): string {
    const ran = this.run('git', args);
    if (ran.code !== 0) throw new Error(`git ${args.join(' ')} failed (${ran.code}): ${ran.stderr}`);
    return ran.stdout;
  }

  /** Runs a program in the repository with the test git environment; never throws. */
  run(program: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): Ran {
    const result = spawnSync(program, args, {
      cwd: options.cwd ?? this.dir,
      env: gitEnv(options.env),
      encoding: 'utf8',
      input: options.input,
      maxBuffer: 256 << 20,
    });
    return { code: result.status ?? 128, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  }

  /** Writes files (text or bytes), making folders on the way. */
  write(files: Record<string, string | Buffer>): this {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), content);
    }
    return this;
  }

  /** Removes a file from the work tree. */
  remove(path: string): this {
    rmSync(join(this.dir, path), { force: true });
    return this;
  }

  /** Stages everything and commits with a distinct author date (one minute apart); returns the commit id. */
  commitAll(message: string, options: { author?: string; email?: string } = {}): string {
    this.git('add', '-A');
    return this.commit(message, options);
  }

  /** Commits what is staged (empty commits allowed); returns the commit id. */
  commit(message: string, options: { author?: string; email?: string } = {}): string {
    const date = this.nextDate();
    const env = {
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      ...(options.author ? { GIT_AUTHOR_NAME: options.author } : {}),
      ...(options.email ? { GIT_AUTHOR_EMAIL: options.email } : {}),
    };
    const ran = this.run('git', ['commit', '-q', '--allow-empty', '--no-verify', '-m', message], { env });
    if (ran.code !== 0) throw new Error(`commit failed: ${ran.stderr}`);
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** The date the next commit gets: 2024-01-01 plus one minute per commit. */
  nextDate(): string {
    this.tick += 1;
    return new Date(Date.UTC(2024, 0, 1, 0, this.tick)).toISOString().replace('.000Z', '+00:00');
  }

  /** Writes an executable file. */
  writeExecutable(path: string, content: string): this {
    this.write({ [path]: content });
    chmodSync(join(this.dir, path), 0o755);
    return this;
  }
}
