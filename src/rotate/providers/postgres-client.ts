import type pg from 'pg';
import { describeCause, providerFailed } from '../rotation-errors.js';

/** Short-lived PostgreSQL connections for the postgres provider (node-postgres). */

/** The part of a node-postgres client the provider uses. */
export type PostgresClient = Pick<pg.Client, 'query' | 'escapeIdentifier' | 'escapeLiteral' | 'end'>;

/** Opens a connection to a postgres:// URL; errors (refused login, unreachable host) are thrown as they come. */
export type PostgresConnect = (url: string, timeoutMs: number) => Promise<PostgresClient>;

/** SQLSTATEs meaning "this login was refused" (invalid_password, invalid_authorization_specification). */
const LOGIN_REFUSED = new Set(['28P01', '28000']);

/** The real PostgresConnect (node-postgres, loaded on first use). */
export const connectPostgres: PostgresConnect = async (url, timeoutMs) => {
  const { default: postgres } = await import('pg');
  const client = new postgres.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  await client.connect().catch(async (error: unknown) => {
    await client.end().catch(() => undefined);
    throw error;
  });
  return client;
};

/** Logs in with `url`: 'accepted', 'refused' (the server said no to the credential), or throws when it cannot tell. */
export async function tryPgLogin(
  connect: PostgresConnect,
  url: string,
  timeoutMs: number,
): Promise<{ outcome: 'accepted'; user: string } | { outcome: 'refused'; reason: string }> {
  let client: PostgresClient;
  try {
    client = await connect(url, timeoutMs);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && LOGIN_REFUSED.has(code)) return { outcome: 'refused', reason: describeCause(error) };
    throw providerFailed('postgres', `cannot reach the server to log in: ${describeCause(error)}`, { cause: error });
  }
  try {
    const result = await client.query<{ user: string }>('SELECT current_user AS "user"');
    return { outcome: 'accepted', user: result.rows[0]?.user ?? '' };
  } finally {
    await client.end().catch(() => undefined);
  }
}
