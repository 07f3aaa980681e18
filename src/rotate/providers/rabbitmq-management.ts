// Written from https://www.rabbitmq.com/docs/management#http-api (GET/PUT /api/users/{name})
// and https://www.rabbitmq.com/docs/passwords#computing-password-hash
import { createHash } from 'node:crypto';
import { expectStatus, jsonOf, send, type HttpReply } from '../http.js';
import { providerFailed } from '../rotation-errors.js';

/**
 * The user endpoints of the RabbitMQ management HTTP API. Passwords are sent as salted hashes
 * (`rabbit_password_hashing_sha256`), never in clear, and the user's tags are written back
 * unchanged (PUT replaces the whole user).
 */

/** The parts of a user the provider reads and writes back. */
export interface ManagementUser {
  name: string;
  passwordHash: string;
  hashingAlgorithm: string;
  tags: string;
}

/** Where the API is and who calls it (from the admin URL `http://admin:pw@host:15672`). */
export interface ManagementApi {
  base: string;
  authorization: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

/** Reads an admin URL into a ManagementApi. */
export function managementApi(adminUrl: string, fetchFn: typeof fetch, timeoutMs: number): ManagementApi {
  const url = new URL(adminUrl);
  const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
  url.username = '';
  url.password = '';
  return { base: url.toString().replace(/\/+$/, ''), authorization: `Basic ${basic}`, fetch: fetchFn, timeoutMs };
}

/** `base64(salt ‖ sha256(salt ‖ password))` with a 4-byte salt, as RabbitMQ computes it. */
export function rabbitPasswordHash(password: string, salt: Buffer): string {
  const digest = createHash('sha256')
    .update(Buffer.concat([salt, Buffer.from(password, 'utf8')]))
    .digest();
  return Buffer.concat([salt, digest]).toString('base64');
}

const userPath = (api: ManagementApi, name: string): string => `${api.base}/api/users/${encodeURIComponent(name)}`;

async function call(api: ManagementApi, what: string, method: 'GET' | 'PUT', url: string, body?: unknown): Promise<HttpReply> {
  return send(api.fetch, 'rabbitmq', what, {
    method,
    url,
    headers: {
      authorization: api.authorization,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: api.timeoutMs,
  });
}

/** True when the API answers (any HTTP status); false when nothing listens. */
export async function managementReachable(api: ManagementApi): Promise<boolean> {
  try {
    await call(api, 'GET /api/overview', 'GET', `${api.base}/api/overview`);
    return true;
  } catch {
    return false;
  }
}

/** GET /api/users/{name}. */
export async function getUser(api: ManagementApi, name: string): Promise<ManagementUser> {
  const reply = await call(api, `GET /api/users/${name}`, 'GET', userPath(api, name));
  if (reply.status === 404)
    throw providerFailed('rabbitmq', `there is no user ${name}`, {
      hint: 'Rotation changes the password of an existing user; it never creates one.',
    });
  expectStatus(reply, [200], 'rabbitmq', `GET /api/users/${name}`, 'The admin URL needs a user with the administrator tag.');
  const body = jsonOf(reply) as { name?: unknown; password_hash?: unknown; hashing_algorithm?: unknown; tags?: unknown } | undefined;
  const tags = Array.isArray(body?.tags) ? body.tags.map(String).join(',') : typeof body?.tags === 'string' ? body.tags : '';
  return {
    name,
    passwordHash: typeof body?.password_hash === 'string' ? body.password_hash : '',
    hashingAlgorithm: typeof body?.hashing_algorithm === 'string' ? body.hashing_algorithm : 'rabbit_password_hashing_sha256',
    tags,
  };
}

/** PUT /api/users/{name} with a password hash and the user's own tags. */
export async function putUserHash(api: ManagementApi, user: ManagementUser, passwordHash: string, hashingAlgorithm: string): Promise<void> {
  const reply = await call(api, `PUT /api/users/${user.name}`, 'PUT', userPath(api, user.name), {
    password_hash: passwordHash,
    hashing_algorithm: hashingAlgorithm,
    tags: user.tags,
  });
  expectStatus(reply, [200, 201, 204], 'rabbitmq', `PUT /api/users/${user.name}`);
}
