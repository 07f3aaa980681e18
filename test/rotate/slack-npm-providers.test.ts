import { afterEach, describe, expect, it } from 'vitest';
import { slackProvider } from '../../src/rotate/providers/slack-provider.js';
import { npmProvider } from '../../src/rotate/providers/npm-provider.js';
import { finishEntry } from '../../src/rotate/finish.js';
import { MemoryRotationStore } from '../../src/rotate/memory-store.js';
import { rotateEntry, type RotationJob } from '../../src/rotate/protocol.js';
import type { RotationIo, RotationProvider } from '../../src/rotate/provider-types.js';
import { randomBase62 } from '../helpers/tokens.js';
import { testIo } from './helpers/fake-io.js';
import { bearer, startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from './helpers/fake-server.js';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

function setup(provider: RotationProvider, name: string, value: string, options: Record<string, unknown>, io: RotationIo) {
  const store = new MemoryRotationStore([{ name, value }], io.now);
  const parsed = provider.options.parse(options) as Record<string, unknown>;
  const job = async (): Promise<RotationJob> => ({ entry: (await store.entries())[0]!, provider, options: parsed, graceMs: 0, store, io });
  return { store, job };
}

const slackToken = (): string => `xoxb-${randomBase62(12)}-${randomBase62(12)}-${randomBase62(24)}`;

/** A fake Slack Web API: auth.test and auth.revoke, POST with a bearer token, ok:false errors on HTTP 200. */
async function fakeSlack(tokens: Map<string, string>, options: { dropRevoke?: boolean } = {}) {
  const revoked: string[] = [];
  const fake = await startFakeServer((request: SeenRequest): FakeReply => {
    if (request.method !== 'POST') return { status: 405, text: 'method_not_allowed' };
    const token = bearer(request);
    const team = tokens.get(token ?? '');
    if (request.path === '/api/auth.test')
      return team
        ? { status: 200, json: { ok: true, team_id: team, user_id: 'U0BOT', url: 'https://example.slack.com/' } }
        : { status: 200, json: { ok: false, error: revoked.includes(token ?? '') ? 'token_revoked' : 'invalid_auth' } };
    if (request.path === '/api/auth.revoke') {
      if (!team) return { status: 200, json: { ok: false, error: 'invalid_auth' } };
      if (options.dropRevoke) return 'drop';
      tokens.delete(token as string);
      revoked.push(token as string);
      return { status: 200, json: { ok: true, revoked: true } };
    }
    return { status: 200, json: { ok: false, error: 'unknown_method' } };
  });
  return { fake, revoked };
}

describe('slack provider (fake Web API)', () => {
  it('tests the pasted token against the same workspace, then the old one revokes itself', async () => {
    const old = slackToken();
    const fresh = slackToken();
    const { fake, revoked } = await fakeSlack(
      new Map([
        [old, 'T01'],
        [fresh, 'T01'],
      ]),
    );
    server = fake;
    const { store, job } = setup(
      slackProvider,
      'SLACK_BOT_TOKEN',
      old,
      { baseUrl: `${fake.url}/api` },
      testIo({ askSecret: async () => fresh }),
    );
    await rotateEntry(await job());
    expect(revoked).toEqual([old]);
    expect(store.get('SLACK_BOT_TOKEN')?.value).toBe(fresh);
  });

  it('refuses a token for another workspace', async () => {
    const old = slackToken();
    const fresh = slackToken();
    const { fake, revoked } = await fakeSlack(
      new Map([
        [old, 'T01'],
        [fresh, 'T99'],
      ]),
    );
    server = fake;
    const { store, job } = setup(
      slackProvider,
      'SLACK_BOT_TOKEN',
      old,
      { baseUrl: `${fake.url}/api` },
      testIo({ askSecret: async () => fresh }),
    );
    await expect(rotateEntry(await job())).rejects.toThrow(/workspace T99/);
    expect(revoked).toEqual([]);
    expect(store.get('SLACK_BOT_TOKEN')?.value).toBe(old);
  });

  it('keeps both tokens when the network drops during auth.revoke, then --finish revokes', async () => {
    const old = slackToken();
    const fresh = slackToken();
    const tokens = new Map([
      [old, 'T01'],
      [fresh, 'T01'],
    ]);
    const dropping = await fakeSlack(tokens, { dropRevoke: true });
    server = dropping.fake;
    const io = testIo({ askSecret: async () => fresh });
    const first = setup(slackProvider, 'SLACK_BOT_TOKEN', old, { baseUrl: `${dropping.fake.url}/api` }, io);
    await expect(rotateEntry(await first.job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_ROLLBACK_FAILED' });
    expect(first.store.get('SLACK_BOT_TOKEN')).toMatchObject({ value: fresh, previous: old });
    await dropping.fake.close();
    const working = await fakeSlack(tokens);
    server = working.fake;
    const again = await first.job();
    again.options = slackProvider.options.parse({ baseUrl: `${working.fake.url}/api` }) as Record<string, unknown>;
    expect((await finishEntry(again, { now: true })).status).toBe('committed');
    expect(working.revoked).toEqual([old]);
  });
});

const npmToken = (): string => `npm_${randomBase62(36)}`;

/** A fake npm registry: whoami, token creation with password (and OTP), token deletion. */
async function fakeRegistry(users: Map<string, string>, password: string, options: { otp?: string; failDelete?: boolean } = {}) {
  const fake = await startFakeServer((request: SeenRequest): FakeReply => {
    const user = users.get(bearer(request) ?? '');
    if (!user) return { status: 401, json: { error: 'Unauthorized' } };
    if (request.method === 'GET' && request.path === '/-/whoami') return { status: 200, json: { username: user } };
    if (request.method === 'POST' && request.path === '/-/npm/v1/tokens') {
      expect(request.headers['content-type']).toBe('application/json');
      const body = JSON.parse(request.body) as { password?: string; readonly?: boolean; cidr_whitelist?: unknown };
      if (body.password !== password) return { status: 401, json: { error: 'incorrect password' } };
      if (options.otp && request.headers['npm-otp'] !== options.otp)
        return { status: 401, headers: { 'www-authenticate': 'OTP' }, json: { error: 'otp required' } };
      expect(typeof body.readonly).toBe('boolean');
      expect(Array.isArray(body.cidr_whitelist)).toBe(true);
      const token = npmToken();
      users.set(token, user);
      return { status: 201, json: { token, key: randomBase62(20), readonly: body.readonly, created: new Date().toISOString() } };
    }
    const match = /^\/-\/npm\/v1\/tokens\/token\/(.+)$/.exec(request.path);
    if (request.method === 'DELETE' && match) {
      if (options.failDelete) return { status: 500, json: { error: 'internal' } };
      const target = decodeURIComponent(match[1] ?? '');
      if (users.get(target) !== user) return { status: 404, json: { error: 'not found' } };
      users.delete(target);
      return { status: 204 };
    }
    return { status: 404, json: { error: 'not found' } };
  });
  return fake;
}

describe('npm provider (fake registry)', () => {
  it('creates the new token with the account password and one-time password, then deletes the old one', async () => {
    const old = npmToken();
    const password = randomBase62(20);
    const otp = '123456';
    const users = new Map([[old, 'alice']]);
    server = await fakeRegistry(users, password, { otp });
    const io = testIo({ env: { NPM_PW: password, NPM_OTP: otp } });
    const { store, job } = setup(npmProvider, 'NPM_TOKEN', old, { registry: server.url, passwordEnv: 'NPM_PW', otpEnv: 'NPM_OTP' }, io);
    await rotateEntry(await job());
    const fresh = store.get('NPM_TOKEN')!.value;
    expect([...users.keys()]).toEqual([fresh]);
    expect(server.requests.filter((r) => r.body.includes(password))).toHaveLength(1);
  });

  it('takes a pasted token when no password is configured', async () => {
    const old = npmToken();
    const fresh = npmToken();
    const users = new Map([
      [old, 'alice'],
      [fresh, 'alice'],
    ]);
    server = await fakeRegistry(users, 'unused');
    const { store, job } = setup(npmProvider, 'NPM_TOKEN', old, { registry: server.url }, testIo({ askSecret: async () => fresh }));
    await rotateEntry(await job());
    expect(store.get('NPM_TOKEN')?.value).toBe(fresh);
    expect(users.has(old)).toBe(false);
  });

  it('keeps both values when the registry fails to delete the old token (it cannot be restored)', async () => {
    const old = npmToken();
    const password = randomBase62(20);
    const users = new Map([[old, 'alice']]);
    server = await fakeRegistry(users, password, { failDelete: true });
    const { store, job } = setup(
      npmProvider,
      'NPM_TOKEN',
      old,
      { registry: server.url, passwordEnv: 'NPM_PW' },
      testIo({ env: { NPM_PW: password } }),
    );
    await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_ROLLBACK_FAILED' });
    expect(store.get('NPM_TOKEN')?.previous).toBe(old);
    expect(users.has(old)).toBe(true);
  });

  it('fails cleanly with a wrong password, creating nothing', async () => {
    const old = npmToken();
    const users = new Map([[old, 'alice']]);
    server = await fakeRegistry(users, randomBase62(20));
    const { store, job } = setup(
      npmProvider,
      'NPM_TOKEN',
      old,
      { registry: server.url, passwordEnv: 'NPM_PW' },
      testIo({ env: { NPM_PW: 'wrong' } }),
    );
    await expect(rotateEntry(await job())).rejects.toMatchObject({ step: 'create' });
    expect([...users.keys()]).toEqual([old]);
    expect(store.get('NPM_TOKEN')?.value).toBe(old);
  });
});
