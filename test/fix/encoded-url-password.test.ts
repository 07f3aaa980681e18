import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRepo } from '../helpers/cli.js';
import { cli, isolatedEnv } from '../cli/fix/fix-helpers.js';
import { applyEdits, planFix, type FixFinding, type FixPlan, type TreeFile } from '../../src/fix/index.js';
import { randomBase62 } from '../helpers/tokens.js';
import { findingIn, treeOf } from './helpers.js';

/**
 * A percent-encoded password inside a connection URL (`postgres://app:p%40ss@db/app`): stored as
 * written, the entry would hold the encoded text while the account's password is the decoded one,
 * so `unleak rotate` would log in with the wrong password. `fix` refuses it, says why and how to
 * move it by hand, and changes nothing about that value.
 */

const postgres: Partial<FixFinding> = { ruleId: 'postgres-connection-uri', envName: 'DATABASE_URL', provider: 'postgres' };

function outputs(plan: FixPlan, files: TreeFile[]): Map<string, string> {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  return new Map(plan.changes.map((c) => [c.path, applyEdits(texts.get(c.path) ?? '', c.edits)]));
}

describe('a percent-encoded password in a connection URL', () => {
  it('is refused everywhere it appears, with the reason and the way to move it by hand; nothing is stored or edited for it', () => {
    const encoded = `${randomBase62(8)}%40${randomBase62(8)}%2F${randomBase62(4)}`;
    const url = `postgres://app:${encoded}@db.internal:5432/app`;
    const files = treeOf({ '.env': `DATABASE_URL=${url}\nPORT=3000\n`, 'src/db.js': `export const url = "${url}";\n` });
    const plan = planFix({
      findings: [findingIn('.env', files[0]!.text, encoded, postgres), findingIn('src/db.js', files[1]!.text, encoded, postgres)],
      files,
    });

    expect(plan.entries.filter((e) => e.value.includes(encoded) || e.value.includes(decodeURIComponent(encoded)))).toEqual([]);
    expect(plan.fixedFingerprints).toEqual([]);
    expect(plan.refused.map((r) => [r.path, r.line])).toEqual([
      ['.env', 1],
      ['src/db.js', 1],
    ]);
    for (const refusal of plan.refused) {
      expect(refusal.reason).toMatch(/percent-encoded .*wrong password/);
      expect(refusal.reason).toContain('unleak secrets set DATABASE_URL');
      expect(refusal.redacted).not.toContain(encoded);
    }
    const out = outputs(plan, files);
    expect(out.get('.env') ?? files[0]!.text).toContain(url);
    expect(out.get('src/db.js') ?? files[1]!.text).toContain(url);
  });

  it('also refuses a value found inside the encoded password (the part before an escape, as a decoded match reports it)', () => {
    const head = randomBase62(10);
    const encoded = `${head}%40${randomBase62(10)}`;
    const files = treeOf({ '.env': `DATABASE_URL=postgres://app:${encoded}@db:5432/app\n` });
    const text = files[0]!.text;
    const partial: FixFinding = { ...findingIn('.env', text, head, postgres), start: 0, end: text.length - 1 };
    const plan = planFix({ findings: [partial, findingIn('.env', text, encoded, postgres)], files });
    expect(plan.entries).toEqual([]);
    expect(plan.changes).toEqual([]);
    expect(plan.refused).toHaveLength(2);
    for (const refusal of plan.refused) expect(refusal.reason).toMatch(/percent-encoded/);
  });

  it('does not hold back a plain password in a URL, or a password with a % that is no escape, or other secrets of the same run', () => {
    const plain = randomBase62(20);
    const literal = `${randomBase62(10)}%zz${randomBase62(6)}`;
    const encoded = `${randomBase62(10)}%3A${randomBase62(6)}`;
    const files = treeOf({
      'a/.env': `A_URL=postgres://app:${plain}@db:5432/a\n`,
      'b/.env': `B_URL=postgres://app:${literal}@db:5432/b\n`,
      'c/.env': `C_URL=postgres://app:${encoded}@db:5432/c\n`,
    });
    const plan = planFix({ findings: files.map((f, i) => findingIn(f.path, f.text, [plain, literal, encoded][i]!, postgres)), files });
    const values = plan.entries.filter((e) => e.kind === 'value').map((e) => e.value);
    expect(values).toContain(plain);
    expect(values).toContain(literal);
    expect(values.some((v) => v.includes(encoded))).toBe(false);
    expect(plan.refused.map((r) => r.path)).toEqual(['c/.env']);
  });
});

describe('unleak fix on a repository with a percent-encoded password in DATABASE_URL', () => {
  it('stores nothing, leaves the files as they are, and says why (never printing the password)', async () => {
    const encoded = `${randomBase62(10)}%40${randomBase62(10)}`;
    const url = `postgres://app:${encoded}@127.0.0.1:5432/test`;
    const repo = tempRepo({ '.env': `DATABASE_URL=${url}\n` });
    const env = isolatedEnv();
    const fix = await cli(['fix', '--yes'], repo, env);
    const said = `${fix.out}${fix.err}`;
    expect(said).toMatch(/percent-encoded/);
    expect(said).toContain('unleak secrets set DATABASE_URL');
    expect(said.includes(encoded)).toBe(false);
    expect(said.includes(decodeURIComponent(encoded))).toBe(false);
    expect(readFileSync(join(repo, '.env'), 'utf8')).toBe(`DATABASE_URL=${url}\n`);
    expect(
      existsSync(join(repo, '.unleak/secrets.default.sops.json')) &&
        readFileSync(join(repo, '.unleak/secrets.default.sops.json'), 'utf8').includes('DB_PASSWORD'),
    ).toBe(false);
  });
});
