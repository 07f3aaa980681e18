// Written from https://api.slack.com/methods/auth.revoke and https://api.slack.com/methods/auth.test
import * as z from 'zod';
import { defineProvider } from '../define-provider.js';
import { twoPhaseHandle } from '../handle.js';
import { expectStatus, joinUrl, jsonOf, send } from '../http.js';
import type { RotationContext } from '../provider-types.js';
import { newCredentialRejected, oldCredentialStillAccepted, providerFailed } from '../rotation-errors.js';
import { userSuppliedValue } from '../user-supplied.js';

/**
 * Slack tokens are issued by installing (or reinstalling) an app, so the new token comes from the
 * user. It is tested with auth.test (same workspace as the old one), then the old token revokes
 * itself with auth.revoke. Slack answers HTTP 200 with `ok: false` for errors; a revoked token
 * cannot be restored, so a failed revocation keeps both values for `rotate --finish`.
 */

const TOKEN = /^xox[abposre]-[A-Za-z0-9-]{10,}$/;
/** Incoming-webhook and workflow URLs: no API revokes or reissues them. */
const WEBHOOK_URL = /^\s*https:\/\/hooks\.slack\.com\/(services|workflows|triggers)\//;

/** True for a Slack incoming-webhook or workflow URL: `rotate` only prints the steps to rotate it by hand. */
export function isSlackWebhookUrl(value: string): boolean {
  return WEBHOOK_URL.test(value);
}

/** How to rotate a Slack webhook URL by hand (https://api.slack.com/messaging/webhooks). */
function webhookSteps(name: string, value: string): string[] {
  const app = /\/services\//.test(value)
    ? [
        '1. Open https://api.slack.com/apps, pick the app that owns the webhook, then "Incoming Webhooks".',
        '2. "Add New Webhook to Workspace" for the same channel, and copy the new URL.',
        '3. Delete the leaked webhook there (Remove): anyone holding it can post to the channel until then.',
      ]
    : [
        "1. In Slack's Workflow Builder, open the workflow that owns the webhook (or trigger) URL.",
        '2. Create a new webhook trigger and copy its URL.',
        '3. Delete the leaked trigger, so that the old URL stops working.',
      ];
  return [
    ...app,
    `4. Store the new URL: unleak secrets set ${name} (paste it; the entry stops being marked leaked)`,
    '5. Run unleak status to check nothing else is pending.',
  ];
}

const options = z
  .object({
    baseUrl: z.string().url().default('https://slack.com/api'),
    newValueEnv: z.string().min(1).optional(),
    timeoutMs: z.number().int().positive().default(30_000),
  })
  .strict();

type Options = z.infer<typeof options>;
type Ctx = RotationContext<Options>;

interface SlackAnswer {
  ok?: boolean;
  error?: string;
  team_id?: string;
  user_id?: string;
  revoked?: boolean;
}

async function method(ctx: Ctx, name: 'auth.test' | 'auth.revoke', token: string): Promise<SlackAnswer> {
  const reply = await send(ctx.io.fetch, 'slack', name, {
    method: 'POST',
    url: joinUrl(ctx.options.baseUrl, name),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
    timeoutMs: ctx.options.timeoutMs,
  });
  expectStatus(reply, [200], 'slack', name);
  const answer = jsonOf(reply) as SlackAnswer | undefined;
  if (!answer || typeof answer.ok !== 'boolean') throw providerFailed('slack', `${name}: the answer is not Slack's JSON`);
  return answer;
}

async function revoke(ctx: Ctx, token: string): Promise<void> {
  const answer = await method(ctx, 'auth.revoke', token);
  if (!answer.ok && answer.error !== 'token_revoked' && answer.error !== 'invalid_auth')
    throw providerFailed('slack', `auth.revoke: ${answer.error ?? 'failed'}`);
  const after = await method(ctx, 'auth.test', token);
  if (after.ok) throw oldCredentialStillAccepted('slack', 'auth.test still accepts the old token');
}

/** The new token, pasted by the user (or from option newValueEnv). */
const newToken = (ctx: Ctx): Promise<string> => userSuppliedValue(ctx, 'slack', 'a new Slack token', (value) => TOKEN.test(value));

export const slackProvider = defineProvider<Options>({
  id: 'slack',
  title: 'Slack token (new one from you; old one revoked with auth.revoke)',
  docs: 'https://api.slack.com/methods/auth.revoke',
  dualCredentials: true,
  options,
  matches: (subject) =>
    subject.provider === 'slack' ||
    (subject.ruleId?.startsWith('slack-') ?? false) ||
    TOKEN.test(subject.value ?? '') ||
    WEBHOOK_URL.test(subject.value ?? ''),
  manualSteps: (ctx) => (WEBHOOK_URL.test(ctx.currentValue) ? webhookSteps(ctx.name, ctx.currentValue) : undefined),
  prepare: (ctx) => newToken(ctx),
  plan: (ctx) => [
    `create: you reinstall the app (or make a new token) and paste it${ctx.options.newValueEnv ? ` (or set $${ctx.options.newValueEnv})` : ''}`,
    'store: the new token, the old one kept as previous',
    `test: ${joinUrl(ctx.options.baseUrl, 'auth.test')} with the new token (same workspace)`,
    `revoke: ${joinUrl(ctx.options.baseUrl, 'auth.revoke')} with the old token`,
  ],
  async rotate(ctx) {
    const before = await method(ctx, 'auth.test', ctx.currentValue);
    const newValue = ctx.newValue ?? (await newToken(ctx));
    const notes: string[] = before.ok ? [] : [`the old token was already refused by Slack (${before.error ?? 'not ok'})`];
    return twoPhaseHandle({
      newValue,
      notes,
      test: async () => {
        const answer = await method(ctx, 'auth.test', newValue);
        if (!answer.ok) throw newCredentialRejected('slack', `auth.test: ${answer.error ?? 'not ok'}`);
        if (before.ok && answer.team_id !== before.team_id)
          throw newCredentialRejected('slack', `it is for workspace ${answer.team_id}, the old one for ${before.team_id}`);
      },
      revoke: () => revoke(ctx, ctx.currentValue),
      undoRevoke: async () => {
        throw providerFailed('slack', 'the revocation may have reached Slack, and a revoked token cannot be restored');
      },
      undoCreate: async () => {
        notes.push('the new token you made was not used: revoke it, or reinstall the app, if you do not need it');
      },
    });
  },
  async verify(ctx, value) {
    const answer = await method(ctx, 'auth.test', value);
    if (!answer.ok) throw newCredentialRejected('slack', `auth.test: ${answer.error ?? 'not ok'}`);
  },
  async revokePrevious(ctx) {
    await revoke(ctx, ctx.previousValue);
  },
});
