import { createHmac, randomUUID } from 'node:crypto';
import * as z from 'zod';
import { defineProvider, envValue } from '../define-provider.js';
import { twoPhaseHandle } from '../handle.js';
import { generatePassword } from '../password.js';
import { expectStatus, jsonOf, send } from '../http.js';
import type { RotationContext } from '../provider-types.js';
import { providerFailed, providerMisconfigured } from '../rotation-errors.js';

/**
 * Rotation by the user's own HTTP endpoint: the four steps become four signed POSTs to one URL.
 *
 *   body:    {"version":1, "step":"create"|"test"|"revoke"|"rollback", "rotationId", "secret": NAME,
 *             "context": {…from config…}, and per step: create {currentValue}, test {newValue},
 *             revoke {oldValue}, rollback {oldValue, newValue, revokeStarted}}
 *   headers: X-Unleak-Timestamp: <unix seconds>
 *            X-Unleak-Signature: v1=<hex HMAC-SHA256(key, "<timestamp>.<body>")>
 *   reply:   2xx; for create a JSON body {"newValue": "…"}
 *
 * With `generate: true`, unleak makes the new value (saved in the store as pending first, so an
 * interruption cannot lose it) and sends it in create as `newValue`; the endpoint sets it.
 *
 * The key is read from the environment variable named by `secretEnv`. Requests carry secret values,
 * so plain http:// is refused except to loopback addresses.
 */

const options = z
  .object({
    url: z.string().url().optional(),
    secretEnv: z.string().min(1).default('UNLEAK_WEBHOOK_SECRET'),
    /** Any JSON object, sent as `context` in every request (which service, which account…). */
    context: z.record(z.string(), z.unknown()).default({}),
    keepsOld: z.boolean().default(false),
    /** unleak generates the new value (saved as pending first) and sends it in create as `newValue`; the reply may omit it. */
    generate: z.boolean().default(false),
    passwordLength: z.number().int().min(16).max(128).default(32),
    timeoutMs: z.number().int().positive().default(30_000),
  })
  .strict();

type Options = z.infer<typeof options>;
type Ctx = RotationContext<Options>;
type Step = 'create' | 'test' | 'revoke' | 'rollback';

/** The signature header value for a body sent at `timestamp` (unix seconds). */
export function webhookSignature(key: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;
}

function endpoint(ctx: Ctx): { url: string; key: string } {
  if (!ctx.options.url)
    throw providerMisconfigured(
      'webhook',
      `no url set for ${ctx.name}`,
      'Set rotation.secrets.<NAME>.url (or providers.webhook.url) in .unleak.yaml.',
    );
  const url = new URL(ctx.options.url);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw providerMisconfigured('webhook', `refusing to send secret values to ${url.protocol}//${url.host}: use https://`);
  const key = envValue(ctx.io.env, ctx.options.secretEnv);
  if (!key)
    throw providerMisconfigured(
      'webhook',
      `$${ctx.options.secretEnv} is not set`,
      `Set ${ctx.options.secretEnv} to the shared HMAC key your endpoint checks, or name another variable with option secretEnv.`,
    );
  return { url: ctx.options.url, key };
}

async function post(ctx: Ctx, rotationId: string, step: Step, fields: Record<string, unknown>): Promise<unknown> {
  const { url, key } = endpoint(ctx);
  const body = JSON.stringify({ version: 1, step, rotationId, secret: ctx.name, context: ctx.options.context, ...fields });
  const timestamp = String(Math.floor(ctx.io.now().getTime() / 1000));
  const reply = await send(ctx.io.fetch, 'webhook', `POST ${step}`, {
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/json',
      'x-unleak-timestamp': timestamp,
      'x-unleak-signature': webhookSignature(key, timestamp, body),
    },
    body,
    timeoutMs: ctx.options.timeoutMs,
  });
  expectStatus(reply, [200, 201, 202, 204], 'webhook', `POST ${step}`);
  return jsonOf(reply);
}

export const webhookProvider = defineProvider<Options>({
  id: 'webhook',
  title: 'your own HTTP endpoint (four signed POSTs)',
  docs: 'docs/rotate.md#webhook',
  dualCredentials: false,
  options,
  matches: (subject) => subject.provider === 'webhook',
  plan: (ctx) => {
    const to = ctx.options.url ?? '(no url set!)';
    return [
      `create: POST ${to} step=create`,
      'store: the newValue it returned, the old one kept as previous',
      `test: POST ${to} step=test`,
      `revoke: POST ${to} step=revoke`,
    ];
  },
  check(ctx) {
    endpoint(ctx);
  },
  prepare: async (ctx) => (ctx.options.generate ? generatePassword(ctx.io.randomBytes, ctx.options.passwordLength) : undefined),
  async rotate(ctx) {
    endpoint(ctx);
    const rotationId = randomUUID();
    const answer = (await post(
      ctx,
      rotationId,
      'create',
      ctx.newValue === undefined ? { currentValue: ctx.currentValue } : { currentValue: ctx.currentValue, newValue: ctx.newValue },
    )) as { newValue?: unknown } | undefined;
    const newValue = ctx.newValue ?? answer?.newValue;
    if (typeof newValue !== 'string' || newValue === '') throw providerFailed('webhook', 'the create reply has no "newValue" string');
    if (ctx.newValue !== undefined && answer?.newValue !== undefined && answer.newValue !== ctx.newValue)
      throw providerFailed('webhook', 'with generate: true the create reply must return no newValue or the one it was sent');
    if (newValue === ctx.currentValue) throw providerFailed('webhook', 'the create reply returned the current value, not a new one');
    let revokeStarted = false;
    return twoPhaseHandle({
      newValue,
      oldStillWorks: ctx.options.keepsOld,
      test: async () => void (await post(ctx, rotationId, 'test', { newValue })),
      revoke: async () => {
        revokeStarted = true;
        await post(ctx, rotationId, 'revoke', { oldValue: ctx.currentValue });
      },
      undoCreate: async () => void (await post(ctx, rotationId, 'rollback', { oldValue: ctx.currentValue, newValue, revokeStarted })),
    });
  },
  async verify(ctx, value) {
    await post(ctx, randomUUID(), 'test', { newValue: value });
  },
  async revokePrevious(ctx) {
    await post(ctx, randomUUID(), 'revoke', { oldValue: ctx.previousValue });
  },
});
