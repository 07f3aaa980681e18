import { describe, expect, it } from 'vitest';
import { applyEdits, planFix, renderPlan, sha256, type FixFinding, type FixPlan, type TreeFile } from '../../src/fix/index.js';
import { composeTemplate } from '../../src/fix/plan-composed.js';
import { randomBase62 } from '../helpers/tokens.js';
import { findingIn, treeOf } from './helpers.js';

/**
 * One credential, one store entry: a password that is also inside a connection string is stored
 * once, every other form is composed from it, and the entry records what rotation needs (provider
 * and account, never the password).
 */

function outputs(plan: FixPlan, files: TreeFile[]): Map<string, string> {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  return new Map(plan.changes.map((c) => [c.path, applyEdits(texts.get(c.path) ?? '', c.edits)]));
}

function rendered(plan: FixPlan): string {
  return renderPlan(plan, { storeLabel: '.unleak/secrets.default.sops.json', newStore: true, envFlag: '' });
}

const postgres = (overrides: Partial<FixFinding> = {}): Partial<FixFinding> => ({
  ruleId: 'postgres-connection-uri',
  envName: 'DATABASE_URL',
  provider: 'postgres',
  ...overrides,
});

describe('one value, one store entry', () => {
  it('a repository holding a postgres URL and its password (DATABASE_URL and DB_PASSWORD) stores the password once; the URL is composed from it', () => {
    const password = randomBase62(24);
    const url = `postgres://app:${password}@db.internal:5432/app?sslmode=disable`;
    const files = treeOf({
      '.env': `DATABASE_URL=${url}\nDB_PASSWORD=${password}\nPORT=3000\n`,
      'src/db.js': `export const url = "${url}";\n`,
      'config/db.yml': `database:\n  url: ${url}\n`,
    });
    const env = files[0]!.text;
    const plan = planFix({
      findings: [findingIn('.env', env, password, postgres()), findingIn('src/db.js', files[1]!.text, password, postgres())],
      files,
    });

    const holding = plan.entries.filter((e) => e.value.includes(password));
    expect(
      holding.map((e) => [e.name, e.kind]),
      'exactly one entry holds the password',
    ).toEqual([['DB_PASSWORD', 'value']]);
    expect(holding[0]!.value).toBe(password);
    expect(plan.entries.map((e) => [e.name, e.kind])).toEqual([
      ['DB_PASSWORD', 'value'],
      ['DATABASE_URL', 'composed'],
    ]);
    const composed = plan.entries.find((e) => e.name === 'DATABASE_URL')!;
    expect(composed.value).toBe('postgres://app:${DB_PASSWORD}@db.internal:5432/app?sslmode=disable');
    expect(composed.composedOf).toEqual(['DB_PASSWORD']);

    const out = outputs(plan, files);
    expect(out.get('.env')).toBe('PORT=3000\n');
    expect(out.get('.env.example')).toBe('DATABASE_URL=\nDB_PASSWORD=\n');
    expect(out.get('src/db.js')).toBe(
      'export const url = ("postgres://app:" + process.env.DB_PASSWORD + "@db.internal:5432/app?sslmode=disable");\n',
    );
    expect(out.get('config/db.yml')).toBe('database:\n  url: postgres://app:${DB_PASSWORD}@db.internal:5432/app?sslmode=disable\n');
    expect(plan.refused).toEqual([]);
    expect(plan.fixedFingerprints).toHaveLength(2);

    const text = rendered(plan);
    expect(text.includes(password)).toBe(false);
    expect(text).toContain('template of DB_PASSWORD, composed at run time by unleak run and unleak render');
  });

  it('a .env line holding only the URL: the password is the one secret entry and DATABASE_URL its template', () => {
    const password = randomBase62(20);
    const files = treeOf({ 'api/.env': `DATABASE_URL=postgres://app:${password}@db:5432/app\n` });
    const plan = planFix({ findings: [findingIn('api/.env', files[0]!.text, password, postgres())], files });
    expect(plan.entries.map((e) => [e.name, e.kind, e.references, e.value])).toEqual([
      ['DB_PASSWORD', 'value', 1, password],
      ['DATABASE_URL', 'composed', 1, 'postgres://app:${DB_PASSWORD}@db:5432/app'],
    ]);
    expect(outputs(plan, files).get('api/.env.example')).toBe('DATABASE_URL=\n');
  });

  it('a .env key that is also the suggested name of the secret goes to the template; the secret gets another name', () => {
    const password = randomBase62(20);
    const files = treeOf({ '.env': `DB_PASSWORD=postgres://app:${password}@db/app\n` });
    const plan = planFix({ findings: [findingIn('.env', files[0]!.text, password, postgres())], files });
    expect(plan.entries.map((e) => [e.name, e.kind, e.value])).toEqual([
      ['DB_PASSWORD_2', 'value', password],
      ['DB_PASSWORD', 'composed', 'postgres://app:${DB_PASSWORD_2}@db/app'],
    ]);
  });

  it('refuses a .env line where the secret is only percent-encoded (a template would insert it decoded)', () => {
    const password = `${randomBase62(12)}@${randomBase62(8)}`;
    const files = treeOf({ '.env': `TOKEN=${password}\nCALLBACK=https://x.example/?t=${encodeURIComponent(password)}\n` });
    const plan = planFix({ findings: [findingIn('.env', files[0]!.text, password, { envName: 'TOKEN' })], files });
    expect(plan.refused.map((r) => r.reason)).toEqual([expect.stringMatching(/percent-encoded in CALLBACK/)]);
    expect(plan.entries.filter((e) => e.value.includes(password)).map((e) => e.name)).toEqual(['TOKEN']);
  });

  it('one value under two .env keys (or a key and a store entry) is stored once; the other key is its template', () => {
    const token = randomBase62(30);
    const files = treeOf({ '.env': `GITHUB_TOKEN=${token}\n`, 'deploy/.env.production': `GH_TOKEN=${token}\n` });
    const plan = planFix({ findings: [findingIn('.env', files[0]!.text, token, { envName: 'GITHUB_TOKEN' })], files });
    expect(plan.entries.map((e) => [e.name, e.kind, e.value])).toEqual([
      ['GITHUB_TOKEN', 'value', token],
      ['GH_TOKEN', 'composed', '${GITHUB_TOKEN}'],
    ]);
    expect(outputs(plan, files).get('deploy/.env.production')).toBe('');
    expect(plan.refused).toEqual([]);

    const stored = planFix({
      findings: [findingIn('.env', files[0]!.text, token, { envName: 'GITHUB_TOKEN' })],
      files: [files[0]!],
      existing: new Map([['CI_TOKEN', sha256(token)]]),
    });
    expect(stored.entries.map((e) => [e.name, e.kind, e.reused, e.value === token ? 'the token' : e.value])).toEqual([
      ['CI_TOKEN', 'value', true, 'the token'],
      ['GITHUB_TOKEN', 'composed', false, '${CI_TOKEN}'],
    ]);
  });

  it('a template keeps a literal ${ of the original value (escaped as $${)', () => {
    expect(composeTemplate('a${HOME}:pw@h', new Map([['pw', 'P']]))).toBe('a$${HOME}:${P}@h');
    expect(composeTemplate('no secret here', new Map([['pw', 'P']]))).toBeUndefined();
  });
});

describe('what rotation needs is recorded', () => {
  const cases: Array<[string, (pw: string) => string, Partial<FixFinding>, { provider: string; target: Record<string, unknown> }]> = [
    [
      'postgres',
      (pw) => `postgresql+psycopg2://svc:${pw}@pg.internal:6543/orders`,
      postgres(),
      { provider: 'postgres', target: { scheme: 'postgresql', host: 'pg.internal', port: 6543, user: 'svc', database: 'orders' } },
    ],
    [
      'mariadb',
      (pw) => `mariadb://root:${pw}@127.0.0.1:3306/test`,
      { ruleId: 'mysql-connection-uri', envName: 'DATABASE_URL', provider: 'mysql' },
      { provider: 'mysql', target: { scheme: 'mariadb', host: '127.0.0.1', port: 3306, user: 'root', database: 'test' } },
    ],
    [
      'redis',
      (pw) => `rediss://:${pw}@cache:6380/2`,
      { ruleId: 'redis-connection-uri', envName: 'REDIS_URL', provider: 'redis' },
      { provider: 'redis', target: { scheme: 'rediss', host: 'cache', port: 6380, database: '2' } },
    ],
    [
      'amqp',
      (pw) => `amqp://guest:${pw}@mq/%2Fprod`,
      { ruleId: 'amqp-connection-uri', envName: 'AMQP_URL', provider: 'rabbitmq' },
      { provider: 'rabbitmq', target: { scheme: 'amqp', host: 'mq', user: 'guest', database: '/prod' } },
    ],
    [
      'mongodb',
      (pw) => `mongodb+srv://u%40corp:${pw}@cluster0.example.net/shop`,
      { ruleId: 'mongodb-connection-uri', envName: 'MONGODB_URI', provider: 'mongodb' },
      { provider: 'mongodb', target: { scheme: 'mongodb+srv', host: 'cluster0.example.net', user: 'u@corp', database: 'shop' } },
    ],
  ];
  for (const [label, urlOf, finding, expected] of cases) {
    it(`${label}: provider and account (host, port, user, database, scheme), never the password`, () => {
      const password = randomBase62(22);
      const text = `const url = "${urlOf(password)}";\n`;
      const plan = planFix({ findings: [findingIn('src/db.js', text, password, finding)], files: [{ path: 'src/db.js', text }] });
      expect(plan.entries).toHaveLength(1);
      expect(plan.entries[0]!.provider).toBe(expected.provider);
      expect(plan.entries[0]!.target).toEqual(expected.target);
      expect(JSON.stringify(plan.entries[0]!.target)).not.toContain(password);
    });
  }

  it('the account is recorded from a .env URL too, on the password entry (the template has none)', () => {
    const password = randomBase62(20);
    const files = treeOf({ '.env': `DATABASE_URL=postgres://app:${password}@db:5432/app\n` });
    const plan = planFix({ findings: [findingIn('.env', files[0]!.text, password, postgres())], files });
    expect(plan.entries.map((e) => [e.name, e.provider, e.target])).toEqual([
      ['DB_PASSWORD', 'postgres', { scheme: 'postgres', host: 'db', port: 5432, user: 'app', database: 'app' }],
      ['DATABASE_URL', undefined, undefined],
    ]);
    expect(rendered(plan)).toContain('DB_PASSWORD: postgres account app@db:5432/app (recorded for unleak rotate; the password is not)');
  });

  it('a value that is not a connection-string password gets no account', () => {
    const token = randomBase62(30);
    const text = `const t = "${token}";\nconst u = "https://x.example/cb?password=${token}";\n`;
    const plan = planFix({
      findings: [findingIn('a.js', text, token, { envName: 'API_TOKEN', provider: undefined })],
      files: [{ path: 'a.js', text }],
    });
    expect(plan.entries[0]!.target).toBeUndefined();
  });

  it('a Slack webhook URL is recorded with provider slack-webhook and the plan says it is rotated by hand, and how', () => {
    const webhook = `https://hooks.slack.com/services/T${randomBase62(9).toUpperCase()}/B${randomBase62(9).toUpperCase()}/${randomBase62(24)}`;
    const text = `export const hook = "${webhook}";\n`;
    const plan = planFix({
      findings: [
        findingIn('src/notify.js', text, webhook, { ruleId: 'slack-webhook-url', envName: 'SLACK_WEBHOOK_URL', provider: 'slack' }),
      ],
      files: [{ path: 'src/notify.js', text }],
    });
    expect(plan.entries.map((e) => [e.name, e.provider])).toEqual([['SLACK_WEBHOOK_URL', 'slack-webhook']]);
    const text2 = rendered(plan);
    expect(text2).toContain('SLACK_WEBHOOK_URL: rotated by hand');
    expect(text2).toContain('add a new webhook to the same channel, store it with unleak secrets set SLACK_WEBHOOK_URL');
    expect(text2.includes(webhook)).toBe(false);
  });
});
