#!/usr/bin/env node
// npm run bench: scan throughput against a keyword-only RegExp pass over the same bytes, and peak memory;
// then two hostile shapes (a 10 MB minified bundle full of `\n` escapes on one line, a file with
// 200,000 matches), each as a throughput ratio against the tree's, measured in the same run.
// Usage: node scripts/bench-scan.mjs [--size-mb 100] [--dir .bench/tree]
import { mkdirSync, writeFileSync, existsSync, readFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { sourceLineMaker } from './source-lines.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizeMb = Number(flag('--size-mb', '100'));
const dir = flag('--dir', '.bench/tree');

if (!existsSync('dist/cli.js')) execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });

// Deterministic pseudo-random source so every run scans the same tree.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = (list) => list[Math.floor(rand() * list.length)];
const WORDS = 'user account request response handler value config server client token session cache query result error message buffer stream index record field table column schema model service route module export import default return async await const function class interface type string number boolean object array promise callback listener event option setting key name id data input output file path url host port timeout retry limit offset page size count total status code header body json yaml parse render update delete create insert select where order group'.split(' ');
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
    if (file % 500 === 7) lines.splice(Math.floor(lineCount / 2), 0, `AWS_ACCESS_KEY_ID=AKIA${'QWERTYUIOPASDFGH'.split('').sort(() => rand() - 0.5).join('').slice(0, 16)}`);
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

const rules = JSON.parse(execFileSync(process.execPath, ['dist/cli.js', 'rules', 'list', '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
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

function fullScan(root = dir) {
  const started = performance.now();
  const res = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, 'dist/cli.js', 'scan', root, '--no-git', '--format', 'json', '--max-file-size', '50MB'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (res.status !== 0 && res.status !== 1) throw new Error(`scan failed (${res.status}): ${res.stderr}`);
  const peakKb = Number(res.stderr.trim().split('\n').at(-1));
  return { seconds, findings: JSON.parse(res.stdout).findings.length, peakMb: peakKb / 1024 };
}

keywordPass();
const median = (runs) => runs.sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)];
const base = median([keywordPass(), keywordPass(), keywordPass()]);
const scan = median([fullScan(), fullScan(), fullScan()]);
const baseRate = mb / base.seconds;
const scanRate = mb / scan.seconds;
console.log(`tree: ${files.length} files, ${mb.toFixed(1)} MB, ${rules.length} rules, ${keywords.length} keywords`);
console.log(`keyword-only RegExp alternation (in memory): ${baseRate.toFixed(1)} MB/s (${base.seconds.toFixed(2)} s, ${base.hits} keyword hits)`);
console.log(`unleak scan (end to end: process start, file walk, read, scan, JSON report): ${scanRate.toFixed(1)} MB/s (${scan.seconds.toFixed(2)} s, ${scan.findings} findings)`);
console.log(`ratio scan/keyword-only: ${(scanRate / baseRate).toFixed(2)} (target >= 0.50)`);
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

for (const [label, name, make] of [
  [`minified bundle (${SHAPE_MB} MB, one line, \\n escapes)`, 'minified', () => minifiedBundle(SHAPE_MB * 1024 * 1024)],
  [`${MATCHES.toLocaleString('en')} matches`, 'matches', () => manyMatches(MATCHES)],
]) {
  const shape = shapeDir(name, make);
  const run = median([fullScan(shape.root), fullScan(shape.root), fullScan(shape.root)]);
  const rate = shape.mb / run.seconds;
  console.log(`${label}: ${rate.toFixed(1)} MB/s (${run.seconds.toFixed(2)} s, ${run.findings} findings, peak RSS ${run.peakMb.toFixed(0)} MB); ratio vs tree scan: ${(rate / scanRate).toFixed(2)} (linear: a constant, target >= 0.10)`);
}
