// Written from https://redis.io/docs/latest/commands/acl-setuser/ and https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/
import { createHash } from 'node:crypto';
import * as z from 'zod';
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
import { RedisReplyError, type RedisConnect, type RedisConnection } from './redis-client.js';

/**
 * Redis 6+ ACL users have any number of passwords, so rotation is additive: `ACL SETUSER user
 * #<sha256 of new>` adds the new password (only its hash travels), the old one is removed with
 * `!<sha256 of old>` at revoke. Both work in between, so a grace period is possible. When the
 * server has an ACL file, `ACL SAVE` makes the change survive a restart.
 */

const SCHEMES = ['redis', 'rediss'];

const options = z
  .object({
    adminUrlEnv: z.string().min(1).default('UNLEAK_REDIS_ADMIN_URL'),
    url: z.string().min(1).optional(),
    /** `auto`: ACL SAVE when the server has an aclfile; true/false force it. */
    aclSave: z.union([z.literal('auto'), z.boolean()]).default('auto'),
    checkRevoked: z.boolean().default(true),
    passwordLength: z.number().int().min(16).max(128).default(32),
    timeoutMs: z.number().int().positive().default(10_000),
  })
  .strict();

type Options = z.infer<typeof options>;
type Ctx = RotationContext<Options>;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Opens a connection to a redis:// URL and logs in with its user and password, if any. */
async function session(connect: RedisConnect, url: string, timeoutMs: number): Promise<RedisConnection> {
  const parsed = new URL(url);
  const connection = await connect({
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port || 6379),
    tls: parsed.protocol === 'rediss:',
    timeoutMs,
  });
  const password = decodeURIComponent(parsed.password);
  const user = decodeURIComponent(parsed.username);
  try {
    if (password !== '') await (user === '' ? connection.command('AUTH', password) : connection.command('AUTH', user, password));
    return connection;
  } catch (error) {
    connection.close();
    throw error;
  }
}

const refusal = (error: unknown): string | undefined =>
  error instanceof RedisReplyError ? (error.message.split(' ')[0] ?? 'refused') : undefined;

async function tryLogin(ctx: Ctx, url: string): Promise<{ outcome: 'accepted' } | { outcome: 'refused'; reason: string }> {
  let connection: RedisConnection;
  try {
    connection = await session(ctx.io.connectRedis, url, ctx.options.timeoutMs);
  } catch (error) {
    const reason = refusal(error);
    if (reason) return { outcome: 'refused', reason };
    throw providerFailed('redis', `cannot reach the server to log in: ${describeCause(error)}`, { cause: error });
  }
  try {
    await connection.command('PING');
    return { outcome: 'accepted' };
  } catch (error) {
    const reason = refusal(error);
    if (reason) return { outcome: 'refused', reason };
    throw error;
  } finally {
    connection.close();
  }
}

function adminUrl(ctx: Ctx): string {
  const url = envValue(ctx.io.env, ctx.options.adminUrlEnv);
  if (!url)
    throw providerMisconfigured(
      'redis',
      `$${ctx.options.adminUrlEnv} is not set`,
      `Set ${ctx.options.adminUrlEnv} to the redis:// URL of a user allowed to run ACL SETUSER, or name another variable with option adminUrlEnv.`,
    );
  return url;
}

async function asAdmin<T>(ctx: Ctx, what: string, work: (connection: RedisConnection) => Promise<T>): Promise<T> {
  let connection: RedisConnection;
  try {
    connection = await session(ctx.io.connectRedis, adminUrl(ctx), ctx.options.timeoutMs);
  } catch (error) {
    if (error instanceof Error && error.name === 'RotationError') throw error;
    throw providerFailed('redis', `cannot connect as the admin ($${ctx.options.adminUrlEnv}): ${describeCause(error)}`, { cause: error });
  }
  try {
    return await work(connection);
  } catch (error) {
    throw providerFailed('redis', `${what}: ${describeCause(error)}`, { cause: error });
  } finally {
    connection.close();
  }
}

const aclUser = (account: PasswordTarget): string => account.user || 'default';

async function changePasswords(ctx: Ctx, account: PasswordTarget, what: string, rule: string): Promise<void> {
  await asAdmin(ctx, what, (c) => c.command('ACL', 'SETUSER', aclUser(account), rule));
}

async function removePassword(ctx: Ctx, account: PasswordTarget, password: string): Promise<void> {
  await asAdmin(ctx, `remove a password of ${aclUser(account)}`, async (c) => {
    await c.command('ACL', 'SETUSER', aclUser(account), `!${sha256(password)}`).catch((error: unknown) => {
      if (!(error instanceof RedisReplyError && /does not exist/i.test(error.message))) throw error;
    });
  });
}

async function persist(ctx: Ctx): Promise<string[]> {
  if (ctx.options.aclSave === false) return [];
  return asAdmin(ctx, 'ACL SAVE', async (c) => {
    const file =
      ctx.options.aclSave === true
        ? 'forced'
        : await c.command('CONFIG', 'GET', 'aclfile').then(
            (reply) => (Array.isArray(reply) ? String(reply[1] ?? '') : ''),
            () => '?',
          );
    if (file === '')
      return ['Redis has no aclfile: the change lives in memory until you update the user in redis.conf (or run CONFIG REWRITE).'];
    if (file === '?') return ['could not read the aclfile setting: make sure the change survives a restart.'];
    await c.command('ACL', 'SAVE');
    return [];
  });
}

async function expectLogin(ctx: Ctx, account: PasswordTarget, password: string): Promise<void> {
  const login = await tryLogin(ctx, account.loginUrl(password));
  if (login.outcome === 'refused') throw newCredentialRejected('redis', `AUTH as ${aclUser(account)} refused (${login.reason})`);
}

async function expectRefused(ctx: Ctx, account: PasswordTarget, password: string): Promise<void> {
  if (!ctx.options.checkRevoked) return;
  if ((await tryLogin(ctx, account.loginUrl(password))).outcome === 'accepted') {
    throw oldCredentialStillAccepted('redis', `AUTH as ${aclUser(account)} still succeeds with the old password (is the user nopass?)`);
  }
}

export const redisProvider = defineProvider<Options>({
  id: 'redis',
  title: 'Redis ACL user password (ACL SETUSER)',
  docs: 'https://redis.io/docs/latest/commands/acl-setuser/',
  dualCredentials: true,
  options,
  matches: (subject) => subject.provider === 'redis' || (subject.ruleId?.startsWith('redis') ?? false) || hasScheme(subject.value, SCHEMES),
  plan: (ctx) => [
    'prepare: generate the new password and save it in the store as pending',
    `create: ACL SETUSER <user> #<sha256 of the new password> as the admin in $${ctx.options.adminUrlEnv}${envValue(ctx.io.env, ctx.options.adminUrlEnv) ? '' : ' (NOT SET)'}`,
    'store: the new connection string, the old one kept as previous',
    'test: AUTH with the new password',
    'revoke: ACL SETUSER <user> !<sha256 of the old password>, check it is refused, ACL SAVE if there is an aclfile',
  ],
  check(ctx) {
    passwordTarget('redis', ctx.name, ctx.currentValue, ctx.options, SCHEMES);
    adminUrl(ctx);
  },
  async prepare(ctx) {
    return passwordTarget('redis', ctx.name, ctx.currentValue, ctx.options, SCHEMES).valueWith(
      generatePassword(ctx.io.randomBytes, ctx.options.passwordLength),
    );
  },
  async rotate(ctx) {
    const account = passwordTarget('redis', ctx.name, ctx.currentValue, ctx.options, SCHEMES);
    const user = aclUser(account);
    const exists = await asAdmin(ctx, `ACL GETUSER ${user}`, (c) => c.command('ACL', 'GETUSER', user));
    if (exists === null)
      throw providerFailed('redis', `there is no ACL user ${user}`, {
        hint: 'Rotation changes the password of an existing user; it never creates one.',
      });
    const password =
      ctx.newValue === undefined
        ? generatePassword(ctx.io.randomBytes, ctx.options.passwordLength)
        : passwordTarget('redis', ctx.name, ctx.newValue, ctx.options, SCHEMES).password;
    try {
      await changePasswords(ctx, account, `ACL SETUSER ${user} (add the new password)`, `#${sha256(password)}`);
    } catch (error) {
      await removePassword(ctx, account, password).catch(() => undefined);
      throw error;
    }
    const notes: string[] = [];
    return twoPhaseHandle({
      newValue: account.valueWith(password),
      notes,
      oldStillWorks: true,
      test: () => expectLogin(ctx, account, password),
      revoke: async () => {
        await removePassword(ctx, account, account.password);
        await expectRefused(ctx, account, account.password);
        notes.push(...(await persist(ctx)));
      },
      undoRevoke: () => changePasswords(ctx, account, `ACL SETUSER ${user} (put the old password back)`, `#${sha256(account.password)}`),
      undoCreate: () => removePassword(ctx, account, password),
    });
  },
  async verify(ctx, value) {
    const account = passwordTarget('redis', ctx.name, value, ctx.options, SCHEMES);
    await expectLogin(ctx, account, account.password);
  },
  async revokePrevious(ctx) {
    const account = passwordTarget('redis', ctx.name, ctx.previousValue, ctx.options, SCHEMES);
    await removePassword(ctx, account, account.password);
    await expectRefused(ctx, account, account.password);
    await persist(ctx);
  },
});
