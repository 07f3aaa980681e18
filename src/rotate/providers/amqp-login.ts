// Written from the AMQP 0-9-1 specification (amqp0-9-1.pdf, "Connection" class) and
// https://www.rabbitmq.com/docs/access-control (authentication_failure_close).
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/**
 * Logs in to an AMQP 0-9-1 broker (RabbitMQ) and opens the virtual host, then closes politely:
 * the least a client needs to prove that a user name and password work. PLAIN mechanism.
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

const shortstr = (text: string): Buffer => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from([bytes.length]), bytes]);
};
const longstr = (bytes: Buffer): Buffer => Buffer.concat([u32(bytes.length), bytes]);
const u16 = (n: number): Buffer => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

function method(classId: number, methodId: number, args: Buffer[]): Buffer {
  const payload = Buffer.concat([u16(classId), u16(methodId), ...args]);
  return Buffer.concat([Buffer.from([1, 0, 0]), u32(payload.length), payload, Buffer.from([0xce])]);
}

function clientProperties(): Buffer {
  const capabilities = Buffer.concat([shortstr('authentication_failure_close'), Buffer.from('t'), Buffer.from([1])]);
  const table = Buffer.concat([shortstr('product'), Buffer.from('S'), longstr(Buffer.from('unleak')), shortstr('capabilities'), Buffer.from('F'), u32(capabilities.length), capabilities]);
  return Buffer.concat([u32(table.length), table]);
}

function closeReason(args: Buffer): string {
  const code = args.readUInt16BE(0);
  const text = args.subarray(3, 3 + (args[2] ?? 0)).toString('utf8');
  return `${code} ${text.split(' - ')[0]}`;
}

/** The real AmqpLoginFn over TCP (or TLS for amqps). */
export const amqpLogin: AmqpLoginFn = (target) =>
  new Promise((resolve, reject) => {
    const socket: Socket = target.tls ? tlsConnect({ host: target.host, port: target.port, servername: target.host }) : netConnect({ host: target.host, port: target.port });
    let buffer = Buffer.alloc(0);
    let phase: 'start' | 'login' | 'open' | 'closing' | 'done' = 'start';
    const finish = (result: AmqpLoginResult | Error): void => {
      if (phase === 'done') return;
      phase = 'done';
      socket.destroy();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    socket.setTimeout(target.timeoutMs ?? 10_000, () => finish(new Error(`AMQP login to ${target.host}:${target.port} timed out`)));
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(phase === 'login' ? { ok: false, reason: 'the broker closed the connection after the login (credentials refused)' } : new Error('the broker closed the connection')));
    socket.on(target.tls ? 'secureConnect' : 'connect', () => socket.write(Buffer.from('AMQP\x00\x00\x09\x01', 'latin1')));
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 8) {
        const size = buffer.readUInt32BE(3);
        if (buffer.length < size + 8) return;
        const type = buffer[0];
        const payload = buffer.subarray(7, 7 + size);
        buffer = buffer.subarray(size + 8);
        if (type !== 1) continue;
        const key = `${payload.readUInt16BE(0)}.${payload.readUInt16BE(2)}`;
        const args = payload.subarray(4);
        if (key === '10.10') {
          phase = 'login';
          const response = Buffer.concat([Buffer.from([0]), Buffer.from(target.user, 'utf8'), Buffer.from([0]), Buffer.from(target.password, 'utf8')]);
          socket.write(method(10, 11, [clientProperties(), shortstr('PLAIN'), longstr(response), shortstr('en_US')]));
        } else if (key === '10.30') {
          phase = 'open';
          socket.write(method(10, 31, [args.subarray(0, 2), args.subarray(2, 6), u16(0)]));
          socket.write(method(10, 40, [shortstr(target.vhost), shortstr(''), Buffer.from([0])]));
        } else if (key === '10.41') {
          phase = 'closing';
          socket.write(method(10, 50, [u16(200), shortstr('bye'), u16(0), u16(0)]));
        } else if (key === '10.51') {
          finish({ ok: true });
        } else if (key === '10.50') {
          socket.write(method(10, 51, []));
          finish(phase === 'closing' ? { ok: true } : { ok: false, reason: closeReason(args) });
        }
      }
    });
  });
