// Written from https://www.postgresql.org/docs/current/errcodes-appendix.html (28P01, 28000),
// https://mariadb.com/kb/en/mariadb-error-codes/ (1045 access denied), https://redis.io/docs/latest/commands/auth/
// and the AMQP 0-9-1 connection handshake (amqplib, src/rotate/providers/amqp-login.ts).
import mysql from 'mysql2/promise';
import pg from 'pg';
import { parseCredentialUrl, type CredentialUrl } from '../../rotate/credential-url.js';
import { amqpLogin, connectRedis, RedisReplyError, type RedisConnection } from '../../rotate/index.js';
import { publicAddress } from '../private-address.js';
import { isVerification, type Verification, type Verifier, type VerifyIo } from '../types.js';

/**
 * Connection strings: log in with the real client (node-postgres, mysql2, ioredis with an explicit
 * AUTH so that a refused login is the server's reply, amqplib for RabbitMQ), run one trivial
 * query, disconnect. Nothing else is sent.
 */

type Login = (url: CredentialUrl, address: string, port: number, timeoutMs: number) => Promise<Verification>;

const where = (url: CredentialUrl, port: number) => `${url.host}:${port}`;
const causeCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : undefined;
};
const unreachable = (error: unknown, at: string): Verification => {
  const code = causeCode(error);
  return {
    status: 'unknown',
    reason:
      /timeout|timed out/i.test(String((error as Error)?.message)) || code === 'ETIMEDOUT'
        ? 'timeout'
        : `cannot reach ${at}${code ? ` (${code})` : ''}`,
  };
};

const postgresLogin: Login = async (url, address, port, timeoutMs) => {
  const sslmode = /(?:^|&)sslmode=([a-z-]+)/.exec(url.query)?.[1];
  const ssl =
    sslmode && sslmode !== 'disable' && sslmode !== 'prefer' && sslmode !== 'allow'
      ? { servername: url.host, rejectUnauthorized: sslmode.startsWith('verify') }
      : undefined;
  const client = new pg.Client({
    host: address,
    port,
    user: url.user,
    password: url.password,
    database: url.path || undefined,
    ssl,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { status: 'live', reason: `login accepted by ${where(url, port)}` };
  } catch (error) {
    const code = causeCode(error);
    if (code === '28P01' || code === '28000') return { status: 'revoked', reason: `login refused (${code}) by ${where(url, port)}` };
    if (code && /^[0-9A-Z]{5}$/.test(code)) return { status: 'unknown', reason: `server error ${code} from ${where(url, port)}` };
    return unreachable(error, where(url, port));
  } finally {
    await client.end().catch(() => undefined);
  }
};

const MYSQL_REFUSED = new Set([1044, 1045, 1698, 3118, 4151]);

const mysqlLogin: Login = async (url, address, port, timeoutMs) => {
  let connection: mysql.Connection | undefined;
  try {
    connection = await mysql.createConnection({
      host: address,
      port,
      user: url.user,
      password: url.password,
      database: url.path || undefined,
      connectTimeout: timeoutMs,
    });
    connection.on('error', () => undefined);
    await connection.query({ sql: 'SELECT 1', timeout: timeoutMs });
    return { status: 'live', reason: `login accepted by ${where(url, port)}` };
  } catch (error) {
    const errno = (error as { errno?: unknown }).errno;
    if (typeof errno === 'number' && MYSQL_REFUSED.has(errno))
      return { status: 'revoked', reason: `login refused (${errno}) by ${where(url, port)}` };
    if (typeof errno === 'number' && typeof (error as { sqlState?: unknown }).sqlState === 'string')
      return { status: 'unknown', reason: `server error ${errno} from ${where(url, port)}` };
    return unreachable(error, where(url, port));
  } finally {
    await connection?.end().catch(() => undefined);
  }
};

const redisLogin: Login = async (url, address, port, timeoutMs) => {
  let connection: RedisConnection | undefined;
  try {
    connection = await connectRedis({ host: address, port, tls: url.scheme.startsWith('rediss'), timeoutMs, servername: url.host });
    await connection.command('AUTH', ...(url.user ? [url.user, url.password ?? ''] : [url.password ?? '']));
    await connection.command('PING');
    return { status: 'live', reason: `login accepted by ${where(url, port)}` };
  } catch (error) {
    if (error instanceof RedisReplyError) {
      if (/^(WRONGPASS|NOPERM|NOAUTH)/.test(error.message))
        return { status: 'revoked', reason: `login refused (${error.message.split(' ')[0]}) by ${where(url, port)}` };
      if (/without any password configured|no password is set/i.test(error.message))
        return { status: 'unknown', reason: `${where(url, port)} needs no password` };
      return { status: 'unknown', reason: `server error from ${where(url, port)}` };
    }
    return unreachable(error, where(url, port));
  } finally {
    connection?.close();
  }
};

const amqpCheck: Login = async (url, address, port, timeoutMs) => {
  try {
    const result = await amqpLogin({
      host: address,
      port,
      tls: url.scheme === 'amqps',
      user: url.user,
      password: url.password ?? '',
      vhost: url.path || '/',
      timeoutMs,
    });
    return result.ok
      ? { status: 'live', reason: `login accepted by ${where(url, port)}` }
      : { status: 'revoked', reason: `login refused by ${where(url, port)}` };
  } catch (error) {
    return unreachable(error, where(url, port));
  }
};

function databaseVerifier(
  id: string,
  ruleIds: string[],
  provider: string,
  schemes: string[],
  defaultPort: number,
  doc: string,
  login: Login,
): Verifier {
  return {
    id,
    ruleIds,
    providers: [provider],
    input: 'connection-url',
    doc,
    async verify(input, io: VerifyIo) {
      const url = parseCredentialUrl(input.value);
      if (!url || !schemes.includes(url.scheme.split('+')[0] as string))
        return { status: 'unknown', reason: `not a ${schemes[0]}:// connection string` };
      if (url.password === undefined || url.host === '')
        return { status: 'unknown', reason: 'no host or password in the connection string' };
      const address = await publicAddress(url.host, io.allowPrivate);
      if (isVerification(address)) return address;
      const port = url.port ?? (url.scheme === 'amqps' ? 5671 : defaultPort);
      return io.slot(where(url, port), () => login(url, address, port, io.callTimeoutMs()));
    },
  };
}

/** PostgreSQL, MySQL/MariaDB, Redis and RabbitMQ connection strings. */
export const databaseVerifiers: Verifier[] = [
  databaseVerifier(
    'postgres',
    ['postgres-connection-uri'],
    'postgres',
    ['postgres', 'postgresql'],
    5432,
    'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS',
    postgresLogin,
  ),
  databaseVerifier(
    'mysql',
    ['mysql-connection-uri'],
    'mysql',
    ['mysql', 'mariadb'],
    3306,
    'https://dev.mysql.com/doc/refman/8.0/en/connecting-using-uri-or-key-value-pairs.html',
    mysqlLogin,
  ),
  databaseVerifier(
    'redis',
    ['redis-connection-uri'],
    'redis',
    ['redis', 'rediss'],
    6379,
    'https://redis.io/docs/latest/commands/auth/',
    redisLogin,
  ),
  databaseVerifier(
    'amqp',
    ['amqp-connection-uri'],
    'rabbitmq',
    ['amqp', 'amqps'],
    5672,
    'https://www.rabbitmq.com/docs/uri-spec',
    amqpCheck,
  ),
];
