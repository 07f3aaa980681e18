import { afterEach, describe, expect, it } from 'vitest';
import { githubProvider } from '../../src/rotate/providers/github-provider.js';
import { finishEntry } from '../../src/rotate/finish.js';
import { MemoryRotationStore } from '../../src/rotate/memory-store.js';
import { rotateEntry, type RotationJob } from '../../src/rotate/protocol.js';
import type { RotationIo } from '../../src/rotate/provider-types.js';
import { githubToken } from '../helpers/tokens.js';
import { testIo } from './helpers/fake-io.js';
import { bearer, startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from './helpers/fake-server.js';

/** A fake api.github.com: GET /user and POST /credentials/revoke, checked as GitHub documents them. */
async function fakeGitHub(tokens: Map<string, string>, options: { dropRevoke?: boolean; lazyRevoke?: boolean } = {}) {
  const revoked: string[] = [];
  const server = await startFakeServer((request: SeenRequest): FakeReply => {
    expect(request.headers.accept).toBe('application/vnd.github+json');
    expect(request.headers['x-github-api-version']).toBe('2022-11-28');
    expect(request.headers['user-agent']).toBeTruthy();
    if (request.method === 'GET' && request.path === '/user') {
      const login = tokens.get(bearer(request) ?? '');
      return login
        ? { status: 200, json: { login, id: 1 } }
        : { status: 401, json: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } };
    }
    if (request.method === 'POST' && request.path === '/credentials/revoke') {
      if (request.headers.authorization) return { status: 403, json: { message: 'Must not be authenticated' } };
      const body = JSON.parse(request.body) as { credentials?: unknown };
      if (!Array.isArray(body.credentials) || body.credentials.length === 0 || body.credentials.length > 1000)
        return { status: 422, json: { message: 'Validation Failed' } };
      if (options.dropRevoke) return 'drop';
      for (const token of body.credentials as string[]) {
        revoked.push(token);
        if (!options.lazyRevoke) tokens.delete(token);
      }
      return { status: 202, json: {} };
    }
    return { status: 404, json: { message: 'Not Found' } };
  });
  return { server, revoked };
}

let server: FakeServer | undefined;
afterEach(async () => server?.close());

function setup(baseUrl: string, old: string, io: RotationIo, graceMs = 0) {
  const store = new MemoryRotationStore([{ name: 'GITHUB_TOKEN', value: old }], io.now);
  const options = githubProvider.options.parse({ baseUrl, revokeCheckDelayMs: 0 }) as Record<string, unknown>;
  const job = async (): Promise<RotationJob> => ({
    entry: (await store.entries())[0]!,
    provider: githubProvider,
    options,
    graceMs,
    store,
    io,
  });
  return { store, job };
}

describe('github provider (fake GitHub API)', () => {
  it('asks for the new token, tests it is the same account, and revokes the old one unauthenticated', async () => {
    const old = githubToken();
    const fresh = githubToken();
    const tokens = new Map([
      [old, 'octocat'],
      [fresh, 'octocat'],
    ]);
    const fake = await fakeGitHub(tokens);
    server = fake.server;
    const questions: string[] = [];
    const io = testIo({ askSecret: async (question) => (questions.push(question), fresh) });
    const { store, job } = setup(fake.server.url, old, io);
    await rotateEntry(await job());
    expect(questions[0]).toMatch(/GITHUB_TOKEN: paste a new GitHub token/);
    expect(fake.revoked).toEqual([old]);
    expect(store.get('GITHUB_TOKEN')?.value).toBe(fresh);
    expect(io.lines.join('\n')).not.toContain(fresh);
  });

  it('takes the new token from the variable named by newValueEnv', async () => {
    const old = githubToken();
    const fresh = githubToken();
    const fake = await fakeGitHub(
      new Map([
        [old, 'octocat'],
        [fresh, 'octocat'],
      ]),
    );
    server = fake.server;
    const io = testIo({ env: { NEW_GH: fresh } });
    const store = new MemoryRotationStore([{ name: 'GITHUB_TOKEN', value: old }], io.now);
    const options = githubProvider.options.parse({ baseUrl: fake.server.url, newValueEnv: 'NEW_GH', revokeCheckDelayMs: 0 }) as Record<
      string,
      unknown
    >;
    await rotateEntry({ entry: (await store.entries())[0]!, provider: githubProvider, options, graceMs: 0, store, io });
    expect(store.get('GITHUB_TOKEN')?.value).toBe(fresh);
  });

  it('refuses a new token of another account, and revokes nothing', async () => {
    const old = githubToken();
    const fresh = githubToken();
    const fake = await fakeGitHub(
      new Map([
        [old, 'octocat'],
        [fresh, 'someone-else'],
      ]),
    );
    server = fake.server;
    const { store, job } = setup(fake.server.url, old, testIo({ askSecret: async () => fresh }));
    await expect(rotateEntry(await job())).rejects.toThrow(/belongs to someone-else/);
    expect(fake.revoked).toEqual([]);
    expect(store.get('GITHUB_TOKEN')?.value).toBe(old);
  });

  it('rolls back a new token GitHub refuses', async () => {
    const old = githubToken();
    const fake = await fakeGitHub(new Map([[old, 'octocat']]));
    server = fake.server;
    const io = testIo({ askSecret: async () => githubToken() });
    const { store, job } = setup(fake.server.url, old, io);
    await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_TEST_FAILED' });
    expect(store.get('GITHUB_TOKEN')?.value).toBe(old);
    expect(io.lines.join('\n')).toMatch(/delete it in your GitHub settings/);
  });

  it('keeps both tokens when the network drops during revocation (GitHub cannot un-revoke), then --finish completes', async () => {
    const old = githubToken();
    const fresh = githubToken();
    const tokens = new Map([
      [old, 'octocat'],
      [fresh, 'octocat'],
    ]);
    const dropping = await fakeGitHub(tokens, { dropRevoke: true });
    server = dropping.server;
    const io = testIo({ askSecret: async () => fresh });
    const { store, job } = setup(dropping.server.url, old, io);
    await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_ROLLBACK_FAILED' });
    expect(store.get('GITHUB_TOKEN')).toMatchObject({ value: fresh, previous: old });
    await dropping.server.close();
    const working = await fakeGitHub(tokens);
    server = working.server;
    const again = await job();
    again.options = githubProvider.options.parse({ baseUrl: working.server.url, revokeCheckDelayMs: 0 }) as Record<string, unknown>;
    expect(await finishEntry(again, { now: true })).toMatchObject({ status: 'committed' });
    expect(working.revoked).toEqual([old]);
    expect(store.get('GITHUB_TOKEN')).not.toHaveProperty('previous');
  });

  it('notes a revocation GitHub accepted but has not applied yet', async () => {
    const old = githubToken();
    const fresh = githubToken();
    const fake = await fakeGitHub(
      new Map([
        [old, 'octocat'],
        [fresh, 'octocat'],
      ]),
      { lazyRevoke: true },
    );
    server = fake.server;
    const outcome = await rotateEntry(await setup(fake.server.url, old, testIo({ askSecret: async () => fresh })).job());
    expect(outcome.notes.join(' ')).toMatch(/asynchronous/);
  });

  it('fails with a hint when there is nobody to ask for the new token', async () => {
    const old = githubToken();
    const fake = await fakeGitHub(new Map([[old, 'octocat']]));
    server = fake.server;
    await expect(rotateEntry(await setup(fake.server.url, old, testIo()).job())).rejects.toMatchObject({
      code: 'UNLEAK_ROTATION_CONFIG',
      hint: expect.stringMatching(/newValueEnv/),
    });
  });
});
