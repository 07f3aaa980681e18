// Builds the benchmark repository of `npm run bench:git` with git fast-import: a long history
// (thousands of commits, hundreds of MB of unique blob data) with fake secrets that are added
// and later deleted. Deterministic: the same options give the same repository.
import { spawn, execFileSync } from 'node:child_process';
import { sourceLineMaker } from './source-lines.mjs';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (text) => {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text)) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};
const base62 = (value, width) => {
  let out = '';
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) out = BASE62[rest % 62] + out;
  return out.padStart(width, '0');
};

/** A seeded PRNG, so every run builds the same history. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS =
  'user account request response handler value config server client session cache query result error message buffer stream index record field table column schema model service route module export import default return async await const function class interface type string number boolean object array promise callback listener event option setting name id data input output file path url host port timeout retry limit offset page size count total status code header body json yaml parse render update delete create insert select where order group'.split(
    ' ',
  );

/**
 * Writes a repository at `dir` (reused when its marker says it was built with the same options).
 * Returns what was planted: how many distinct fake secrets the history holds.
 */
export async function buildBenchRepo(dir, { commits = 5000, files = 240, seed = 7 } = {}) {
  const marker = join(dir, '.git', `unleak-bench-${commits}-${files}-${seed}`);
  if (existsSync(marker)) return JSON.parse(execFileSync('cat', [marker], { encoding: 'utf8' }));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const rand = prng(seed);
  const line = sourceLineMaker(rand, WORDS);
  const token = () => {
    const body = Array.from({ length: 30 }, () => BASE62[Math.floor(rand() * 62)]).join('');
    return `ghp_${body}${base62(crc32(body), 6)}`;
  };
  const ext = ['js', 'ts', 'py', 'go', 'yaml', 'json', 'md'];
  const tree = Array.from({ length: files }, (_, i) => ({
    path: `src/pkg${i % 12}/file${i}.${ext[i % ext.length]}`,
    lines: Array.from({ length: 250 + Math.floor(rand() * 600) }, line),
  }));
  const importer = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, stdio: ['pipe', 'inherit', 'inherit'] });
  const done = new Promise((resolve, reject) =>
    importer.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`)))),
  );
  const write = (text) => (importer.stdin.write(text) ? undefined : new Promise((resolve) => importer.stdin.once('drain', resolve)));
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const pendingRemovals = new Map();
  let planted = 0;
  for (let c = 1; c <= commits; c++) {
    const changes = [];
    const touched = new Set(c === 1 ? tree.map((_, i) => i) : Array.from({ length: 3 }, () => Math.floor(rand() * files)));
    for (const i of touched) {
      const file = tree[i];
      if (c > 1) for (let k = 0; k < 6; k++) file.lines[Math.floor(rand() * file.lines.length)] = line();
      if (c > 1 && rand() < 0.5) file.lines.push(line(), line());
    }
    if (c % 97 === 0) {
      const i = Math.floor(rand() * files);
      tree[i].lines.splice(Math.floor(tree[i].lines.length / 2), 0, `  const deployToken = "${token()}";`);
      touched.add(i);
      pendingRemovals.set(c + 3, { kind: 'line', i });
      planted += 1;
    }
    if (c % 251 === 0) {
      const path = `config/leaked-${c}.env`;
      changes.push(`M 100644 inline ${path}\n${data(`GITHUB_TOKEN=${token()}\nOTHER=value\n`)}`);
      pendingRemovals.set(c + 5, { kind: 'file', path });
      planted += 1;
    }
    const removal = pendingRemovals.get(c);
    if (removal?.kind === 'line') {
      tree[removal.i].lines = tree[removal.i].lines.filter((l) => !l.includes('deployToken'));
      touched.add(removal.i);
    } else if (removal?.kind === 'file') changes.push(`D ${removal.path}\n`);
    for (const i of touched) changes.push(`M 100644 inline ${tree[i].path}\n${data(`${tree[i].lines.join('\n')}\n`)}`);
    const when = 1_600_000_000 + c * 600;
    await write(
      `commit refs/heads/main\nmark :${c}\nauthor Bench Author <bench@example.test> ${when} +0000\ncommitter Bench Author <bench@example.test> ${when} +0000\n${data(`change ${c}: ${line().trim().slice(0, 60)}`)}${c > 1 ? `from :${c - 1}\n` : ''}${changes.join('')}\n`,
    );
  }
  await write('done\n');
  importer.stdin.end();
  await done;
  execFileSync('git', ['repack', '-adq', '--window=10', '--depth=50'], { cwd: dir, stdio: 'inherit' });
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir });
  const info = { commits, planted };
  writeFileSync(marker, JSON.stringify(info));
  return info;
}
