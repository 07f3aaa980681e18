import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyValue } from '../../src/verify/index.js';
import { startScramCluster, type ScramCluster } from '../rotate/helpers/scram-cluster.js';
import { serviceAvailable, serviceUrls, tcpOpen, throwawayName } from '../rotate/helpers/services.js';

/**
 * Connection-string verifiers against the real local services, with allowPrivate (they are on
 * loopback). Revoked = the server refuses the password: a private scram-sha-256 PostgreSQL
 * cluster (the shared one trusts every local login), a wrong MariaDB password, a throwaway Redis
 * ACL user with the wrong password, and RabbitMQ's guest with the wrong password.
 */

const secret = () => randomBytes(15).toString('base64url');
const hostPort = (url: string) => {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
};
const opts = { allowPrivate: true, callTimeoutMs: 5000 };

let cluster: ScramCluster | undefined;
const pgUp = await serviceAvailable('PostgreSQL private cluster (initdb -A scram-sha-256)', async () => {
  cluster = await startScramCluster();
});
afterAll(async () => cluster?.stop());

describe.runIf(pgUp)('postgres verifier', () => {
  it('live with the role’s password, revoked (28P01) with a wrong one', async () => {
    const admin = new pg.Client({ connectionString: cluster?.adminUrl });
    await admin.connect();
    const role = throwawayName('unleak_verify');
    const password = secret();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
      const at = `127.0.0.1:${cluster?.port}`;
      expect(await verifyValue('postgres', `postgres://${role}:${password}@${at}/postgres`, opts)).toEqual({
        status: 'live',
        reason: `login accepted by ${at}`,
      });
      const refused = await verifyValue('postgres', `postgresql://${role}:${secret()}@${at}/postgres`, opts);
      expect(refused).toEqual({ status: 'revoked', reason: `login refused (28P01) by ${at}` });
    } finally {
      await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await admin.end();
    }
  });
});

const mysqlTarget = hostPort(serviceUrls.mysql);
const mysqlUp = await serviceAvailable('MariaDB', () => tcpOpen(mysqlTarget.host, mysqlTarget.port));

describe.runIf(mysqlUp)('mysql verifier', () => {
  it('live with the user’s password, revoked (1045) with a wrong one', async () => {
    const root = await mysql.createConnection({ uri: serviceUrls.mysql });
    const user = throwawayName('unleak_v');
    const password = secret();
    try {
      await root.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', password]);
      const at = `${mysqlTarget.host}:${mysqlTarget.port}`;
      expect(await verifyValue('mysql', `mysql://${user}:${password}@${at}/`, opts)).toEqual({
        status: 'live',
        reason: `login accepted by ${at}`,
      });
      expect(await verifyValue('mysql', `mysql://${user}:${secret()}@${at}/`, opts)).toEqual({
        status: 'revoked',
        reason: `login refused (1045) by ${at}`,
      });
    } finally {
      await root.query('DROP USER IF EXISTS ?@?', [user, '%']).catch(() => undefined);
      await root.end();
    }
  });
});

const redisTarget = hostPort(serviceUrls.redis);
const redisUp = await serviceAvailable('Redis', () => tcpOpen(redisTarget.host, redisTarget.port));

describe.runIf(redisUp)('redis verifier', () => {
  it('live for an ACL user’s password, revoked (WRONGPASS) for a wrong one', async () => {
    const admin = new Redis(serviceUrls.redis, { lazyConnect: true });
    await admin.connect();
    const user = throwawayName('unleak_v');
    const password = secret();
    try {
      await admin.call('ACL', 'SETUSER', user, 'on', `>${password}`, '+@connection');
      const at = `${redisTarget.host}:${redisTarget.port}`;
      expect(await verifyValue('redis', `redis://${user}:${password}@${at}/0`, opts)).toEqual({
        status: 'live',
        reason: `login accepted by ${at}`,
      });
      expect(await verifyValue('redis', `redis://${user}:${secret()}@${at}/0`, opts)).toEqual({
        status: 'revoked',
        reason: `login refused (WRONGPASS) by ${at}`,
      });
    } finally {
      await admin.call('ACL', 'DELUSER', user).catch(() => undefined);
      admin.disconnect();
    }
  });
});

const amqpTarget = hostPort(serviceUrls.amqp);
const amqpUp = await serviceAvailable('RabbitMQ', () => tcpOpen(amqpTarget.host, amqpTarget.port));

describe.runIf(amqpUp)('amqp verifier', () => {
  it('live for guest’s password, revoked for a wrong one', async () => {
    const at = `${amqpTarget.host}:${amqpTarget.port}`;
    expect(await verifyValue('rabbitmq', serviceUrls.amqp, opts)).toEqual({ status: 'live', reason: `login accepted by ${at}` });
    expect(await verifyValue('rabbitmq', `amqp://guest:${secret()}@${at}/`, opts)).toEqual({
      status: 'revoked',
      reason: `login refused by ${at}`,
    });
  });
});

describe('connection strings that cannot be checked', () => {
  it('says why: no password, wrong scheme, unreachable', async () => {
    expect(await verifyValue('postgres', 'postgres://app@db.example/app', opts)).toEqual({
      status: 'unknown',
      reason: 'no host or password in the connection string',
    });
    expect(await verifyValue('postgres', `mysql://a:${secret()}@db.example/app`, opts)).toEqual({
      status: 'unknown',
      reason: 'not a postgres:// connection string',
    });
    const closed = await verifyValue('mysql', `mysql://a:${secret()}@127.0.0.1:1/app`, opts);
    expect(closed).toEqual({ status: 'unknown', reason: 'cannot reach 127.0.0.1:1 (ECONNREFUSED)' });
  });
});
