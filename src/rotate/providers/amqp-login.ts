// Written from https://amqp-node.github.io/amqplib/channel_api.html#connect and
// https://www.rabbitmq.com/docs/access-control (authentication_failure_close).

/**
 * Logs in to an AMQP 0-9-1 broker (RabbitMQ) with amqplib, PLAIN mechanism, opens the virtual
 * host, then closes: the least a client needs to prove that a user name and password work.
 * amqplib's socket `timeout` covers the whole opening handshake (it is cleared only once the
 * virtual host is open), so a broker that accepts the connection and never answers cannot hang it.
 */

/** Where and as whom to log in. */
export interface AmqpLoginTarget {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
  vhost: string;
  timeoutMs?: number;
}

/** `ok`, or why the broker said no. A network failure rejects instead. */
export type AmqpLoginResult = { ok: true } | { ok: false; reason: string };

/** Logs in; see AmqpLoginTarget. */
export type AmqpLoginFn = (target: AmqpLoginTarget) => Promise<AmqpLoginResult>;

/**
 * The broker's "no" in amqplib's handshake errors: `connection.close` instead of `connection.tune`
 * (credentials refused, e.g. `403 (ACCESS-REFUSED)`) or instead of `connection.open-ok` (the
 * virtual host is missing or not allowed). Anything else (a reset, a timeout) is not an answer.
 */
export function brokerRefusal(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : '';
  const terminated = /^Handshake terminated by server: (\d{3}) \(([A-Z_-]+)\)/.exec(message);
  if (terminated) return `${terminated[1]} ${terminated[2]}`;
  if (/^Expected ConnectionOpenOk; got <ConnectionClose\b/.test(message)) return 'the broker would not open the virtual host';
  return undefined;
}

/** The real AmqpLoginFn (amqplib, loaded on first use), over TCP or TLS for amqps. */
export const amqpLogin: AmqpLoginFn = async (target) => {
  const { connect } = await import('amqplib');
  const timeoutMs = target.timeoutMs ?? 10_000;
  let connection: Awaited<ReturnType<typeof connect>>;
  try {
    connection = await connect(
      {
        protocol: target.tls ? 'amqps' : 'amqp',
        hostname: target.host,
        port: target.port,
        username: target.user,
        password: target.password,
        vhost: encodeURIComponent(target.vhost),
        heartbeat: 0,
      },
      { timeout: timeoutMs, clientProperties: { product: 'unleak' } },
    );
  } catch (error) {
    const reason = brokerRefusal(error);
    if (reason !== undefined) return { ok: false, reason };
    throw error;
  }
  connection.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const closed = await Promise.race([
    connection.close().then(
      () => 'closed' as const,
      () => 'closed' as const,
    ),
    gaveUp,
  ]);
  clearTimeout(timer);
  if (closed === 'timeout') (connection.connection as { stream?: { destroy(): void } }).stream?.destroy();
  return { ok: true };
};
