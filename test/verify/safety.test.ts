import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/index.js';
import { refusedHost, testBaseUrl } from '../../src/verify/host-guard.js';
import { isPrivateAddress } from '../../src/verify/private-address.js';
import { verifyFindings, verifyValue } from '../../src/verify/index.js';
import { randomBase62 } from '../helpers/tokens.js';
import { startFakeProvider, type FakeProvider } from './helpers/fake-provider.js';

const finding = (ruleId: string, secret: string, line = 1): Finding => ({
  ruleId,
  title: ruleId,
  severity: 'high',
  path: 'a.env',
  line,
  column: 1,
  endLine: line,
  endColumn: 2,
  start: 0,
  end: 0,
  secret,
  entropy: 4,
  validation: 'none',
});

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => fake.close());

describe('a secret goes only to its own provider', () => {
  it('sends nothing for a webhook URL whose host is not the provider’s (attacker-controlled host)', async () => {
    fake.requests.length = 0;
    fake.answer = () => ({ status: 200, body: {} });
    const evil = finding('discord-webhook-url', `https://discord.evil.example/api/webhooks/123456789012345678/${randomBase62(68)}`);
    const real = finding('discord-webhook-url', `https://discord.com/api/webhooks/123456789012345678/${randomBase62(68)}`, 2);
    await verifyFindings([evil, real], { env: fake.env, hostIntervalMs: 0 });
    expect(evil.verification).toEqual({ status: 'unknown', reason: 'host not allowed: discord.evil.example' });
    expect(fake.requests.map((r) => r.host)).toEqual(['discord.com']);
  });

  it('tries a self-hosted GitLab only when .unleak.yaml names it', async () => {
    fake.answer = (request) => (request.host === 'gitlab.internal.example' ? { status: 200, body: { id: 1 } } : { status: 401, body: {} });
    const token = `glpat-${randomBase62(20)}`;
    fake.requests.length = 0;
    const without = await verifyValue('gitlab', token, { env: fake.env });
    expect(without).toEqual({ status: 'revoked', reason: '401 from gitlab.com' });
    expect(fake.requests.map((r) => r.host)).toEqual(['gitlab.com']);
    fake.requests.length = 0;
    const withHost = await verifyValue('gitlab', token, {
      env: fake.env,
      extraHosts: { gitlab: ['gitlab.internal.example'] },
      hostIntervalMs: 0,
    });
    expect(withHost).toEqual({ status: 'live', reason: '200 from gitlab.internal.example' });
    expect(fake.requests.map((r) => `${r.host}${r.path}`)).toEqual(['gitlab.com/api/v4/user', 'gitlab.internal.example/api/v4/user']);
    expect(fake.requests[1]?.headers['private-token']).toBe(token);
  });

  it('refuses plain HTTP, credentials in the URL, other hosts and ports on pattern hosts', () => {
    expect(refusedHost('http://api.github.com/user', ['api.github.com'])).toBe('not HTTPS: http://api.github.com');
    expect(refusedHost('https://u:p@api.github.com/user', ['api.github.com'])).toBe('credentials in the URL for api.github.com');
    expect(refusedHost('https://api.github.com.evil.example/user', ['api.github.com'])).toBe(
      'host not allowed: api.github.com.evil.example',
    );
    expect(refusedHost('https://us6.api.mailchimp.com:8443/3.0/ping', [/^us\d{1,2}\.api\.mailchimp\.com$/])).toBe(
      'host not allowed: us6.api.mailchimp.com:8443',
    );
    expect(refusedHost('https://us6.api.mailchimp.com/3.0/ping', [/^us\d{1,2}\.api\.mailchimp\.com$/])).toBeUndefined();
  });

  it('honours the test base URL only under a test runner and only on loopback', () => {
    expect(testBaseUrl({ UNLEAK_VERIFY_TEST_BASE_URL: 'http://127.0.0.1:9' })).toBeUndefined();
    expect(testBaseUrl({ UNLEAK_VERIFY_TEST_BASE_URL: 'http://10.0.0.5:9', VITEST: 'true' })).toBeUndefined();
    expect(testBaseUrl({ UNLEAK_VERIFY_TEST_BASE_URL: 'http://127.0.0.1:9/', NODE_ENV: 'test' })).toBe('http://127.0.0.1:9');
  });
});

describe('database checks and private addresses', () => {
  it('does not connect to a loopback or private address without --verify-private', async () => {
    let connections = 0;
    const server = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const url = `postgres://app:${randomBase62(16)}@127.0.0.1:${port}/app`;
      expect(await verifyValue('postgres', url)).toEqual({
        status: 'unknown',
        reason: 'private address for 127.0.0.1: not verified without --verify-private',
      });
      expect(await verifyValue('redis', `redis://:${randomBase62(16)}@localhost:${port}`)).toEqual({
        status: 'unknown',
        reason: 'private address for localhost: not verified without --verify-private',
      });
      expect(connections).toBe(0);
      const allowed = await verifyValue('postgres', url, { allowPrivate: true });
      expect(allowed.status).toBe('unknown');
      expect(connections).toBe(1);
    } finally {
      server.close();
    }
  });

  it('classifies private, loopback, link-local and mapped addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '140.82.112.3', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(address), address).toBe(false);
  });
});

describe('pacing, Retry-After, deadline and cache', () => {
  it('waits out a short Retry-After, then retries once', async () => {
    let calls = 0;
    fake.answer = () => (++calls === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: {} } : { status: 200, body: {} });
    const started = Date.now();
    expect(await verifyValue('npm', `npm_${randomBase62(36)}`, { env: fake.env, hostIntervalMs: 0 })).toEqual({
      status: 'live',
      reason: '200 from registry.npmjs.org',
    });
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('runs at most `concurrency` checks at once and spaces requests to one host', async () => {
    let active = 0;
    let peak = 0;
    const seen: Array<{ host: string; at: number }> = [];
    const fetchFn = (async (url: string) => {
      active++;
      peak = Math.max(peak, active);
      seen.push({ host: new URL(url).host, at: Date.now() });
      await new Promise((resolve) => setTimeout(resolve, 30));
      active--;
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    const findings = Array.from({ length: 12 }, (_, i) =>
      finding(
        ['github-classic-pat', 'gitlab-pat', 'npm-access-token', 'openai-project-key', 'sendgrid-api-key', 'heroku-api-key'][
          i % 6
        ] as string,
        randomBase62(40),
        i + 1,
      ),
    );
    await verifyFindings(findings, { fetch: fetchFn, concurrency: 3, hostIntervalMs: 100, env: {} });
    expect(peak).toBeLessThanOrEqual(3);
    expect(findings.every((f) => f.verification?.status === 'live')).toBe(true);
    expect(seen.length).toBe(12);
    for (const host of new Set(seen.map((s) => s.host))) {
      const at = seen.filter((s) => s.host === host).map((s) => s.at);
      expect(at.length).toBe(2);
      expect((at[1] as number) - (at[0] as number), host).toBeGreaterThanOrEqual(95);
    }
  });

  it('stops at the run deadline: what is left is unknown (timeout)', async () => {
    fake.answer = () => 'hang';
    const findings = [finding('github-classic-pat', randomBase62(40)), finding('gitlab-pat', randomBase62(26), 2)];
    const started = Date.now();
    await verifyFindings(findings, { env: fake.env, totalTimeoutMs: 400, callTimeoutMs: 10_000, hostIntervalMs: 0 });
    expect(Date.now() - started).toBeLessThan(3000);
    for (const f of findings) expect(f.verification?.status).toBe('unknown');
  });

  it('checks a secret once per verifier, never sharing a result across verifiers', async () => {
    fake.requests.length = 0;
    fake.answer = (request) => (request.host === 'api.github.com' ? { status: 200, body: {} } : { status: 401, body: {} });
    const value = randomBase62(40);
    const findings = [
      finding('github-classic-pat', value, 1),
      finding('github-classic-pat', value, 5),
      finding('gitlab-pat', value, 9),
      finding('made-up-rule', value, 12),
    ];
    await verifyFindings(findings, { env: fake.env, hostIntervalMs: 0 });
    expect(fake.requests.map((r) => r.host).sort()).toEqual(['api.github.com', 'gitlab.com']);
    expect(findings.map((f) => f.verification?.status)).toEqual(['live', 'live', 'revoked', 'unknown']);
    expect(findings[3]?.verification?.reason).toBe('no verifier');
  });
});
