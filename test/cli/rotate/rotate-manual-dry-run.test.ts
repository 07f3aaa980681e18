import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { rotateRepo } from './rotate-repo.js';

/** Issue 11: Slack webhook URLs get a clear "rotate by hand"; `rotate --dry-run` validates like a real run. */

const alnum = (length: number, upper = false): string => {
  const chars = upper ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((byte) => chars[byte % chars.length]).join('');
};
const slackWebhook = (): string => `https://hooks.slack.com/services/T${alnum(10, true)}/B${alnum(10, true)}/${alnum(24)}`;

describe('a Slack incoming-webhook URL', () => {
  it('gets a "rotate by hand" outcome with the steps, exit 1, and stays leaked', async () => {
    const value = slackWebhook();
    const repo = await rotateRepo([{ name: 'SLACK_WEBHOOK_URL', value, meta: { leaked: true, provider: 'slack' } }]);
    const run = await repo.cli(['rotate', '--all-leaked']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^manual {4}SLACK_WEBHOOK_URL \(slack\): no API can rotate it: rotate it by hand/);
    expect(run.stdout).toMatch(/Incoming Webhooks/);
    expect(run.stdout).toMatch(/Delete the leaked webhook/);
    expect(run.stdout).toMatch(/unleak secrets set SLACK_WEBHOOK_URL/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(value);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/^rotated/m);
    const stored = (await repo.read()).get('SLACK_WEBHOOK_URL')!;
    expect(stored.value).toBe(value);
    expect(stored.meta?.leaked).toBe(true);
    expect((await repo.cli(['status', '--check'])).code).toBe(1);
  });

  it('is recognised by its shape when the store names no provider', async () => {
    const repo = await rotateRepo([{ name: 'HOOK', value: slackWebhook(), meta: { leaked: true } }]);
    const run = await repo.cli(['rotate', 'HOOK']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^manual {4}HOOK \(slack\)/);
  });
});

describe('rotate --dry-run validates values and options like a real run', () => {
  const password = (): string => randomBytes(12).toString('hex');

  it('a connection string without a password: the same error as a real run, exit 2, nothing changed', async () => {
    const value = 'postgres://app@db.internal:5432/app';
    const repo = await rotateRepo([{ name: 'DATABASE_URL', value, meta: { leaked: true } }]);
    const dry = await repo.cli(['rotate', '--dry-run', '--all-leaked']);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toMatch(/UNLEAK_ROTATION_VALUE_UNUSABLE/);
    const real = await repo.cli(['rotate', '--all-leaked']);
    expect(real.code).toBe(2);
    expect(real.stderr).toMatch(/UNLEAK_ROTATION_VALUE_UNUSABLE/);
    expect((await repo.read()).get('DATABASE_URL')).toMatchObject({ value });
  });

  it('an admin variable named in the config but not set: exit 2 with a hint', async () => {
    const value = `postgres://app:${password()}@db.internal:5432/app`;
    const repo = await rotateRepo(
      [{ name: 'DATABASE_URL', value, meta: { leaked: true } }],
      'providers:\n  postgres:\n    adminUrlEnv: MY_PG_ADMIN_URL\n',
    );
    const dry = await repo.cli(['rotate', '--dry-run', 'DATABASE_URL'], { env: { MY_PG_ADMIN_URL: undefined } });
    expect(dry.code).toBe(2);
    expect(dry.stderr).toMatch(/UNLEAK_ROTATION_CONFIG: postgres: \$MY_PG_ADMIN_URL is not set/);
    expect(dry.stderr).toMatch(/hint: Set MY_PG_ADMIN_URL/);
    expect(dry.stderr).toMatch(/Dry run: nothing was changed/);
  });

  it('an unknown provider: exit 2, naming the field', async () => {
    const repo = await rotateRepo(
      [{ name: 'API_KEY', value: password() }],
      'rotation:\n  secrets:\n    API_KEY:\n      provider: nosuch\n',
    );
    const dry = await repo.cli(['rotate', '--dry-run', 'API_KEY']);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toMatch(/rotation\.secrets\.API_KEY\.provider.*unknown provider "nosuch"/);
  });

  it('a command provider without a command: exit 2', async () => {
    const repo = await rotateRepo(
      [{ name: 'API_KEY', value: password() }],
      'rotation:\n  secrets:\n    API_KEY:\n      provider: command\n',
    );
    const dry = await repo.cli(['rotate', '--dry-run', 'API_KEY']);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toMatch(/UNLEAK_ROTATION_CONFIG: command: no command set for API_KEY/);
  });

  it('a valid entry: the plan, exit 0, and no pending value written', async () => {
    const value = `postgres://app:${password()}@db.internal:5432/app`;
    const repo = await rotateRepo([{ name: 'DATABASE_URL', value, meta: { leaked: true } }]);
    const dry = await repo.cli(['rotate', '--dry-run', '--all-leaked'], { env: { UNLEAK_POSTGRES_ADMIN_URL: undefined } });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(
      /^plan {6}DATABASE_URL \(postgres\)\n {12}prepare: generate the new password and save it in the store as pending\n {12}create: ALTER ROLE CURRENT_USER PASSWORD/,
    );
    expect((await repo.read()).get('DATABASE_URL')).toMatchObject({ value, pending: undefined });
  });
});
