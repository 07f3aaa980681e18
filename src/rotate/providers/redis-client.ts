// Written from https://github.com/redis/ioredis#readme (options) and https://redis.io/docs/latest/commands/auth/
import { isIP } from 'node:net';

/**
 * Short-lived Redis connections over ioredis, for the redis provider and the redis verifier. The
 * login is an AUTH command sent after the connection opens, not ioredis' `username`/`password`
 * options: that way a refused login is the server's error reply (`WRONGPASS …`), which ioredis
 * would otherwise report as a closed connection, the same as a network failure. One attempt: no
 * reconnect, no offline queue, no retry; connecting and every command are bounded by `timeoutMs`.
 */

/** An error reply from the server (`-ERR …`, `-WRONGPASS …`): the command was refused, not lost. */
export class RedisReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisReplyError';
  }
}

/** Where to connect; TLS for `rediss`. */
export interface RedisTarget {
  host: string;
  port: number;
  tls: boolean;
  timeoutMs: number;
  /** TLS server name when `host` is an address resolved from it. Default: `host`, unless it is an IP. */
  servername?: string;
}

/** An open connection: one command at a time, replies as ioredis decodes them (strings, numbers, null, arrays). */
export interface RedisConnection {
  command(name: string, ...args: string[]): Promise<unknown>;
  close(): void;
}

/** Opens a connection; rejects on network failure or timeout. */
export type RedisConnect = (target: RedisTarget) => Promise<RedisConnection>;

/** The real RedisConnect (ioredis, loaded on first use). */
export const connectRedis: RedisConnect = async (target) => {
  const { Redis, ReplyError } = await import('ioredis');
  const servername = target.servername ?? (isIP(target.host) ? undefined : target.host);
  const client = new Redis({
    host: target.host,
    port: target.port,
    tls: target.tls ? { servername } : undefined,
    lazyConnect: true,
    enableReadyCheck: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    reconnectOnError: () => false,
    connectTimeout: target.timeoutMs,
    commandTimeout: target.timeoutMs,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw error;
  }
  return {
    async command(name, ...args) {
      try {
        return await client.call(name, ...args);
      } catch (error) {
        throw error instanceof ReplyError ? new RedisReplyError((error as Error).message) : error;
      }
    },
    close: () => client.disconnect(),
  };
};
