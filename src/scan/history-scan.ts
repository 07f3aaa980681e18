import { availableParallelism } from 'node:os';
import { UnleakError } from '../errors.js';
import type { Finding } from '../engine/index.js';
import type { ScanResult, ScanStats } from '../report/index.js';
import { decodeText, listPackOrder, orderWanted, readObjects, repoInfo, shallowBoundary, streamCommitLog, type GitSpawnOptions, type PackListing } from '../sources/index.js';
import { attribute, withCommit, type Candidate } from './attribution.js';
import type { BlobHit, BlobTask, SegmentResult } from './blob-scan.js';
import { emptyStats, setupPaths, type GitScanOptions } from './git-options.js';
import { cappedNotes, gitScanResult } from './git-result.js';
import { IntroIndex, maskSubject, type CommitMeta, type Place } from './intro-index.js';
import { newFindings } from './novelty.js';
import { prepareScan, type ScanSetup } from './prepare.js';
import { ProgressBar } from './progress.js';
import { resolveRange, shallowBoundaryError, type ScanRange } from './range-revs.js';
import type { GitContext } from './staged-scan.js';
import { scanText, type TextScanner } from './text-scanner.js';
import { HistoryWorkers, scanSegments, segmentsOf } from './worker-pool.js';
import type { WorkerInit } from './worker-protocol.js';

/** The path history findings in commit messages carry. */
export const MESSAGE_PATH = '<commit message>';

/** A history or range scan's context: where, and where the progress bar goes (a TTY's stderr, or nowhere). */
export interface HistoryContext extends GitContext {
  progress?: (text: string) => void;
}

function parseJobs(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UnleakError('UNLEAK_USAGE', `--jobs takes a whole number of at least 1, got "${value}"`);
  return jobs;
}

function refArgs(refs: readonly string[] | undefined): string[] {
  if (!refs?.length) return ['--all'];
  const bad = refs.find((ref) => ref.startsWith('-'));
  if (bad) throw new UnleakError('UNLEAK_USAGE', `--ref takes branch, tag or commit names, got "${bad}"`);
  return [...refs];
}

/**
 * `unleak scan --history` (every commit of every ref, or of `--ref`) and `--range A..B` (every
 * commit in the range, one by one). One streamed `git log --raw` walk, oldest first, maps each
 * blob to the commits that introduced it and scans the commit messages; then every unique blob is
 * read once, in pack order, by `git cat-file --batch` processes on worker threads, and scanned
 * once; each finding is then attributed to its introducing commit.
 */
export async function historyScan(options: GitScanOptions, context: HistoryContext): Promise<ScanResult> {
  const started = performance.now();
  const git: GitSpawnOptions = { cwd: context.cwd, env: context.env };
  if (options.ref?.length && !options.history) throw new UnleakError('UNLEAK_USAGE', '--ref goes with --history');
  const jobs = parseJobs(options.jobs);
  const repo = await repoInfo(git);
  const setup = prepareScan(repo.top, setupPaths(context.cwd, repo.top, options));
  const scanner: TextScanner = { ruleSet: setup.ruleSet, allowlist: setup.allowlist, maxDecodeDepth: setup.config.maxDecodeDepth };
  const range = options.range !== undefined ? await resolveRange(options.range, repo, git) : undefined;
  const stats = emptyStats(range ? 'range' : 'history', setup.rules.length);
  const notes: string[] = [];
  const boundary = repo.shallow ? shallowBoundary(repo.commonDir) : new Set<string>();

  const listing = listPackOrder(git);
  listing.catch(() => undefined);
  const init = { rules: setup.ruleInputs, allowlist: setup.config.allowlist, maxDecodeDepth: setup.config.maxDecodeDepth, git };
  let workers: HistoryWorkers | undefined;
  let asked = false;
  const startWorkers = () => {
    if (!asked) workers = HistoryWorkers.start(jobs, init);
    asked = true;
    return workers;
  };
  if (!range) startWorkers();
  try {
    return await walkAndScan(options, context, { setup, scanner, range, stats, notes, boundary, listing, startWorkers, init, started });
  } finally {
    await workers?.close();
  }
}

interface ScanPlan {
  setup: ScanSetup;
  scanner: TextScanner;
  range: ScanRange | undefined;
  stats: ScanStats;
  notes: string[];
  boundary: Set<string>;
  listing: Promise<PackListing>;
  /** The worker threads: started before the walk for a history scan, on demand for a (usually small) range. */
  startWorkers: () => HistoryWorkers | undefined;
  init: WorkerInit;
  started: number;
}

async function walkAndScan(options: GitScanOptions, context: HistoryContext, plan: ScanPlan): Promise<ScanResult> {
  const { setup, scanner, range, stats, notes, boundary, init, started } = plan;
  const git = init.git;
  const index = new IntroIndex(range !== undefined);
  const candidates: Candidate[] = [];
  for await (const commit of streamCommitLog(['--date-order', '--reverse', ...(range ? range.revArgs : refArgs(options.ref))], git)) {
    if (range && boundary.has(commit.oid)) throw shallowBoundaryError(options.range ?? '', commit.oid);
    const at = index.add(commit);
    const meta = index.commits[at] as CommitMeta;
    const found = scanText(scanner, { text: commit.message, origin: { path: MESSAGE_PATH } });
    if (found.length) meta.subject = maskSubject(meta.subject, found);
    for (const finding of found) candidates.push({ commit: at, place: `msg\u0000${at}`, finding: withCommit(finding, meta) });
  }
  if (!range && boundary.size) notes.push(`shallow clone: history behind ${boundary.size} boundary commit${boundary.size === 1 ? '' : 's'} was not fetched and is not scanned; blobs first seen at the boundary are attributed to it`);

  const tasks = await blobTasks(index, setup, await plan.listing, stats, notes);
  const totalBytes = tasks.reduce((sum, task) => sum + Math.max(task.size, 0), 0);
  const bar = context.progress && tasks.length ? new ProgressBar(context.progress, tasks.length, totalBytes) : undefined;
  let results: SegmentResult[];
  try {
    const workers = segmentsOf(tasks, 2).length > 1 ? plan.startWorkers() : undefined;
    results = await scanSegments(segmentsOf(tasks, workers?.size ?? 1), { workers, init, scanner, onProgress: (blobs, bytes) => bar?.advance(blobs, bytes) });
  } finally {
    bar?.finish();
  }
  const hits: BlobHit[] = [];
  for (const result of results) {
    for (const hit of result.hits) hits.push(hit);
    stats.filesScanned += result.scanned;
    stats.bytesScanned += result.bytes;
    stats.skippedBinary += result.binary;
    stats.skippedUnreadable += result.missing.length;
    for (const oid of result.missing) notes.push(`blob ${oid} is missing from the object store (a partial clone?)`);
  }
  stats.commitsScanned = index.commits.length;
  stats.blobsScanned = stats.filesScanned + stats.skippedBinary;
  candidates.push(...(range ? await rangeCandidates(hits, index, git, setup.maxFileSize) : historyCandidates(hits, index)));
  return gitScanResult(setup, attribute(candidates, { perCommit: range !== undefined }), stats, cappedNotes(notes), started);
}

async function blobTasks(index: IntroIndex, setup: ScanSetup, listing: PackListing, stats: ReturnType<typeof emptyStats>, notes: string[]): Promise<BlobTask[]> {
  const ignored = await unleakIgnore(setup.root);
  const pathsOf = new Map<string, string[]>();
  for (const [oid, places] of index.blobs) {
    const paths = [...new Set(places.map((place) => place.path))].filter((path) => !setup.allowlist.allowsPath(path) && !ignored?.(path));
    if (paths.length) pathsOf.set(oid, paths);
  }
  const tasks: BlobTask[] = [];
  for (const blob of orderWanted(listing, new Set(pathsOf.keys()))) {
    const paths = pathsOf.get(blob.oid) as string[];
    if (blob.size > setup.maxFileSize) {
      stats.skippedTooLarge += 1;
      notes.push(`${paths[0]} (blob ${blob.oid.slice(0, 12)}): ${(blob.size / 1024 / 1024).toFixed(1)} MB, over the size limit`);
      continue;
    }
    tasks.push({ oid: blob.oid, size: blob.size, paths });
  }
  return tasks;
}

async function unleakIgnore(top: string): Promise<((path: string) => boolean) | undefined> {
  const { readUnleakIgnore } = await import('../sources/list-files.js');
  const ignore = readUnleakIgnore(top);
  return ignore ? (path) => ignore.ignores(path) : undefined;
}

function historyCandidates(hits: readonly BlobHit[], index: IntroIndex): Candidate[] {
  const candidates: Candidate[] = [];
  for (const hit of hits) {
    const places = index.blobs.get(hit.oid) ?? [];
    for (const { path, findings } of hit.found) {
      for (const place of places) {
        if (place.path !== path) continue;
        const meta = index.commits[place.commit];
        if (meta) for (const finding of findings) candidates.push({ commit: place.commit, place: `${hit.oid}\u0000${path}`, finding: withCommit(finding, meta) });
      }
    }
  }
  return candidates;
}

/**
 * Range findings: each commit is judged against its parent(s): a secret counts for a commit when
 * it sits on a line the commit added and the parent's version of the file did not hold it.
 */
async function rangeCandidates(hits: readonly BlobHit[], index: IntroIndex, git: GitSpawnOptions, maxFileSize: number): Promise<Candidate[]> {
  const needed = new Set<string>();
  for (const hit of hits) {
    needed.add(hit.oid);
    for (const place of index.blobs.get(hit.oid) ?? []) for (const oid of place.oldOids) needed.add(oid);
  }
  const texts = new Map<string, string>();
  for await (const object of readObjects([...needed], { ...git, maxContentSize: maxFileSize })) {
    if (object.content) texts.set(object.oid, decodeText(object.content));
  }
  const candidates: Candidate[] = [];
  for (const hit of hits) {
    const next = texts.get(hit.oid) ?? '';
    for (const { path, findings } of hit.found) {
      for (const place of index.blobs.get(hit.oid) ?? []) {
        if (place.path !== path) continue;
        const meta = index.commits[place.commit];
        if (!meta) continue;
        for (const finding of newInPlace(findings, place, texts, next)) candidates.push({ commit: place.commit, place: `${hit.oid}\u0000${path}\u0000${place.commit}`, finding: withCommit(finding, meta) });
      }
    }
  }
  return candidates;
}

function newInPlace(findings: Finding[], place: Place, texts: ReadonlyMap<string, string>, next: string): Finding[] {
  let kept = findings;
  for (const oid of place.oldOids) kept = newFindings(kept, texts.get(oid), next);
  return kept;
}
