import { randomBytes } from 'node:crypto';
import { signRequest } from '../../../src/rotate/sigv4.js';
import { startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from './fake-server.js';

/**
 * A fake IAM + STS query endpoint. It checks every request as AWS does: form body with Action and
 * Version, SigV4 Authorization recomputed from the request (credential scope, signed headers,
 * payload hash, clock skew), an active signing key, and the IAM rules the provider relies on
 * (two keys per user at most, users managing their own keys or an admin any).
 */

interface Key {
  id: string;
  secret: string;
  status: 'Active' | 'Inactive';
  user: string;
}

export interface FakeAws {
  server: FakeServer;
  keys: Map<string, Key>;
  /** Actions in order, with the access key id that signed them. */
  calls: Array<{ action: string; signer: string }>;
  /** Adds a user with one active key; returns the key. */
  addUser(name: string, admin?: boolean): Key;
  /** Keys of a user (id → status). */
  keysOf(user: string): Record<string, string>;
}

const xml = (action: string, result: string): FakeReply => ({
  status: 200,
  text: `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomBytes(8).toString('hex')}</RequestId></ResponseMetadata></${action}Response>`,
});
const error = (status: number, code: string, message: string): FakeReply => ({
  status,
  text: `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>x</RequestId></ErrorResponse>`,
});

const newKey = (user: string): Key => ({
  id: `AKIA${randomBytes(12).toString('hex').toUpperCase().slice(0, 16)}`,
  secret: randomBytes(30).toString('base64').slice(0, 40),
  status: 'Active',
  user,
});

/** Starts the fake. `now` is the clock signatures are checked against; `options` inject faults. */
export async function startFakeAws(
  now: Date,
  options: { stsRefusesNewKeys?: number; dropOn?: string; account?: string } = {},
): Promise<FakeAws> {
  const keys = new Map<string, Key>();
  const admins = new Set<string>();
  const calls: Array<{ action: string; signer: string }> = [];
  const seenBySts = new Map<string, number>();
  const apiCreated = new Set<string>();
  const account = options.account ?? '123456789012';
  const handle = (request: SeenRequest): FakeReply => {
    if (request.method !== 'POST' || request.path !== '/') return error(404, 'NotFound', 'no such path');
    if (request.headers['content-type'] !== 'application/x-www-form-urlencoded; charset=utf-8')
      return error(400, 'InvalidParameterValue', 'bad content type');
    const form = new URLSearchParams(request.body);
    const action = form.get('Action') ?? '';
    const service = action === 'GetCallerIdentity' ? 'sts' : 'iam';
    if (form.get('Version') !== (service === 'sts' ? '2011-06-15' : '2010-05-08')) return error(400, 'InvalidAction', 'wrong Version');
    const auth =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
        String(request.headers.authorization ?? ''),
      );
    if (!auth) return error(403, 'IncompleteSignature', 'no SigV4 authorization');
    const [, keyId = '', day, region, scopeService, signedHeaders = '', signature] = auth;
    const amzDate = String(request.headers['x-amz-date'] ?? '');
    const when = new Date(
      `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
    );
    if (Math.abs(when.getTime() - now.getTime()) > 5 * 60_000 || day !== amzDate.slice(0, 8))
      return error(403, 'SignatureDoesNotMatch', 'Signature expired or date mismatch');
    if (scopeService !== service || region !== 'us-east-1')
      return error(403, 'SignatureDoesNotMatch', `credential scope should be us-east-1/${service}`);
    if (!signedHeaders.split(';').includes('host') || !signedHeaders.split(';').includes('x-amz-date'))
      return error(403, 'SignatureDoesNotMatch', 'host and x-amz-date must be signed');
    const key = keys.get(keyId);
    if (!key || key.status !== 'Active')
      return error(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    const headers: Record<string, string> = {};
    for (const name of signedHeaders.split(';'))
      if (name !== 'host' && name !== 'x-amz-date') headers[name] = String(request.headers[name] ?? '');
    const expected = signRequest(
      {
        method: 'POST',
        url: `http://${String(request.headers.host)}/`,
        headers,
        body: request.body,
        region: 'us-east-1',
        service,
        now: when,
      },
      { accessKeyId: key.id, secretAccessKey: key.secret },
    );
    if (expected.signature !== signature)
      return error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    calls.push({ action, signer: keyId });
    if (options.dropOn === action) {
      options.dropOn = undefined;
      return 'drop';
    }
    if (action === 'GetCallerIdentity') {
      const seen = (seenBySts.get(key.id) ?? 0) + 1;
      seenBySts.set(key.id, seen);
      if (apiCreated.has(key.id) && seen <= (options.stsRefusesNewKeys ?? 0))
        return error(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
      return xml(
        action,
        `<Arn>arn:aws:iam::${account}:user/team/${key.user}</Arn><UserId>AIDA${key.user.toUpperCase()}</UserId><Account>${account}</Account>`,
      );
    }
    const userName = form.get('UserName') ?? key.user;
    if (userName !== key.user && !admins.has(key.id))
      return error(403, 'AccessDenied', `User ${key.user} is not authorized to perform: iam:${action} on user ${userName}`);
    const owned = [...keys.values()].filter((k) => k.user === userName);
    if (action === 'CreateAccessKey') {
      if (owned.length >= 2) return error(409, 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2');
      const created = newKey(userName);
      keys.set(created.id, created);
      apiCreated.add(created.id);
      return xml(
        action,
        `<AccessKey><UserName>${userName}</UserName><AccessKeyId>${created.id}</AccessKeyId><Status>Active</Status><SecretAccessKey>${created.secret}</SecretAccessKey><CreateDate>${now.toISOString()}</CreateDate></AccessKey>`,
      );
    }
    const target = owned.find((k) => k.id === form.get('AccessKeyId'));
    if (!target) return error(404, 'NoSuchEntity', 'The Access Key with id cannot be found.');
    if (action === 'UpdateAccessKey') {
      const status = form.get('Status');
      if (status !== 'Active' && status !== 'Inactive') return error(400, 'ValidationError', 'bad Status');
      target.status = status;
      return xml(action, '');
    }
    if (action === 'DeleteAccessKey') {
      keys.delete(target.id);
      return xml(action, '');
    }
    return error(400, 'InvalidAction', `unknown action ${action}`);
  };
  const server = await startFakeServer(handle);
  return {
    server,
    keys,
    calls,
    addUser(name, admin = false) {
      const key = newKey(name);
      keys.set(key.id, key);
      if (admin) admins.add(key.id);
      return key;
    },
    keysOf: (user) => Object.fromEntries([...keys.values()].filter((k) => k.user === user).map((k) => [k.id, k.status])),
  };
}
