import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the fake provider saw it: the host the verifier meant, method, path with query, headers, body. */
export interface SeenRequest {
  host: string;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** An answer, or `hang` to never answer (the client's timeout fires). */
export type FakeAnswer = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

/** A fake provider API on 127.0.0.1 that records every request. */
export interface FakeProvider {
  base: string;
  requests: SeenRequest[];
  /** The environment that sends verification requests here (test mode only). */
  env: NodeJS.ProcessEnv;
  answer: (request: SeenRequest) => FakeAnswer;
  close(): Promise<void>;
}

/** Starts a fake provider; set `answer` per test. */
export async function startFakeProvider(): Promise<FakeProvider> {
  const hanging = new Set<http.ServerResponse>();
  const fake = { requests: [] as SeenRequest[], answer: (): FakeAnswer => ({ status: 500 }) } as unknown as FakeProvider;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenRequest = {
        host: String(req.headers['x-unleak-verify-host'] ?? ''),
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      fake.requests.push(seen);
      const answer = fake.answer(seen);
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
      res.writeHead(answer.status, {
        'content-type': typeof answer.body === 'string' ? 'text/xml' : 'application/json',
        ...answer.headers,
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.base = `http://127.0.0.1:${port}`;
  fake.env = { VITEST: 'true', UNLEAK_VERIFY_TEST_BASE_URL: fake.base };
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
