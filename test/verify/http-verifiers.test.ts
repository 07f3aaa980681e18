import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/index.js';
import { loadBuiltinRules } from '../../src/config/index.js';
import { httpVerifierSpecs, verifyFindings, type Verification } from '../../src/verify/index.js';
import { randomBase62 } from '../helpers/tokens.js';
import { startFakeProvider, type FakeAnswer, type FakeProvider, type SeenRequest } from './helpers/fake-provider.js';

/**
 * Every HTTP verifier against a fake provider on 127.0.0.1. The table below is written from each
 * provider's documentation, independently of src/verify/providers: the request the provider
 * expects (host, method, path and query, auth header form) and how it answers a working and a
 * refused credential. Each verifier is run for live, revoked, rate-limited and timeout answers.
 */

const hex = (n: number) => randomBytes(n).toString('hex').slice(0, n);
const digits = (n: number) =>
  [...randomBytes(n)]
    .map((b) => String(b % 10))
    .join('')
    .replace(/^0/, '1');
const basicOf = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

interface Case {
  rule: string;
  method?: 'GET' | 'POST';
  host: string;
  path: (value: string) => string;
  /** Headers the request must carry, exactly. */
  headers: (value: string, companion?: string) => Record<string, string>;
  body?: (text: string) => boolean;
  value?: () => string;
  companion?: { rule: string; value: () => string };
  live?: FakeAnswer;
  revoked?: FakeAnswer;
}

const bearer = (v: string) => ({ authorization: `Bearer ${v}` });
const simple = (host: string, path: string, headers: Case['headers'] = bearer, rule = ''): Omit<Case, 'rule'> & { rule: string } => ({
  rule,
  host,
  path: () => path,
  headers,
});

const cases: Record<string, Case> = {
  github: {
    ...simple('api.github.com', '/user'),
    rule: 'github-classic-pat',
    headers: (v) => ({ ...bearer(v), 'x-github-api-version': '2022-11-28' }),
  },
  'github-installation': { ...simple('api.github.com', '/installation/repositories?per_page=1'), rule: 'github-app-installation-token' },
  gitlab: { ...simple('gitlab.com', '/api/v4/user', (v) => ({ 'private-token': v })), rule: 'gitlab-pat' },
  npm: { ...simple('registry.npmjs.org', '/-/whoami'), rule: 'npm-access-token' },
  rubygems: { ...simple('rubygems.org', '/api/v1/gems.json', (v) => ({ authorization: v })), rule: 'rubygems-api-key' },
  openai: { ...simple('api.openai.com', '/v1/models'), rule: 'openai-project-key' },
  anthropic: {
    ...simple('api.anthropic.com', '/v1/models', (v) => ({ 'x-api-key': v, 'anthropic-version': '2023-06-01' })),
    rule: 'anthropic-api-key',
  },
  huggingface: { ...simple('huggingface.co', '/api/whoami-v2'), rule: 'huggingface-access-token' },
  cohere: { ...simple('api.cohere.com', '/v1/models'), rule: 'cohere-api-key' },
  groq: { ...simple('api.groq.com', '/openai/v1/models'), rule: 'groq-api-key' },
  mistral: { ...simple('api.mistral.ai', '/v1/models'), rule: 'mistral-api-key' },
  replicate: { ...simple('api.replicate.com', '/v1/account'), rule: 'replicate-api-token' },
  openrouter: { ...simple('openrouter.ai', '/api/v1/key'), rule: 'openrouter-api-key' },
  xai: { ...simple('api.x.ai', '/v1/api-key'), rule: 'xai-api-key' },
  together: { ...simple('api.together.xyz', '/v1/models'), rule: 'together-api-key' },
  deepseek: { ...simple('api.deepseek.com', '/models'), rule: 'deepseek-api-key' },
  slack: {
    ...simple('slack.com', '/api/auth.test'),
    rule: 'slack-bot-token',
    method: 'POST',
    live: { status: 200, body: { ok: true, team: 'T', user: 'U' } },
    revoked: { status: 200, body: { ok: false, error: 'invalid_auth' } },
  },
  'discord-webhook': {
    rule: 'discord-webhook-url',
    host: 'discord.com',
    value: () => `https://discord.com/api/webhooks/${digits(18)}/${randomBase62(68)}`,
    path: (v) => new URL(v).pathname,
    headers: () => ({}),
    revoked: { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } },
  },
  'discord-bot': { ...simple('discord.com', '/api/v10/users/@me', (v) => ({ authorization: `Bot ${v}` })), rule: 'discord-bot-token' },
  telegram: {
    rule: 'telegram-bot-token',
    host: 'api.telegram.org',
    value: () => `${digits(9)}:AA${randomBase62(33)}`,
    path: (v) => `/bot${v}/getMe`,
    headers: () => ({}),
    revoked: { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } },
  },
  sendgrid: { ...simple('api.sendgrid.com', '/v3/scopes'), rule: 'sendgrid-api-key' },
  'twilio-api-key': {
    ...simple('api.twilio.com', '/2010-04-01/Accounts.json?PageSize=1', (v, c) => ({ authorization: basicOf(c ?? '', v) })),
    rule: 'twilio-api-key-secret',
    companion: { rule: 'twilio-api-key', value: () => `SK${hex(32)}` },
  },
  mailgun: {
    ...simple('api.mailgun.net', '/v4/domains?limit=1', (v) => ({ authorization: basicOf('api', v) })),
    rule: 'mailgun-api-key',
    value: () => `key-${hex(32)}`,
  },
  mailchimp: {
    rule: 'mailchimp-api-key',
    host: 'us6.api.mailchimp.com',
    value: () => `${hex(32)}-us6`,
    path: () => '/3.0/ping',
    headers: (v) => ({ authorization: basicOf('unleak', v) }),
  },
  postmark: { ...simple('api.postmarkapp.com', '/server', (v) => ({ 'x-postmark-server-token': v })), rule: 'postmark-server-token' },
  brevo: { ...simple('api.brevo.com', '/v3/account', (v) => ({ 'api-key': v })), rule: 'brevo-api-key' },
  stripe: { ...simple('api.stripe.com', '/v1/balance'), rule: 'stripe-secret-key' },
  square: { ...simple('connect.squareup.com', '/v2/locations'), rule: 'square-access-token' },
  digitalocean: { ...simple('api.digitalocean.com', '/v2/account'), rule: 'digitalocean-pat' },
  cloudflare: {
    ...simple('api.cloudflare.com', '/client/v4/user/tokens/verify'),
    rule: 'cloudflare-api-token',
    live: { status: 200, body: { success: true, result: { id: 'x', status: 'active' } } },
    revoked: { status: 401, body: { success: false, errors: [{ code: 1000, message: 'Invalid API Token' }] } },
  },
  heroku: {
    ...simple('api.heroku.com', '/account', (v) => ({ ...bearer(v), accept: 'application/vnd.heroku+json; version=3' })),
    rule: 'heroku-api-key',
  },
  vercel: {
    ...simple('api.vercel.com', '/v2/user'),
    rule: 'vercel-token',
    revoked: { status: 403, body: { error: { code: 'forbidden', invalidToken: true } } },
  },
  netlify: { ...simple('api.netlify.com', '/api/v1/user'), rule: 'netlify-token' },
  linode: { ...simple('api.linode.com', '/v4/profile'), rule: 'linode-api-token' },
  hetzner: { ...simple('api.hetzner.cloud', '/v1/locations'), rule: 'hetzner-cloud-token' },
  vultr: { ...simple('api.vultr.com', '/v2/account'), rule: 'vultr-api-key' },
  render: { ...simple('api.render.com', '/v1/owners?limit=1'), rule: 'render-api-key' },
  neon: { ...simple('console.neon.tech', '/api/v2/users/me'), rule: 'neon-api-key' },
  fastly: { ...simple('api.fastly.com', '/tokens/self', (v) => ({ 'fastly-key': v })), rule: 'fastly-api-token' },
  circleci: { ...simple('circleci.com', '/api/v2/me', (v) => ({ 'circle-token': v })), rule: 'circleci-personal-token' },
  buildkite: { ...simple('api.buildkite.com', '/v2/access-token'), rule: 'buildkite-api-token' },
  'terraform-cloud': { ...simple('app.terraform.io', '/api/v2/account/details'), rule: 'terraform-cloud-token' },
  pulumi: { ...simple('api.pulumi.com', '/api/user', (v) => ({ authorization: `token ${v}` })), rule: 'pulumi-access-token' },
  snyk: { ...simple('api.snyk.io', '/rest/self?version=2024-10-15', (v) => ({ authorization: `token ${v}` })), rule: 'snyk-api-token' },
  doppler: { ...simple('api.doppler.com', '/v3/me'), rule: 'doppler-personal-token' },
  postman: { ...simple('api.getpostman.com', '/me', (v) => ({ 'x-api-key': v })), rule: 'postman-api-key' },
  launchdarkly: {
    ...simple('app.launchdarkly.com', '/api/v2/caller-identity', (v) => ({ authorization: v })),
    rule: 'launchdarkly-access-token',
  },
  sentry: { ...simple('sentry.io', '/api/0/organizations/'), rule: 'sentry-user-auth-token' },
  datadog: {
    ...simple('api.datadoghq.com', '/api/v1/validate', (v) => ({ 'dd-api-key': v })),
    rule: 'datadog-api-key',
    live: { status: 200, body: { valid: true } },
    revoked: { status: 403, body: { errors: ['Forbidden'] } },
  },
  honeycomb: { ...simple('api.honeycomb.io', '/1/auth', (v) => ({ 'x-honeycomb-team': v })), rule: 'honeycomb-ingest-key' },
  pagerduty: { ...simple('api.pagerduty.com', '/abilities', (v) => ({ authorization: `Token token=${v}` })), rule: 'pagerduty-api-key' },
  notion: {
    ...simple('api.notion.com', '/v1/users/me', (v) => ({ ...bearer(v), 'notion-version': '2022-06-28' })),
    rule: 'notion-integration-token',
  },
  linear: {
    ...simple('api.linear.app', '/graphql', (v) => ({ authorization: v, 'content-type': 'application/json' })),
    rule: 'linear-api-key',
    method: 'POST',
    body: (text) => /viewer/.test((JSON.parse(text) as { query: string }).query),
    live: { status: 200, body: { data: { viewer: { id: 'u1' } } } },
    revoked: { status: 400, body: { errors: [{ message: 'Authentication required', extensions: { code: 'AUTHENTICATION_ERROR' } }] } },
  },
  'linear-oauth': {
    ...simple('api.linear.app', '/graphql', (v) => ({ ...bearer(v), 'content-type': 'application/json' })),
    rule: 'linear-oauth-token',
    method: 'POST',
    live: { status: 200, body: { data: { viewer: { id: 'u1' } } } },
    revoked: { status: 401, body: { errors: [{ extensions: { code: 'AUTHENTICATION_ERROR' } }] } },
  },
  asana: { ...simple('app.asana.com', '/api/1.0/users/me'), rule: 'asana-personal-access-token' },
  airtable: { ...simple('api.airtable.com', '/v0/meta/whoami'), rule: 'airtable-personal-access-token' },
  figma: {
    ...simple('api.figma.com', '/v1/me', (v) => ({ 'x-figma-token': v })),
    rule: 'figma-personal-access-token',
    revoked: { status: 403, body: { status: 403, err: 'Invalid token' } },
  },
  hubspot: { ...simple('api.hubapi.com', '/account-info/v3/details'), rule: 'hubspot-private-app-token' },
  intercom: { ...simple('api.intercom.io', '/me'), rule: 'intercom-access-token' },
  typeform: { ...simple('api.typeform.com', '/me'), rule: 'typeform-personal-access-token' },
  clickup: { ...simple('api.clickup.com', '/api/v2/user', (v) => ({ authorization: v })), rule: 'clickup-api-token' },
  contentful: { ...simple('api.contentful.com', '/users/me'), rule: 'contentful-personal-access-token' },
  mapbox: {
    rule: 'mapbox-secret-token',
    host: 'api.mapbox.com',
    path: (v) => `/tokens/v2?access_token=${v}`,
    headers: () => ({}),
    live: { status: 200, body: { code: 'TokenValid', token: { usage: 'sk' } } },
    revoked: { status: 401, body: { code: 'TokenInvalid' } },
  },
  aws: {
    rule: 'aws-secret-access-key',
    method: 'POST',
    host: 'sts.amazonaws.com',
    path: () => '/',
    value: () => randomBase62(40),
    companion: {
      rule: 'aws-access-key-id',
      value: () => `AKIA${[...randomBytes(16)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('')}`,
    },
    headers: () => ({ 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }),
    body: (text) => text === 'Action=GetCallerIdentity&Version=2011-06-15',
    live: {
      status: 200,
      body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/x</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>',
    },
    revoked: {
      status: 403,
      body: '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>',
    },
  },
};

function finding(ruleId: string, secret: string, line: number): Finding {
  return {
    ruleId,
    title: ruleId,
    severity: 'high',
    path: 'config/app.env',
    line,
    column: 1,
    endLine: line,
    endColumn: secret.length + 1,
    start: 0,
    end: 0,
    secret,
    entropy: 4,
    validation: 'none',
  };
}

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => fake.close());

/** Runs one verifier case with the fake answering `answer`; returns the verification and the requests seen. */
async function runCase(
  id: string,
  answer: (request: SeenRequest) => FakeAnswer,
): Promise<{ verification: Verification; requests: SeenRequest[]; value: string; companion?: string }> {
  const c = cases[id] as Case;
  const value = c.value ? c.value() : `${randomBase62(24)}${hex(16)}`;
  const companion = c.companion?.value();
  const findings = [finding(c.rule, value, 2), ...(c.companion && companion ? [finding(c.companion.rule, companion, 1)] : [])];
  fake.requests.length = 0;
  fake.answer = answer;
  await verifyFindings(findings, { env: fake.env, callTimeoutMs: 250, hostIntervalMs: 0 });
  return { verification: findings[0]?.verification as Verification, requests: [...fake.requests], value, companion };
}

function expectDocumentedRequest(id: string, request: SeenRequest | undefined, value: string, companion?: string): void {
  const c = cases[id] as Case;
  expect(request, `${id}: no request reached the fake provider`).toBeDefined();
  const seen = request as SeenRequest;
  expect(seen.host).toBe(c.host);
  expect(seen.method).toBe(c.method ?? 'GET');
  expect(seen.path).toBe(c.path(value));
  for (const [name, expected] of Object.entries(c.headers(value, companion)))
    expect(seen.headers[name], `${id}: header ${name}`).toBe(expected);
  if (id === 'aws') {
    expect(seen.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${companion}/\\d{8}/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$`,
      ),
    );
  }
  if (c.body) expect(c.body(seen.body), `${id}: request body`).toBe(true);
  else if ((c.method ?? 'GET') === 'GET') expect(seen.body).toBe('');
}

describe('HTTP verifiers against a fake provider', () => {
  it('has a documented case for every HTTP verifier and AWS, and every rule id they serve exists', () => {
    expect(Object.keys(cases).sort()).toEqual([...httpVerifierSpecs.map((spec) => spec.id), 'aws'].sort());
    expect(httpVerifierSpecs.length + 1 + 4).toBeGreaterThanOrEqual(40);
    const ruleIds = new Set(loadBuiltinRules().map((rule) => rule.id));
    for (const spec of httpVerifierSpecs)
      for (const ruleId of [...spec.ruleIds, ...(spec.companionRuleIds ?? [])])
        expect(ruleIds.has(ruleId), `${spec.id}: unknown rule ${ruleId}`).toBe(true);
  });

  const ids = Object.keys(cases);

  it.each(ids)('%s: live answer → live, request as documented', async (id) => {
    const { verification, requests, value, companion } = await runCase(id, () => cases[id]?.live ?? { status: 200, body: { id: 1 } });
    expectDocumentedRequest(id, requests[0], value, companion);
    expect(verification.status).toBe('live');
    expect(verification.reason).toContain(cases[id]?.host);
    expect(verification.reason).not.toContain(value);
  });

  it.each(ids)('%s: refused credential → revoked', async (id) => {
    const { verification, requests, value, companion } = await runCase(
      id,
      () => cases[id]?.revoked ?? { status: 401, body: { message: 'Bad credentials' } },
    );
    expectDocumentedRequest(id, requests[0], value, companion);
    expect(verification.status).toBe('revoked');
    expect(verification.reason).not.toContain(value);
  });

  it.each(ids)('%s: 429 with a long Retry-After → unknown, rate limited', async (id) => {
    const { verification, value } = await runCase(id, () => ({
      status: 429,
      headers: { 'retry-after': '3600' },
      body: { message: 'slow down' },
    }));
    expect(verification).toEqual({ status: 'unknown', reason: expect.stringMatching(/^rate limited by /) });
    expect(verification.reason).not.toContain(value);
  });

  it.each(ids)('%s: no answer → unknown, timeout', async (id) => {
    const { verification } = await runCase(id, () => 'hang');
    expect(verification).toEqual({ status: 'unknown', reason: 'timeout' });
  });

  it('stripe: 403 (a restricted key without the balance permission) still means the key works', async () => {
    const { verification } = await runCase('stripe', () => ({
      status: 403,
      body: { error: { type: 'invalid_request_error', code: 'secret_key_required' } },
    }));
    expect(verification).toEqual({ status: 'live', reason: '403 from api.stripe.com' });
  });

  it('slack: token_revoked in a 200 answer is revoked, other errors unknown', async () => {
    expect((await runCase('slack', () => ({ status: 200, body: { ok: false, error: 'token_revoked' } }))).verification).toEqual({
      status: 'revoked',
      reason: 'token_revoked from slack.com',
    });
    expect((await runCase('slack', () => ({ status: 200, body: { ok: false, error: 'ratelimited' } }))).verification.status).toBe(
      'unknown',
    );
  });

  it('datadog: a key of another site is tried on the other sites, live when one accepts it', async () => {
    const { verification, requests } = await runCase('datadog', (request) =>
      request.host === 'api.datadoghq.eu' ? { status: 200, body: { valid: true } } : { status: 403, body: { errors: ['Forbidden'] } },
    );
    expect(requests.map((r) => r.host).slice(0, 2)).toEqual(['api.datadoghq.com', 'api.datadoghq.eu']);
    expect(verification).toEqual({ status: 'live', reason: '200 from api.datadoghq.eu' });
  });
});
