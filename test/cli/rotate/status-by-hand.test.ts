import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { rotateRepo } from './rotate-repo.js';

/** `unleak status` flags what no API can rotate (a Slack webhook URL, provider `slack-webhook` as `unleak fix` records it). */

const alnum = (length: number): string =>
  [...randomBytes(length)].map((byte) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[byte % 36]).join('');
const slackWebhook = (): string => `https://hooks.slack.com/services/T${alnum(10)}/B${alnum(10)}/${alnum(24)}`;

async function repoWithWebhook() {
  const webhook = slackWebhook();
  const repo = await rotateRepo([
    { name: 'SLACK_WEBHOOK_URL', value: webhook, meta: { leaked: true, provider: 'slack-webhook' } },
    { name: 'DB_PASSWORD', value: randomBytes(12).toString('hex'), meta: { provider: 'postgres' } },
  ]);
  return { repo, webhook };
}

describe('unleak status and credentials rotated by hand', () => {
  it('shows "rotate by hand" with the short steps for a slack-webhook entry in the text table, never the URL', async () => {
    const { repo, webhook } = await repoWithWebhook();
    const run = await repo.cli(['status']);
    expect(run.code).toBe(0);
    const row = run.stdout.split('\n').find((line) => line.startsWith('SLACK_WEBHOOK_URL'));
    expect(row).toMatch(
      /rotate by hand \(Slack cannot re-issue a webhook URL\): make a new one, unleak secrets set SLACK_WEBHOOK_URL, delete the old one; steps: unleak rotate SLACK_WEBHOOK_URL$/,
    );
    expect(run.stdout.split('\n').find((line) => line.startsWith('DB_PASSWORD'))).not.toMatch(/by hand/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(webhook);
  });

  it('says so in JSON (byHand, byHandSteps), only for the webhook', async () => {
    const { repo, webhook } = await repoWithWebhook();
    const run = await repo.cli(['status', '--json']);
    expect(run.code).toBe(0);
    const entries = (JSON.parse(run.stdout) as { entries: Array<Record<string, unknown>> }).entries;
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    expect(byName.get('SLACK_WEBHOOK_URL')).toMatchObject({
      byHand: true,
      byHandSteps: expect.stringMatching(/^rotate by hand .*unleak rotate SLACK_WEBHOOK_URL$/),
      leaked: true,
    });
    expect(byName.get('DB_PASSWORD')).toMatchObject({ byHand: false, byHandSteps: null });
    expect(run.stdout).not.toContain(webhook);
  });

  it('is not by hand when the config names a provider for the entry', async () => {
    const repo = await rotateRepo(
      [{ name: 'SLACK_WEBHOOK_URL', value: slackWebhook(), meta: { provider: 'slack-webhook' } }],
      'rotation:\n  secrets:\n    SLACK_WEBHOOK_URL:\n      provider: command\n      command: [./tools/x.sh]\n',
    );
    const entries = (JSON.parse((await repo.cli(['status', '--json'])).stdout) as { entries: Array<Record<string, unknown>> }).entries;
    expect(entries[0]).toMatchObject({ name: 'SLACK_WEBHOOK_URL', provider: 'command', byHand: false });
  });
});
