import { basic, bearer, header, inUrl, type HttpVerifierSpec } from '../http-verifier.js';
import type { Verification, VerifyHttpReply } from '../types.js';

/** Chat, bots, webhooks and e-mail delivery. */

const SLACK_REFUSED = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);

/** Slack answers 200 with `{ ok, error }`. */
function slackVerdict(reply: VerifyHttpReply, host: string): Verification | undefined {
  let body: { ok?: unknown; error?: unknown };
  try {
    body = JSON.parse(reply.text) as typeof body;
  } catch {
    return undefined;
  }
  if (reply.status !== 200) return undefined;
  if (body.ok === true) return { status: 'live', reason: `ok from ${host}` };
  const error = typeof body.error === 'string' ? body.error.slice(0, 40) : 'error';
  return { status: SLACK_REFUSED.has(error) ? 'revoked' : 'unknown', reason: `${error} from ${host}` };
}

const DISCORD_WEBHOOK = /^https:\/\/[^/]+\/api(?:\/v\d{1,2})?\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,68}$/;
const TELEGRAM_TOKEN = /^\d{8,10}:AA[A-Za-z0-9_-]{33}$/;
const MAILCHIMP_KEY = /^[0-9a-f]{32}-(us\d{1,2})$/;

export const messagingSpecs: HttpVerifierSpec[] = [
  {
    id: 'slack',
    ruleIds: ['slack-bot-token', 'slack-user-token', 'slack-app-token', 'slack-legacy-workspace-token'],
    providers: ['slack'],
    doc: 'https://docs.slack.dev/reference/methods/auth.test',
    hosts: ['slack.com'],
    method: 'POST',
    url: 'https://slack.com/api/auth.test',
    auth: bearer,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
    judge: slackVerdict,
  },
  {
    // GET on the webhook URL reads the webhook; nothing is posted to it.
    id: 'discord-webhook',
    ruleIds: ['discord-webhook-url'],
    doc: 'https://discord.com/developers/docs/resources/webhook#get-webhook-with-token',
    hosts: ['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com'],
    method: 'GET',
    url: (input) => (DISCORD_WEBHOOK.test(input.value.trim()) ? input.value.trim() : undefined),
    auth: inUrl,
    revoked: [401, 404],
  },
  {
    id: 'discord-bot',
    ruleIds: ['discord-bot-token'],
    doc: 'https://discord.com/developers/docs/resources/user#get-current-user',
    hosts: ['discord.com'],
    method: 'GET',
    url: 'https://discord.com/api/v10/users/@me',
    auth: header('authorization', 'Bot '),
  },
  {
    id: 'telegram',
    ruleIds: ['telegram-bot-token'],
    doc: 'https://core.telegram.org/bots/api#getme',
    hosts: ['api.telegram.org'],
    method: 'GET',
    url: (input) => (TELEGRAM_TOKEN.test(input.value) ? `https://api.telegram.org/bot${input.value}/getMe` : undefined),
    auth: inUrl,
    revoked: [401, 404],
  },
  {
    id: 'sendgrid',
    ruleIds: ['sendgrid-api-key'],
    doc: 'https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access',
    hosts: ['api.sendgrid.com'],
    method: 'GET',
    url: 'https://api.sendgrid.com/v3/scopes',
    auth: bearer,
    revoked: [401, 403],
  },
  {
    id: 'twilio-api-key',
    ruleIds: ['twilio-api-key-secret'],
    companionRuleIds: ['twilio-api-key'],
    doc: 'https://www.twilio.com/docs/usage/api/account#read-multiple-account-resources',
    hosts: ['api.twilio.com'],
    method: 'GET',
    url: (input) => (input.companion ? 'https://api.twilio.com/2010-04-01/Accounts.json?PageSize=1' : undefined),
    auth: basic((input) => [input.companion ?? '', input.value]),
  },
  {
    id: 'mailgun',
    ruleIds: ['mailgun-api-key', 'mailgun-api-key-v2'],
    doc: 'https://documentation.mailgun.com/docs/mailgun/api-reference/openapi-final/tag/Domains/#tag/Domains/operation/GET-v4-domains',
    hosts: ['api.mailgun.net', 'api.eu.mailgun.net'],
    method: 'GET',
    url: 'https://api.mailgun.net/v4/domains?limit=1',
    alsoTry: ['https://api.eu.mailgun.net/v4/domains?limit=1'],
    auth: basic((input) => ['api', input.value]),
  },
  {
    id: 'mailchimp',
    ruleIds: ['mailchimp-api-key'],
    doc: 'https://mailchimp.com/developer/marketing/api/ping/',
    hosts: [/^us\d{1,2}\.api\.mailchimp\.com$/],
    method: 'GET',
    url: (input) => {
      const dc = MAILCHIMP_KEY.exec(input.value)?.[1];
      return dc ? `https://${dc}.api.mailchimp.com/3.0/ping` : undefined;
    },
    auth: basic((input) => ['unleak', input.value]),
  },
  {
    id: 'postmark',
    ruleIds: ['postmark-server-token'],
    doc: 'https://postmarkapp.com/developer/api/server-api#get-server',
    hosts: ['api.postmarkapp.com'],
    method: 'GET',
    url: 'https://api.postmarkapp.com/server',
    auth: header('x-postmark-server-token'),
    headers: { accept: 'application/json' },
  },
  {
    id: 'brevo',
    ruleIds: ['brevo-api-key'],
    doc: 'https://developers.brevo.com/reference/getaccount',
    hosts: ['api.brevo.com'],
    method: 'GET',
    url: 'https://api.brevo.com/v3/account',
    auth: header('api-key'),
  },
];
