#!/usr/bin/env node
// npm run bench:git: history-scan throughput against a bare `git cat-file --batch-all-objects
// --batch --unordered` read of the same repository, on a synthetic repository and on realistic
// ones (successive npm releases of express, lodash and typescript; a clone of this repository),
// with the 10 slowest rules of each (`scan --timings`); and pre-commit latency against
// `node -e 0`. Each ratio is measured in the same run (the machine may be shared: ratios are the result).
// Usage: node scripts/bench-git.mjs [--repo PATH] [--commits 5000] [--runs 3] [--latency-runs 15]
//        [--packages express=30,lodash=12,typescript@5=10] [--no-own-history] (realistic repositories)
//        [--only history|realistic|staged] [--no-build] [--cli PATH] (another build of the CLI)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildBenchRepo } from './bench-git-repo.mjs';
import { buildNpmReleasesRepo, cloneOwnHistory, parsePackages } from './bench-git-realistic.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const only = flag('--only', undefined);
const runs = Number(flag('--runs', '3'));
const latencyRuns = Number(flag('--latency-runs', '15'));
// `--cli PATH`: another build (e.g. a copy of dist/ from before a change) measured the same way, for a before/after in one
// sitting. Put the copy in a folder with a package.json (`<folder>/package.json`, `<folder>/dist/`): the CLI loads the
// rules of the package it finds above it, and would otherwise take this checkout's dist/builtin-rules.json.
const cli = resolve(flag('--cli', 'dist/cli.js'));
// An empty global git config for this run, never /dev/null: a `git config --global` write renames
// its lock file onto the target and would replace the machine's /dev/null with a file.
const globalGitConfig = join(mkdtempSync(join(tmpdir(), 'unleak-bench-gitconfig-')), 'config');
writeFileSync(globalGitConfig, '');
const gitEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: globalGitConfig,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.test',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.test',
};

// A fresh build: a stale dist/builtin-rules.json (a rule edited since) would send the CLI to the slow YAML path.
if ((!args.includes('--no-build') && !args.includes('--cli')) || !existsSync(cli))
  execFileSync(process.execPath, ['scripts/build.mjs', 'cli'], { stdio: 'inherit' });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () => loadavg()[0].toFixed(1);

function timed(program, argv, options = {}) {
  const started = performance.now();
  const ran = spawnSync(program, argv, { encoding: 'utf8', maxBuffer: 512 << 20, env: gitEnv, ...options });
  const ms = performance.now() - started;
  if (ran.status !== 0 && ran.status !== 1) throw new Error(`${program} ${argv.join(' ')} exited ${ran.status}: ${ran.stderr}`);
  return { ms, ran };
}

function uniqueBlobBytes(repo) {
  const out = execFileSync('git', ['cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectsize)', '--unordered'], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 512 << 20,
  });
  let bytes = 0;
  let blobs = 0;
  for (const row of out.split('\n')) {
    if (!row.startsWith('blob ')) continue;
    bytes += Number(row.slice(5));
    blobs += 1;
  }
  return { bytes, blobs };
}

async function syntheticBench() {
  const given = flag('--repo', undefined);
  const repo = given ? resolve(given) : resolve('.bench/git-history');
  let planted;
  if (!given) {
    const started = performance.now();
    ({ planted } = await buildBenchRepo(repo, { commits: Number(flag('--commits', '5000')) }));
    console.log(`\nsynthetic benchmark repository: ${repo} (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  historyBench(repo, { planted, target: 2.5 });
}

/** The realistic repositories, each with its ratio, then their sum (scan times over bare-read times). */
function realisticBench() {
  const packages = parsePackages(flag('--packages', undefined));
  const npm = resolve('.bench/git-npm-releases');
  let started = performance.now();
  buildNpmReleasesRepo(npm, { packages, env: gitEnv });
  const recipe = Object.entries(packages)
    .map(([name, count]) => `${name} x${count}`)
    .join(', ');
  console.log(
    `\nrealistic repository 1: ${npm}: npm releases ${recipe}, one commit per version (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  const measured = [historyBench(npm, { target: 3 })];
  if (!args.includes('--no-own-history')) {
    const own = resolve('.bench/git-own-history');
    started = performance.now();
    cloneOwnHistory('.', own, gitEnv);
    console.log(
      `\nrealistic repository 2: ${own}: a clone of this repository, scanned with its own .unleak.yaml (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    measured.push(historyBench(own, { target: 3 }));
    const bareS = measured.reduce((sum, m) => sum + m.bareS, 0);
    const scanS = measured.reduce((sum, m) => sum + m.scanS, 0);
    console.log(
      `\nrealistic repositories together: history scans ${scanS.toFixed(2)} s / bare reads ${bareS.toFixed(2)} s = ${(scanS / bareS).toFixed(2)} (target <= 3)`,
    );
  }
  console.log(
    `fixed cost of a history scan (start, rule compilation, workers) on a one-commit repository: ${fixedCostS().toFixed(2)} s (median of ${runs})`,
  );
}

/** How long `scan --history` takes where there is almost nothing to read: what every ratio above includes. */
function fixedCostS() {
  const dir = mkdtempSync(join(tmpdir(), 'unleak-bench-empty-'));
  const git = (...argv) => execFileSync('git', argv, { cwd: dir, env: gitEnv });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'a.txt'), 'hello\n');
  git('add', '-A');
  git('commit', '-qm', 'one');
  return median(Array.from({ length: runs }, () => timed(process.execPath, [cli, 'scan', '--history', '--quiet'], { cwd: dir }).ms)) / 1000;
}

/** The 10 slowest rules of one `scan --history --timings` run, and its phases. */
function printTimings(repo) {
  const { ran } = timed(process.execPath, [cli, 'scan', '--history', '--format', 'json', '--quiet', '--timings'], { cwd: repo });
  const { phases, rules } = JSON.parse(ran.stdout).stats.timings;
  const total = Object.values(rules).reduce((sum, ms) => sum + ms, 0);
  console.log(
    `phases (CPU ms summed over threads): ${Object.entries(phases)
      .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
      .join(', ')}`,
  );
  console.log(`top 10 rules by time (of ${Object.keys(rules).length}, ${total.toFixed(0)} ms in all):`);
  for (const [id, ms] of Object.entries(rules)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10))
    console.log(`  ${id.padEnd(40)} ${ms.toFixed(0).padStart(7)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)}%`);
}

function historyBench(repo, { planted, target }) {
  const commits = Number(execFileSync('git', ['rev-list', '--all', '--count'], { cwd: repo, encoding: 'utf8' }).trim());
  const { bytes, blobs } = uniqueBlobBytes(repo);
  const mb = bytes / 1024 / 1024;
  console.log(`history: ${commits} commits, ${blobs} blobs, ${mb.toFixed(0)} MB of unique blob data (load average ${load()})`);
  const bare = [];
  const scan = [];
  let peakMb = 0;
  let findings = 0;
  // /usr/bin/time's last stderr line: peak RSS (KB) and CPU seconds (user + sys, children included).
  const usage = (ran) => {
    const [kb, user, sys] = ran.stderr.trim().split('\n').at(-1).split(' ').map(Number);
    return { peakMb: kb / 1024, cpu: user + sys };
  };
  for (let i = 0; i < runs; i++) {
    const bareRun = timed(
      '/usr/bin/time',
      ['-f', '%M %U %S', 'sh', '-c', 'git cat-file --batch-all-objects --batch --unordered >/dev/null'],
      { cwd: repo },
    );
    bare.push({ ms: bareRun.ms, cpu: usage(bareRun.ran).cpu });
    const { ms, ran } = timed(
      '/usr/bin/time',
      ['-f', '%M %U %S', process.execPath, cli, 'scan', '--history', '--format', 'json', '--quiet'],
      { cwd: repo },
    );
    const used = usage(ran);
    scan.push({ ms, cpu: used.cpu });
    peakMb = Math.max(peakMb, used.peakMb);
    findings = JSON.parse(ran.stdout).findings.length;
  }
  const bareS = median(bare.map((r) => r.ms)) / 1000;
  const scanS = median(scan.map((r) => r.ms)) / 1000;
  const bareCpu = median(bare.map((r) => r.cpu));
  const scanCpu = median(scan.map((r) => r.cpu));
  console.log(
    `bare git cat-file --batch-all-objects --batch --unordered >/dev/null: ${bareS.toFixed(2)} s (${(mb / bareS).toFixed(0)} MB/s; ${bareCpu.toFixed(1)} s CPU)`,
  );
  console.log(
    `unleak scan --history (end to end): ${scanS.toFixed(2)} s, ${(mb / scanS).toFixed(0)} MB/s of unique blob data (${scanCpu.toFixed(1)} s CPU on ${availableParallelism()} cores), ${findings} findings${planted === undefined ? '' : ` (${planted} planted)`}, peak RSS ${peakMb.toFixed(0)} MB`,
  );
  console.log(
    `ratio history scan / bare read: ${(scanS / bareS).toFixed(2)} (target <= ${target}); CPU-time ratio ${(scanCpu / bareCpu).toFixed(2)}; load average ${load()}`,
  );
  printTimings(repo);
  return { bareS, scanS };
}

function stagedRepo() {
  const dir = mkdtempSync(join(tmpdir(), 'unleak-bench-staged-'));
  const git = (...argv) => execFileSync('git', argv, { cwd: dir, env: gitEnv });
  git('init', '-q', '-b', 'main');
  const body = (file, variant) =>
    Array.from({ length: 400 }, (_, i) => `export const value${file}_${i} = compute("${variant}-${file}-${i}", ${i});`).join('\n');
  for (let f = 0; f < 10; f++) writeFileSync(join(dir, `module${f}.ts`), `${body(f, 'a')}\n`);
  git('add', '-A');
  git('commit', '-qm', 'initial');
  for (let f = 0; f < 10; f++) {
    const lines = body(f, 'a').split('\n');
    for (let i = 0; i < 50; i++) lines[i * 8] = `export const changed${f}_${i} = compute("b-${f}-${i}", ${i * 2});`;
    writeFileSync(join(dir, `module${f}.ts`), `${lines.join('\n')}\n`);
  }
  git('add', '-A');
  const numstat = execFileSync('git', ['diff', '--cached', '--numstat'], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
  const changed = numstat.reduce((sum, row) => sum + Number(row.split('\t')[0]), 0);
  return { dir, files: numstat.length, changed };
}

function stagedBench() {
  const { dir, files, changed } = stagedRepo();
  console.log(`pre-commit: ${files} staged files, ${changed} changed lines (load average ${load()})`);
  timed(process.execPath, [cli, 'scan', '--staged', '--quiet'], { cwd: dir });
  const node = [];
  const unleak = [];
  for (let i = 0; i < latencyRuns; i++) {
    node.push(timed(process.execPath, ['-e', '0'], { cwd: dir }).ms);
    unleak.push(timed(process.execPath, [cli, 'scan', '--staged', '--quiet'], { cwd: dir }).ms);
  }
  const bare = median(node);
  const scan = median(unleak);
  console.log(`node -e 0: ${bare.toFixed(0)} ms (median of ${latencyRuns})`);
  console.log(`unleak scan --staged (end to end): ${scan.toFixed(0)} ms (median of ${latencyRuns})`);
  console.log(`ratio pre-commit scan / node start: ${(scan / bare).toFixed(2)} (target <= 2.5)`);
}

if (only === undefined || only === 'staged') stagedBench();
if (only === undefined || only === 'history') await syntheticBench();
if ((only === undefined && flag('--repo', undefined) === undefined) || only === 'realistic') realisticBench();
