import type { SecretTarget } from '../store/index.js';
import type { FixFinding } from './types.js';

/**
 * What `unleak rotate` needs to know about a value, read from where `fix` found it: the rotation
 * provider id (src/rotate/registry.ts) and, for a password inside a connection string, the account
 * it logs in as (host, port, user, database, scheme). Never the password itself.
 */

/** The rotation provider `fix` records for Slack incoming-webhook URLs: a rotation by hand, with steps. */
export const SLACK_WEBHOOK_PROVIDER = 'slack-webhook';

const SLACK_WEBHOOK = /^https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\//;

/** Rotation provider id by URL scheme (driver suffixes such as `+psycopg2` removed). */
const PROVIDER_BY_SCHEME: Record<string, string> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  mysql: 'mysql',
  mysqlx: 'mysql',
  mariadb: 'mysql',
  redis: 'redis',
  rediss: 'redis',
  amqp: 'rabbitmq',
  amqps: 'rabbitmq',
  mongodb: 'mongodb',
  'mongodb+srv': 'mongodb',
  mssql: 'mssql',
  sqlserver: 'mssql',
};

/** `scheme://userinfo@hosts[/path][?query]`: the userinfo may hold the password being looked at. */
const URL_AROUND = /([a-z][a-z0-9+.-]*):\/\/([^\s'"<>@/?#]*)@([^\s'"<>/?#@]*)(\/[^\s'"<>?#]*)?/gi;

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** The finding with the provider `rotate` should use: `slack-webhook` for webhook URLs, else the rule's. */
export function withRotationProvider(finding: FixFinding): FixFinding {
  return SLACK_WEBHOOK.test(finding.secret) ? { ...finding, provider: SLACK_WEBHOOK_PROVIDER } : finding;
}

/** The scheme without a driver suffix (`postgresql+psycopg2` → `postgresql`; `mongodb+srv` stays). */
function baseScheme(scheme: string): string {
  const lower = scheme.toLowerCase();
  return lower === 'mongodb+srv' ? lower : (lower.split('+')[0] as string);
}

/**
 * The connection string around `text.slice(start, end)` when that span is its password: the
 * provider its scheme rotates with, and the account (never the password). Undefined when the span
 * is not the password of a `scheme://user:password@host` URL.
 */
export function connectionTargetAt(text: string, start: number, end: number): { provider?: string; target: SecretTarget } | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const line = text.slice(lineStart, newline === -1 ? text.length : newline);
  for (const match of line.matchAll(URL_AROUND)) {
    const [, scheme = '', userinfo = '', hosts = '', path = ''] = match;
    const colon = userinfo.indexOf(':');
    if (colon === -1) continue;
    const passwordStart = lineStart + (match.index ?? 0) + scheme.length + 3 + colon + 1;
    if (passwordStart !== start || passwordStart + userinfo.length - colon - 1 !== end) continue;
    const first = hosts.split(',')[0] ?? '';
    const hostPort = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/.exec(first);
    const target: SecretTarget = { scheme: baseScheme(scheme) };
    const host = (hostPort?.[1] ?? first).replace(/^\[|\]$/g, '');
    if (host) target.host = host;
    if (hostPort?.[2] !== undefined) target.port = Number(hostPort[2]);
    const user = decode(userinfo.slice(0, colon));
    if (user) target.user = user;
    const database = decode(path.replace(/^\//, ''));
    if (database) target.database = database;
    const provider = PROVIDER_BY_SCHEME[target.scheme as string];
    return { ...(provider ? { provider } : {}), target };
  }
  return undefined;
}

/**
 * Where passwords are written percent-encoded inside connection strings (`postgres://app:p%40ss@db/app`).
 * `fix` refuses any value found there: stored as written, the entry would hold `p%40ss` while the
 * account's password is `p@ss`, so `rotate` would log in with the wrong password; and the code,
 * YAML and shell forms `fix` writes insert the value as is, so a decoded value would break the URL
 * there. The whole URL as one entry rotates right (the provider decodes the password and writes
 * the new one encoded).
 */
export function encodedPasswordSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  for (const match of text.matchAll(URL_AROUND)) {
    const [, scheme = '', userinfo = ''] = match;
    const colon = userinfo.indexOf(':');
    if (colon === -1) continue;
    const password = userinfo.slice(colon + 1);
    if (!/%[0-9A-Fa-f]{2}/.test(password) || decode(password) === password) continue;
    const start = (match.index ?? 0) + scheme.length + 3 + colon + 1;
    spans.push({ start, end: start + password.length });
  }
  return spans;
}

/** The refusal of a value found inside a percent-encoded password (see {@link encodedPasswordSpans}). */
export function encodedPasswordReason(envName: string | undefined): string {
  const name = envName ?? 'DATABASE_URL';
  return `the password is percent-encoded in this connection string (%XX), so stored as written rotation would log in with the wrong password; keep the whole URL as one entry by hand (unleak secrets set ${name}, rotation decodes the password from it) and read ${name} from the environment`;
}
