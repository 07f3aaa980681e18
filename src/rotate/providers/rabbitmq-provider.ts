// Written from https://www.rabbitmq.com/docs/access-control, /docs/management#http-api and /docs/man/rabbitmqctl.8
import * as z from 'zod';
import { applyChange } from '../apply-change.js';
import { hasScheme } from '../credential-url.js';
import { defineProvider, envValue } from '../define-provider.js';
import { twoPhaseHandle } from '../handle.js';
import { rotationChildEnv } from '../child-env.js';
import { generatePassword } from '../password.js';
import { passwordTarget, type PasswordTarget } from '../password-target.js';
import type { RotationContext } from '../provider-types.js';
import { describeCause, newCredentialRejected, oldCredentialStillAccepted, providerFailed } from '../rotation-errors.js';
import { CTL_NOTHING_CHANGED, CtlError, ctlChangePassword, ctlUserExists, type CtlTarget } from './rabbitmq-ctl.js';
import { getUser, managementApi, managementReachable, putUserHash, rabbitPasswordHash, type ManagementApi } from './rabbitmq-management.js';

/**
 * RabbitMQ: one password per user, changed through the management HTTP API when it is enabled
 * (the admin URL in $UNLEAK_RABBITMQ_ADMIN_URL answers), else with `rabbitmqctl change_password`.
 * The test logs in over AMQP with the new password and opens the user's virtual host.
 */

const SCHEMES = ['amqp', 'amqps'];

const options = z
  .object({
    adminUrlEnv: z.string().min(1).default('UNLEAK_RABBITMQ_ADMIN_URL'),
    url: z.string().min(1).optional(),
    /** `auto`: the HTTP API when the admin URL is set and answers, else rabbitmqctl. */
    mode: z.enum(['auto', 'http', 'ctl']).default('auto'),
    rabbitmqctl: z.string().min(1).default('rabbitmqctl'),
    /** rabbitmqctl -n: the node to talk to. */
    node: z.string().min(1).optional(),
    checkRevoked: z.boolean().default(true),
    passwordLength: z.number().int().min(16).max(128).default(32),
    timeoutMs: z.number().int().positive().default(30_000),
  })
  .strict();

type Options = z.infer<typeof options>;
type Ctx = RotationContext<Options>;

/** How the password is changed and put back. */
interface PasswordChanger {
  how: string;
  set(password: string): Promise<void>;
  restore(): Promise<void>;
  refusedByServer(error: unknown): boolean;
}

const target = (ctx: Ctx, value = ctx.currentValue): PasswordTarget => passwordTarget('rabbitmq', ctx.name, value, ctx.options, SCHEMES);

async function httpChanger(ctx: Ctx, api: ManagementApi, account: PasswordTarget): Promise<PasswordChanger> {
  const before = await getUser(api, account.user);
  return {
    how: 'the management API',
    set: (password) => putUserHash(api, before, rabbitPasswordHash(password, ctx.io.randomBytes(4)), 'rabbit_password_hashing_sha256'),
    restore: () => putUserHash(api, before, before.passwordHash, before.hashingAlgorithm),
    refusedByServer: () => false,
  };
}

async function ctlChanger(ctx: Ctx, account: PasswordTarget): Promise<PasswordChanger> {
  const ctl: CtlTarget = {
    exec: ctx.io.exec,
    program: ctx.options.rabbitmqctl,
    node: ctx.options.node,
    timeoutMs: ctx.options.timeoutMs,
    env: rotationChildEnv(ctx.io.env, ['RABBITMQ_', 'ERL_'], {}),
  };
  const exists = await ctlUserExists(ctl, account.user).catch((error: unknown) => {
    throw providerFailed('rabbitmq', `rabbitmqctl list_users: ${describeCause(error)}`, { cause: error });
  });
  if (!exists)
    throw providerFailed('rabbitmq', `there is no user ${account.user}`, {
      hint: 'Rotation changes the password of an existing user; it never creates one.',
    });
  return {
    how: 'rabbitmqctl change_password',
    set: (password) => ctlChangePassword(ctl, account.user, password),
    restore: () => ctlChangePassword(ctl, account.user, account.password),
    refusedByServer: (error) => error instanceof CtlError && error.exitCode !== null && CTL_NOTHING_CHANGED.has(error.exitCode),
  };
}

async function changer(ctx: Ctx, account: PasswordTarget): Promise<PasswordChanger> {
  const adminUrl = envValue(ctx.io.env, ctx.options.adminUrlEnv);
  if (ctx.options.mode === 'ctl' || (ctx.options.mode === 'auto' && !adminUrl)) return ctlChanger(ctx, account);
  if (!adminUrl) throw providerFailed('rabbitmq', `mode http needs $${ctx.options.adminUrlEnv} (http://admin:password@host:15672)`);
  const api = managementApi(adminUrl, ctx.io.fetch, ctx.options.timeoutMs);
  if (ctx.options.mode === 'auto' && !(await managementReachable(api))) {
    ctx.io.log(`${ctx.name}: the management API does not answer at ${api.base}; using rabbitmqctl`);
    return ctlChanger(ctx, account);
  }
  return httpChanger(ctx, api, account);
}

async function login(ctx: Ctx, account: PasswordTarget, password: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const port = account.login.port ?? (account.login.scheme === 'amqps' ? 5671 : 5672);
  const vhost = account.login.path === '' ? '/' : account.login.path;
  try {
    return await ctx.io.amqpLogin({
      host: account.login.host,
      port,
      tls: account.login.scheme === 'amqps',
      user: account.user,
      password,
      vhost,
      timeoutMs: ctx.options.timeoutMs,
    });
  } catch (error) {
    throw providerFailed('rabbitmq', `cannot reach the broker at ${account.where} to log in: ${describeCause(error)}`, { cause: error });
  }
}

async function expectLogin(ctx: Ctx, account: PasswordTarget, password: string): Promise<void> {
  const result = await login(ctx, account, password);
  if (!result.ok) throw newCredentialRejected('rabbitmq', `AMQP login as ${account.user} refused (${result.reason})`);
}

async function expectRefused(ctx: Ctx, account: PasswordTarget, password: string): Promise<void> {
  if (ctx.options.checkRevoked && (await login(ctx, account, password)).ok)
    throw oldCredentialStillAccepted('rabbitmq', `the broker let ${account.user} log in with the old password`);
}

export const rabbitmqProvider = defineProvider<Options>({
  id: 'rabbitmq',
  title: 'RabbitMQ user password (management API, else rabbitmqctl)',
  docs: 'https://www.rabbitmq.com/docs/access-control',
  dualCredentials: false,
  options,
  matches: (subject) =>
    subject.provider === 'rabbitmq' || (subject.ruleId?.startsWith('rabbitmq') ?? false) || hasScheme(subject.value, SCHEMES),
  plan: (ctx) => [
    'prepare: generate the new password and save it in the store as pending',
    envValue(ctx.io.env, ctx.options.adminUrlEnv) && ctx.options.mode !== 'ctl'
      ? `create: PUT /api/users/<user> (a salted hash) through the management API in $${ctx.options.adminUrlEnv}, or rabbitmqctl if it does not answer`
      : `create: ${ctx.options.rabbitmqctl} change_password <user> (password on stdin)`,
    'store: the new connection string, the old one kept as previous',
    'test: AMQP login with the new password, opening the virtual host',
    'revoke: check the old password is refused',
  ],
  check(ctx) {
    target(ctx);
  },
  async prepare(ctx) {
    return target(ctx).valueWith(generatePassword(ctx.io.randomBytes, ctx.options.passwordLength));
  },
  async rotate(ctx) {
    const account = target(ctx);
    const change = await changer(ctx, account);
    const password =
      ctx.newValue === undefined ? generatePassword(ctx.io.randomBytes, ctx.options.passwordLength) : target(ctx, ctx.newValue).password;
    const newValue = account.valueWith(password);
    await applyChange({
      provider: 'rabbitmq',
      what: `changing the password of ${account.user} with ${change.how}`,
      newValue,
      apply: () => change.set(password),
      undo: change.restore,
      refusedByServer: change.refusedByServer,
    });
    return twoPhaseHandle({
      newValue,
      test: () => expectLogin(ctx, account, password),
      revoke: () => expectRefused(ctx, account, account.password),
      undoCreate: change.restore,
    });
  },
  async verify(ctx, value) {
    const account = target(ctx, value);
    await expectLogin(ctx, account, account.password);
  },
  async revokePrevious(ctx) {
    const account = target(ctx, ctx.previousValue);
    await expectRefused(ctx, account, account.password);
  },
});
