// Written from https://dev.mysql.com/doc/refman/8.0/en/alter-user.html ("Dual password support")
// and https://mariadb.com/kb/en/alter-user/
import * as z from 'zod';
import { applyChange } from '../apply-change.js';
import { hasScheme } from '../credential-url.js';
import { defineProvider, envValue } from '../define-provider.js';
import { twoPhaseHandle } from '../handle.js';
import { generatePassword } from '../password.js';
import { passwordTarget, type PasswordTarget } from '../password-target.js';
import type { RotationContext, RotationHandle } from '../provider-types.js';
import {
  describeCause,
  newCredentialRejected,
  oldCredentialStillAccepted,
  providerFailed,
  providerMisconfigured,
} from '../rotation-errors.js';
import { isServerError, tryMysqlLogin, type MysqlConnection } from './mysql-client.js';

/**
 * MySQL and MariaDB: `ALTER USER 'user'@'host' IDENTIFIED BY …`, as an admin whose URL is in an
 * environment variable; with no admin URL configured, the account changes its own password, logged
 * in with the current value (MariaDB `SET PASSWORD = PASSWORD(…)`, MySQL `ALTER USER CURRENT_USER()`). On MySQL 8.0.14+ the new password is added with RETAIN CURRENT PASSWORD,
 * so both work until revoke (`DISCARD OLD PASSWORD`): a grace period is possible. MariaDB has one
 * password per account: "create" replaces it, "revoke" checks that the old one is refused.
 */

const SCHEMES = ['mysql', 'mariadb'];

const options = z
  .object({
    /** Environment variable holding an admin URL (CREATE USER privilege). Unset (and $UNLEAK_MYSQL_ADMIN_URL empty): the account changes its own password. */
    adminUrlEnv: z.string().min(1).optional(),
    url: z.string().min(1).optional(),
    /** The host part of the account ('%', 'localhost', …); default: what CURRENT_USER() says for the stored credential. */
    accountHost: z.string().optional(),
    /** RETAIN CURRENT PASSWORD: `auto` uses it where the server supports it (MySQL ≥ 8.0.14, not MariaDB). */
    retainCurrentPassword: z.union([z.literal('auto'), z.boolean()]).default('auto'),
    checkRevoked: z.boolean().default(true),
    passwordLength: z.number().int().min(16).max(128).default(32),
    timeoutMs: z.number().int().positive().default(10_000),
  })
  .strict();

type Options = z.infer<typeof options>;
type Ctx = RotationContext<Options>;

/** True for a server version with dual passwords: MySQL 8.0.14 or later (never MariaDB). */
export function supportsRetain(version: string): boolean {
  if (/mariadb/i.test(version)) return false;
  const [major = 0, minor = 0, patch = 0] = (/^(\d+)\.(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
  return major > 8 || (major === 8 && (minor > 0 || patch >= 14));
}

const DEFAULT_ADMIN_ENV = 'UNLEAK_MYSQL_ADMIN_URL';

const adminEnvName = (ctx: Ctx): string => ctx.options.adminUrlEnv ?? DEFAULT_ADMIN_ENV;

/** The admin URL, or undefined for self-service (the account changes its own password). Throws when a configured variable is unset. */
function adminUrl(ctx: Ctx): string | undefined {
  const url = envValue(ctx.io.env, adminEnvName(ctx));
  if (!url && ctx.options.adminUrlEnv !== undefined)
    throw providerMisconfigured(
      'mysql',
      `$${ctx.options.adminUrlEnv} is not set`,
      `Set ${ctx.options.adminUrlEnv} to the URL of an account allowed to ALTER USER (CREATE USER privilege), or drop option adminUrlEnv to let the account change its own password.`,
    );
  return url;
}

/** The statement an account runs to change its own password: MariaDB's SET PASSWORD needs no privilege, MySQL's ALTER USER CURRENT_USER() neither. */
const selfPasswordSql = (version: string): string =>
  /mariadb/i.test(version) ? 'SET PASSWORD = PASSWORD(?)' : 'ALTER USER CURRENT_USER() IDENTIFIED BY ?';

const target = (ctx: Ctx, value = ctx.currentValue): PasswordTarget => passwordTarget('mysql', ctx.name, value, ctx.options, SCHEMES);

async function asAdmin<T>(ctx: Ctx, work: (connection: MysqlConnection) => Promise<T>): Promise<T> {
  const url = adminUrl(ctx);
  if (!url) throw providerMisconfigured('mysql', `$${adminEnvName(ctx)} is not set`);
  return asLogin(ctx, url, `as the admin ($${adminEnvName(ctx)})`, work);
}

async function asLogin<T>(ctx: Ctx, url: string, who: string, work: (connection: MysqlConnection) => Promise<T>): Promise<T> {
  let connection: MysqlConnection;
  try {
    connection = await ctx.io.connectMysql(url, ctx.options.timeoutMs);
  } catch (error) {
    if (error instanceof Error && error.name === 'RotationError') throw error;
    throw providerFailed('mysql', `cannot connect ${who}: ${describeCause(error)}`, { cause: error });
  }
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

const versionOf = async (c: MysqlConnection): Promise<string> =>
  ((await c.query('SELECT VERSION() AS version')) as Array<{ version: string }>)[0]?.version ?? '';

/** Self-service create: the account, logged in with its current password, sets the new one. */
async function rotateSelf(ctx: Ctx, account: PasswordTarget, password: string): Promise<RotationHandle> {
  const asSelf = <T>(pw: string, work: (c: MysqlConnection) => Promise<T>): Promise<T> =>
    asLogin(ctx, account.loginUrl(pw), `as ${account.user} to change its own password`, work);
  const version = await asSelf(account.password, versionOf);
  const sql = selfPasswordSql(version);
  const setOld = async (): Promise<void> => {
    if ((await tryMysqlLogin(ctx.io.connectMysql, account.loginUrl(password), ctx.options.timeoutMs)).outcome === 'refused') return;
    await asSelf(password, (c) => c.query(sql, [account.password]));
  };
  await applyChange({
    provider: 'mysql',
    what: `${sql.split(' =')[0]} as ${account.user}`,
    newValue: account.valueWith(password),
    apply: async () => void (await asSelf(account.password, (c) => c.query(sql, [password]))),
    undo: setOld,
    refusedByServer: isServerError,
  });
  return twoPhaseHandle({
    newValue: account.valueWith(password),
    oldStillWorks: false,
    notes:
      ctx.graceMs > 0
        ? ['the account changed its own password (no admin URL), so no grace period: the old password stopped working at once']
        : [],
    test: () => expectLogin(ctx, account, password),
    revoke: () => expectRefused(ctx, account, account.password),
    undoCreate: setOld,
  });
}

async function accountOf(ctx: Ctx, account: PasswordTarget): Promise<string> {
  if (ctx.options.accountHost !== undefined) return ctx.options.accountHost;
  const login = await tryMysqlLogin(ctx.io.connectMysql, account.loginUrl(account.password), ctx.options.timeoutMs);
  if (login.outcome === 'refused')
    throw providerFailed('mysql', `cannot tell which account to change: the stored password is refused (${login.reason})`, {
      hint: "Set option accountHost (e.g. '%') to name the account.",
    });
  return login.account.slice(login.account.lastIndexOf('@') + 1);
}

async function expectLogin(ctx: Ctx, account: PasswordTarget, password: string): Promise<void> {
  const login = await tryMysqlLogin(ctx.io.connectMysql, account.loginUrl(password), ctx.options.timeoutMs);
  if (login.outcome === 'refused') throw newCredentialRejected('mysql', `login as ${account.user} refused: ${login.reason}`);
}

async function expectRefused(ctx: Ctx, account: PasswordTarget, password: string): Promise<void> {
  if (!ctx.options.checkRevoked) return;
  const login = await tryMysqlLogin(ctx.io.connectMysql, account.loginUrl(password), ctx.options.timeoutMs);
  if (login.outcome === 'accepted')
    throw oldCredentialStillAccepted('mysql', `the server let ${account.user} log in with the old password`);
}

const discardOld = (ctx: Ctx, user: string, host: string): Promise<unknown> =>
  asAdmin(ctx, (c) => c.query('ALTER USER ?@? DISCARD OLD PASSWORD', [user, host]));

/** The mysql provider: its connections come from `ctx.io.connectMysql`. */
export const mysqlProvider = defineProvider<Options>({
  id: 'mysql',
  title: 'MySQL / MariaDB account password (ALTER USER … IDENTIFIED BY)',
  docs: 'https://dev.mysql.com/doc/refman/8.0/en/alter-user.html',
  dualCredentials: true,
  options,
  matches: (subject) => subject.provider === 'mysql' || (subject.ruleId?.startsWith('mysql') ?? false) || hasScheme(subject.value, SCHEMES),
  plan: (ctx) => [
    'prepare: generate the new password and save it in the store as pending',
    envValue(ctx.io.env, adminEnvName(ctx))
      ? `create: ALTER USER … IDENTIFIED BY … (RETAIN CURRENT PASSWORD where supported) as the admin in $${adminEnvName(ctx)}`
      : 'create: the account changes its own password (ALTER USER CURRENT_USER() / SET PASSWORD; no admin URL)',
    'store: the new connection string, the old one kept as previous',
    'test: log in with the new password',
    'revoke: DISCARD OLD PASSWORD (if retained), then check the old password is refused',
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
    const password =
      ctx.newValue === undefined ? generatePassword(ctx.io.randomBytes, ctx.options.passwordLength) : target(ctx, ctx.newValue).password;
    if (!adminUrl(ctx)) return rotateSelf(ctx, account, password);
    const host = await accountOf(ctx, account);
    const version = await asAdmin(ctx, versionOf);
    const retain = ctx.options.retainCurrentPassword === 'auto' ? supportsRetain(version) : ctx.options.retainCurrentPassword;
    const newValue = account.valueWith(password);
    const setOld = async (): Promise<void> => {
      await asAdmin(ctx, (c) => c.query('ALTER USER ?@? IDENTIFIED BY ?', [account.user, host, account.password]));
      if (retain) await discardOld(ctx, account.user, host);
    };
    const sql = `ALTER USER ?@? IDENTIFIED BY ?${retain ? ' RETAIN CURRENT PASSWORD' : ''}`;
    await applyChange({
      provider: 'mysql',
      what: `ALTER USER ${account.user}@${host}`,
      newValue,
      apply: async () => void (await asAdmin(ctx, (c) => c.query(sql, [account.user, host, password]))),
      undo: setOld,
      refusedByServer: isServerError,
    });
    return twoPhaseHandle({
      newValue,
      oldStillWorks: retain,
      notes: retain
        ? []
        : ctx.graceMs > 0
          ? [`${version}: one password per account, so no grace period: the old password stopped working at once`]
          : [],
      test: () => expectLogin(ctx, account, password),
      revoke: async () => {
        if (retain) await discardOld(ctx, account.user, host);
        await expectRefused(ctx, account, account.password);
      },
      undoCreate: setOld,
    });
  },
  async verify(ctx, value) {
    const account = target(ctx, value);
    await expectLogin(ctx, account, account.password);
  },
  async revokePrevious(ctx) {
    const current = target(ctx, ctx.currentValue);
    const previous = target(ctx, ctx.previousValue);
    if (!adminUrl(ctx)) return expectRefused(ctx, previous, previous.password);
    const host = await accountOf(ctx, current);
    const version = await asAdmin(
      ctx,
      async (c) => ((await c.query('SELECT VERSION() AS version')) as Array<{ version: string }>)[0]?.version ?? '',
    );
    const retain = ctx.options.retainCurrentPassword === 'auto' ? supportsRetain(version) : ctx.options.retainCurrentPassword;
    if (retain) await discardOld(ctx, previous.user, host);
    await expectRefused(ctx, previous, previous.password);
  },
});
