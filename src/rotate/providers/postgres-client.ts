import pg from 'pg';
import { describeCause, providerFailed } from '../rotation-errors.js';

/** Short-lived PostgreSQL connections for the postgres provider (node-postgres). */

/** SQLSTATEs meaning "this login was refused" (invalid_password, invalid_authorization_specification). */
const LOGIN_REFUSED = new Set(['28P01', '28000']);

/** Opens a connection; errors (refused login, unreachable host) are thrown as they come. */
export async function connectPg(url: string, timeoutMs: number): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  await client.connect().catch(async (error: unknown) => {
    await client.end().catch(() => undefined);
    throw error;
  });
  return client;
}

/** Runs `work` on a fresh connection and closes it, mapping failures to a RotationError about `what`. */
export async function withPg<T>(url: string, timeoutMs: number, what: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  let client: pg.Client;
  try {
    client = await connectPg(url, timeoutMs);
  } catch (error) {
    throw providerFailed('postgres', `${what}: cannot connect: ${describeCause(error)}`, { cause: error });
  }
  try {
    return await work(client);
  } catch (error) {
    throw providerFailed('postgres', `${what}: ${describeCause(error)}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Logs in with `url`: 'accepted', 'refused' (the server said no to the credential), or throws when it cannot tell. */
export async function tryPgLogin(url: string, timeoutMs: number): Promise<{ outcome: 'accepted'; user: string } | { outcome: 'refused'; reason: string }> {
  let client: pg.Client;
  try {
    client = await connectPg(url, timeoutMs);
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
