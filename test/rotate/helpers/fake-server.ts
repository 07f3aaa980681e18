import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a fake API saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What a fake API answers: a status with a JSON or text body, or `drop` to cut the connection unanswered. */
export type FakeReply = { status: number; json?: unknown; text?: string; headers?: Record<string, string> } | 'drop';

/** A fake HTTP API on 127.0.0.1 that records every request. */
export interface FakeServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a fake API; `handle` checks each request the way the real API would and answers. */
export async function startFakeServer(handle: (request: SeenRequest) => FakeReply | Promise<FakeReply>): Promise<FakeServer> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      let reply: FakeReply;
      try {
        reply = await handle(seen);
      } catch (error) {
        reply = { status: 500, json: { message: `fake server: ${(error as Error).message}` } };
      }
      if (reply === 'drop') {
        req.socket.destroy();
        return;
      }
      const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
      res.writeHead(reply.status, { 'content-type': reply.json !== undefined ? 'application/json' : 'text/plain', ...reply.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The bearer token of a request, if any. */
export function bearer(request: SeenRequest): string | undefined {
  const value = request.headers.authorization;
  return typeof value === 'string' && value.startsWith('Bearer ') ? value.slice(7) : undefined;
}
