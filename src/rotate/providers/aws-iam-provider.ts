// Written from https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console
// and the IAM API reference (CreateAccessKey, UpdateAccessKey, DeleteAccessKey)
import * as z from 'zod';
import { defineProvider, envValue } from '../define-provider.js';
import { twoPhaseHandle } from '../handle.js';
import type { RotationContext } from '../provider-types.js';
import { describeCause, newCredentialRejected, providerFailed, valueUnusable } from '../rotation-errors.js';
import type { AwsCredentials } from '../sigv4.js';
import { readAwsKey, type StoredAwsKey } from './aws-credentials.js';
import { awsCall, AwsError, callerArn, xmlField, type AwsEndpoint } from './aws-query.js';

/**
 * AWS IAM access keys, the rotation AWS documents: CreateAccessKey (a user may have two keys, so
 * both work side by side), test the new key with STS GetCallerIdentity (same user; retried, since
 * new keys take a few seconds to spread), then UpdateAccessKey Status=Inactive and DeleteAccessKey
 * on the old one. Calls are signed by admin credentials from the environment when configured,
 * else by the user's own keys (the old key to create, the new one to revoke: a user may rotate
 * its own keys with iam:*AccessKey on itself).
 */

const options = z
  .object({
    iamUrl: z.string().url().default('https://iam.amazonaws.com/'),
    stsUrl: z.string().url().default('https://sts.amazonaws.com/'),
    region: z.string().min(1).default('us-east-1'),
    /** The IAM user; default: the user of the stored key (GetCallerIdentity). */
    userName: z.string().min(1).optional(),
    adminAccessKeyIdEnv: z.string().min(1).default('UNLEAK_AWS_ADMIN_ACCESS_KEY_ID'),
    adminSecretAccessKeyEnv: z.string().min(1).default('UNLEAK_AWS_ADMIN_SECRET_ACCESS_KEY'),
    adminSessionTokenEnv: z.string().min(1).default('UNLEAK_AWS_ADMIN_SESSION_TOKEN'),
    /** Delete the old key after deactivating it (false: leave it Inactive, e.g. for forensics). */
    deleteOld: z.boolean().default(true),
    testAttempts: z.number().int().min(1).max(60).default(10),
    testDelayMs: z.number().int().min(0).default(3000),
    timeoutMs: z.number().int().positive().default(30_000),
  })
  .strict();

type Options = z.infer<typeof options>;
type Ctx = RotationContext<Options>;

function endpoints(ctx: Ctx): { iam: AwsEndpoint; sts: AwsEndpoint } {
  const common = { region: ctx.options.region, fetch: ctx.io.fetch, now: ctx.io.now, timeoutMs: ctx.options.timeoutMs };
  return {
    iam: { ...common, url: ctx.options.iamUrl, service: 'iam', version: '2010-05-08' },
    sts: { ...common, url: ctx.options.stsUrl, service: 'sts', version: '2011-06-15' },
  };
}

function admin(ctx: Ctx): AwsCredentials | undefined {
  const accessKeyId = envValue(ctx.io.env, ctx.options.adminAccessKeyIdEnv);
  const secretAccessKey = envValue(ctx.io.env, ctx.options.adminSecretAccessKeyEnv);
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken: envValue(ctx.io.env, ctx.options.adminSessionTokenEnv) };
}

function stored(ctx: Ctx, value: string): StoredAwsKey {
  const key = readAwsKey(value);
  if (!key)
    throw valueUnusable(
      'aws-iam',
      ctx.name,
      'an access key pair (AKIA…:secret, JSON with accessKeyId/secretAccessKey, or aws_access_key_id/aws_secret_access_key lines)',
    );
  return key;
}

async function call(ctx: Ctx, signer: AwsCredentials, action: string, params: Record<string, string>): Promise<string> {
  try {
    return await awsCall(endpoints(ctx).iam, signer, action, params);
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    const hint =
      error.awsCode === 'LimitExceeded'
        ? 'The user already has two access keys: delete the unused (inactive) one first.'
        : error.awsCode === 'AccessDenied'
          ? 'The signing identity needs iam:CreateAccessKey, iam:UpdateAccessKey and iam:DeleteAccessKey on the user.'
          : undefined;
    throw providerFailed('aws-iam', error.message, { cause: error, hint });
  }
}

const userFromArn = (arn: string): string | undefined => /^arn:aws[\w-]*:iam::\d+:user\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];

/** Deactivates a key, then deletes it (unless deleteOld is false). */
async function retire(ctx: Ctx, signer: AwsCredentials, userName: string, accessKeyId: string): Promise<void> {
  await call(ctx, signer, 'UpdateAccessKey', { AccessKeyId: accessKeyId, Status: 'Inactive', UserName: userName });
  if (ctx.options.deleteOld) await call(ctx, signer, 'DeleteAccessKey', { AccessKeyId: accessKeyId, UserName: userName });
}

async function userOf(ctx: Ctx, key: AwsCredentials): Promise<{ arn: string | undefined; userName: string }> {
  const arn = await callerArn(endpoints(ctx).sts, key).catch((error: unknown) => {
    throw providerFailed('aws-iam', `GetCallerIdentity: ${describeCause(error)}`, { cause: error });
  });
  const userName = ctx.options.userName ?? (arn ? userFromArn(arn) : undefined);
  if (!userName)
    throw providerFailed(
      'aws-iam',
      arn ? `the key belongs to ${arn}, not to an IAM user` : 'AWS refuses the stored key, so its user is unknown',
      { hint: 'Set option userName (and admin credentials) to rotate it anyway.' },
    );
  return { arn, userName };
}

export const awsIamProvider = defineProvider<Options>({
  id: 'aws-iam',
  title: 'AWS IAM user access key (CreateAccessKey, UpdateAccessKey, DeleteAccessKey)',
  docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  dualCredentials: true,
  options,
  matches: (subject) =>
    subject.provider === 'aws-iam' ||
    subject.provider === 'aws' ||
    (subject.ruleId?.startsWith('aws-') ?? false) ||
    (subject.value !== undefined && readAwsKey(subject.value) !== undefined),
  plan: (ctx) => [
    `create: CreateAccessKey at ${ctx.options.iamUrl}, signed by ${admin(ctx) ? `$${ctx.options.adminAccessKeyIdEnv}` : 'the stored key itself'}`,
    'store: the new key pair, the old one kept as previous',
    `test: GetCallerIdentity at ${ctx.options.stsUrl} with the new key (same user; up to ${ctx.options.testAttempts} tries)`,
    `revoke: UpdateAccessKey Status=Inactive${ctx.options.deleteOld ? ', then DeleteAccessKey,' : ''} on the old key`,
  ],
  async rotate(ctx) {
    const old = stored(ctx, ctx.currentValue);
    const { arn, userName } = await userOf(ctx, old.credentials);
    const signer = admin(ctx);
    const xml = await call(ctx, signer ?? old.credentials, 'CreateAccessKey', { UserName: userName });
    const accessKeyId = xmlField(xml, 'AccessKeyId');
    const secretAccessKey = xmlField(xml, 'SecretAccessKey');
    if (!accessKeyId || !secretAccessKey) throw providerFailed('aws-iam', 'CreateAccessKey answered without a key');
    const fresh: AwsCredentials = { accessKeyId, secretAccessKey };
    return twoPhaseHandle({
      newValue: old.withCredentials(fresh),
      oldStillWorks: true,
      test: async () => {
        for (let attempt = 1; ; attempt++) {
          const seen = await callerArn(endpoints(ctx).sts, fresh);
          if (seen !== undefined && arn !== undefined && seen !== arn)
            throw newCredentialRejected('aws-iam', `it belongs to ${seen}, not ${arn}`);
          if (seen !== undefined) return;
          if (attempt >= ctx.options.testAttempts)
            throw newCredentialRejected('aws-iam', `GetCallerIdentity still refuses it after ${attempt} tries`);
          await ctx.io.sleep(ctx.options.testDelayMs);
        }
      },
      revoke: () => retire(ctx, signer ?? fresh, userName, old.credentials.accessKeyId),
      undoRevoke: () =>
        call(ctx, signer ?? fresh, 'UpdateAccessKey', {
          AccessKeyId: old.credentials.accessKeyId,
          Status: 'Active',
          UserName: userName,
        }).then(() => undefined),
      undoCreate: () =>
        call(ctx, signer ?? old.credentials, 'DeleteAccessKey', { AccessKeyId: accessKeyId, UserName: userName }).then(() => undefined),
    });
  },
  async verify(ctx, value) {
    if ((await callerArn(endpoints(ctx).sts, stored(ctx, value).credentials)) === undefined)
      throw newCredentialRejected('aws-iam', 'GetCallerIdentity refuses it');
  },
  async revokePrevious(ctx) {
    const current = stored(ctx, ctx.currentValue).credentials;
    const previous = stored(ctx, ctx.previousValue).credentials;
    const { userName } = await userOf(ctx, current);
    await retire(ctx, admin(ctx) ?? current, userName, previous.accessKeyId);
  },
});
