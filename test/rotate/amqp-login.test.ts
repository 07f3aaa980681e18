import { describe, expect, it } from 'vitest';
import { amqpLogin } from '../../src/rotate/providers/amqp-login.js';
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
