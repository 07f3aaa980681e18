import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { PassThrough, type Readable, type Writable } from 'node:stream';

/**
 * Starting a process from Node forks this whole process: ~4 ms at 50 MB resident (more as it
 * grows), spent on this thread, and afterwards every page this process had touched costs a fault
 * on its next write (~11 µs each on the benchmark machine; 450 of them after one start, ~850
 * after five, in a bare `node`). A history scan starts four short-lived or streaming gits before
 * it reads anything; the launcher starts them with one process start: a POSIX shell that gives
 * each git a pipe for its stdout and tells Node its pid and, once it has ended, its exit status
 * and stderr.
 *
 * A git started in the background by a non-interactive shell ignores SIGINT and SIGQUIT (POSIX),
 * so Ctrl-C does not stop it: launch only gits that end by themselves, or when Node is gone and
 * their stdout pipe breaks; never one that reads stdin or writes to a file.
 */

/** One git to start, with stdin closed and stdout a pipe. */
export interface SlotSpec {
  args: readonly string[];
}

/** The fds 3..8 are the slots' (dash redirects one-digit fds only); 9 carries status records to Node. */
const FIRST_SLOT_FD = 3;
const LAST_SLOT_FD = 8;

/** A POSIX shell's exit status for a command it could not find. */
const COMMAND_NOT_FOUND = 127;

/** A git started through a launcher slot: the parts of a ChildProcess that spawnGit and gitRun use. */
export interface LaunchedGit {
  stdin: Writable | null;
  stdout: Readable | null;
  stderr: Readable | null;
  kill(): boolean;
  on(event: 'close', listener: (code: number | null, signal: NodeJS.Signals | null) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
}

interface Slot {
  /** Its number in status records. */
  key: number;
  spec: SlotSpec;
  /** The shell's fd for git's stdout. */
  fd: number;
  child: SlotChild;
}

/**
 * A git of a slot. Its exit is told once it is taken (start() attaches listeners in the same
 * tick, but an exit told earlier must not be lost), and after its stdout pipe and its stderr
 * (the text the shell sent with the exit status) have closed, as a ChildProcess tells 'close'.
 */
class SlotChild extends EventEmitter implements LaunchedGit {
  readonly stdin = null;
  readonly stderr = new PassThrough();
  pid: number | undefined;
  private killWanted = false;
  private exit: number | undefined;
  private failure: Error | undefined;
  private stdoutOpen = true;
  private stderrOpen = true;
  private wasTaken = false;
  private told = false;

  constructor(readonly stdout: Readable) {
    super();
    stdout.on('close', () => {
      this.stdoutOpen = false;
      this.tell();
    });
    this.stderr.on('close', () => {
      this.stderrOpen = false;
      this.tell();
    });
  }

  /** Handed out by start(). */
  get taken(): boolean {
    return this.wasTaken;
  }

  /** Told its end ('close' or 'error'). */
  get closed(): boolean {
    return this.told;
  }

  /** Its exit status or its failure is known. */
  private get ended(): boolean {
    return this.exit !== undefined || this.failure !== undefined;
  }

  kill(): boolean {
    if (this.ended) return false;
    this.killWanted = true;
    if (this.pid === undefined) return true;
    try {
      process.kill(this.pid, 'SIGTERM');
      return true;
    } catch {
      return false;
    }
  }

  take(): void {
    this.wasTaken = true;
    process.nextTick(() => this.tell());
  }

  /** The shell could not start: told as a ChildProcess tells a failed spawn, by 'error'. */
  failed(error: Error): void {
    if (this.ended) return;
    this.failure = error;
    this.stderr.end();
    this.tell();
  }

  started(pid: number): void {
    this.pid = pid;
    if (this.killWanted) this.kill();
  }

  exited(code: number, stderr: string): void {
    if (this.ended) return;
    // The shell's "command not found": told as the failed spawn of a missing git is (git itself never exits 127).
    if (code === COMMAND_NOT_FOUND) return this.failed(Object.assign(new Error('spawn git ENOENT'), { code: 'ENOENT' }));
    this.exit = code;
    this.stderr.end(stderr);
    this.tell();
  }

  private tell(): void {
    if (!this.wasTaken || this.told || !this.ended) return;
    if (this.failure) {
      this.told = true;
      this.emit('error', this.failure);
      return;
    }
    if (this.stdoutOpen || this.stderrOpen) return;
    this.told = true;
    this.emit('close', this.exit, null);
  }
}

/** Quotes one argument for the shell. */
function quote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}

/**
 * The shell program: each git runs in a background subshell that holds only its own fds (a
 * long-lived git holding another's stdout would keep that pipe from ever ending) and writes
 * NUL-terminated status records on fd 9: `p <slot> <pid>` once git runs, `x <slot> <exit
 * status> <stderr>` when it has ended.
 */
function shellProgram(slots: readonly Omit<Slot, 'child'>[]): string {
  const all = slots.map((slot) => slot.fd);
  const lines = slots.map((slot) => {
    const others = all.filter((fd) => fd !== slot.fd).map((fd) => `${fd}>&-`);
    const git = `git ${slot.spec.args.map(quote).join(' ')} 2>&1 >&${slot.fd} </dev/null 9>&-`;
    // The stderr a command substitution captures loses its trailing newlines: a '.' after it keeps them.
    const started = `printf 'p ${slot.key} %s\\000' $! >&9`;
    const ended = `printf 'x ${slot.key} %s %s\\000' $? "\${err%.}" >&9`;
    return `( err=$(${git} & ${started}; wait $!; s=$?; printf .; exit $s); ${ended} ) ${others.join(' ')} &`;
  });
  // Then the shell waits for its stdin to end: Node drains every stdout pipe of a child that has exited, so the
  // shell stays until each git's output has been read (or dropped by release()).
  return ['exec 9>&1', ...lines, `exec ${all.map((fd) => `${fd}>&-`).join(' ')}`, 'wait', 'read -r _ || :'].join('\n');
}

/**
 * One shell that starts up to six git processes at once, each in a named slot; start() hands
 * each out. Where there is no POSIX shell (Windows), open() returns undefined and the callers
 * spawn git themselves.
 */
export class GitLauncher {
  private readonly shell: ChildProcess;
  private readonly slots = new Map<string, Slot>();
  private readonly byKey: Slot[] = [];
  private status: Buffer = Buffer.alloc(0);
  private shellStderr = '';

  private constructor(options: { cwd: string; env?: NodeJS.ProcessEnv }, specs: Record<string, SlotSpec>) {
    const planned = Object.values(specs).map((spec, key) => ({ key, spec, fd: FIRST_SLOT_FD + key }));
    if (FIRST_SLOT_FD + planned.length - 1 > LAST_SLOT_FD) throw new Error('git launcher: more fds than a POSIX shell redirects');
    // stdin (ended when every output is read), status records, the shell's own stderr, then a stdout per slot.
    const stdio = Array.from({ length: FIRST_SLOT_FD + planned.length }, () => 'pipe' as const);
    this.shell = spawn('/bin/sh', ['-c', shellProgram(planned)], { cwd: options.cwd, env: options.env ?? process.env, stdio });
    const names = Object.keys(specs);
    for (const plan of planned) {
      const slot = { ...plan, child: new SlotChild(this.shell.stdio[plan.fd] as Readable) };
      slot.child.on('close', () => this.endWhenRead());
      slot.child.on('error', () => this.endWhenRead());
      this.slots.set(names[plan.key] as string, slot);
      this.byKey.push(slot);
    }
    this.shell.stdout?.on('data', (chunk: Buffer) => this.onStatus(chunk));
    this.shell.stderr?.setEncoding('utf8');
    this.shell.stderr?.on('data', (text: string) => {
      if (this.shellStderr.length < 4096) this.shellStderr += text;
    });
    this.shell.stdin?.on('error', () => undefined);
    this.shell.on('error', (error) => {
      for (const slot of this.byKey) slot.child.failed(error);
    });
    this.shell.on('close', () => {
      const why = this.shellStderr.trim() || 'the shell ended before git did';
      for (const slot of this.byKey) slot.child.exited(128, `git launcher: ${why}`);
    });
  }

  /** A launcher running these gits, or undefined where there is no POSIX shell (or it cannot be started). */
  static open(options: { cwd: string; env?: NodeJS.ProcessEnv }, specs: Record<string, SlotSpec>): GitLauncher | undefined {
    if (process.platform === 'win32' || !existsSync('/bin/sh')) return undefined;
    try {
      return new GitLauncher(options, specs);
    } catch {
      return undefined;
    }
  }

  /** The git of the named slot (once), when it runs `args`; undefined otherwise (the caller starts its own). */
  start(name: string, args: readonly string[]): LaunchedGit | undefined {
    const slot = this.slots.get(name);
    if (!slot || slot.child.taken || slot.spec.args.length !== args.length || slot.spec.args.some((arg, i) => arg !== args[i]))
      return undefined;
    slot.child.take();
    return slot.child;
  }

  /** Stops the gits nobody took. */
  release(): void {
    for (const slot of this.byKey) if (!slot.child.taken) slot.child.kill();
    this.shell.stdin?.end();
  }

  /** Lets the shell end once every git's output has been read. */
  private endWhenRead(): void {
    if (this.byKey.every((slot) => slot.child.closed)) this.shell.stdin?.end();
  }

  private onStatus(chunk: Buffer): void {
    this.status = this.status.length ? Buffer.concat([this.status, chunk]) : chunk;
    let start = 0;
    for (let at = this.status.indexOf(0); at !== -1; start = at + 1, at = this.status.indexOf(0, start)) {
      const record = this.status.toString('utf8', start, at);
      const [kind, key, value] = record.split(' ', 3);
      const slot = this.byKey[Number(key)];
      if (!slot) continue;
      if (kind === 'p') slot.child.started(Number(value));
      else if (kind === 'x') slot.child.exited(Number(value), record.slice(`x ${key} ${value} `.length));
    }
    this.status = this.status.subarray(start);
  }
}
