import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyEdits, planFix, renderPlan, sha256, type FixPlan, type TreeFile } from '../../src/fix/index.js';
import { githubToken, randomBase62 } from '../helpers/tokens.js';
import { findingIn, treeOf } from './helpers.js';

/** The planner is pure: findings and file texts in, names, edits, moves and refusals out. */

function outputs(plan: FixPlan, files: TreeFile[]): Map<string, string> {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  return new Map(plan.changes.map((c) => [c.path, applyEdits(texts.get(c.path) ?? '', c.edits)]));
}

function rendered(plan: FixPlan): string {
  return renderPlan(plan, { storeLabel: '.unleak/secrets.default.sops.json', newStore: true, envFlag: '' });
}

describe('planFix', () => {
  it('makes one entry per distinct value, unique names, and replaces every occurrence in the tree', () => {
    const a = githubToken();
    const b = githubToken();
    const files = treeOf({
      'src/a.js': `export const t = "${a}";\n`,
      'src/b.js': `export const u = "${b}";\n`,
      'scripts/c.py': `T = "${a}"\n`,
      'README.md': `Example: ${a}\n`,
    });
    const plan = planFix({ findings: [findingIn('src/a.js', files[0]!.text, a), findingIn('src/b.js', files[1]!.text, b)], files });
    expect(plan.entries.map((e) => [e.name, e.references, e.valueSha256])).toEqual([
      ['GITHUB_TOKEN', 3, sha256(a)],
      ['GITHUB_TOKEN_2', 1, sha256(b)],
    ]);
    const out = outputs(plan, files);
    expect(out.get('scripts/c.py')).toBe('import os\nT = os.environ["GITHUB_TOKEN"]\n');
    expect(out.get('README.md')).toBe('Example: ${GITHUB_TOKEN}\n');
    expect(out.get('src/b.js')).toBe('export const u = process.env.GITHUB_TOKEN_2;\n');
    expect(plan.fixedFingerprints).toHaveLength(2);
    expect(plan.fixedValueSha256.sort()).toEqual([sha256(a), sha256(b)].sort());
    const text = rendered(plan);
    expect(text.includes(a) || text.includes(b)).toBe(false);
    expect(text).toContain(`${a.slice(0, 4)}…${a.slice(-2)}`);
  });

  it('leaves a value glued inside a longer word alone, but not a reported one', () => {
    const a = githubToken();
    const files = treeOf({ 'a.txt': `x${a}\nplain ${a}\n` });
    const plan = planFix({ findings: [findingIn('a.txt', files[0]!.text, ` ${a}`.trim())], files });
    expect(outputs(plan, files).get('a.txt')).toBe(`x\${GITHUB_TOKEN}\nplain \${GITHUB_TOKEN}\n`);
  });

  it('moves .env lines into the store and adds their names to .env.example without values', () => {
    const a = githubToken();
    const b = githubToken();
    const pem = `-----BEGIN PRIVATE KEY-----\\n${randomBase62(40)}\\n-----END PRIVATE KEY-----`;
    const files = treeOf({
      '.env': `# local settings\nexport GITHUB_TOKEN=${a}\nPORT=3000\nGH_BOT="${b}" # the bot\n# old token: ${a}\nKEY="${pem}"\n`,
      '.env.example': 'PORT=3000\nGITHUB_TOKEN=\n',
    });
    const env = files[0]!.text;
    const plan = planFix({
      findings: [
        findingIn('.env', env, a),
        findingIn('.env', env, b),
        findingIn('.env', env, pem, {
          secret: pem.replaceAll('\\n', '\n'),
          ruleId: 'pkcs8-private-key',
          envName: 'PRIVATE_KEY',
          decodedFrom: 'json-escape',
        }),
      ],
      files,
    });
    const out = outputs(plan, files);
    expect(out.get('.env')).toBe('# local settings\nPORT=3000\n');
    expect(out.get('.env.example')).toBe('PORT=3000\nGITHUB_TOKEN=\nGH_BOT=\nKEY=\n');
    expect(
      plan.entries.map((e) => [e.name, e.namedBy, e.value === a || e.value === b || e.value.startsWith('-----BEGIN PRIVATE KEY-----\n')]),
    ).toEqual([
      ['GITHUB_TOKEN', 'dotenv', true],
      ['GH_BOT', 'dotenv', true],
      ['KEY', 'dotenv', true],
    ]);
    expect(plan.refused).toEqual([]);
    expect(rendered(plan)).not.toContain(b);
  });

  it('empties a value in an example file instead of referencing it', () => {
    const a = githubToken();
    const files = treeOf({ '.env.example': `GITHUB_TOKEN=${a}\nURL=https://bot:${a}@example.org\n` });
    const plan = planFix({ findings: [findingIn('.env.example', files[0]!.text, a)], files });
    expect(outputs(plan, files).get('.env.example')).toBe('GITHUB_TOKEN=\nURL=https://bot:${GITHUB_TOKEN}@example.org\n');
  });

  it('refuses a .env key the store or another .env file already uses for another value', () => {
    const a = githubToken();
    const b = githubToken();
    const files = treeOf({ '.env': `GITHUB_TOKEN=${a}\n`, '.env.production': `GITHUB_TOKEN=${b}\n`, 'other/.env': `API=${a}\n` });
    const plan = planFix({ findings: [findingIn('.env', files[0]!.text, a), findingIn('.env.production', files[1]!.text, b)], files });
    expect(plan.refused.map((r) => [r.path, r.reason])).toEqual([
      ['.env.production', expect.stringMatching(/already used in this fix for another value/)],
    ]);
    expect(outputs(plan, files).get('.env.production')).toBeUndefined();
    const stored = planFix({
      findings: [findingIn('.env', files[0]!.text, a)],
      files: [files[0]!],
      existing: new Map([['GITHUB_TOKEN', sha256('something else')]]),
    });
    expect(stored.refused[0]?.reason).toMatch(/the store already holds GITHUB_TOKEN with another value/);
    expect(stored.changes).toEqual([]);
  });

  it('moves a file that is itself a secret into the store whole and ignores it in git', () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const files = treeOf({ 'deploy/key.pem': pem, '.gitignore': 'node_modules/\n' });
    const secret = pem.trimEnd();
    const plan = planFix({
      findings: [findingIn('deploy/key.pem', pem, secret, { ruleId: 'pkcs8-private-key', envName: 'PRIVATE_KEY' })],
      files,
    });
    expect(plan.removals).toEqual([{ path: 'deploy/key.pem', originalSha256: sha256(pem), entry: 'PRIVATE_KEY' }]);
    expect(plan.entries).toMatchObject([{ name: 'PRIVATE_KEY', kind: 'file', filePath: 'deploy/key.pem', value: pem }]);
    expect(outputs(plan, files).get('.gitignore')).toBe('node_modules/\n/deploy/key.pem\n');
    expect(plan.fixedFingerprints).toHaveLength(1);
    const text = rendered(plan);
    expect(text).toContain('unleak run --file PRIVATE_KEY=deploy/key.pem');
    expect(text).not.toContain(secret.split('\n')[1]);
  });

  it('takes names from --name, reuses the store name of a value it already holds, avoids names in use', () => {
    const a = githubToken();
    const b = githubToken();
    const c = githubToken();
    const files = treeOf({ 'a.js': `x("${a}", "${b}", "${c}");\n` });
    const text = files[0]!.text;
    const fa = findingIn('a.js', text, a);
    const plan = planFix({
      findings: [fa, findingIn('a.js', text, b), findingIn('a.js', text, c)],
      files,
      names: new Map([[fa.fingerprint, 'DEPLOY_BOT_TOKEN']]),
      existing: new Map([
        ['CI_TOKEN', sha256(b)],
        ['GITHUB_TOKEN', sha256('unrelated')],
      ]),
    });
    expect(plan.entries.map((e) => [e.name, e.namedBy, e.reused])).toEqual([
      ['DEPLOY_BOT_TOKEN', 'user', false],
      ['CI_TOKEN', 'store', true],
      ['GITHUB_TOKEN_2', 'rule', false],
    ]);
    expect(outputs(plan, files).get('a.js')).toBe('x(process.env.DEPLOY_BOT_TOKEN, process.env.CI_TOKEN, process.env.GITHUB_TOKEN_2);\n');
    const clash = planFix({
      findings: [fa],
      files,
      names: new Map([[fa.fingerprint, 'GITHUB_TOKEN']]),
      existing: new Map([['GITHUB_TOKEN', sha256('unrelated')]]),
    });
    expect(clash.refused[0]?.reason).toMatch(/--name GITHUB_TOKEN: the store already holds GITHUB_TOKEN/);
  });

  it('refuses a value found only inside base64 text, and a finding whose file changed', () => {
    const a = githubToken();
    const encoded = Buffer.from(`token=${a}`).toString('base64');
    const files = treeOf({ 'blob.txt': `data: ${encoded}\n` });
    const plan = planFix({ findings: [{ ...findingIn('blob.txt', files[0]!.text, encoded), secret: a, decodedFrom: 'base64' }], files });
    expect(plan.refused[0]?.reason).toMatch(/inside base64-encoded text/);
    expect(plan.entries).toEqual([]);
    expect(plan.changes).toEqual([]);
  });

  it('keeps CRLF line ends and a byte-order mark', () => {
    const a = githubToken();
    const files = treeOf({ 'win.py': `\uFEFFimport sys\r\nT = "${a}"\r\n` });
    const plan = planFix({ findings: [findingIn('win.py', files[0]!.text, a)], files });
    expect(outputs(plan, files).get('win.py')).toBe('\uFEFFimport os\r\nimport sys\r\nT = os.environ["GITHUB_TOKEN"]\r\n');
  });
});
