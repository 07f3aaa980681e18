import { execFile } from './exec.js';
import type { RotationClients } from './provider-types.js';
import { amqpLogin } from './providers/amqp-login.js';
import { connectMysql } from './providers/mysql-client.js';
import { connectPostgres } from './providers/postgres-client.js';
import { connectRedis } from './providers/redis-client.js';

/**
 * The real clients behind RotationIo: global fetch, a shell-free exec, and the database and broker
 * drivers (node-postgres, mysql2, ioredis, amqplib), each driver loaded on its first connection.
 */
export const rotationClients: RotationClients = {
  fetch: (input, init) => globalThis.fetch(input, init),
  exec: execFile,
  amqpLogin,
  connectPostgres,
  connectMysql,
  connectRedis,
};
