import { afterEach, describe, expect, it } from 'vitest';
import { constants, createCipheriv, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { redactedMatches, stripeProvider } from '../../src/rotate/providers/stripe-provider.js';
import { finishEntry } from '../../src/rotate/finish.js';
import { MemoryRotationStore } from '../../src/rotate/memory-store.js';
import { rotateEntry, type RotationJob } from '../../src/rotate/protocol.js';
import { randomBase62 } from '../helpers/tokens.js';
import { testIo } from './helpers/fake-io.js';
import { bearer, startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from './helpers/fake-server.js';

interface Key {
  id: string;
  token: string;
  expiresAt: number | null;
  broken?: boolean;
}

function encryptTo(pem: string, plaintext: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })).toString('base64url');
  const cek = randomBytes(32);
  const iv = randomBytes(12);
  const encryptedKey = publicEncrypt({ key: createPublicKey(pem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, cek);
  const cipher = createCipheriv('aes-256-gcm', cek, iv);
  cipher.setAAD(Buffer.from(header, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    header,
    encryptedKey.toString('base64url'),
    iv.toString('base64url'),
    ciphertext.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

/** A fake Stripe: /v1/balance for testing keys, and the v2 API key endpoints, checked as Stripe documents them. */
async function fakeStripe(mode: 'live' | 'test', options: { brokenNewKeys?: boolean; dropExpire?: number; twins?: boolean } = {}) {
  const keys: Key[] = [];
  const add = (): Key => {
    const key = { id: `apikey_${randomBase62(16)}`, token: `sk_${mode}_${randomBase62(40)}`, expiresAt: null, broken: false };
    keys.push(key);
    return key;
  };
  const valid = (token: string | undefined): Key | undefined =>
    keys.find((k) => k.token === token && !k.broken && (k.expiresAt === null || k.expiresAt > Date.now()));
  const redacted = (k: Key): string => `${k.token.slice(0, 8)}****${k.token.slice(-4)}`;
  let drops = options.dropExpire ?? 0;
  const server = await startFakeServer((request: SeenRequest): FakeReply => {
    const caller = valid(bearer(request));
    if (!caller) return { status: 401, json: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } } };
    if (request.method === 'GET' && request.path === '/v1/balance')
      return { status: 200, json: { object: 'balance', livemode: mode === 'live' } };
    if (request.method === 'GET' && request.path === '/v2/iam/api_keys') {
      const listed = keys
        .filter((k) => k.expiresAt === null || k.expiresAt > Date.now())
        .map((k) => ({
          id: k.id,
          object: 'v2.iam.api_key',
          type: 'secret',
          secret_key: { secret_token_redacted: options.twins ? 'sk_****' : redacted(k) },
        }));
      return { status: 200, json: { data: listed, next_page_url: null } };
    }
    const match = /^\/v2\/iam\/api_keys\/([^/]+)\/(rotate|expire)$/.exec(request.path);
    if (request.method !== 'POST' || !match) return { status: 404, json: { error: { type: 'invalid_request_error', code: 'not_found' } } };
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['idempotency-key']).toBeTruthy();
    const target = keys.find((k) => k.id === match[1]);
    if (!target) return { status: 404, json: { error: { code: 'resource_missing' } } };
    const body = JSON.parse(request.body) as { expire_current_key_in_minutes?: unknown; public_key?: { pem_key?: { data?: string } } };
    if (match[2] === 'expire') {
      if (drops-- > 0) return 'drop';
      target.expiresAt = Date.now() - 1;
      return { status: 200, json: { id: target.id, status: 'expired' } };
    }
    const minutes = body.expire_current_key_in_minutes;
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 0 || minutes > 10080)
      return { status: 400, json: { error: { code: 'parameter_invalid_integer' } } };
    const pem = body.public_key?.pem_key?.data;
    if (mode === 'live' && (!pem || (createPublicKey(pem).asymmetricKeyDetails?.modulusLength ?? 0) < 2048))
      return { status: 400, json: { error: { code: 'parameter_missing', message: 'public_key is required' } } };
    target.expiresAt = Date.now() + minutes * 60_000;
    const fresh = add();
    fresh.broken = options.brokenNewKeys;
    const secret =
      mode === 'live'
        ? {
            encrypted_secret: { ciphertext: encryptTo(pem as string, fresh.token), format: 'jwe_compact' },
            secret_token_redacted: redacted(fresh),
          }
        : { token: fresh.token, secret_token_redacted: redacted(fresh) };
    return {
      status: 200,
      json: { id: fresh.id, object: 'v2.iam.api_key', livemode: mode === 'live', secret_key: secret, rolled: { minutes } },
    };
  });
  return { server, keys, add, valid };
}

let server: FakeServer | undefined;
afterEach(async () => server?.close());

function setup(baseUrl: string, value: string, graceMs = 0) {
  const io = testIo();
  const store = new MemoryRotationStore([{ name: 'STRIPE_SECRET_KEY', value }], io.now);
  const options = stripeProvider.options.parse({ baseUrl }) as Record<string, unknown>;
  const job = async (): Promise<RotationJob> => ({
    entry: (await store.entries())[0]!,
    provider: stripeProvider,
    options,
    graceMs,
    store,
    io,
  });
  return { store, job, io };
}

describe('stripe provider (fake Stripe API)', () => {
  it('matches redacted forms', () => {
    expect(redactedMatches('sk_live_****abcd', 'sk_live_123abcd')).toBe(true);
    expect(redactedMatches('sk_live_…abcd', 'sk_live_999abcd')).toBe(true);
    expect(redactedMatches('sk_live_****abcd', 'sk_live_123abce')).toBe(false);
    expect(redactedMatches('sk_test_****abcd', 'sk_live_123abcd')).toBe(false);
  });

  it('rolls a live key (new secret decrypted from the JWE), tests it, then expires the old key', async () => {
    const fake = await fakeStripe('live');
    server = fake.server;
    const old = fake.add();
    const { store, job } = setup(fake.server.url, old.token);
    await rotateEntry(await job());
    const stored = store.get('STRIPE_SECRET_KEY')!.value;
    expect(fake.valid(stored)).toBeDefined();
    expect(fake.valid(old.token)).toBeUndefined();
    const rotate = fake.server.requests.find((r) => r.path.endsWith('/rotate'))!;
    expect(JSON.parse(rotate.body)).toMatchObject({ expire_current_key_in_minutes: 60, public_key: { pem_key: { algorithm: 'rsa' } } });
    expect(fake.server.requests.every((r) => !r.body.includes(stored))).toBe(true);
  });

  it('rolls a test-mode key returned in clear', async () => {
    const fake = await fakeStripe('test');
    server = fake.server;
    const old = fake.add();
    const { store, job } = setup(fake.server.url, old.token);
    await rotateEntry(await job());
    expect(fake.valid(store.get('STRIPE_SECRET_KEY')!.value)).toBeDefined();
  });

  it('uses the grace period as the roll expiry, and --finish expires the old key', async () => {
    const fake = await fakeStripe('live');
    server = fake.server;
    const old = fake.add();
    const { job } = setup(fake.server.url, old.token, 2 * 3_600_000);
    expect((await rotateEntry(await job())).status).toBe('grace');
    expect(JSON.parse(fake.server.requests.find((r) => r.path.endsWith('/rotate'))!.body)).toMatchObject({
      expire_current_key_in_minutes: 120,
    });
    expect(fake.valid(old.token)).toBeDefined();
    expect((await finishEntry(await job(), { now: true })).status).toBe('committed');
    expect(fake.valid(old.token)).toBeUndefined();
  });

  it('expires a new key that does not work and says the old one is still scheduled to expire', async () => {
    const fake = await fakeStripe('live', { brokenNewKeys: true });
    server = fake.server;
    const old = fake.add();
    const { store, job, io } = setup(fake.server.url, old.token);
    await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_TEST_FAILED' });
    expect(store.get('STRIPE_SECRET_KEY')?.value).toBe(old.token);
    expect(fake.keys[1]?.expiresAt).toBeLessThan(Date.now());
    expect(io.lines.join('\n')).toMatch(/still expires at .* rotate again before then/);
  });

  it('keeps the working new key when the network drops while expiring the old one; --finish completes', async () => {
    const fake = await fakeStripe('live', { dropExpire: 1 });
    server = fake.server;
    const old = fake.add();
    const { store, job } = setup(fake.server.url, old.token);
    await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_ROLLBACK_FAILED' });
    expect(store.get('STRIPE_SECRET_KEY')?.previous).toBe(old.token);
    expect((await finishEntry(await job(), { now: true })).status).toBe('committed');
    expect(fake.valid(old.token)).toBeUndefined();
    expect(fake.valid(store.get('STRIPE_SECRET_KEY')!.value)).toBeDefined();
  });

  it('asks for keyId when the listing cannot tell the keys apart', async () => {
    const fake = await fakeStripe('live', { twins: true });
    server = fake.server;
    const old = fake.add();
    fake.add();
    await expect(rotateEntry(await setup(fake.server.url, old.token).job())).rejects.toMatchObject({
      hint: expect.stringMatching(/keyId/),
    });
  });
});
