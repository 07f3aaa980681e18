import { bearer, header, type HttpVerifierSpec } from '../http-verifier.js';
import type { Verification, VerifyHttpReply } from '../types.js';

/** Productivity and business SaaS. */

/** Linear's GraphQL answers an unauthenticated query with AUTHENTICATION_ERROR (HTTP 400 or 401). */
function linearVerdict(reply: VerifyHttpReply, host: string): Verification | undefined {
  if (reply.status === 200 && /"viewer"\s*:\s*\{/.test(reply.text)) return { status: 'live', reason: `200 from ${host}` };
  if ((reply.status === 400 || reply.status === 401) && /AUTHENTICATION_ERROR/.test(reply.text))
    return { status: 'revoked', reason: `${reply.status} from ${host}` };
  return undefined;
}

/** Mapbox answers 200 with `code: TokenValid` for a working token. */
function mapboxVerdict(reply: VerifyHttpReply, host: string): Verification | undefined {
  const code = /"code"\s*:\s*"([A-Za-z]{1,40})"/.exec(reply.text)?.[1];
  if (reply.status === 200 && code === 'TokenValid') return { status: 'live', reason: `TokenValid from ${host}` };
  if (code && ['TokenInvalid', 'TokenExpired', 'TokenRevoked'].includes(code)) return { status: 'revoked', reason: `${code} from ${host}` };
  return undefined;
}

const linearQuery = JSON.stringify({ query: '{ viewer { id } }' });

export const saasSpecs: HttpVerifierSpec[] = [
  {
    id: 'notion',
    ruleIds: ['notion-integration-token', 'notion-api-token'],
    doc: 'https://developers.notion.com/reference/get-self',
    hosts: ['api.notion.com'],
    method: 'GET',
    url: 'https://api.notion.com/v1/users/me',
    auth: bearer,
    headers: { 'notion-version': '2022-06-28' },
  },
  {
    // A read-only GraphQL query: personal API keys go in Authorization without a scheme.
    id: 'linear',
    ruleIds: ['linear-api-key'],
    doc: 'https://linear.app/developers/graphql#authentication',
    hosts: ['api.linear.app'],
    method: 'POST',
    url: 'https://api.linear.app/graphql',
    auth: header('authorization'),
    headers: { 'content-type': 'application/json' },
    body: linearQuery,
    judge: linearVerdict,
  },
  {
    id: 'linear-oauth',
    ruleIds: ['linear-oauth-token'],
    doc: 'https://linear.app/developers/oauth-2-0-authentication',
    hosts: ['api.linear.app'],
    method: 'POST',
    url: 'https://api.linear.app/graphql',
    auth: bearer,
    headers: { 'content-type': 'application/json' },
    body: linearQuery,
    judge: linearVerdict,
  },
  {
    id: 'asana',
    ruleIds: ['asana-personal-access-token'],
    doc: 'https://developers.asana.com/reference/getuser',
    hosts: ['app.asana.com'],
    method: 'GET',
    url: 'https://app.asana.com/api/1.0/users/me',
    auth: bearer,
  },
  {
    id: 'airtable',
    ruleIds: ['airtable-personal-access-token'],
    doc: 'https://airtable.com/developers/web/api/get-user-id-scopes',
    hosts: ['api.airtable.com'],
    method: 'GET',
    url: 'https://api.airtable.com/v0/meta/whoami',
    auth: bearer,
  },
  {
    id: 'figma',
    ruleIds: ['figma-personal-access-token'],
    doc: 'https://www.figma.com/developers/api#get-me-endpoint',
    hosts: ['api.figma.com'],
    method: 'GET',
    url: 'https://api.figma.com/v1/me',
    auth: header('x-figma-token'),
    revoked: [401, 403],
  },
  {
    id: 'hubspot',
    ruleIds: ['hubspot-private-app-token'],
    doc: 'https://developers.hubspot.com/docs/api-reference/account-info-account-info-v3/details/get-account-info-v3-details',
    hosts: ['api.hubapi.com'],
    method: 'GET',
    url: 'https://api.hubapi.com/account-info/v3/details',
    auth: bearer,
  },
  {
    id: 'intercom',
    ruleIds: ['intercom-access-token'],
    doc: 'https://developers.intercom.com/docs/references/rest-api/api.intercom.io/admins/identifyadmin',
    hosts: ['api.intercom.io'],
    method: 'GET',
    url: 'https://api.intercom.io/me',
    auth: bearer,
    headers: { accept: 'application/json' },
  },
  {
    id: 'typeform',
    ruleIds: ['typeform-personal-access-token'],
    doc: 'https://www.typeform.com/developers/create/reference/retrieve-own-account/',
    hosts: ['api.typeform.com'],
    method: 'GET',
    url: 'https://api.typeform.com/me',
    auth: bearer,
    revoked: [401, 403],
  },
  {
    id: 'clickup',
    ruleIds: ['clickup-api-token'],
    doc: 'https://developer.clickup.com/reference/getauthorizeduser',
    hosts: ['api.clickup.com'],
    method: 'GET',
    url: 'https://api.clickup.com/api/v2/user',
    auth: header('authorization'),
  },
  {
    id: 'contentful',
    ruleIds: ['contentful-personal-access-token'],
    doc: 'https://www.contentful.com/developers/docs/references/content-management-api/#/reference/users/user/get-the-authenticated-user',
    hosts: ['api.contentful.com'],
    method: 'GET',
    url: 'https://api.contentful.com/users/me',
    auth: bearer,
  },
  {
    id: 'mapbox',
    ruleIds: ['mapbox-secret-token'],
    doc: 'https://docs.mapbox.com/api/accounts/tokens/#retrieve-a-token',
    hosts: ['api.mapbox.com'],
    method: 'GET',
    url: (input) => `https://api.mapbox.com/tokens/v2?access_token=${encodeURIComponent(input.value)}`,
    auth: () => ({}),
    judge: mapboxVerdict,
  },
];
