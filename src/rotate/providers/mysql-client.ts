import { describeCause, providerFailed } from '../rotation-errors.js';

/** Short-lived MySQL/MariaDB connections for the mysql provider (mysql2). */

/** The part of a connection the provider uses: `?` placeholders are escaped client-side by mysql2. */
export interface MysqlConnection {
  query(sql: string, values?: unknown[]): Promise<unknown>;
  end(): Promise<void>;
}

/** Opens a connection to a mysql:// URL. */
export type MysqlConnect = (url: string, timeoutMs: number) => Promise<MysqlConnection>;

/** The real MysqlConnect (mysql2, loaded on first use): rows come back as arrays of objects. */
export const connectMysql: MysqlConnect = async (url, timeoutMs) => {
  const { default: mysql } = await import('mysql2/promise');
  const connection = await mysql.createConnection({ uri: url, connectTimeout: timeoutMs, multipleStatements: false });
  connection.on('error', () => undefined);
  return {
    query: async (sql, values) => (await connection.query(sql, values))[0],
    end: () => connection.end().catch(() => undefined),
  };
};

/** Server error numbers meaning "this login was refused" (access denied, account locked). */
const LOGIN_REFUSED = new Set([1044, 1045, 1698, 3118, 4151]);

/** True for an error the server sent (it has an errno and an SQLSTATE): the statement did not happen. */
export function isServerError(error: unknown): boolean {
  const record = error as { errno?: unknown; sqlState?: unknown };
  return typeof record.errno === 'number' && typeof record.sqlState === 'string';
}

/** Logs in and asks who we are: 'accepted' with CURRENT_USER() (`user@host`), 'refused', or throws when it cannot tell. */
export async function tryMysqlLogin(
  connect: MysqlConnect,
  url: string,
  timeoutMs: number,
): Promise<{ outcome: 'accepted'; account: string } | { outcome: 'refused'; reason: string }> {
  let connection: MysqlConnection;
  try {
    connection = await connect(url, timeoutMs);
  } catch (error) {
    const errno = (error as { errno?: unknown }).errno;
    if (typeof errno === 'number' && LOGIN_REFUSED.has(errno)) return { outcome: 'refused', reason: describeCause(error) };
    throw providerFailed('mysql', `cannot reach the server to log in: ${describeCause(error)}`, { cause: error });
  }
  try {
    const rows = (await connection.query('SELECT CURRENT_USER() AS account')) as Array<{ account?: string }>;
    return { outcome: 'accepted', account: rows[0]?.account ?? '' };
  } finally {
    await connection.end();
  }
}
