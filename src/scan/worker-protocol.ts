import type { AutomatonTables, RuleToCompile } from '../engine/index.js';
import type { AllowlistConfig } from '../filters/index.js';
import type { GitSpawnOptions } from '../sources/index.js';
import type { ListedPath } from '../sources/display-path.js';
import type { BlobTask, SegmentResult } from './blob-scan.js';
import type { FileTally } from './file-tally.js';
import type { PackedSource } from './packed-scan.js';

/** What a history worker is started with: the resolved rules (with engines), the allowlist and git's folder and env. */
export interface WorkerInit {
  rules: RuleToCompile[];
  allowlist: AllowlistConfig;
  maxDecodeDepth: number;
  git: GitSpawnOptions;
  /** `--timings`: the worker records its times and sends them with each finished segment. */
  timings?: boolean;
  /** A history scan's workers: each starts its first `git cat-file` at once (src/sources/object-spool.ts). */
  history?: boolean;
  /** The keyword prefilter's automaton, built once by the main thread for the same rules (else each worker builds its own). */
  automaton?: AutomatonTables;
}

/** A segment of blobs (every version of its files, in pack order) for a worker to read and scan. */
export interface WorkerRequest {
  segment: number;
  tasks: BlobTask[];
  /** Read from the packs in this process (src/scan/packed-scan.ts), not through `git cat-file`. */
  packed?: PackedSource;
}

/** A run of working-tree files (contiguous in listing order) for a worker to read and scan. */
export interface FileBatchRequest {
  kind: 'files';
  batch: number;
  root: string;
  paths: ListedPath[];
  maxFileSize: number;
}

/** What a worker sends back: progress, a finished segment, or an error. */
export type WorkerReply =
  | { type: 'progress'; blobs: number; bytes: number }
  | { type: 'done'; segment: number; result: SegmentResult }
  | { type: 'error'; segment: number; code: string; message: string }
  | { type: 'files-done'; batch: number; result: FileTally };
