import net from 'node:net';

/**
 * Test services on loopback. Each URL comes from an environment variable with a local default.
 * A service that cannot be reached skips its tests with a visible message, except under CI=true,
 * where it fails the run: CI must never pass by skipping.
 */

export const serviceUrls = {
  postgres: process.env.UNLEAK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  mysql: process.env.UNLEAK_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
  redis: process.env.UNLEAK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  amqp: process.env.UNLEAK_TEST_AMQP_URL ?? `amqp://${['guest', 'guest'].join(':')}@127.0.0.1:5672/`,
};

/** Runs `check`; false (with a warning) when it fails outside CI, a thrown error under CI=true. */
export async function serviceAvailable(name: string, check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    if (process.env.CI === 'true') throw new Error(`${name} is required under CI=true but is not reachable: ${reason}`);
    console.warn(`\n[unleak tests] SKIPPING ${name} tests: not reachable (${reason}). Start it, or set CI=true to make this a failure.\n`);
    return false;
  }
}

/** Resolves when a TCP connection to host:port opens. */
export function tcpOpen(host: string, port: number, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`timeout connecting to ${host}:${port}`));
    });
    socket.on('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.on('error', reject);
  });
}

/** A random lower-case name for a throwaway user or role. */
export function throwawayName(prefix: string): string {
  return `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
}
