import WebSocket from 'ws';
import {
  BRIDGE_PATH,
  type EventChannel,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type Result,
  type ServerFrame,
  TOKEN_PREFIX,
  WIRE_PROTOCOL,
} from '../../src-preload/contract';

/** A Node client of the web host's WebSocket transport, speaking the same frames as the renderer. */
export class WsTestClient {
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();
  readonly events: Array<{ event: string; payload: unknown }> = [];
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.kind === 'result') {
        this.pending.get(frame.id)?.(frame.result);
        this.pending.delete(frame.id);
      } else {
        this.events.push({ event: frame.event, payload: frame.payload });
        for (const w of this.waiters) w();
      }
    });
  }

  static connect(origin: string, token: string, headerOrigin: string = origin): Promise<WsTestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${origin.replace('http', 'ws')}${BRIDGE_PATH}`, [WIRE_PROTOCOL, `${TOKEN_PREFIX}${token}`], {
        headers: { origin: headerOrigin },
      });
      socket.once('open', () => resolve(new WsTestClient(socket)));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<Result<InvokeResponse<C>>> {
    return this.invokeRaw(channel, request) as Promise<Result<InvokeResponse<C>>>;
  }

  invokeRaw(channel: string, request: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ kind: 'invoke', id, channel, request }));
    });
  }

  /** Resolves with the first event of that name matching `where`, waiting up to `timeoutMs`. */
  waitForEvent<T>(event: EventChannel, where: (payload: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.events.find((e) => e.event === event && where(e.payload as T));
        if (hit) {
          this.waiters.delete(check);
          clearTimeout(timer);
          resolve(hit.payload as T);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${event} event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    this.socket.close();
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
