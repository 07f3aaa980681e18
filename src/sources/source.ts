import type { Chunk } from '../engine/index.js';

/** Why a file was not scanned. */
export type SkipReason = 'binary' | 'too-large' | 'unreadable' | 'other';

/** What a source yields: a chunk to scan, or a path it skipped and why. */
export type SourceItem = { kind: 'chunk'; chunk: Chunk; bytes: number } | { kind: 'skip'; path: string; reason: SkipReason; note?: string };

/** Counts a source can report beyond its items (commits walked, blobs read). */
export interface SourceCounters {
  commits?: number;
  blobs?: number;
}
