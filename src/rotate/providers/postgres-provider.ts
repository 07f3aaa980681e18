// Written from https://www.postgresql.org/docs/current/sql-alterrole.html and /auth-password.html
import type pg from 'pg';
import { z } from 'zod';
import { applyChange } from '../apply-change.js';
import { hasScheme } from '../credential-url.js';
import { defineProvider, envValue } from '../define-provider.js';
import { twoPhaseHandle } from '../handle.js';
import { generatePassword } from '../password.js';
import { passwordTarget, type PasswordTarget } from '../password-target.js';
import type { RotationContext } from '../provider-types.js';
import { describeCause, newCredentialRejected, oldCredentialStillAccepted, providerFailed, providerMisconfigured } from '../rotation-errors.js';
import { connectPg, tryPgLogin } from './postgres-client.js';
import { scramVerifier, verifierSafe } from './postgres-scram.js';

/**
 * PostgreSQL: `ALTER ROLE <role> PASSWORD '<SCRAM verifier>'`, run as an admin whose URL is in an
 * environment variable. One password per role, so "create" replaces the old password at once;
 * "revoke" then checks that the old one is refused.
 */

const SCHEMES = ['postgres', 'postgresql'];

const options = z
  .object({
    /** Environment variable holding an admin connection URL (superuser or CREATEROLE). */
    adminUrlEnv: z.string().min(1).default('UNLEAK_POSTGRES_ADMIN_URL'),
    /** Where to log in, for bare-password values (or to override the stored host): postgres://role@host:port/db. */
    url: z.string().min(1).optional(),
    /** After revoking, log in with the old password and fail unless it is refused. */
    checkRevoked: z.boolean().default(true),
    passwordLength: z.number().int().min(16).max(128).default(32),
    timeoutMs: z.number().int().positive().default(10_000),
  })
  .strict();

type Options = z.infer<typeof options>;

function adminUrl(ctx: RotationContext<Options>): string {
  const url = envValue(ctx.io.env, ctx.options.adminUrlEnv);
  if (!url) throw providerMisconfigured('postgres', `$${ctx.options.adminUrlEnv} is not set`, `Set ${ctx.options.adminUrlEnv} to the URL of a role allowed to ALTER ROLE (superuser or CREATEROLE), or name another variable with option adminUrlEnv.`);
  return url;
}

const target = (ctx: RotationContext<Options>, value = ctx.currentValue): PasswordTarget => passwordTarget('postgres', ctx.name, value, ctx.options, SCHEMES);

function passwordSql(client: pg.Client, role: string, password: string, salt: Buffer): string {
  const secret = verifierSafe(password) ? scramVerifier(password, salt) : password;
  return `ALTER ROLE ${client.escapeIdentifier(role)} WITH PASSWORD ${client.escapeLiteral(secret)}`;
}

async function setPassword(ctx: RotationContext<Options>, role: string, password: string): Promise<void> {
  let client: pg.Client;
  try {
    client = await connectPg(adminUrl(ctx), ctx.options.timeoutMs);
  } catch (error) {
    throw providerFailed('postgres', `cannot connect as the admin ($${ctx.options.adminUrlEnv}): ${describeCause(error)}`, { cause: error });
  }
  try {
    await client.query(passwordSql(client, role, password, ctx.io.randomBytes(16)));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** True for an error PostgreSQL itself sent (a severity and a SQLSTATE): the statement did not happen. */
const serverSaidNo = (error: unknown): boolean => {
  const record = error as { severity?: unknown; code?: unknown };
  return typeof record.severity === 'string' && typeof record.code === 'string' && /^[0-9A-Z]{5}$/.test(record.code);
};

async function expectLogin(ctx: RotationContext<Options>, url: string, role: string): Promise<void> {
  const login = await tryPgLogin(url, ctx.options.timeoutMs);
  if (login.outcome === 'refused') throw newCredentialRejected('postgres', `login as ${role} refused: ${login.reason}`);
}

async function expectRefused(ctx: RotationContext<Options>, url: string, role: string): Promise<void> {
  if (!ctx.options.checkRevoked) return;
  const login = await tryPgLogin(url, ctx.options.timeoutMs);
  if (login.outcome === 'accepted') throw oldCredentialStillAccepted('postgres', `the server let ${role} log in with the old password`);
}

export const postgresProvider = defineProvider<Options>({
  id: 'postgres',
  title: 'PostgreSQL role password (ALTER ROLE … PASSWORD)',
  docs: 'https://www.postgresql.org/docs/current/sql-alterrole.html',
  dualCredentials: false,
  options,
  matches: (subject) => subject.provider === 'postgres' || (subject.ruleId?.startsWith('postgres') ?? false) || hasScheme(subject.value, SCHEMES),
  plan: (ctx) => [
    `create: ALTER ROLE … PASSWORD as the admin in $${ctx.options.adminUrlEnv}${envValue(ctx.io.env, ctx.options.adminUrlEnv) ? '' : ' (NOT SET)'}`,
    'store: the new connection string, the old one kept as previous',
    'test: log in with the new password',
    ctx.options.checkRevoked ? 'revoke: check the old password is refused' : 'revoke: (nothing left to do: one password per role)',
  ],
  async rotate(ctx) {
    const account = target(ctx);
    adminUrl(ctx);
    const password = generatePassword(ctx.io.randomBytes, ctx.options.passwordLength);
    const newValue = account.valueWith(password);
    const undo = (): Promise<void> => setPassword(ctx, account.user, account.password);
    await applyChange({ provider: 'postgres', what: `ALTER ROLE ${account.user}`, newValue, apply: () => setPassword(ctx, account.user, password), undo, refusedByServer: serverSaidNo });
    return twoPhaseHandle({
      newValue,
      test: () => expectLogin(ctx, account.loginUrl(password), account.user),
      revoke: () => expectRefused(ctx, account.loginUrl(account.password), account.user),
      undoCreate: undo,
    });
  },
  async verify(ctx, value) {
    const account = target(ctx, value);
    await expectLogin(ctx, account.loginUrl(account.password), account.user);
  },
  async revokePrevious(ctx) {
    const account = target(ctx, ctx.previousValue);
    await expectRefused(ctx, account.loginUrl(account.password), account.user);
  },
});
