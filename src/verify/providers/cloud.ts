import { bearer, header, type HttpVerifierSpec } from '../http-verifier.js';
import type { Verification, VerifyHttpReply } from '../types.js';

/** Payments and cloud hosting. */

/** Cloudflare's verify answers 200 with `result.status` active, disabled or expired. */
function cloudflareVerdict(reply: VerifyHttpReply, host: string): Verification | undefined {
  if (reply.status !== 200) return undefined;
  try {
    const status = (JSON.parse(reply.text) as { result?: { status?: unknown } }).result?.status;
    if (status === 'active') return { status: 'live', reason: `active token at ${host}` };
    if (status === 'disabled' || status === 'expired') return { status: 'revoked', reason: `${status} token at ${host}` };
  } catch {
    return undefined;
  }
  return undefined;
}

export const cloudSpecs: HttpVerifierSpec[] = [
  {
    // A restricted key without the balance permission gets 403: the key itself works.
    id: 'stripe',
    ruleIds: ['stripe-secret-key', 'stripe-restricted-key', 'stripe-test-key'],
    providers: ['stripe'],
    doc: 'https://docs.stripe.com/api/balance/balance_retrieve',
    hosts: ['api.stripe.com'],
    method: 'GET',
    url: 'https://api.stripe.com/v1/balance',
    auth: bearer,
    live: [200, 403],
  },
  {
    id: 'square',
    ruleIds: ['square-access-token'],
    doc: 'https://developer.squareup.com/reference/square/locations-api/list-locations',
    hosts: ['connect.squareup.com'],
    method: 'GET',
    url: 'https://connect.squareup.com/v2/locations',
    auth: bearer,
    headers: { 'square-version': '2024-10-17' },
  },
  {
    id: 'digitalocean',
    ruleIds: ['digitalocean-pat', 'digitalocean-oauth-token'],
    doc: 'https://docs.digitalocean.com/reference/api/digitalocean/#tag/Account/operation/account_get',
    hosts: ['api.digitalocean.com'],
    method: 'GET',
    url: 'https://api.digitalocean.com/v2/account',
    auth: bearer,
  },
  {
    id: 'cloudflare',
    ruleIds: ['cloudflare-api-token', 'cloudflare-api-token-legacy'],
    doc: 'https://developers.cloudflare.com/api/resources/user/subresources/tokens/methods/verify/',
    hosts: ['api.cloudflare.com'],
    method: 'GET',
    url: 'https://api.cloudflare.com/client/v4/user/tokens/verify',
    auth: bearer,
    revoked: [400, 401, 403],
    judge: cloudflareVerdict,
  },
  {
    id: 'heroku',
    ruleIds: ['heroku-api-key', 'heroku-api-key-v2'],
    doc: 'https://devcenter.heroku.com/articles/platform-api-reference#account-info',
    hosts: ['api.heroku.com'],
    method: 'GET',
    url: 'https://api.heroku.com/account',
    auth: bearer,
    headers: { accept: 'application/vnd.heroku+json; version=3' },
  },
  {
    id: 'vercel',
    ruleIds: ['vercel-token', 'vercel-legacy-token'],
    doc: 'https://vercel.com/docs/rest-api/reference/endpoints/user/get-the-user',
    hosts: ['api.vercel.com'],
    method: 'GET',
    url: 'https://api.vercel.com/v2/user',
    auth: bearer,
    revoked: [401, 403],
  },
  {
    id: 'netlify',
    ruleIds: ['netlify-token', 'netlify-legacy-token'],
    doc: 'https://open-api.netlify.com/#tag/user/operation/getCurrentUser',
    hosts: ['api.netlify.com'],
    method: 'GET',
    url: 'https://api.netlify.com/api/v1/user',
    auth: bearer,
  },
  {
    id: 'linode',
    ruleIds: ['linode-api-token'],
    doc: 'https://techdocs.akamai.com/linode-api/reference/get-profile',
    hosts: ['api.linode.com'],
    method: 'GET',
    url: 'https://api.linode.com/v4/profile',
    auth: bearer,
  },
  {
    id: 'hetzner',
    ruleIds: ['hetzner-cloud-token'],
    doc: 'https://docs.hetzner.cloud/reference/cloud#locations-list-locations',
    hosts: ['api.hetzner.cloud'],
    method: 'GET',
    url: 'https://api.hetzner.cloud/v1/locations',
    auth: bearer,
  },
  {
    id: 'vultr',
    ruleIds: ['vultr-api-key'],
    doc: 'https://www.vultr.com/api/#tag/account/operation/get-account',
    hosts: ['api.vultr.com'],
    method: 'GET',
    url: 'https://api.vultr.com/v2/account',
    auth: bearer,
  },
  {
    id: 'render',
    ruleIds: ['render-api-key'],
    doc: 'https://api-docs.render.com/reference/list-owners',
    hosts: ['api.render.com'],
    method: 'GET',
    url: 'https://api.render.com/v1/owners?limit=1',
    auth: bearer,
  },
  {
    id: 'neon',
    ruleIds: ['neon-api-key'],
    doc: 'https://api-docs.neon.tech/reference/getcurrentuserinfo',
    hosts: ['console.neon.tech'],
    method: 'GET',
    url: 'https://console.neon.tech/api/v2/users/me',
    auth: bearer,
  },
  {
    id: 'fastly',
    ruleIds: ['fastly-api-token'],
    doc: 'https://www.fastly.com/documentation/reference/api/auth-tokens/user/#get-token-current',
    hosts: ['api.fastly.com'],
    method: 'GET',
    url: 'https://api.fastly.com/tokens/self',
    auth: header('fastly-key'),
    revoked: [401, 403],
  },
];
