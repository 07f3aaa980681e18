import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { githubToken, randomBase62, strongPassword } from '../helpers/tokens.js';
import { buildTestCli, removeTestCli } from './built-cli.js';
import { TestRepo } from './git-fixture.js';

/** A repeatable stream of numbers in [0, 1) (mulberry32), so the history has the same shape every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Finding {
  ruleId: string;
  path: string;
  line: number;
  column: number;
  commit: string;
}

/**
 * Forty commits that keep editing the same files, the shapes a history scan on new lines must not
 * lose: a long file with secrets added, kept, moved and removed among edits; a Kubernetes Secret
 * and a `.pypirc` whose value changes far below the line that makes it a secret; a UTF-8 file
 * with accents; CRLF line ends; a private key block; a copy of the long file at a second path.
 */
function churningHistory(): TestRepo {
  const random = seeded(15);
  const pick = (n: number) => Math.floor(random() * n);
  const repo = TestRepo.create();
  const code = Array.from({ length: 2500 }, (_, i) => `  const value${i} = compute(${i}, "${randomBase62(12)}");`);
  const keys = Array.from({ length: 30 }, (_, i) => `  key${i}: ${Buffer.from(`value number ${i}`).toString('base64')}`);
  const pypiFiller = Array.from({ length: 6 }, (_, i) => `# note ${i}`);
  let kubePassword = strongPassword(16);
  let pypiPassword = strongPassword(18);
  const notes = Array.from({ length: 60 }, (_, i) => `Café numéro ${i}: déjà vu — ${randomBase62(8)}`);
  const crlf = Array.from({ length: 40 }, (_, i) => `SETTING_${i}=${i}`);
  const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  for (let c = 0; c < 40; c++) {
    for (let edit = 0; edit < 6; edit++) code[pick(code.length)] = `  const edited${c}_${edit} = compute(${c}, "${randomBase62(12)}");`;
    if (c % 4 === 1) code.splice(pick(code.length), 0, `  const token${c} = "${githubToken()}";`);
    if (c % 9 === 5) code.splice(pick(code.length), 1);
    if (c % 11 === 7) code.push(...code.splice(pick(code.length - 50), 20));
    if (c % 5 === 2) kubePassword = strongPassword(16);
    if (c % 6 === 3) pypiPassword = strongPassword(18);
    notes[pick(notes.length)] = `Café changé ${c}: ${c % 7 === 0 ? `mot de passe github ${githubToken()}` : randomBase62(10)}`;
    crlf[pick(crlf.length)] = c % 8 === 4 ? `GITHUB_TOKEN=${githubToken()}` : `SETTING_${c}=${c}`;
    const files: Record<string, string> = {
      'src/big.js': `function all() {\n${code.join('\n')}\n}\n`,
      'deploy/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n${keys.join('\n')}\n  password: ${Buffer.from(kubePassword).toString('base64')}\n`,
      '.pypirc': `[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\n${pypiFiller.join('\n')}\npassword = ${pypiPassword}\n`,
      'docs/notes.md': `${notes.join('\n')}\n`,
      'config/crlf.env': `${crlf.join('\r\n')}\r\n`,
    };
    if (c === 10) files['keys/deploy.pem'] = pem;
    if (c === 20) files['vendor/big-copy.js'] = files['src/big.js'] as string;
    repo.write(files).commitAll(`commit ${c}`);
  }
  return repo;
}

let cli = '';
let repo: TestRepo;

beforeAll(async () => {
  cli = await buildTestCli();
  repo = churningHistory();
}, 240_000);
afterAll(() => removeTestCli());

function scan(extra: string[], env: NodeJS.ProcessEnv = {}): Finding[] {
  const ran = repo.run(process.execPath, [cli, 'scan', '--history', '--format', 'json', ...extra], { env });
  expect(ran.code, ran.stderr).toBe(1);
  return (JSON.parse(ran.stdout) as { findings: Finding[] }).findings;
}

/** The text report's lines, without the summary's time: it says how many other places hold each secret. */
function textReport(extra: string[], env: NodeJS.ProcessEnv = {}): string[] {
  const ran = repo.run(process.execPath, [cli, 'scan', '--history', ...extra], { env });
  expect(ran.code, ran.stderr).toBe(1);
  return ran.stdout.split('\n').filter((line) => !/secrets? found/.test(line));
}

const WHOLE = { UNLEAK_HISTORY_WHOLE_BLOBS: '1' };
/** Through `git cat-file`, each version scanned on the lines its previous one lacks (src/scan/blob-lineage.ts). */
const LINES = { UNLEAK_HISTORY_LINES: '1' };

describe('history scan of each version on the lines its previous version did not have', { timeout: 240_000 }, () => {
  it('finds what a scan of every version whole finds: the same findings, places, commits and counts of other places', () => {
    const whole = scan(['--jobs', '1'], WHOLE);
    expect(scan(['--jobs', '1'], LINES)).toEqual(whole);
    // Loose objects (read from the packs' reader, each whole or on lines not seen before), then packed as deltas.
    const byLines = scan(['--jobs', '1']);
    expect(byLines).toEqual(whole);
    const rules = new Set(whole.map((f) => `${f.path} ${f.ruleId}`));
    for (const path of ['src/big.js', 'deploy/secret.yaml', '.pypirc', 'docs/notes.md', 'config/crlf.env', 'keys/deploy.pem'])
      expect(
        [...rules].some((rule) => rule.startsWith(`${path} `)),
        `a finding in ${path}: ${[...rules].join(', ')}`,
      ).toBe(true);
    expect(whole.filter((f) => f.path === 'deploy/secret.yaml').length, 'each new Kubernetes password').toBeGreaterThanOrEqual(8);
    expect(whole.filter((f) => f.path === '.pypirc').length, 'each new .pypirc password').toBeGreaterThanOrEqual(6);
    const text = textReport(['--jobs', '1'], WHOLE);
    expect(textReport(['--jobs', '1'])).toEqual(text);
    expect(
      text.some((line) => /also in (\d{2,}) other places/.test(line)),
      'a token kept for many versions counts them',
    ).toBe(true);
  });

  it('gives the same findings and counts on two jobs, each reading the versions of its files in pack order', () => {
    expect(scan(['--jobs', '2'])).toEqual(scan(['--jobs', '2'], WHOLE));
    expect(textReport(['--jobs', '2'])).toEqual(textReport(['--jobs', '2'], WHOLE));
    expect(scan(['--jobs', '2'], LINES)).toEqual(scan(['--jobs', '2'], WHOLE));
  });

  it('finds the same in a history packed as deltas (each version scanned around the bytes its delta adds), on one job and two', () => {
    const whole = scan(['--jobs', '1'], WHOLE);
    const packed = new TestRepo(mkdtempSync(join(tmpdir(), 'unleak-packed-')));
    packed.git('clone', '-q', '--no-local', repo.dir, '.');
    packed.git('repack', '-adq', '--window=10', '--depth=50');
    expect(packed.git('count-objects', '-v')).toMatch(/^count: 0$/m);
    const run = (jobs: string, env: NodeJS.ProcessEnv = {}) => {
      const ran = packed.run(process.execPath, [cli, 'scan', '--history', '--format', 'json', '--jobs', jobs], { env });
      expect(ran.code, ran.stderr).toBe(1);
      return (JSON.parse(ran.stdout) as { findings: Finding[] }).findings;
    };
    expect(run('1', WHOLE)).toEqual(whole);
    expect(run('1')).toEqual(whole);
    expect(run('2')).toEqual(whole);
  });
});

describe('history scan on new lines, a rule whose lookbehind reaches far above', { timeout: 120_000 }, () => {
  it('finds a value changed 3 KB below the "kind": "Secret" of a JSON manifest, as a scan of every version whole does', () => {
    const manifest = (password: string, label: string) =>
      [
        '{',
        '  "apiVersion": "v1",',
        '  "kind": "Secret",',
        '  "metadata": {',
        '    "name": "db",',
        '    "labels": {',
        ...Array.from({ length: 80 }, (_, i) => `      "app.example.com/label-${i}": "${i === 5 ? label : `value-${i}`}",`),
        '      "app.example.com/last": "end"',
        '    }',
        '  },',
        '  "type": "Opaque",',
        '  "data": {',
        `    "password": "${Buffer.from(password).toString('base64')}"`,
        '  }',
        '}',
        '',
      ].join('\n');
    const deep = TestRepo.create();
    const passwords = [strongPassword(18), strongPassword(18)] as const;
    deep.write({ 'deploy/secret.json': manifest(passwords[0], 'first') }).commitAll('add the manifest');
    deep.write({ 'deploy/secret.json': manifest(passwords[0], 'second') }).commitAll('edit a label');
    deep.write({ 'deploy/secret.json': manifest(passwords[1], 'second') }).commitAll('change the password');
    const run = (env: NodeJS.ProcessEnv) => {
      const ran = deep.run(process.execPath, [cli, 'scan', '--history', '--jobs', '1', '--format', 'json'], { env });
      expect(ran.code, ran.stderr).toBe(1);
      return (JSON.parse(ran.stdout) as { findings: Finding[] }).findings;
    };
    const byLines = run({});
    expect(byLines).toEqual(run(WHOLE));
    const commits = deep.git('log', '--format=%H', '--reverse').trim().split('\n');
    expect(
      byLines.filter((f) => f.ruleId === 'kubernetes-secret-data-json').map((f) => f.commit),
      'each password, found by the manifest rule in the commit that set it',
    ).toEqual([commits[0], commits[2]]);
  });
});

describe('history scan of a packed history, on the shapes a delta takes', { timeout: 120_000 }, () => {
  it('finds what a scan of every version whole finds: first and last lines edited, no final newline, a secret twice, lines swapped, a file renamed and edited', () => {
    const random = seeded(7);
    const shapes = TestRepo.create();
    const body = Array.from({ length: 300 }, (_, i) => `setting_${i} = "${randomBase62(10 + Math.floor(random() * 20))}"`);
    const tokens = Array.from({ length: 12 }, () => githubToken());
    for (let c = 0; c < 12; c++) {
      body[0] = `# header ${c}${c % 3 === 0 ? ` token ${tokens[c]}` : ''}`;
      body[body.length - 1] = `last_${c} = "${c % 4 === 1 ? tokens[c] : randomBase62(12)}"`;
      if (c % 2 === 0) body.splice(100 + c, 0, `twice = "${tokens[c]}"`, `again = "${tokens[c]}"`);
      if (c % 3 === 2) [body[50], body[250]] = [body[250] as string, body[50] as string];
      const files: Record<string, string> = {
        'conf/settings.ini': `${body.join('\n')}`,
        [c < 6 ? 'old/name.ini' : 'new/name.ini']: `${body.slice(0, 150).join('\n')}\nmoved_${c} = "${randomBase62(12)}"\n`,
      };
      if (c === 6) shapes.remove('old/name.ini');
      shapes.write(files).commitAll(`shapes ${c}`);
    }
    shapes.git('repack', '-adq', '--window=10', '--depth=50');
    const run = (jobs: string, env: NodeJS.ProcessEnv) => {
      const ran = shapes.run(process.execPath, [cli, 'scan', '--history', '--jobs', jobs, '--format', 'json'], { env });
      expect(ran.code, ran.stderr).toBe(1);
      return (JSON.parse(ran.stdout) as { findings: Finding[] }).findings;
    };
    const whole = run('1', WHOLE);
    expect(whole.length).toBeGreaterThanOrEqual(12);
    expect(run('1', {})).toEqual(whole);
    expect(run('2', {})).toEqual(whole);
  });
});

describe('history scan of a packed history whose deltas add most of each version', { timeout: 120_000 }, () => {
  it('finds what a scan of every version whole finds (such histories are read through git, diffed by lines)', () => {
    const rewritten = TestRepo.create();
    for (let c = 0; c < 8; c++) {
      const lines = Array.from({ length: 200 }, (_, i) => `value_${i} = "${randomBase62(24)}"`);
      lines.splice(40 + c, 0, `token = "${githubToken()}"`);
      rewritten.write({ 'gen/data.ini': `${lines.join('\n')}\n` }).commitAll(`regenerate ${c}`);
    }
    rewritten.git('repack', '-adq', '--window=10', '--depth=50');
    const run = (env: NodeJS.ProcessEnv) => {
      const ran = rewritten.run(process.execPath, [cli, 'scan', '--history', '--jobs', '1', '--format', 'json'], { env });
      expect(ran.code, ran.stderr).toBe(1);
      return (JSON.parse(ran.stdout) as { findings: Finding[] }).findings;
    };
    const whole = run(WHOLE);
    expect(whole.length).toBe(8);
    expect(run({})).toEqual(whole);
  });
});

describe('history scan of a packed history with a replaced blob (`git replace`)', { timeout: 120_000 }, () => {
  it('scans the replacement, as git hands it out, with the replace ref loose or packed; the stored blob with GIT_NO_REPLACE_OBJECTS', () => {
    const replaced = TestRepo.create();
    replaced
      .write({ 'conf/app.ini': `token = "${githubToken()}"\n`, 'conf/other.ini': `other = "${githubToken()}"\n` })
      .commitAll('secrets');
    const stored = replaced.git('rev-parse', 'HEAD:conf/app.ini').trim();
    const clean = replaced.run('git', ['hash-object', '-w', '--stdin'], { input: 'token = "<from the vault>"\n' }).stdout.trim();
    replaced.git('replace', stored, clean);
    const paths = (env: NodeJS.ProcessEnv) => {
      const ran = replaced.run(process.execPath, [cli, 'scan', '--history', '--format', 'json'], { env });
      expect(ran.code, ran.stderr).toBe(1);
      return (JSON.parse(ran.stdout) as { findings: Finding[] }).findings.map((finding) => finding.path).sort();
    };
    replaced.git('repack', '-adq');
    // Loose replace ref, then packed with the other refs: the blob git hands out either way.
    for (const pack of [false, true]) {
      if (pack) replaced.git('pack-refs', '--all');
      expect(paths(WHOLE)).toEqual(['conf/other.ini']);
      expect(paths({})).toEqual(['conf/other.ini']);
    }
    const original = { GIT_NO_REPLACE_OBJECTS: '1' };
    expect(paths({ ...WHOLE, ...original })).toEqual(['conf/app.ini', 'conf/other.ini']);
    expect(paths(original)).toEqual(['conf/app.ini', 'conf/other.ini']);
  });
});
