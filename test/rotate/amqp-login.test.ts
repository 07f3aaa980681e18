import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { amqpLogin, brokerRefusal } from '../../src/rotate/providers/amqp-login.js';
import { parseCredentialUrl } from '../../src/rotate/credential-url.js';
import { serviceAvailable, serviceUrls, tcpOpen } from './helpers/services.js';

const broker = parseCredentialUrl(serviceUrls.amqp);
const up = broker !== undefined && (await serviceAvailable('RabbitMQ (AMQP)', () => tcpOpen(broker.host, broker.port ?? 5672)));

describe.skipIf(!up)('AMQP login against the real broker', () => {
  const base = { host: broker?.host ?? '', port: broker?.port ?? 5672, tls: false, user: broker?.user ?? '', vhost: '/' };

  it('accepts the right password and opens the virtual host', async () => {
    expect(await amqpLogin({ ...base, password: broker?.password ?? '' })).toEqual({ ok: true });
  });

  it('reports a wrong password as refused (403), not as a network error', async () => {
    const result = await amqpLogin({ ...base, password: `${broker?.password ?? ''}-wrong` });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/403|refused/);
  });

  it('reports a virtual host the user cannot open', async () => {
    const result = await amqpLogin({ ...base, password: broker?.password ?? '', vhost: 'unleak-no-such-vhost' });
    expect(result.ok).toBe(false);
  });

  it('rejects when nothing listens', async () => {
    await expect(amqpLogin({ ...base, port: 1, password: 'x' })).rejects.toThrow();
  });
});

describe('AMQP login without a real broker', () => {
  it('gives up on a server that accepts the connection and never answers, within its timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    try {
      await expect(
        amqpLogin({ host: '127.0.0.1', port, tls: false, user: 'u', password: 'p', vhost: '/', timeoutMs: 300 }),
      ).rejects.toThrow(/ETIMEDOUT/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it("reads the broker's refusals from amqplib's handshake errors, and nothing else", () => {
    expect(
      brokerRefusal(new Error('Handshake terminated by server: 403 (ACCESS-REFUSED) with message "ACCESS_REFUSED - Login was refused"')),
    ).toBe('403 ACCESS-REFUSED');
    expect(brokerRefusal(new Error('Expected ConnectionOpenOk; got <ConnectionClose channel:0>'))).toMatch(/virtual host/);
    expect(brokerRefusal(new Error('Socket closed abruptly during opening handshake'))).toBeUndefined();
    expect(brokerRefusal(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBeUndefined();
  });
});
