import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOKEN_PREFIX, WIRE_PROTOCOL } from '../../../src-preload/contract';
import { demoEnv } from '../test/fixtures';
import type { BridgeConnectionState } from './Bridge';
import { TOKEN_STORAGE_KEY, WebSocketBridge, type WebSocketLike, readBridgeToken } from './webSocketBridge';

/** A scriptable stand-in for the browser WebSocket; every instance is kept so tests can drive it. */
class FakeSocket implements WebSocketLike {
  static instances: FakeSocket[] = [];
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  readonly sent: unknown[] = [];
  closed = false;

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.instances.push(this);
  }
  send(data: string): void {
    if (this.closed) throw new Error('socket closed');
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.closed = true;
  }
  // Test controls
  open(): void {
    this.onopen?.(new Event('open'));
  }
  receive(frame: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }
  drop(): void {
    this.closed = true;
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }
  static latest(): FakeSocket {
    const socket = FakeSocket.instances.at(-1);
    if (!socket) throw new Error('no socket was created');
    return socket;
  }
}

function connect(options: { invokeTimeoutMs?: number } = {}) {
  const bridge = new WebSocketBridge(
    { url: 'ws://127.0.0.1:4000/bridge', token: 'abc123', random: () => 1, reconnectInitialDelayMs: 100, ...options },
    FakeSocket,
  );
  const states: BridgeConnectionState[] = [];
  bridge.onConnectionStateChange((s) => states.push(s));
  return { bridge, states };
}

describe('WebSocketBridge', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens the bridge path with the wire protocol and the token as subprotocols', () => {
    connect();
    const socket = FakeSocket.latest();
    expect(socket.url).toBe('ws://127.0.0.1:4000/bridge');
    expect(socket.protocols).toEqual([WIRE_PROTOCOL, `${TOKEN_PREFIX}abc123`]);
  });

  it('sends invokes made before the socket opened, and resolves each result by id', async () => {
    const { bridge } = connect();
    const socket = FakeSocket.latest();
    const status = bridge.invoke('env.status', {});
    const lines = bridge.invoke('serviceLine.list', {});
    expect(socket.sent).toEqual([]);

    socket.open();
    expect(bridge.connectionState()).toBe('open');
    expect(socket.sent).toEqual([
      { kind: 'invoke', id: 1, channel: 'env.status', request: {} },
      { kind: 'invoke', id: 2, channel: 'serviceLine.list', request: {} },
    ]);
    // Answers arrive out of order; ids route them.
    socket.receive({ kind: 'result', id: 2, result: { ok: true, value: [] } });
    socket.receive({ kind: 'result', id: 1, result: { ok: true, value: demoEnv } });
    await expect(status).resolves.toEqual({ ok: true, value: demoEnv });
    await expect(lines).resolves.toEqual({ ok: true, value: [] });
  });

  it('passes contract errors through as values', async () => {
    const { bridge } = connect();
    const socket = FakeSocket.latest();
    socket.open();
    const result = bridge.invoke('patient.chart', { patientId: 'p1' });
    socket.receive({ kind: 'result', id: 1, result: { ok: false, error: { code: 'not-found', message: 'No such patient.' } } });
    await expect(result).resolves.toEqual({ ok: false, error: { code: 'not-found', message: 'No such patient.' } });
  });

  it('forwards events to their subscribers until they unsubscribe', () => {
    const { bridge } = connect();
    const socket = FakeSocket.latest();
    socket.open();
    const seen: unknown[] = [];
    const other: unknown[] = [];
    const unsubscribe = bridge.on('env.status', (payload) => seen.push(payload));
    bridge.on('outbox.changed', (payload) => other.push(payload));

    socket.receive({ kind: 'event', event: 'env.status', payload: demoEnv });
    unsubscribe();
    socket.receive({ kind: 'event', event: 'env.status', payload: demoEnv });
    expect(seen).toEqual([demoEnv]);
    expect(other).toEqual([]);
  });

  it('ignores malformed frames', () => {
    const { bridge } = connect();
    const socket = FakeSocket.latest();
    socket.open();
    const listener = vi.fn();
    bridge.on('env.status', listener);
    socket.onmessage?.(new MessageEvent('message', { data: 'not json' }));
    socket.receive({ kind: 'result', id: 'x' });
    socket.receive({ kind: 'mystery' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('times out an invoke that gets no answer, and ignores the late answer', async () => {
    const { bridge } = connect({ invokeTimeoutMs: 30_000 });
    const socket = FakeSocket.latest();
    socket.open();
    const result = bridge.invoke('patient.search', { family: 'Lopez', birthDate: '1985-04-12' });
    vi.advanceTimersByTime(29_999);
    let settled = false;
    void result.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);

    vi.advanceTimersByTime(1);
    const value = await result;
    expect(value.ok).toBe(false);
    if (!value.ok) {
      expect(value.error.code).toBe('ehr-unavailable');
      expect(value.error.message).toContain('patient.search');
    }
    expect(() => socket.receive({ kind: 'result', id: 1, result: { ok: true, value: [] } })).not.toThrow();
  });

  it('reports a drop, fails in-flight and new invokes at once, and reconnects with backoff', async () => {
    const { bridge, states } = connect();
    const first = FakeSocket.latest();
    first.open();
    const inFlight = bridge.invoke('outbox.list', {});

    first.drop();
    expect(bridge.connectionState()).toBe('reconnecting');
    const dropped = await inFlight;
    expect(dropped).toMatchObject({ ok: false, error: { code: 'ehr-unavailable' } });
    const whileDown = await bridge.invoke('env.status', {});
    expect(whileDown).toMatchObject({ ok: false, error: { code: 'ehr-unavailable' } });

    // First retry after the initial delay (random() = 1 → the full delay).
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.latest().drop();
    vi.advanceTimersByTime(199);
    expect(FakeSocket.instances).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(3);

    FakeSocket.latest().open();
    expect(states).toEqual(['open', 'reconnecting', 'open']);
    const again = bridge.invoke('env.status', {});
    const frame = FakeSocket.latest().sent.at(-1) as { id: number; channel: string };
    expect(frame.channel).toBe('env.status');
    FakeSocket.latest().receive({ kind: 'result', id: frame.id, result: { ok: true, value: demoEnv } });
    await expect(again).resolves.toEqual({ ok: true, value: demoEnv });
  });

  it('fails fast with a clear message when the page has no token', async () => {
    const bridge = new WebSocketBridge({ url: 'ws://127.0.0.1:4000/bridge', token: null }, FakeSocket);
    expect(FakeSocket.instances).toHaveLength(0);
    expect(bridge.connectionState()).toBe('closed');
    const result = await bridge.invoke('env.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'not-permitted' } });
  });

  it('resolves what is pending when closed', async () => {
    const { bridge } = connect();
    const pending = bridge.invoke('env.status', {});
    bridge.close();
    await expect(pending).resolves.toMatchObject({ ok: false });
    expect(bridge.connectionState()).toBe('closed');
  });
});

describe('readBridgeToken', () => {
  beforeEach(() => {
    sessionStorage.clear();
    history.replaceState(null, '', '/');
  });

  it('moves the token from the URL fragment to session storage and removes the fragment', () => {
    history.replaceState(null, '', '/index.html?x=1#token=deadBEEF42');
    expect(readBridgeToken(window)).toBe('deadBEEF42');
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('deadBEEF42');
    expect(location.hash).toBe('');
    expect(location.pathname + location.search).toBe('/index.html?x=1');
  });

  it('reads the stored token after a reload without a fragment', () => {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, 'cafe01');
    expect(readBridgeToken(window)).toBe('cafe01');
  });

  it('returns null when there is no token at all', () => {
    expect(readBridgeToken(window)).toBeNull();
  });
});
