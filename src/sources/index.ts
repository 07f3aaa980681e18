/**
 * src/sources: where the text of a scan comes from. Working-tree files (`listGitFiles`,
 * `listPlainFiles`, `fileSource`), staged changes (`listStagedChanges`), commit logs
 * (`streamCommitLog`), raw diffs, tags, refs and blobs (`CatFileReader`: `git cat-file --batch`),
 * decoded to text (`decodeText`). A source yields `SourceItem`s: a `Chunk { text, origin }`, or a
 * skipped path with its reason. Git runs through `spawnGit` / `git` here.
 *
 * Imports src/engine (types) only; never cli, store, fix, rotate, action, report, scan or
 * verify (eslint.config.js). This file is the room's door.
 */

export type { SourceItem, SkipReason, SourceCounters } from './source.js';
export { fileSource, type FileSourceOptions } from './file-source.js';
export { listGitFiles, listGitPaths, listPlainFiles, listPlainPaths, readUnleakIgnore } from './list-files.js';
export { displayPath, listedPath, type ListedPath } from './display-path.js';
export { git, gitTopLevel } from './git-exec.js';
export { looksBinary, decodeText } from './decode-text.js';
export { spawnGit, gitRun, gitBytes, gitRecords, gitFailed, type GitProcess, type GitSpawnOptions } from './git-process.js';
export { withPorcelainGit } from './porcelain-git.js';
export { CatFileParser, type GitObject } from './cat-file-parser.js';
export { CatFileReader, readObjects } from './cat-file.js';
export { BufferPool, threadPool } from './buffer-pool.js';
export { ObjectSpool, type SpoolRequest } from './object-spool.js';
export { PackObjects, packedObjectsDir, likelyPacked, type PackedBlob } from './pack-objects.js';
export { parseRawDiff, parseRawMeta, isRegularFile, isNullOid, type RawChange } from './raw-diff.js';
export { CommitLogParser, streamCommitLog, LOG_FORMAT, WALK_ORDER, type LogCommit } from './commit-log.js';
export { repoInfo, shallowBoundary, gitDirWithoutWorkTree, noWorkTreeError, type RepoInfo } from './repo-info.js';
export { listStagedChanges, classifyStaged, type StagedFile, type StagedListing } from './staged-changes.js';
export { startHistoryGit, startTreeGit } from './git-start.js';
export { takeEarly } from './early-answers.js';
export { packOrder, listPackOrder, orderWanted, type SizedBlob, type PackListing } from './pack-order.js';
export { parseTagObject, gitDateToIso, type TagObject } from './tag-object.js';
export { listRefTargets, resolveRefTarget, listTreeFiles, type RefTarget, type TreeFile } from './ref-targets.js';
