import { hasTwoPaths, parseRawMeta, type RawChange } from './raw-diff.js';
import { BOUNDED_READ_CONFIG, spawnGit, type GitProcess, type GitSpawnOptions } from './git-process.js';
import { takeEarly } from './early-answers.js';
import { displayPath } from './display-path.js';

/** One commit of a `git log --raw` walk: who, when, the message, and the files it changed. */
export interface LogCommit {
  oid: string;
  parents: string[];
  author: string;
  email: string;
  /** Author date, strict ISO 8601. */
  date: string;
  message: string;
  changes: RawChange[];
}

/** The `--format` the parser reads: a 0x01 marker, then NUL-terminated fields. */
export const LOG_FORMAT = '--format=%x01%H%x00%P%x00%an%x00%ae%x00%aI%x00%B%x00';

const HEADER_FIELDS = 6;

/**
 * Streaming parser of `git log -z --raw` output written with LOG_FORMAT: feed stdout chunks, get
 * each commit when the next one starts (or at `end()`). The message is read by position, so a
 * message holding 0x01 or a colon cannot confuse it.
 */
export class CommitLogParser {
  private rest: Buffer | undefined;
  private header: string[] | undefined;
  private current: LogCommit | undefined;
  private pendingMeta: Omit<RawChange, 'path' | 'oldPath'> | undefined;
  private pendingPaths: string[] = [];

  constructor(private readonly emit: (commit: LogCommit) => void) {}

  /** Parses the next chunk of output. */
  push(chunk: Buffer): void {
    const data = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    let start = 0;
    let at = data.indexOf(0, start);
    while (at !== -1) {
      this.token(data.subarray(start, at));
      start = at + 1;
      at = data.indexOf(0, start);
    }
    this.rest = start < data.length ? data.subarray(start) : undefined;
  }

  /** Flushes the last commit. */
  end(): void {
    if (this.rest?.length) this.token(this.rest);
    this.rest = undefined;
    this.flush();
  }

  /** One NUL-terminated field: header fields and messages as UTF-8, paths by displayPath (escaped when not UTF-8). */
  private token(bytes: Buffer): void {
    if (this.header) {
      this.header.push(bytes.toString('utf8'));
      if (this.header.length === HEADER_FIELDS) this.startCommit(this.header);
      return;
    }
    if (this.pendingMeta) {
      this.pendingPaths.push(displayPath(bytes));
      const wanted = hasTwoPaths(this.pendingMeta.status) ? 2 : 1;
      if (this.pendingPaths.length === wanted) {
        const [first, second] = this.pendingPaths as [string, string | undefined];
        this.current?.changes.push(
          second === undefined ? { ...this.pendingMeta, path: first } : { ...this.pendingMeta, oldPath: first, path: second },
        );
        this.pendingMeta = undefined;
        this.pendingPaths = [];
      }
      return;
    }
    const text = bytes.toString('utf8').replace(/^\n+/, '');
    if (text.startsWith('\u0001')) {
      this.flush();
      this.header = [text.slice(1)];
    } else if (text.startsWith(':')) {
      this.pendingMeta = parseRawMeta(text);
    }
  }

  private startCommit(fields: string[]): void {
    const [oid, parents, author, email, date, message] = fields as [string, string, string, string, string, string];
    this.header = undefined;
    this.current = { oid, parents: parents ? parents.split(' ') : [], author, email, date, message, changes: [] };
  }

  private flush(): void {
    if (this.current) this.emit(this.current);
    this.current = undefined;
  }
}

/** The order of a history or range walk: oldest commit first. */
export const WALK_ORDER: readonly string[] = ['--date-order', '--reverse'];

/** The revisions of a whole-history walk: every ref, in WALK_ORDER. */
export const HISTORY_LOG_REVS: readonly string[] = [...WALK_ORDER, '--all'];

/** The arguments of `git log` with LOG_FORMAT, `-z --raw --no-abbrev` and the given revision arguments. */
export function commitLogArgs(revArgs: readonly string[]): string[] {
  return [
    ...BOUNDED_READ_CONFIG,
    '-c',
    'core.quotePath=off',
    'log',
    LOG_FORMAT,
    '-z',
    '--raw',
    '--no-abbrev',
    '--no-renames',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    '--no-show-signature',
    '-c',
    ...revArgs,
  ];
}

/**
 * Runs `git log` (commitLogArgs) and yields each commit as it streams in; the log started
 * ahead for these arguments (startHistoryGit) when there is one.
 */
export async function* streamCommitLog(revArgs: readonly string[], options: GitSpawnOptions): AsyncGenerator<LogCommit> {
  const args = commitLogArgs(revArgs);
  const proc = (await takeEarly<GitProcess>('commit-log', options, args.join('\0'))) ?? spawnGit(args, options);
  const ready: LogCommit[] = [];
  const parser = new CommitLogParser((commit) => ready.push(commit));
  try {
    for await (const chunk of proc.stdout) {
      parser.push(chunk as Buffer);
      while (ready.length) yield ready.shift() as LogCommit;
    }
    parser.end();
    while (ready.length) yield ready.shift() as LogCommit;
    await proc.done;
  } finally {
    proc.kill();
  }
}
