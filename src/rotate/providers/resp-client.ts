// Written from https://redis.io/docs/latest/develop/reference/protocol-spec/ (RESP2)
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/**
 * A minimal Redis client: one connection, one command at a time, RESP2 replies. The redis
 * provider uses it instead of a full client because it must tell a refused login (the server's
 * `-WRONGPASS` reply) from a lost connection, which full clients fold into "Connection is closed".
 */

/** A reply: string, integer, null, or an array of replies. */
export type RespValue = string | number | null | RespValue[];

/** An error reply from the server (`-ERR …`, `-WRONGPASS …`): the command was refused. */
export class RespError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RespError';
  }
}

/** An open connection. */
export interface RespConnection {
  command(...args: string[]): Promise<RespValue>;
  close(): void;
}

type Parsed = { value: RespValue | RespError; next: number } | undefined;

function parse(buffer: Buffer, at: number): Parsed {
  const end = buffer.indexOf('\r\n', at);
  if (end === -1) return undefined;
  const type = String.fromCharCode(buffer[at] ?? 0);
  const line = buffer.toString('utf8', at + 1, end);
  if (type === '+') return { value: line, next: end + 2 };
  if (type === '-') return { value: new RespError(line), next: end + 2 };
  if (type === ':') return { value: Number(line), next: end + 2 };
  if (type === '$') {
    const length = Number(line);
    if (length < 0) return { value: null, next: end + 2 };
    if (buffer.length < end + 2 + length + 2) return undefined;
    return { value: buffer.toString('utf8', end + 2, end + 2 + length), next: end + 2 + length + 2 };
  }
  if (type === '*') {
    const count = Number(line);
    if (count < 0) return { value: null, next: end + 2 };
    const items: RespValue[] = [];
    let next = end + 2;
    for (let i = 0; i < count; i++) {
      const item = parse(buffer, next);
      if (!item) return undefined;
      items.push(item.value instanceof RespError ? item.value.message : item.value);
      next = item.next;
    }
    return { value: items, next };
  }
  throw new Error(`unexpected reply type ${JSON.stringify(type)}`);
}

const encode = (args: string[]): Buffer =>
  Buffer.concat([Buffer.from(`*${args.length}\r\n`), ...args.flatMap((arg) => [Buffer.from(`$${Buffer.byteLength(arg)}\r\n`), Buffer.from(arg), Buffer.from('\r\n')])]);

/** Opens a connection (TLS for `rediss`); rejects on network failure or timeout. */
export function connectResp(options: { host: string; port: number; tls: boolean; timeoutMs: number }): Promise<RespConnection> {
  return new Promise((resolve, reject) => {
    const socket: Socket = options.tls ? tlsConnect({ host: options.host, port: options.port, servername: options.host }) : netConnect({ host: options.host, port: options.port });
    let buffer = Buffer.alloc(0);
    const waiting: Array<{ resolve: (value: RespValue) => void; reject: (error: Error) => void }> = [];
    let failure: Error | undefined;
    const fail = (error: Error): void => {
      failure ??= error;
      for (const pending of waiting.splice(0)) pending.reject(failure);
      reject(failure);
      socket.destroy();
    };
    socket.setTimeout(options.timeoutMs, () => fail(new Error(`Redis at ${options.host}:${options.port} did not answer within ${options.timeoutMs} ms`)));
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the connection to Redis closed')));
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let reply = parse(buffer, 0); reply; reply = parse(buffer, 0)) {
        buffer = buffer.subarray(reply.next);
        const pending = waiting.shift();
        if (reply.value instanceof RespError) pending?.reject(reply.value);
        else pending?.resolve(reply.value);
      }
    });
    socket.on(options.tls ? 'secureConnect' : 'connect', () =>
      resolve({
        command: (...args) =>
          new Promise<RespValue>((ok, ko) => {
            if (failure) return ko(failure);
            waiting.push({ resolve: ok, reject: ko });
            socket.write(encode(args));
          }),
        close: () => {
          failure ??= new Error('closed');
          socket.destroy();
        },
      }),
    );
  });
}
