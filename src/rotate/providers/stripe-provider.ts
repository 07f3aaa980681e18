// Written from https://docs.stripe.com/keys#rolling-keys and the API keys endpoints of Stripe's API v2
// (POST /v2/iam/api_keys/{id}/rotate, POST /v2/iam/api_keys/{id}/expire, GET /v2/iam/api_keys;
// https://docs.stripe.com/api-v2-overview for JSON bodies and versioning)
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { defineProvider, envValue } from '../define-provider.js';
import { twoPhaseHandle } from '../handle.js';
import { expectStatus, joinUrl, jsonOf, send } from '../http.js';
import type { RotationContext } from '../provider-types.js';
import { newCredentialRejected, oldCredentialStillAccepted, providerFailed } from '../rotation-errors.js';
import { decryptJweCompact, oneTimeRsaKey } from './jwe.js';

/**
 * Stripe rolls a key: `POST /v2/iam/api_keys/{id}/rotate` makes a new key with the same properties
 * (restricted keys keep their permissions) and schedules the old one to expire after
 * `expire_current_key_in_minutes` (at most 7 days): both work until then, which is the grace
 * period. Live secret keys come back encrypted to a one-time RSA key made for the call. Revoke
 * expires the old key at once (`…/expire`). Stripe cannot cancel a scheduled expiry, so a rollback
 * that would leave only a doomed old key keeps both values in the store instead.
 */

const SECRET = /^(sk|rk)_(live|test)_[A-Za-z0-9]{10,}$/;

const options = z
  .object({
    baseUrl: z.string().url().default('https://api.stripe.com'),
    /** Stripe-Version header for the v2 API keys endpoints (omitted when unset). */
    apiVersion: z.string().min(1).optional(),
    /** The API key object's id; default: found by listing keys and matching the stored key's redacted form. */
    keyId: z.string().min(1).optional(),
    /** A key allowed to manage API keys; default: the stored key itself. */
    adminKeyEnv: z.string().min(1).default('UNLEAK_STRIPE_ADMIN_KEY'),
    /** Minutes the old key lives after the roll when no grace period is set (it is expired explicitly at revoke). */
    rollWindowMinutes: z.number().int().min(1).max(10080).default(60),
    /** A GET request any working key may make; 401 means the key does not work. */
    testPath: z.string().default('/v1/balance'),
    timeoutMs: z.number().int().positive().default(30_000),
  })
  .strict();

type Options = z.infer<typeof options>;
type Ctx = RotationContext<Options>;

interface ApiKey {
  id?: string;
  expires_at?: string | null;
  secret_key?: { token?: string; secret_token_redacted?: string; encrypted_secret?: { ciphertext?: string; format?: string } };
  publishable_key?: { token?: string };
}

const bearer = (ctx: Ctx, fallback: string): string => envValue(ctx.io.env, ctx.options.adminKeyEnv) ?? fallback;

async function api(
  ctx: Ctx,
  key: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown; error: () => never }> {
  const reply = await send(ctx.io.fetch, 'stripe', `${method} ${path}`, {
    method,
    url: joinUrl(ctx.options.baseUrl, path),
    headers: {
      authorization: `Bearer ${key}`,
      ...(ctx.options.apiVersion ? { 'stripe-version': ctx.options.apiVersion } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: ctx.options.timeoutMs,
  });
  return {
    status: reply.status,
    json: jsonOf(reply),
    error: () => {
      expectStatus(reply, [], 'stripe', `${method} ${path}`);
      throw new Error('unreachable');
    },
  };
}

/** True when the key authenticates (any answer but 401 to testPath). */
async function works(ctx: Ctx, key: string): Promise<boolean> {
  return (await api(ctx, key, 'GET', ctx.options.testPath)).status !== 401;
}

/** Whether a redacted form (`sk_live_…abcd`, `sk_live_****abcd`) could be this key. */
export function redactedMatches(redacted: string, key: string): boolean {
  const [head = '', tail = ''] = redacted.split(/[*…]+|\.{3,}/).filter((part, index, all) => index === 0 || index === all.length - 1);
  return head.length > 0 && key.startsWith(head) && key.endsWith(tail) && key.length >= head.length + tail.length;
}

async function findKeyId(ctx: Ctx, key: string, auth: string): Promise<string | undefined> {
  if (ctx.options.keyId) return ctx.options.keyId;
  const listed = await api(ctx, auth, 'GET', '/v2/iam/api_keys');
  if (listed.status !== 200) listed.error();
  const data = ((listed.json as { data?: ApiKey[] } | undefined)?.data ?? []).filter(
    (item) => item.secret_key?.secret_token_redacted && redactedMatches(item.secret_key.secret_token_redacted, key),
  );
  if (data.length > 1)
    throw providerFailed('stripe', `${data.length} API keys look like ${ctx.name}`, {
      hint: 'Set option keyId to the id of the key to roll.',
    });
  return data[0]?.id;
}

async function expire(ctx: Ctx, auth: string, id: string): Promise<void> {
  const reply = await api(ctx, auth, 'POST', `/v2/iam/api_keys/${encodeURIComponent(id)}/expire`, {});
  if (reply.status !== 200) reply.error();
}

function secretOf(rolled: ApiKey, privateKey: ReturnType<typeof oneTimeRsaKey>['privateKey']): string | undefined {
  if (rolled.secret_key?.token) return rolled.secret_key.token;
  const encrypted = rolled.secret_key?.encrypted_secret?.ciphertext;
  if (encrypted) return decryptJweCompact(encrypted, privateKey);
  return rolled.publishable_key?.token;
}

export const stripeProvider = defineProvider<Options>({
  id: 'stripe',
  title: 'Stripe API key (roll with an expiry, then expire the old key)',
  docs: 'https://docs.stripe.com/keys#rolling-keys',
  dualCredentials: true,
  options,
  matches: (subject) =>
    subject.provider === 'stripe' || (subject.ruleId?.startsWith('stripe-') ?? false) || SECRET.test(subject.value ?? ''),
  plan: (ctx) => [
    `create: POST /v2/iam/api_keys/${ctx.options.keyId ?? '<id found by listing keys>'}/rotate with expire_current_key_in_minutes`,
    'store: the new key, the old one kept as previous',
    `test: GET ${ctx.options.testPath} with the new key`,
    'revoke: POST /v2/iam/api_keys/<old id>/expire (now, or when the grace period ends)',
  ],
  async rotate(ctx) {
    const old = ctx.currentValue;
    const auth = bearer(ctx, old);
    const id = await findKeyId(ctx, old, auth);
    if (!id)
      throw providerFailed('stripe', `no API key listed matches ${ctx.name}`, { hint: 'Set option keyId to the id of the key to roll.' });
    const minutes = Math.min(10080, Math.max(ctx.options.rollWindowMinutes, Math.ceil(ctx.graceMs / 60_000)));
    const oneTime = oneTimeRsaKey();
    const body: Record<string, unknown> = { expire_current_key_in_minutes: minutes };
    if (/^(sk|rk)_/.test(old)) body.public_key = { id: `unleak-${randomUUID()}`, pem_key: { algorithm: 'rsa', data: oneTime.publicPem } };
    const rolled = await api(ctx, auth, 'POST', `/v2/iam/api_keys/${encodeURIComponent(id)}/rotate`, body);
    if (rolled.status !== 200) rolled.error();
    const created = rolled.json as ApiKey;
    const newValue = secretOf(created, oneTime.privateKey);
    if (!newValue || !created.id) throw providerFailed('stripe', 'the rotate answer has no new key');
    const expiresAt = new Date(ctx.io.now().getTime() + minutes * 60_000).toISOString();
    const notes: string[] = [];
    return twoPhaseHandle({
      newValue,
      notes,
      oldStillWorks: true,
      test: async () => {
        if (!(await works(ctx, newValue))) throw newCredentialRejected('stripe', `GET ${ctx.options.testPath} answered 401`);
      },
      revoke: async () => {
        await expire(ctx, bearer(ctx, newValue), id);
        if (await works(ctx, old)) throw oldCredentialStillAccepted('stripe', `GET ${ctx.options.testPath} still accepts the old key`);
      },
      undoCreate: async () => {
        if (await works(ctx, newValue))
          throw providerFailed(
            'stripe',
            `the old key is scheduled to expire at ${expiresAt} and Stripe cannot cancel that, so the working new key is kept`,
          );
        await expire(ctx, bearer(ctx, old), created.id as string);
        notes.push(`the old key still expires at ${expiresAt} (scheduled by the roll; Stripe cannot cancel it): rotate again before then`);
      },
    });
  },
  async verify(ctx, value) {
    if (!(await works(ctx, value))) throw newCredentialRejected('stripe', `GET ${ctx.options.testPath} answered 401`);
  },
  async revokePrevious(ctx) {
    const auth = bearer(ctx, ctx.currentValue);
    const id = await findKeyId(ctx, ctx.previousValue, auth);
    const expired =
      id === undefined
        ? undefined
        : await expire(ctx, auth, id).then(
            () => undefined,
            (error: unknown) => error,
          );
    if (await works(ctx, ctx.previousValue))
      throw expired ?? oldCredentialStillAccepted('stripe', `GET ${ctx.options.testPath} still accepts the previous key`);
  },
});
