#!/usr/bin/env node
// npm run bench: scan time against a single-thread ripgrep keyword pass over the same tree (`rg -j1`,
// the rules' keywords as fixed strings, case-insensitive) and a keyword-only RegExp pass in memory,
// and peak memory; then two hostile shapes (a 10 MB minified bundle full of `\n` escapes on one
// line, a file with 200,000 matches), each as a throughput ratio against the tree's, measured in
// the same run.
// Usage: node scripts/bench-scan.mjs [--size-mb 100] [--dir .bench/tree] [--only tree|shapes]
import { mkdirSync, writeFileSync, existsSync, readFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sourceLineMaker } from './source-lines.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizeMb = Number(flag('--size-mb', '100'));
const dir = flag('--dir', '.bench/tree');
const only = flag('--only', undefined);

if (!existsSync('dist/cli.js')) execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });

// Deterministic pseudo-random source so every run scans the same tree.
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = (list) => list[Math.floor(rand() * list.length)];
const WORDS =
  'user account request response handler value config server client token session cache query result error message buffer stream index record field table column schema model service route module export import default return async await const function class interface type string number boolean object array promise callback listener event option setting key name id data input output file path url host port timeout retry limit offset page size count total status code header body json yaml parse render update delete create insert select where order group'.split(
    ' ',
  );
const line = sourceLineMaker(rand, WORDS, { xml: true });
const EXT = ['js', 'ts', 'py', 'go', 'yaml', 'json', 'xml', 'md'];

function generate() {
  const marker = join(dir, `.generated-${sizeMb}`);
  if (existsSync(marker)) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const target = sizeMb * 1024 * 1024;
  let written = 0;
  let file = 0;
  while (written < target) {
    const lines = [];
    const lineCount = 200 + Math.floor(rand() * 1800);
    for (let i = 0; i < lineCount; i++) lines.push(line());
    if (file % 500 === 7)
      lines.splice(
        Math.floor(lineCount / 2),
        0,
        `AWS_ACCESS_KEY_ID=AKIA${'QWERTYUIOPASDFGH'
          .split('')
          .sort(() => rand() - 0.5)
          .join('')
          .slice(0, 16)}`,
      );
    const text = `${lines.join('\n')}\n`;
    const sub = join(dir, `pkg${Math.floor(file / 100)}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `file${file}.${pick(EXT)}`), text);
    written += Buffer.byteLength(text);
    file += 1;
  }
  writeFileSync(marker, '');
}

function allFiles(root) {
  const out = [];
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) out.push(...allFiles(path));
    else if (!name.startsWith('.')) out.push(path);
  }
  return out;
}

generate();
const files = allFiles(dir);
const texts = files.map((f) => readFileSync(f, 'utf8'));
const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
const mb = bytes / 1024 / 1024;

const rules = JSON.parse(
  execFileSync(process.execPath, ['dist/cli.js', 'rules', 'list', '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 }),
);
const keywords = [...new Set(rules.flatMap((r) => r.keywords))].sort((a, b) => b.length - a.length);
const alternation = new RegExp(keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'gi');

function keywordPass() {
  const started = performance.now();
  let hits = 0;
  for (const text of texts) {
    alternation.lastIndex = 0;
    while (alternation.exec(text) !== null) hits += 1;
  }
  return { seconds: (performance.now() - started) / 1000, hits };
}

const keywordFile = join('.bench', 'keywords.txt');
writeFileSync(keywordFile, `${keywords.join('\n')}\n`);

/** The keyword pass of ripgrep: one thread, every keyword as a fixed string, case-insensitive, every file (no ignore files). */
function ripgrepPass() {
  const started = performance.now();
  const res = spawnSync(
    'rg',
    ['-j1', '--fixed-strings', '--ignore-case', '--count-matches', '--no-ignore', '--no-messages', '-f', keywordFile, dir],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const seconds = (performance.now() - started) / 1000;
  if (res.error) return undefined;
  if (res.status !== 0 && res.status !== 1) throw new Error(`rg failed (${res.status}): ${res.stderr}`);
  const hits = res.stdout.split('\n').reduce((sum, row) => sum + (Number(row.slice(row.lastIndexOf(':') + 1)) || 0), 0);
  return { seconds, hits };
}

function fullScan(root = dir) {
  const started = performance.now();
  const res = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, 'dist/cli.js', 'scan', root, '--no-git', '--format', 'json', '--max-file-size', '50MB'],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  const seconds = (performance.now() - started) / 1000;
  if (res.status !== 0 && res.status !== 1) throw new Error(`scan failed (${res.status}): ${res.stderr}`);
  const peakKb = Number(res.stderr.trim().split('\n').at(-1));
  return { seconds, findings: JSON.parse(res.stdout).findings.length, peakMb: peakKb / 1024 };
}

const median = (runs) => runs.sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)];
// `--only shapes`: the tree scanned once, for the shapes' ratios.
const baselines = only !== 'shapes';
if (baselines) keywordPass();
const base = baselines ? median([keywordPass(), keywordPass(), keywordPass()]) : undefined;
// Interleaved, so a neighbour's load falls on both alike.
const rgRuns = [];
const scanRuns = [];
for (let run = 0; run < (baselines ? 3 : 1); run++) {
  const rg = baselines ? ripgrepPass() : undefined;
  if (rg) rgRuns.push(rg);
  scanRuns.push(fullScan());
}
const rg = rgRuns.length ? median(rgRuns) : undefined;
const scan = median(scanRuns);
const scanRate = mb / scan.seconds;
console.log(
  `tree: ${files.length} files, ${mb.toFixed(1)} MB, ${rules.length} rules, ${keywords.length} keywords (load average ${loadavg()[0].toFixed(1)})`,
);
if (rg)
  console.log(
    `ripgrep keyword pass (rg -j1 -F -i, from disk): ${(mb / rg.seconds).toFixed(1)} MB/s (${rg.seconds.toFixed(2)} s, ${rg.hits} keyword hits)`,
  );
else if (baselines) console.log('ripgrep keyword pass: rg not installed, skipped');
if (base)
  console.log(
    `keyword-only RegExp alternation (in memory): ${(mb / base.seconds).toFixed(1)} MB/s (${base.seconds.toFixed(2)} s, ${base.hits} keyword hits)`,
  );
console.log(
  `unleak scan (end to end: process start, file walk, read, scan, JSON report): ${scanRate.toFixed(1)} MB/s (${scan.seconds.toFixed(2)} s, ${scan.findings} findings)`,
);
if (rg) console.log(`time scan/ripgrep keyword pass: ${(scan.seconds / rg.seconds).toFixed(2)}x (target <= 4x)`);
if (base) console.log(`ratio scan/keyword-only RegExp: ${(base.seconds / scan.seconds).toFixed(2)} (target >= 0.50)`);
console.log(`peak RSS of the scan: ${scan.peakMb.toFixed(0)} MB (target < 300 MB)`);

// Hostile shapes: each must scan in linear time, so at a rate comparable to the tree's.
const SHAPE_MB = 10;
const MATCHES = 200_000;

/** One line of minified JS, `\n` and `\u` escapes in single- and double-quoted strings: what took 28 s for 540 KB. */
function minifiedBundle(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const word = pick(WORDS);
    const part = [
      `var ${word}${i}='<div class="${word}">\\n  <span>${pick(WORDS)}</span>\\n</div>';`,
      `e.exports=function(t,n){return t.replace(/\\n/g,"\\n").split("${word}\\u00e9")};`,
      `${word}${i}.push({"${word}":"${pick(WORDS)}\\n${pick(WORDS)}","n":${i}}),`,
      `throw new Error('${word} ${pick(WORDS)}:\\n'+${word}${i});`,
    ][i % 4];
    parts.push(part);
    size += part.length;
  }
  return parts.join('').slice(0, bytes);
}

/** A file with `count` AWS access key ids, one a line (random base32: a deterministic PRNG, no real key). */
function manyMatches(count) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const lines = [];
  for (let i = 0; i < count; i++) {
    let key = 'AKIA';
    for (let j = 0; j < 16; j++) key += alphabet[Math.floor(rand() * 32)];
    lines.push(`key_${i}=${key}`);
  }
  return `${lines.join('\n')}\n`;
}

function shapeDir(name, make) {
  const root = join('.bench', name);
  const marker = join(root, '.generated');
  if (!existsSync(marker)) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, name === 'minified' ? 'bundle.min.js' : 'keys.env'), make());
    writeFileSync(marker, '');
  }
  const file = readdirSync(root).find((entry) => !entry.startsWith('.'));
  return { root, mb: statSync(join(root, file)).size / 1024 / 1024 };
}

/** The first half of the lines of `.bench/matches/keys.env`: the same shape with half the matches. */
const halfOfMatches = () => {
  const lines = readFileSync(join('.bench', 'matches', 'keys.env'), 'utf8').split('\n');
  return `${lines.slice(0, MATCHES / 2).join('\n')}\n`;
};

const SHAPES = [
  [`minified bundle (${SHAPE_MB} MB, one line, \\n escapes)`, 'minified', () => minifiedBundle(SHAPE_MB * 1024 * 1024)],
  [`${MATCHES.toLocaleString('en')} matches`, 'matches', () => manyMatches(MATCHES)],
  [`${(MATCHES / 2).toLocaleString('en')} matches (the first half of the same file)`, 'matches-half', halfOfMatches],
];
const shapeRuns = new Map();
for (const [label, name, make] of only === 'tree' ? [] : SHAPES) {
  const shape = shapeDir(name, make);
  const run = median([fullScan(shape.root), fullScan(shape.root), fullScan(shape.root)]);
  shapeRuns.set(name, run);
  const rate = shape.mb / run.seconds;
  const perFinding = run.findings ? `, ${((run.seconds * 1e6) / run.findings).toFixed(1)} µs a finding end to end` : '';
  console.log(
    `${label}: ${rate.toFixed(1)} MB/s (${run.seconds.toFixed(2)} s, ${run.findings} findings${perFinding}, peak RSS ${run.peakMb.toFixed(0)} MB); ratio vs tree scan: ${(rate / scanRate).toFixed(2)} (linear: a constant, target >= 0.10)`,
  );
}
if (shapeRuns.has('matches') && shapeRuns.has('matches-half')) {
  const growth = shapeRuns.get('matches').seconds / shapeRuns.get('matches-half').seconds;
  console.log(`matches ×2 → time ×${growth.toFixed(2)} (linear: at most 2, process start included; quadratic: 4)`);
}
