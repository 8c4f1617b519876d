/**
 * TEST PROCESS: the demo FHIR server behind a chaos front, run by fhirServerProcess.ts in its own process.
 *
 *   client -> front (public port: stop/restart, delay, hostile answers) -> DemoFhirServer (internal port)
 *
 * The DemoFhirServer (and its in-memory repository) lives as long as this process, so written resources
 * SURVIVE a stop/restart of the front: "the EHR is down" is the public listener closed (connections refused,
 * open ones cut) on the same port, which is what a client sees of a real outage, and the exactly-once count
 * stays honest. The control channel is a separate loopback listener that stays up while the front is down.
 * Prints one JSON ready line on stdout; exits when stdin closes, so a crashed test cannot leave it behind.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DemoFhirServer, FHIR_BASE_PATH } from '../../src-main/demo/ehr/DemoFhirServer';

/** What the front does with each request (the delay applies on top of any mode). */
export type ChaosMode =
  | { readonly kind: 'pass' }
  /** Answers this status with an OperationOutcome, without forwarding (the EHR refuses or is overloaded). */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string; readonly text?: string }
  /** Forwards (the write happens), then cuts the JSON answer in half: a lost answer to a landed write. */
  | { readonly kind: 'truncated' }
  /** Forwards, then answers 200 with a Patient instead of the transaction-response. */
  | { readonly kind: 'wrong-type' }
  /** Never answers (the request is read and held open). */
  | { readonly kind: 'hang' };

export interface ChaosStats {
  readonly requests: number;
  /** POSTs to the base: transaction attempts. */
  readonly transactions: number;
}

async function main(): Promise<void> {
  const demo = await DemoFhirServer.start({ validateWrites: true });
  let mode: ChaosMode = { kind: 'pass' };
  let delayMs = 0;
  let stats = { requests: 0, transactions: 0 };
  const sockets = new Set<Socket>();

  const front: Server = createServer((req, res) => void handle(req, res));
  front.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await listen(front, 0);
  const port = (front.address() as AddressInfo).port;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await readAll(req);
      stats.requests += 1;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname.replace(/\/+$/, '') === FHIR_BASE_PATH) stats.transactions += 1;
      const current = mode;
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      if (current.kind === 'hang') return; // held until the client gives up or the front stops
      if (current.kind === 'status') {
        const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', details: { text: current.text ?? `Chaos ${current.status}` } }] };
        res.writeHead(current.status, { 'content-type': 'application/fhir+json', ...(current.retryAfter ? { 'retry-after': current.retryAfter } : {}) });
        res.end(JSON.stringify(outcome));
        return;
      }
      const upstream = await fetch(`http://127.0.0.1:${demo.port}${url.pathname}${url.search}`, {
        method: req.method,
        headers: pick(req.headers, ['content-type', 'accept', 'if-none-exist']),
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body.toString('utf8'),
      });
      let text = await upstream.text();
      if (current.kind === 'truncated') text = text.slice(0, Math.floor(text.length / 2));
      if (current.kind === 'wrong-type') text = JSON.stringify({ resourceType: 'Patient', id: 'not-a-bundle' });
      const headers: Record<string, string> = { 'content-type': upstream.headers.get('content-type') ?? 'application/fhir+json' };
      const location = upstream.headers.get('location');
      if (location) headers.location = location.replace(`:${demo.port}/`, `:${port}/`);
      res.writeHead(current.kind === 'wrong-type' ? 200 : upstream.status, headers);
      res.end(text);
    } catch {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    }
  }

  async function stopFront(): Promise<void> {
    if (!front.listening) return;
    const closed = new Promise<void>((r) => front.close(() => r()));
    for (const s of sockets) s.destroy(); // cut held and keep-alive connections: the EHR is gone
    await closed;
  }

  const control = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const json = (status: number, value: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      try {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        if (path === '/__control/mode') {
          const next = JSON.parse(body.toString()) as { mode?: ChaosMode; delayMs?: number };
          if (next.mode) mode = next.mode;
          if (next.delayMs !== undefined) delayMs = next.delayMs;
          return json(200, { mode, delayMs });
        }
        if (path === '/__control/stop') {
          await stopFront();
          return json(200, { listening: false });
        }
        if (path === '/__control/start') {
          if (!front.listening) await listen(front, port); // the same port: clients keep their base URL
          return json(200, { listening: true });
        }
        if (path === '/__control/stats') return json(200, stats);
        if (path === '/__control/reset-stats') {
          stats = { requests: 0, transactions: 0 };
          return json(200, stats);
        }
        return json(404, { error: 'unknown control' });
      } catch (error) {
        return json(500, { error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  await listen(control, 0);

  process.stdin.on('close', () => process.exit(0));
  process.stdin.resume();
  process.stdout.write(
    JSON.stringify({
      baseUrl: `http://127.0.0.1:${port}${FHIR_BASE_PATH}`,
      directBaseUrl: demo.baseUrl,
      controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}/__control`,
    }) + '\n',
  );
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function pick(headers: IncomingMessage['headers'], names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = headers[n];
    if (typeof v === 'string') out[n] = v;
  }
  return out;
}

main().catch((error: unknown) => {
  process.stderr.write(`fhir chaos server failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
