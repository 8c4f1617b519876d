import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { BRIDGE_PATH, type ClientFrame, type ServerFrame, TOKEN_PREFIX, WIRE_PROTOCOL } from '../../src-preload/contract';
import type { MainServices } from '../bootstrap';
import type { Logger } from '../log/logger';
import { RENDERER_SECURITY_HEADERS } from '../security/contentSecurityPolicy';
import { readStaticFile } from './staticFiles';

export interface WebHostOptions {
  readonly services: MainServices;
  readonly rendererDir: string;
  readonly logger: Logger;
  readonly port?: number;
  /** A fixed token for tests that need one; otherwise 256 random bits. */
  readonly token?: string;
}

const MAX_FRAME_BYTES = 1024 * 1024;

/**
 * DEV/TEST ONLY — never packaged. Runs the main services in plain Node and serves the built renderer plus
 * the contract over a loopback WebSocket, so the real renderer can be driven in Chromium where the Electron
 * runtime is not available. Only 127.0.0.1, only our own origin, only with the random token.
 */
export class WebHost {
  private readonly sockets = new Set<WebSocket>();
  private readonly unsubscribe: () => void;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    private readonly options: WebHostOptions,
    readonly token: string,
  ) {
    this.unsubscribe = options.services.events.subscribe((event, payload) => {
      const frame: ServerFrame = { kind: 'event', event, payload };
      const text = JSON.stringify(frame);
      for (const socket of this.sockets) if (socket.readyState === socket.OPEN) socket.send(text);
    });
  }

  static async start(options: WebHostOptions): Promise<WebHost> {
    const token = options.token ?? randomBytes(32).toString('hex');
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_FRAME_BYTES,
      handleProtocols: (protocols) => (protocols.has(WIRE_PROTOCOL) ? WIRE_PROTOCOL : false),
    });
    const server = createServer();
    const host = new WebHost(server, wss, options, token);
    server.on('request', (req, res) => void host.serveFile(req, res));
    server.on('upgrade', (req, socket, head) => host.upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return host;
  }

  get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The URL to open: the token travels in the fragment, which browsers never send to a server. */
  get url(): string {
    return `${this.origin}/#token=${this.token}`;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await readStaticFile(this.options.rendererDir, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found. Did you run `npm run build`?');
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-store', ...RENDERER_SECURITY_HEADERS });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number, why: string) => {
      this.options.logger.log('warn', 'web-host.refused', { status, why });
      socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Unauthorized'}\r\nConnection: close\r\n\r\n`);
    };
    if ((req.url ?? '').split('?')[0] !== BRIDGE_PATH) return refuse(403, 'path');
    // A page on another origin could open a socket to 127.0.0.1; only our own pages may.
    if (req.headers.origin !== this.origin) return refuse(403, 'origin');
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const presented = offered.find((p) => p.startsWith(TOKEN_PREFIX))?.slice(TOKEN_PREFIX.length) ?? '';
    if (!sameSecret(presented, this.token)) return refuse(401, 'token');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      void this.onFrame(ws, data.toString());
    });
  }

  private async onFrame(ws: WebSocket, text: string): Promise<void> {
    let frame: ClientFrame;
    try {
      frame = JSON.parse(text) as ClientFrame;
    } catch {
      return ws.close(1007, 'not JSON');
    }
    if (frame?.kind !== 'invoke' || !Number.isSafeInteger(frame.id)) return ws.close(1008, 'not a Careline frame');
    const result = await this.options.services.router.handle(frame.channel, frame.request, { transport: 'web-host' });
    const reply: ServerFrame = { kind: 'result', id: frame.id, result };
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
