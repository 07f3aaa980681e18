import { UnleakError } from '../errors.js';
import { threadTimings, type Finding } from '../engine/index.js';
import type { ScanResult, ScanStats } from '../report/index.js';
import {
  decodeText,
  listPackOrder,
  ObjectSpool,
  PackObjects,
  packedObjectsDir,
  orderWanted,
  readObjects,
  repoInfo,
  shallowBoundary,
  streamCommitLog,
  WALK_ORDER,
  takeEarly,
  type GitSpawnOptions,
  type PackListing,
  type RepoInfo,
} from '../sources/index.js';
import { attribute, withCommit, type Candidate } from './attribution.js';
import type { BlobHit, BlobTask, SegmentResult } from './blob-scan.js';
import { DEFAULT_BASELINE, emptyStats, setupPaths, type GitScanOptions } from './git-options.js';
import { headSettings } from './head-config.js';
import { parseJobs } from './jobs.js';
import { cappedNotes, gitScanResult } from './git-result.js';
import { IntroIndex, maskSubject, type CommitMeta, type Place } from './intro-index.js';
import { newFindings } from './novelty.js';
import { fingerprinterFor } from '../filters/index.js';
import { prepareScan, type ScanSetup } from './prepare.js';
import { ProgressBar } from './progress.js';
import { resolveRange, shallowBoundaryError, type ScanRange } from './range-revs.js';
import type { GitContext } from './git-context.js';
import { scanText, type TextScanner } from './text-scanner.js';
import { unreadableError } from './unread-content.js';
import { planRefs, type RefExtra, type RefPlan } from './tag-walk.js';
import { HistoryWorkers, scanSegments, segmentsOf } from './worker-pool.js';
import type { WorkerInit } from './worker-protocol.js';

/** The path history findings in commit messages carry. */
export const MESSAGE_PATH = '<commit message>';

/** The path history findings in annotated tag messages carry. */
export const TAG_MESSAGE_PATH = '<tag message>';

/** A history or range scan's context: where, and where the progress bar goes (a TTY's stderr, or nowhere). */
export interface HistoryContext extends GitContext {
  progress?: (text: string) => void;
}

function refArgs(refs: readonly string[] | undefined): string[] | undefined {
  if (!refs?.length) return undefined;
  const bad = refs.find((ref) => ref.startsWith('-'));
  if (bad) throw new UnleakError('UNLEAK_USAGE', `--ref takes branch, tag or commit names, got "${bad}"`);
  return [...refs];
}

/**
 * Puts an annotated tag, or a ref naming a blob or tree, into the index after the commits, as
 * one more "commit" (the tag object: tagger, date, `tag NAME: subject`) that introduced the
 * blobs only it reaches; scans the tag's message (path `<tag message>`).
 */
function addRefExtra(extra: RefExtra, index: IntroIndex, scanner: TextScanner): Candidate[] {
  const message = extra.message ?? '';
  const changes = extra.files.map((file) => ({
    status: 'A',
    newMode: '100644',
    newOid: file.oid,
    oldModes: [],
    oldOids: [],
    path: file.path,
  }));
  const at = index.add({
    oid: extra.oid,
    parents: [],
    author: extra.tagger?.name ?? '',
    email: extra.tagger?.email ?? '',
    date: extra.tagger?.date ?? '',
    message,
    changes,
  });
  const meta = index.commits[at] as CommitMeta;
  const found = extra.message === undefined ? [] : scanText(scanner, { text: message, origin: { path: TAG_MESSAGE_PATH } });
  meta.subject = `${extra.name.startsWith('refs/') ? 'ref' : 'tag'} ${extra.name}${meta.subject || found.length ? `: ${maskSubject(meta.subject, found)}` : ''}`;
  return found.map((finding) => ({ commit: at, place: `msg\u0000${at}`, finding: withCommit(finding, meta) }));
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
  const repo = await repoInfo(git);
  const packed = options.range === undefined ? packedObjectsDir(repo.commonDir, context.env) : undefined;
  const jobs = parseJobs(options.jobs, packed ? 'packs' : true);
  const notes: string[] = [];
  const { setup, ignored } = await settingsOf(repo, options, context, notes);
  const scanner: TextScanner = { ruleSet: setup.ruleSet, allowlist: setup.allowlist, maxDecodeDepth: setup.config.maxDecodeDepth };
  const range = options.range !== undefined ? await resolveRange(options.range, repo, git) : undefined;
  const stats = emptyStats(range ? 'range' : 'history', setup.rules.length);
  const boundary = repo.shallow ? shallowBoundary(repo.commonDir) : new Set<string>();

  const listing = listPackOrder(git);
  listing.catch(() => undefined);
  // This thread's blob reader, started while the process is small (by the CLI, else now; see ObjectSpool); closed by the scan, or below.
  const early = range ? undefined : await takeEarly<ObjectSpool | undefined>('spool', git);
  if (packed) early?.close();
  const reader = range || packed ? undefined : (early ?? ObjectSpool.open(git));
  const init = {
    rules: setup.ruleInputs,
    allowlist: setup.config.allowlist,
    maxDecodeDepth: setup.config.maxDecodeDepth,
    git,
    timings: threadTimings() !== undefined,
  };
  let workers: HistoryWorkers | undefined;
  let asked = false;
  let closed = false;
  const startWorkers = () => {
    if (!asked && !closed)
      workers = HistoryWorkers.start(jobs, {
        ...init,
        history: !packed,
        automaton: jobs > 1 ? setup.ruleSet.prefilter.automatonTables() : undefined,
      });
    asked = true;
    return workers;
  };
  // `--jobs N` always runs N workers; by default a small object store is scanned on this thread.
  const forced = options.jobs !== undefined;
  if (!range && forced) startWorkers();
  else if (!range)
    listing.then(
      (listed) => listedBytes(listed) >= WORKERS_FROM_BYTES && startWorkers(),
      () => undefined,
    );
  try {
    return await walkAndScan(options, context, {
      setup,
      scanner,
      ignored,
      range,
      stats,
      notes,
      boundary,
      listing,
      startWorkers,
      workersFromBytes: forced ? 0 : WORKERS_FROM_BYTES,
      init,
      started,
      reader,
      packed,
    });
  } finally {
    closed = true;
    reader?.close();
    await workers?.close();
  }
}

/**
 * Below this many bytes of blobs (without `--jobs`), a history is scanned on the main thread:
 * starting a worker (module load, rule compilation: ~0.1 s of CPU each) costs more than the
 * second core saves on a few MB.
 */
const WORKERS_FROM_BYTES = 8 * 1024 * 1024;

function listedBytes(listing: PackListing): number {
  let bytes = 0;
  for (let i = 0; i < listing.count; i++) bytes += listing.sizes[i] as number;
  return bytes;
}

/**
 * Config, allowlist, baseline and `.unleakignore`: from the work tree's top, or, in a bare
 * repository, from HEAD's tree (a note says which files were used). Reported paths and the
 * SARIF root are the top (the git directory when bare).
 */
async function settingsOf(
  repo: RepoInfo,
  options: GitScanOptions,
  context: HistoryContext,
  notes: string[],
): Promise<{ setup: ScanSetup; ignored: PathFilter | undefined }> {
  if (repo.workTree)
    return { setup: prepareScan(repo.top, setupPaths(context.cwd, repo.top, options)), ignored: await unleakIgnore(repo.top) };
  const settings = await headSettings({ cwd: context.cwd, env: context.env });
  try {
    const setup = prepareScan(settings.dir, setupPaths(context.cwd, settings.dir, options));
    const used = settings.found.filter(
      (name) => !(name === DEFAULT_BASELINE && options.baseline) && !(name.startsWith('.unleak.y') && options.config),
    );
    notes.push(
      `no work tree: ${used.length ? `${used.join(', ')} read from HEAD's tree` : 'HEAD has no .unleak.yaml, .unleakignore or baseline, so the defaults apply'}`,
    );
    return {
      setup: { ...setup, root: repo.top, fingerprints: fingerprinterFor(repo.top, { env: context.env }) },
      ignored: await unleakIgnore(settings.dir),
    };
  } finally {
    settings.remove();
  }
}

type PathFilter = (path: string) => boolean;

interface ScanPlan {
  setup: ScanSetup;
  scanner: TextScanner;
  /** `.unleakignore`, read before the scan starts. */
  ignored: PathFilter | undefined;
  range: ScanRange | undefined;
  stats: ScanStats;
  notes: string[];
  boundary: Set<string>;
  listing: Promise<PackListing>;
  /** The worker threads: started during the walk for a history scan whose object store holds enough bytes, on demand for a range. */
  startWorkers: () => HistoryWorkers | undefined;
  /** Fewer bytes to scan than this: no workers. */
  workersFromBytes: number;
  init: WorkerInit;
  started: number;
  /** This thread's blob reader, started early. */
  reader: ObjectSpool | undefined;
  /** The object store, when its packs are read in this process (not through git). */
  packed: string | undefined;
}

async function walkAndScan(options: GitScanOptions, context: HistoryContext, plan: ScanPlan): Promise<ScanResult> {
  const { setup, scanner, range, stats, notes, boundary, init, started } = plan;
  const git = init.git;
  const index = new IntroIndex(range !== undefined);
  const candidates: Candidate[] = [];
  const walkStarted = performance.now();
  const refs = range ? undefined : await planRefs(refArgs(options.ref), git);
  const revs = range ? range.revArgs : (refs as RefPlan).logRevs;
  for await (const commit of revs.length ? streamCommitLog([...WALK_ORDER, ...revs], git) : []) {
    if (range && boundary.has(commit.oid)) throw shallowBoundaryError(options.range ?? '', commit.oid);
    const at = index.add(commit);
    const meta = index.commits[at] as CommitMeta;
    const found = scanText(scanner, { text: commit.message, origin: { path: MESSAGE_PATH } });
    if (found.length) meta.subject = maskSubject(meta.subject, found);
    for (const finding of found) candidates.push({ commit: at, place: `msg\u0000${at}`, finding: withCommit(finding, meta) });
  }
  const commits = index.commits.length;
  threadTimings()?.addPhase('history walk', performance.now() - walkStarted);
  for (const extra of refs?.extras ?? []) candidates.push(...addRefExtra(extra, index, scanner));
  if (!range && boundary.size)
    notes.push(
      `shallow clone: history behind ${boundary.size} boundary commit${boundary.size === 1 ? '' : 's'} was not fetched and is not scanned; blobs first seen at the boundary are attributed to it`,
    );

  const listing = await plan.listing;
  const tasks = blobTasks(index, setup, plan.ignored, listing, stats, notes);
  const candidate = plan.packed === undefined ? undefined : { objectsDir: plan.packed, idBytes: listing.idBytes };
  const packed = candidate && linkDeltaBases(tasks, candidate) ? candidate : undefined;
  const totalBytes = tasks.reduce((sum, task) => sum + Math.max(task.size, 0), 0);
  const bar = context.progress && tasks.length ? new ProgressBar(context.progress, tasks.length, totalBytes) : undefined;
  let results: SegmentResult[];
  try {
    const pair = segmentsOf(tasks, 2);
    const workers = pair.length > 1 && totalBytes >= plan.workersFromBytes ? plan.startWorkers() : undefined;
    // Segments hold whole files (every version of each) in pack order (git reads it fastest, many times faster than file by file); inside one, each version of a file is scanned only on the lines a version of it read before does not have.
    const jobs = workers?.size ?? 1;
    results = await scanSegments(jobs === 2 ? pair : segmentsOf(tasks, jobs), {
      workers,
      init,
      scanner,
      onProgress: (blobs, bytes) => bar?.advance(blobs, bytes),
      started: plan.reader,
      packed,
    });
  } finally {
    bar?.finish();
  }
  const hits: BlobHit[] = [];
  const unread: string[] = [...(refs?.unread ?? [])];
  stats.skippedUnreadable += unread.length;
  for (const result of results) {
    if (result.timings) threadTimings()?.merge(result.timings);
    for (const hit of result.hits) hits.push(hit);
    stats.filesScanned += result.scanned;
    stats.bytesScanned += result.bytes;
    stats.skippedBinary += result.binary;
    stats.skippedUnreadable += result.missing.length;
    unread.push(...result.missing.map((oid) => describeBlob(oid, index)));
  }
  if (unread.length && !options.skipUnreadable) throw unreadableError('blob', unread);
  for (const blob of unread) notes.push(`not scanned: ${blob} (missing or corrupt in the object store)`);
  stats.commitsScanned = commits;
  stats.blobsScanned = stats.filesScanned + stats.skippedBinary;
  for (const candidate of range ? await rangeCandidates(hits, index, git, setup.maxFileSize) : historyCandidates(hits, index))
    candidates.push(candidate);
  return gitScanResult(setup, attribute(candidates, { perCommit: range !== undefined }), stats, cappedNotes(notes), started);
}

/** A blob rebuilt from a delta costs about this many times less than one scanned whole (copying it, and its few fresh lines). */
const DELTA_COST = 20;

/**
 * Reading the packs here pays while the deltas of scanned blobs add little (a history of edits: a
 * few percent of the bytes); where they add most of their blobs' bytes (generated or rewritten
 * files), the blobs are scanned nearly whole anyway, and `git cat-file` rebuilding them on another
 * core costs the scan less than rebuilding them here (the synthetic benchmark history: deltas of
 * 81% of the bytes, 11.6 s read here against 8.2 s through git).
 */
const MAX_DELTA_SHARE = 0.15;

/**
 * Links each blob to the blob it is stored as a delta of, when that one is to be scanned too: a
 * segment then holds every blob of a chain of deltas (segmentsOf), and a blob is scanned only
 * around its fresh bytes (src/scan/packed-scan.ts). Blobs built on none of the scanned blobs are
 * left unlinked (scanned whole). False (nothing linked) when the packs are better read through git
 * (MAX_DELTA_SHARE) or cannot be read.
 */
function linkDeltaBases(tasks: BlobTask[], source: { objectsDir: string; idBytes: number }): boolean {
  const packs = PackObjects.open(source.objectsDir, source.idBytes);
  if (!packs) return false;
  try {
    const oidAt = new Map<number, string>();
    let bytes = 0;
    for (const task of tasks) {
      const at = packs.locate(task.oid);
      if (at !== undefined) oidAt.set(at, task.oid);
      bytes += Math.max(task.size, 0);
    }
    const links = new Map<BlobTask, string>();
    let deltaBytes = 0;
    // Read git's way as soon as the deltas are known to add too much: the headers of the rest are not read (~100 ms of 15,000 blobs).
    const most = bytes * MAX_DELTA_SHARE;
    for (const task of tasks) {
      if (deltaBytes > most) return false;
      let delta: { base: number; bytes: number } | undefined;
      try {
        delta = packs.deltaOf(task.oid);
      } catch {
        delta = undefined;
      }
      const base = delta === undefined ? undefined : oidAt.get(delta.base);
      if (delta === undefined || base === undefined) continue;
      links.set(task, base);
      deltaBytes += delta.bytes;
    }
    if (deltaBytes > most) return false;
    for (const [task, base] of links) {
      task.deltaBase = base;
      task.weight = task.size / DELTA_COST;
    }
    return true;
  } finally {
    packs.close();
  }
}

/** A blob for a message: its id, a path it had and the commit that introduced it there. */
function describeBlob(oid: string, index: IntroIndex): string {
  const place = index.blobs.get(oid)?.[0];
  const commit = place ? index.commits[place.commit]?.oid.slice(0, 12) : undefined;
  return `blob ${oid.slice(0, 12)}${place ? ` (${place.path}${commit ? ` in commit ${commit}` : ''})` : ''}`;
}

function blobTasks(
  index: IntroIndex,
  setup: ScanSetup,
  ignored: PathFilter | undefined,
  listing: PackListing,
  stats: ReturnType<typeof emptyStats>,
  notes: string[],
): BlobTask[] {
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
    const base = index.bases.get(blob.oid);
    tasks.push(base === undefined ? { oid: blob.oid, size: blob.size, paths } : { oid: blob.oid, size: blob.size, paths, base });
  }
  return tasks;
}

async function unleakIgnore(top: string): Promise<PathFilter | undefined> {
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
        if (meta)
          for (const finding of findings)
            candidates.push({ commit: place.commit, place: `${hit.oid}\u0000${path}`, finding: withCommit(finding, meta) });
      }
    }
  }
  return candidates;
}

/**
 * Range findings: each commit is judged against its parent(s): a secret counts for a commit when
 * it sits on a line the commit added and the parent's version of the file did not hold it.
 */
async function rangeCandidates(
  hits: readonly BlobHit[],
  index: IntroIndex,
  git: GitSpawnOptions,
  maxFileSize: number,
): Promise<Candidate[]> {
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
        for (const finding of newInPlace(findings, place, texts, next))
          candidates.push({
            commit: place.commit,
            place: `${hit.oid}\u0000${path}\u0000${place.commit}`,
            finding: withCommit(finding, meta),
          });
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
