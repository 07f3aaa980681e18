import type { RuleToCompile } from '../engine/index.js';
import type { AllowlistConfig } from '../filters/index.js';
import type { GitSpawnOptions } from '../sources/index.js';
import type { BlobTask, SegmentResult } from './blob-scan.js';

/** What a history worker is started with: the resolved rules (with engines), the allowlist and git's folder and env. */
export interface WorkerInit {
  rules: RuleToCompile[];
  allowlist: AllowlistConfig;
  maxDecodeDepth: number;
  git: GitSpawnOptions;
}

/** A segment of blobs (contiguous in pack order) for a worker to read and scan. */
export interface WorkerRequest {
  segment: number;
  tasks: BlobTask[];
}

/** What a worker sends back: progress, a finished segment, or an error. */
export type WorkerReply =
  | { type: 'progress'; blobs: number; bytes: number }
  | { type: 'done'; segment: number; result: SegmentResult }
  | { type: 'error'; segment: number; code: string; message: string };
