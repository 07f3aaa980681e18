// Written from https://docs.github.com/en/rest/credentials/revoke (POST /credentials/revoke)
// and https://docs.github.com/en/rest/users/users#get-the-authenticated-user (GET /user)
import * as z from 'zod';
import { defineProvider } from '../define-provider.js';
import { twoPhaseHandle } from '../handle.js';
import { expectStatus, joinUrl, jsonOf, send } from '../http.js';
import type { RotationContext } from '../provider-types.js';
import { newCredentialRejected, providerFailed } from '../rotation-errors.js';
import { userSuppliedValue } from '../user-supplied.js';

/**
 * GitHub tokens cannot be created through the API, so the new token comes from the user (made in
 * the web UI). It is tested with GET /user (same account as the old one), then the leaked token is
 * revoked with POST /credentials/revoke, an unauthenticated call meant for exposed credentials.
 * GitHub cannot reactivate a revoked token, so a failed revocation is never "undone": both values
 * stay in the store until `rotate --finish` confirms the revocation.
 */

const REVOCABLE = /^(ghp_|github_pat_|gho_|ghu_|ghr_)[A-Za-z0-9_]{20,}$/;

const options = z
  .object({
    baseUrl: z.string().url().default('https://api.github.com'),
    apiVersion: z.string().default('2022-11-28'),
    newValueEnv: z.string().min(1).optional(),
    /** Poll GET /user with the old token after revoking until GitHub refuses it. */
    checkRevoked: z.boolean().default(true),
    revokeCheckAttempts: z.number().int().min(1).max(30).default(5),
    revokeCheckDelayMs: z.number().int().min(0).default(2000),
    timeoutMs: z.number().int().positive().default(30_000),
  })
  .strict();

type Options = z.infer<typeof options>;
type Ctx = RotationContext<Options>;

const headers = (ctx: Ctx, token?: string): Record<string, string> => ({
  accept: 'application/vnd.github+json',
  'x-github-api-version': ctx.options.apiVersion,
  'user-agent': 'unleak',
  ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
});

/** GET /user: the login of the token's account, or undefined when GitHub refuses the token (401). */
async function whoami(ctx: Ctx, token: string): Promise<string | undefined> {
  const reply = await send(ctx.io.fetch, 'github', 'GET /user', {
    method: 'GET',
    url: joinUrl(ctx.options.baseUrl, '/user'),
    headers: headers(ctx, token),
    timeoutMs: ctx.options.timeoutMs,
  });
  if (reply.status === 401) return undefined;
  expectStatus(reply, [200], 'github', 'GET /user');
  const login = (jsonOf(reply) as { login?: unknown } | undefined)?.login;
  return typeof login === 'string' ? login : '';
}

async function revoke(ctx: Ctx, token: string): Promise<void> {
  const reply = await send(ctx.io.fetch, 'github', 'POST /credentials/revoke', {
    method: 'POST',
    url: joinUrl(ctx.options.baseUrl, '/credentials/revoke'),
    headers: { ...headers(ctx), 'content-type': 'application/json' },
    body: JSON.stringify({ credentials: [token] }),
    timeoutMs: ctx.options.timeoutMs,
  });
  expectStatus(reply, [202], 'github', 'POST /credentials/revoke');
}

/** Revokes, then waits (a few polls) for GitHub to refuse the token; returns a note if it still works. */
async function revokeAndCheck(ctx: Ctx, token: string): Promise<string | undefined> {
  await revoke(ctx, token);
  if (!ctx.options.checkRevoked) return undefined;
  for (let attempt = 1; attempt <= ctx.options.revokeCheckAttempts; attempt++) {
    if ((await whoami(ctx, token)) === undefined) return undefined;
    if (attempt < ctx.options.revokeCheckAttempts) await ctx.io.sleep(ctx.options.revokeCheckDelayMs);
  }
  return 'GitHub accepted the revocation (202) but the old token still worked at the last check; revocation is asynchronous: check again shortly';
}

/** The new token, pasted by the user (or from option newValueEnv). */
const newToken = (ctx: RotationContext<Options>): Promise<string> =>
  userSuppliedValue(ctx, 'github', 'a new GitHub token', (value) => /^(ghp_|github_pat_|gho_|ghu_|ghr_|ghs_)/.test(value));

export const githubProvider = defineProvider<Options>({
  id: 'github',
  title: 'GitHub token (new one from you; old one revoked via POST /credentials/revoke)',
  docs: 'https://docs.github.com/en/rest/credentials/revoke',
  dualCredentials: true,
  options,
  matches: (subject) =>
    subject.provider === 'github' || (subject.ruleId?.startsWith('github-') ?? false) || REVOCABLE.test(subject.value ?? ''),
  plan: (ctx) => [
    `create: you create a new token on GitHub and paste it${ctx.options.newValueEnv ? ` (or set $${ctx.options.newValueEnv})` : ''}`,
    'store: the new token, the old one kept as previous',
    `test: GET ${joinUrl(ctx.options.baseUrl, '/user')} with the new token (same account)`,
    `revoke: POST ${joinUrl(ctx.options.baseUrl, '/credentials/revoke')} with the old token`,
  ],
  check(ctx) {
    if (!REVOCABLE.test(ctx.currentValue))
      throw providerFailed('github', `${ctx.name} is not a token /credentials/revoke accepts (ghp_, github_pat_, gho_, ghu_, ghr_)`);
  },
  prepare: (ctx) => newToken(ctx),
  async rotate(ctx) {
    if (!REVOCABLE.test(ctx.currentValue))
      throw providerFailed('github', `${ctx.name} is not a token /credentials/revoke accepts (ghp_, github_pat_, gho_, ghu_, ghr_)`);
    const owner = await whoami(ctx, ctx.currentValue);
    const newValue = ctx.newValue ?? (await newToken(ctx));
    const notes: string[] = [];
    if (owner === undefined) notes.push('the old token was already refused by GitHub before the rotation');
    return twoPhaseHandle({
      newValue,
      notes,
      test: async () => {
        const login = await whoami(ctx, newValue);
        if (login === undefined) throw newCredentialRejected('github', 'GET /user answered 401 (Bad credentials)');
        if (owner && login !== owner) throw newCredentialRejected('github', `it belongs to ${login}, the old one to ${owner}`);
      },
      revoke: async () => {
        const note = await revokeAndCheck(ctx, ctx.currentValue);
        if (note) notes.push(note);
      },
      undoRevoke: async () => {
        throw providerFailed('github', 'a revocation request may have reached GitHub, and GitHub cannot reactivate a token');
      },
      undoCreate: async () => {
        notes.push('the new token you created was not used: delete it in your GitHub settings');
      },
    });
  },
  async verify(ctx, value) {
    if ((await whoami(ctx, value)) === undefined) throw newCredentialRejected('github', 'GET /user answered 401 (Bad credentials)');
  },
  async revokePrevious(ctx) {
    const note = await revokeAndCheck(ctx, ctx.previousValue);
    if (note) ctx.io.log(`${ctx.name}: ${note}`);
  },
});
