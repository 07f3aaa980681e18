import { afterEach, describe, expect, it } from 'vitest';
import { cliLiveVerifier, namesHostOf } from '../../../src/cli/rotate/rotate-verifier.js';
import { githubToken } from '../../helpers/tokens.js';
import { bearer, startFakeServer, type FakeServer, type SeenRequest } from '../../rotate/helpers/fake-server.js';
import { rotateRepo } from './rotate-repo.js';

/**
 * `.unleak.yaml` `verify.hosts` names a GitHub Enterprise host: `unleak rotate` verifies there as
 * `scan --verify` does. The fake serves the provider's calls (its baseUrl) and the verifier's
 * (UNLEAK_VERIFY_TEST_BASE_URL, each marked with the host it was meant for): github.com knows
 * neither token, the enterprise host knows both until the old one is revoked.
 */
function fakeEnterprise(old: string, fresh: string) {
  const tokens = new Set([old, fresh]);
  const verifiedAt: string[] = [];
  const handle = (request: SeenRequest) => {
    const host = request.headers['x-unleak-verify-host'];
    if (host !== undefined) {
      verifiedAt.push(`${String(host)}${request.path}`);
      const known = host === 'ghe.example.com' && request.path === '/api/v3/user' && tokens.has(bearer(request) ?? '');
      return known ? { status: 200, json: { login: 'octocat' } } : { status: 401, json: { message: 'Bad credentials' } };
    }
    if (request.path === '/user')
      return tokens.has(bearer(request) ?? '') ? { status: 200, json: { login: 'octocat' } } : { status: 401, json: {} };
    if (request.path === '/credentials/revoke') {
      for (const token of (JSON.parse(request.body) as { credentials: string[] }).credentials) tokens.delete(token);
      return { status: 202, json: {} };
    }
    return { status: 404, json: {} };
  };
  return { verifiedAt, handle };
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('unleak rotate verifies at the self-hosted hosts of verify.hosts', () => {
  it('asks the enterprise host too, so the new token is live there rather than refused by github.com', async () => {
    const old = githubToken();
    const fresh = githubToken();
    const github = fakeEnterprise(old, fresh);
    server = await startFakeServer(github.handle);
    const config = `providers:\n  github:\n    baseUrl: ${server.url}\n    revokeCheckDelayMs: 0\nverify:\n  hosts:\n    github: [ghe.example.com]\n`;
    const repo = await rotateRepo([{ name: 'GITHUB_TOKEN', value: old, meta: { leaked: true, provider: 'github' } }], config);
    const run = await repo.cli(['rotate', 'GITHUB_TOKEN'], { stdin: `${fresh}\n`, env: { UNLEAK_VERIFY_TEST_BASE_URL: server.url } });
    expect(run.stderr).toContain(
      'GITHUB_TOKEN: verified: old credential refused (401 from api.github.com); new credential live (200 from ghe.example.com)\n',
    );
    expect(run.code).toBe(0);
    expect(github.verifiedAt).toContain('ghe.example.com/api/v3/user');
    expect(`${run.stdout}${run.stderr}`).not.toContain(fresh);
  });
});

describe('a provider with its own baseUrl, outside tests', () => {
  it('is verified only when verify.hosts names the baseUrl host for that provider', async () => {
    expect(namesHostOf(['GHE.example.com'], 'https://ghe.example.com/api/v3')).toBe(true);
    expect(namesHostOf(['ghe.example.com:8443'], 'https://ghe.example.com:8443/api/v3')).toBe(true);
    expect(namesHostOf(['ghe.example.com'], 'https://ghe.example.com:8443/api/v3')).toBe(false);
    expect(namesHostOf(undefined, 'https://ghe.example.com/api/v3')).toBe(false);
    const verify = cliLiveVerifier({}, { github: ['other.example.com'], gitlab: ['ghe.example.com'] });
    const answer = await verify({ provider: 'github', value: githubToken(), customBaseUrl: 'https://ghe.example.com/api/v3' });
    expect(answer).toEqual({ status: 'unknown', reason: 'github is configured with its own baseUrl (not verified)' });
  });
});
