// Written from https://docs.npmjs.com/cli/commands/npm-token and the registry calls of npm-profile
// (POST /-/npm/v1/tokens, DELETE /-/npm/v1/tokens/token/{key}) and GET /-/whoami
import * as z from 'zod';
import { defineProvider, envValue } from '../define-provider.js';
import { twoPhaseHandle } from '../handle.js';
import { expectStatus, joinUrl, jsonOf, send } from '../http.js';
import type { RotationContext } from '../provider-types.js';
import { newCredentialRejected, oldCredentialStillAccepted, providerFailed } from '../rotation-errors.js';
import { userSuppliedValue } from '../user-supplied.js';

/**
 * npm registry tokens. The new token is created through the registry when the account password
 * is available (option passwordEnv, plus otpEnv for two-factor accounts), else it comes from the
 * user. It is tested with GET /-/whoami (same user), then the old token is deleted with DELETE
 * /-/npm/v1/tokens/token/<token>, which the registry applies at once and cannot undo.
 */

const TOKEN = /^npm_[A-Za-z0-9]{36}$/;

const options = z
  .object({
    registry: z.string().url().default('https://registry.npmjs.org'),
    newValueEnv: z.string().min(1).optional(),
    /** Environment variable with the account password: lets unleak create the new token itself. */
    passwordEnv: z.string().min(1).optional(),
    /** Environment variable with a one-time password (npm-otp header) for two-factor accounts. */
    otpEnv: z.string().min(1).optional(),
    readonly: z.boolean().default(false),
    cidrWhitelist: z.array(z.string()).default([]),
    timeoutMs: z.number().int().positive().default(30_000),
  })
  .strict();

type Options = z.infer<typeof options>;
type Ctx = RotationContext<Options>;

const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}`, accept: 'application/json' });

async function whoami(ctx: Ctx, token: string): Promise<string | undefined> {
  const reply = await send(ctx.io.fetch, 'npm', 'GET /-/whoami', {
    method: 'GET',
    url: joinUrl(ctx.options.registry, '/-/whoami'),
    headers: auth(token),
    timeoutMs: ctx.options.timeoutMs,
  });
  if (reply.status === 401 || reply.status === 403) return undefined;
  expectStatus(reply, [200], 'npm', 'GET /-/whoami');
  const username = (jsonOf(reply) as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username : '';
}

async function createToken(ctx: Ctx, password: string): Promise<string> {
  const otp = ctx.options.otpEnv ? envValue(ctx.io.env, ctx.options.otpEnv) : undefined;
  const reply = await send(ctx.io.fetch, 'npm', 'POST /-/npm/v1/tokens', {
    method: 'POST',
    url: joinUrl(ctx.options.registry, '/-/npm/v1/tokens'),
    headers: { ...auth(ctx.currentValue), 'content-type': 'application/json', ...(otp ? { 'npm-otp': otp } : {}) },
    body: JSON.stringify({ password, readonly: ctx.options.readonly, cidr_whitelist: ctx.options.cidrWhitelist }),
    timeoutMs: ctx.options.timeoutMs,
  });
  expectStatus(
    reply,
    [200, 201],
    'npm',
    'POST /-/npm/v1/tokens',
    reply.status === 401 ? 'A two-factor account needs a one-time password: set option otpEnv.' : undefined,
  );
  const token = (jsonOf(reply) as { token?: unknown } | undefined)?.token;
  if (typeof token !== 'string' || token === '') throw providerFailed('npm', 'the registry answered without a token');
  return token;
}

async function deleteToken(ctx: Ctx, token: string, as: string): Promise<void> {
  const path = `/-/npm/v1/tokens/token/${encodeURIComponent(token)}`;
  const reply = await send(ctx.io.fetch, 'npm', 'DELETE /-/npm/v1/tokens/token/…', {
    method: 'DELETE',
    url: joinUrl(ctx.options.registry, path),
    headers: auth(as),
    timeoutMs: ctx.options.timeoutMs,
  });
  expectStatus(reply, [200, 204], 'npm', 'DELETE /-/npm/v1/tokens/token/…');
}

async function revoke(ctx: Ctx, token: string, as: string): Promise<void> {
  await deleteToken(ctx, token, as);
  if ((await whoami(ctx, token)) !== undefined) throw oldCredentialStillAccepted('npm', 'GET /-/whoami still accepts the old token');
}

export const npmProvider = defineProvider<Options>({
  id: 'npm',
  title: 'npm registry token (created with your password, or given by you; old one deleted)',
  docs: 'https://docs.npmjs.com/cli/commands/npm-token',
  dualCredentials: true,
  options,
  matches: (subject) => subject.provider === 'npm' || (subject.ruleId?.startsWith('npm-') ?? false) || TOKEN.test(subject.value ?? ''),
  plan: (ctx) => [
    ctx.options.passwordEnv
      ? `create: POST ${joinUrl(ctx.options.registry, '/-/npm/v1/tokens')} with the password in $${ctx.options.passwordEnv}`
      : 'create: you create a new token (npm token create, or the website) and paste it',
    'store: the new token, the old one kept as previous',
    `test: GET ${joinUrl(ctx.options.registry, '/-/whoami')} with the new token (same user)`,
    `revoke: DELETE ${joinUrl(ctx.options.registry, '/-/npm/v1/tokens/token/<old token>')}`,
  ],
  async rotate(ctx) {
    const owner = await whoami(ctx, ctx.currentValue);
    const password = ctx.options.passwordEnv ? envValue(ctx.io.env, ctx.options.passwordEnv) : undefined;
    if (ctx.options.passwordEnv && !password) throw providerFailed('npm', `$${ctx.options.passwordEnv} is not set`);
    const created = password !== undefined;
    const newValue =
      password !== undefined
        ? await createToken(ctx, password)
        : await userSuppliedValue(ctx, 'npm', 'a new npm token', (value) => TOKEN.test(value) || value.length >= 32);
    const notes: string[] = [];
    return twoPhaseHandle({
      newValue,
      notes,
      test: async () => {
        const user = await whoami(ctx, newValue);
        if (user === undefined) throw newCredentialRejected('npm', 'GET /-/whoami answered 401');
        if (owner && user !== owner) throw newCredentialRejected('npm', `it belongs to ${user}, the old one to ${owner}`);
      },
      revoke: () => revoke(ctx, ctx.currentValue, newValue),
      undoRevoke: async () => {
        throw providerFailed('npm', 'the old token may already be deleted, and the registry cannot restore it');
      },
      undoCreate: async () => {
        if (created) await deleteToken(ctx, newValue, ctx.currentValue);
        else notes.push('the new token you made was not used: delete it with npm token revoke if you do not need it');
      },
    });
  },
  async verify(ctx, value) {
    if ((await whoami(ctx, value)) === undefined) throw newCredentialRejected('npm', 'GET /-/whoami answered 401');
  },
  async revokePrevious(ctx) {
    await revoke(ctx, ctx.previousValue, ctx.currentValue);
  },
});
