import {
  BRIDGE_PATH,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeFrame,
  type InvokeRequest,
  type InvokeResponse,
  type Result,
  type ServerFrame,
  TOKEN_PREFIX,
  WIRE_PROTOCOL,
} from '../../../src-preload/contract';
import { type Bridge, type BridgeConnection, type BridgeConnectionState, failure } from './Bridge';

/** The part of the DOM WebSocket this transport uses, so tests can inject a fake class. */
export interface WebSocketLike {
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketClass = new (url: string, protocols: string[]) => WebSocketLike;

export interface WebSocketBridgeOptions {
  /** ws(s)://host/bridge */
  readonly url: string;
  /** The web host's per-run token; null when the page was opened without one. */
  readonly token: string | null;
  /** An invoke that gets no answer resolves to an error after this long: the UI must never wait forever. */
  readonly invokeTimeoutMs?: number;
  readonly reconnectInitialDelayMs?: number;
  readonly reconnectMaxDelayMs?: number;
  /** Injected for deterministic backoff jitter in tests. */
  readonly random?: () => number;
}

export const DEFAULT_INVOKE_TIMEOUT_MS = 30_000;
export const TOKEN_STORAGE_KEY = 'careline.bridgeToken';

interface PendingInvoke {
  readonly channel: string;
  readonly frame: InvokeFrame;
  sent: boolean;
  readonly resolve: (result: Result<unknown>) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * The web host transport (contract/wire.ts): invokes are numbered frames answered by result frames with the same
 * id; events arrive as event frames. When the socket drops it reconnects with backoff and reports its state;
 * invokes made while it is down resolve at once to a typed error, and every invoke times out, so nothing hangs.
 */
export class WebSocketBridge implements Bridge, BridgeConnection {
  private readonly options: Required<Omit<WebSocketBridgeOptions, 'token'>> & { token: string | null };
  private socket: WebSocketLike | null = null;
  private state: BridgeConnectionState = 'connecting';
  private everOpened = false;
  private disposed = false;
  private nextId = 1;
  private reconnectAttempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly pending = new Map<number, PendingInvoke>();
  private readonly eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly stateListeners = new Set<(state: BridgeConnectionState) => void>();

  constructor(
    options: WebSocketBridgeOptions,
    private readonly socketClass: WebSocketClass = WebSocket,
  ) {
    this.options = {
      invokeTimeoutMs: DEFAULT_INVOKE_TIMEOUT_MS,
      reconnectInitialDelayMs: 250,
      reconnectMaxDelayMs: 5_000,
      random: Math.random,
      ...options,
    };
    if (this.options.token === null) {
      this.state = 'closed';
    } else {
      this.connect();
    }
  }

  /** The transport for a page served by the web host: same host, token from the URL fragment or this tab's storage. */
  static fromLocation(win: Window): WebSocketBridge {
    const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
    return new WebSocketBridge({ url: `${scheme}://${win.location.host}${BRIDGE_PATH}`, token: readBridgeToken(win) });
  }

  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<Result<InvokeResponse<C>>> {
    if (this.options.token === null) {
      return Promise.resolve(
        failure('not-permitted', 'This page was opened without the web host access token. Open the address the web host printed.'),
      );
    }
    if (this.disposed || this.state === 'reconnecting' || this.state === 'closed') {
      return Promise.resolve(failure('ehr-unavailable', disconnectedMessage(channel)));
    }
    const id = this.nextId++;
    const frame: InvokeFrame = { kind: 'invoke', id, channel, request };
    return new Promise<Result<InvokeResponse<C>>>((resolve) => {
      const timer = setTimeout(() => {
        this.settle(id, failure('ehr-unavailable', `The Careline host did not answer (${channel}) within ${Math.round(this.options.invokeTimeoutMs / 1000)} s. Try again.`));
      }, this.options.invokeTimeoutMs);
      const entry: PendingInvoke = {
        channel,
        frame,
        sent: false,
        resolve: resolve as (result: Result<unknown>) => void,
        timer,
      };
      this.pending.set(id, entry);
      // Before the first connection opens, invokes wait (the app's first calls are made during boot).
      if (this.state === 'open') this.send(entry);
    });
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let listeners = this.eventListeners.get(event);
    if (!listeners) {
      listeners = new Set();
      this.eventListeners.set(event, listeners);
    }
    const untyped = listener as (payload: unknown) => void;
    listeners.add(untyped);
    return () => {
      listeners.delete(untyped);
    };
  }

  connectionState(): BridgeConnectionState {
    return this.state;
  }

  onConnectionStateChange(listener: (state: BridgeConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  }

  /** Stops reconnecting and resolves whatever is still waiting. */
  close(): void {
    this.disposed = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'closed by the renderer');
    this.failAll('The connection to the Careline host was closed.');
    this.setState('closed');
  }

  private connect(): void {
    const token = this.options.token;
    if (this.disposed || token === null) return;
    let socket: WebSocketLike;
    try {
      socket = new this.socketClass(this.options.url, [WIRE_PROTOCOL, `${TOKEN_PREFIX}${token}`]);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.everOpened = true;
      this.reconnectAttempt = 0;
      this.setState('open');
      for (const entry of this.pending.values()) if (!entry.sent) this.send(entry);
    };
    socket.onmessage = (event: MessageEvent) => {
      if (this.socket !== socket) return;
      this.receive(event.data);
    };
    socket.onerror = () => {
      // A close event always follows; reconnecting is decided there.
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.disposed) return;
      this.failAll(
        this.everOpened
          ? 'The connection to the Careline host dropped before it answered. Nothing was lost on this screen; try again when the status line shows the host connected.'
          : 'Could not reach the Careline host. Check that the web host is running; Careline keeps trying to connect.',
      );
      this.setState('reconnecting');
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.disposed || this.reconnectTimer !== null) return;
    const { reconnectInitialDelayMs, reconnectMaxDelayMs, random } = this.options;
    const ceiling = Math.min(reconnectMaxDelayMs, reconnectInitialDelayMs * 2 ** this.reconnectAttempt);
    // Jitter keeps many tabs from reconnecting in lockstep after a host restart.
    const delay = Math.round(ceiling * (0.5 + random() / 2));
    this.reconnectAttempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private send(entry: PendingInvoke): void {
    try {
      this.socket?.send(JSON.stringify(entry.frame));
      entry.sent = true;
    } catch {
      this.settle(entry.frame.id, failure('ehr-unavailable', disconnectedMessage(entry.channel)));
    }
  }

  private receive(data: unknown): void {
    const frame = parseServerFrame(data);
    if (!frame) return;
    if (frame.kind === 'result') {
      this.settle(frame.id, frame.result);
      return;
    }
    const listeners = this.eventListeners.get(frame.event);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(frame.payload);
      } catch (error) {
        // One faulty subscriber must not starve the others; the message is code-level, never PHI.
        console.error(`careline: a listener for ${frame.event} threw`, error instanceof Error ? error.name : typeof error);
      }
    }
  }

  private settle(id: number, result: Result<unknown>): void {
    const entry = this.pending.get(id);
    if (!entry) return; // late answer after a timeout: already resolved
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  }

  private failAll(message: string): void {
    for (const id of [...this.pending.keys()]) this.settle(id, failure('ehr-unavailable', message));
  }

  private setState(state: BridgeConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}

function disconnectedMessage(channel: string): string {
  return `Not connected to the Careline host, so ${channel} could not run. Careline is reconnecting; try again in a moment.`;
}

function parseServerFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const frame = value as Partial<Record<string, unknown>>;
  if (frame.kind === 'result' && typeof frame.id === 'number' && isResult(frame.result)) {
    return { kind: 'result', id: frame.id, result: frame.result };
  }
  if (frame.kind === 'event' && typeof frame.event === 'string') {
    return { kind: 'event', event: frame.event, payload: frame.payload };
  }
  return null;
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as { ok?: unknown; error?: unknown };
  if (result.ok === true) return 'value' in result;
  if (result.ok !== false || typeof result.error !== 'object' || result.error === null) return false;
  const error = result.error as { code?: unknown; message?: unknown };
  return typeof error.code === 'string' && typeof error.message === 'string';
}

/**
 * The web host opens the page as `…#token=<hex>`. The token is moved to this tab's sessionStorage (so a reload
 * keeps working) and the fragment is removed from the address bar and history, so it is not copied or shared.
 */
export function readBridgeToken(win: Window): string | null {
  const match = /(?:^#|&)token=([0-9a-fA-F]+)(?:&|$)/.exec(win.location.hash);
  if (match?.[1]) {
    const token = match[1];
    try {
      win.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    win.history.replaceState(win.history.state, '', `${win.location.pathname}${win.location.search}`);
    return token;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}
