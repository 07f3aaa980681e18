// Written from https://www.postgresql.org/docs/current/sql-alterrole.html and /auth-password.html
import * as z from 'zod';
import { applyChange } from '../apply-change.js';
import { hasScheme } from '../credential-url.js';
import { defineProvider, envValue } from '../define-provider.js';
import { twoPhaseHandle } from '../handle.js';
import { generatePassword } from '../password.js';
import { passwordTarget, type PasswordTarget } from '../password-target.js';
import type { RotationContext } from '../provider-types.js';
import {
  describeCause,
  newCredentialRejected,
  oldCredentialStillAccepted,
  providerFailed,
  providerMisconfigured,
} from '../rotation-errors.js';
import { tryPgLogin, type PostgresClient } from './postgres-client.js';
import { scramVerifier, verifierSafe } from './postgres-scram.js';

/**
 * PostgreSQL: `ALTER ROLE <role> PASSWORD '<SCRAM verifier>'`, run as an admin whose URL is in an
 * environment variable, or, when no admin URL is configured, `ALTER ROLE CURRENT_USER PASSWORD …`
 * run as the role itself, logged in with the current value (any role may change its own password).
 * One password per role, so "create" replaces the old password at once; "revoke" then checks that
 * the old one is refused. The new password is generated in "prepare", before anything changes.
 */

const SCHEMES = ['postgres', 'postgresql'];

const options = z
  .object({
    /**
     * Environment variable holding an admin connection URL (superuser or CREATEROLE). Unset (and
     * $UNLEAK_POSTGRES_ADMIN_URL empty): the role changes its own password.
     */
    adminUrlEnv: z.string().min(1).optional(),
    /** Where to log in, for bare-password values (or to override the stored host): postgres://role@host:port/db. */
    url: z.string().min(1).optional(),
    /** After revoking, log in with the old password and fail unless it is refused. */
    checkRevoked: z.boolean().default(true),
    passwordLength: z.number().int().min(16).max(128).default(32),
    timeoutMs: z.number().int().positive().default(10_000),
  })
  .strict();

type Options = z.infer<typeof options>;

const DEFAULT_ADMIN_ENV = 'UNLEAK_POSTGRES_ADMIN_URL';

const adminEnvName = (ctx: RotationContext<Options>): string => ctx.options.adminUrlEnv ?? DEFAULT_ADMIN_ENV;

/** The admin URL, or undefined for self-service (the role changes its own password). Throws when a configured variable is unset. */
function adminUrl(ctx: RotationContext<Options>): string | undefined {
  const url = envValue(ctx.io.env, adminEnvName(ctx));
  if (!url && ctx.options.adminUrlEnv !== undefined)
    throw providerMisconfigured(
      'postgres',
      `$${ctx.options.adminUrlEnv} is not set`,
      `Set ${ctx.options.adminUrlEnv} to the URL of a role allowed to ALTER ROLE (superuser or CREATEROLE), or drop option adminUrlEnv to let the role change its own password.`,
    );
  return url;
}

const target = (ctx: RotationContext<Options>, value = ctx.currentValue): PasswordTarget =>
  passwordTarget('postgres', ctx.name, value, ctx.options, SCHEMES);

function passwordSql(client: PostgresClient, role: string | undefined, password: string, salt: Buffer): string {
  const secret = verifierSafe(password) ? scramVerifier(password, salt) : password;
  return `ALTER ROLE ${role === undefined ? 'CURRENT_USER' : client.escapeIdentifier(role)} WITH PASSWORD ${client.escapeLiteral(secret)}`;
}

/** Sets the role's password: as the admin, or (no admin URL) as the role itself, logged in with `loginPassword`. */
async function setPassword(ctx: RotationContext<Options>, account: PasswordTarget, password: string, loginPassword: string): Promise<void> {
  const admin = adminUrl(ctx);
  let client: PostgresClient;
  try {
    client = await ctx.io.connectPostgres(admin ?? account.loginUrl(loginPassword), ctx.options.timeoutMs);
  } catch (error) {
    throw providerFailed(
      'postgres',
      `cannot connect ${admin ? `as the admin ($${adminEnvName(ctx)})` : `as ${account.user} to change its own password`}: ${describeCause(error)}`,
      { cause: error },
    );
  }
  try {
    await client.query(passwordSql(client, admin ? account.user : undefined, password, ctx.io.randomBytes(16)));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Puts the old password back after a create that may have happened: as the role, only if the new password is in force. */
async function restorePassword(ctx: RotationContext<Options>, account: PasswordTarget, password: string): Promise<void> {
  if (!adminUrl(ctx) && (await tryPgLogin(ctx.io.connectPostgres, account.loginUrl(password), ctx.options.timeoutMs)).outcome === 'refused')
    return;
  await setPassword(ctx, account, account.password, password);
}

/** True for an error PostgreSQL itself sent (a severity and a SQLSTATE): the statement did not happen. */
const serverSaidNo = (error: unknown): boolean => {
  const record = error as { severity?: unknown; code?: unknown };
  return typeof record.severity === 'string' && typeof record.code === 'string' && /^[0-9A-Z]{5}$/.test(record.code);
};

async function expectLogin(ctx: RotationContext<Options>, url: string, role: string): Promise<void> {
  const login = await tryPgLogin(ctx.io.connectPostgres, url, ctx.options.timeoutMs);
  if (login.outcome === 'refused') throw newCredentialRejected('postgres', `login as ${role} refused: ${login.reason}`);
}

async function expectRefused(ctx: RotationContext<Options>, url: string, role: string): Promise<void> {
  if (!ctx.options.checkRevoked) return;
  const login = await tryPgLogin(ctx.io.connectPostgres, url, ctx.options.timeoutMs);
  if (login.outcome === 'accepted') throw oldCredentialStillAccepted('postgres', `the server let ${role} log in with the old password`);
}

export const postgresProvider = defineProvider<Options>({
  id: 'postgres',
  title: 'PostgreSQL role password (ALTER ROLE … PASSWORD)',
  docs: 'https://www.postgresql.org/docs/current/sql-alterrole.html',
  dualCredentials: false,
  options,
  matches: (subject) =>
    subject.provider === 'postgres' || (subject.ruleId?.startsWith('postgres') ?? false) || hasScheme(subject.value, SCHEMES),
  plan: (ctx) => [
    'prepare: generate the new password and save it in the store as pending',
    envValue(ctx.io.env, adminEnvName(ctx))
      ? `create: ALTER ROLE … PASSWORD as the admin in $${adminEnvName(ctx)}`
      : 'create: ALTER ROLE CURRENT_USER PASSWORD … as the role itself (no admin URL)',
    'store: the new connection string, the old one kept as previous',
    'test: log in with the new password',
    ctx.options.checkRevoked ? 'revoke: check the old password is refused' : 'revoke: (nothing left to do: one password per role)',
  ],
  check(ctx) {
    target(ctx);
    adminUrl(ctx);
  },
  async prepare(ctx) {
    return target(ctx).valueWith(generatePassword(ctx.io.randomBytes, ctx.options.passwordLength));
  },
  async rotate(ctx) {
    const account = target(ctx);
    adminUrl(ctx);
    const password =
      ctx.newValue === undefined ? generatePassword(ctx.io.randomBytes, ctx.options.passwordLength) : target(ctx, ctx.newValue).password;
    const newValue = account.valueWith(password);
    const undo = (): Promise<void> => restorePassword(ctx, account, password);
    await applyChange({
      provider: 'postgres',
      what: `ALTER ROLE ${account.user}`,
      newValue,
      apply: () => setPassword(ctx, account, password, account.password),
      undo,
      refusedByServer: serverSaidNo,
    });
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
