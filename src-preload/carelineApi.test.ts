import type { IpcRendererEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createCarelineApi } from './carelineApi';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL, type EventChannel } from './contract';

vi.mock('electron', () => ({}));

type Forward = (event: IpcRendererEvent, name: EventChannel, payload: unknown) => void;

/** A stand-in for ipcRenderer that keeps real listener bookkeeping, so unsubscribe is observable. */
function fakeIpc() {
  const listeners = new Map<string, Forward[]>();
  const ipc = {
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'from-main' })),
    on: vi.fn((channel: string, listener: Forward) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipc;
    }),
    removeListener: vi.fn((channel: string, listener: Forward) => {
      const list = listeners.get(channel) ?? [];
      const index = list.indexOf(listener);
      if (index >= 0) list.splice(index, 1);
      return ipc;
    }),
  };
  const emit = (name: string, payload: unknown) => {
    for (const listener of [...(listeners.get(ELECTRON_EVENT_CHANNEL) ?? [])]) listener({} as IpcRendererEvent, name as EventChannel, payload);
  };
  const count = () => listeners.get(ELECTRON_EVENT_CHANNEL)?.length ?? 0;
  return { ipc, emit, count };
}

const make = () => {
  const fake = fakeIpc();
  return { ...fake, api: createCarelineApi(fake.ipc as never) };
};

describe('createCarelineApi: invoke', () => {
  it('forwards to ipc.invoke(ELECTRON_INVOKE_CHANNEL, channel, request) and returns main’s answer', async () => {
    const { api, ipc } = make();
    await expect(api.invoke('session.signIn', { userId: 'u-nurse' })).resolves.toEqual({ ok: true, value: 'from-main' });
    expect(ipc.invoke).toHaveBeenCalledTimes(1);
    expect(ipc.invoke).toHaveBeenCalledWith(ELECTRON_INVOKE_CHANNEL, 'session.signIn', { userId: 'u-nurse' });
  });

  it('does not validate or rewrite the request (main does)', async () => {
    const { api, ipc } = make();
    const request = { userId: 42 } as never;
    await api.invoke('session.signIn', request);
    expect(ipc.invoke.mock.calls[0]![2]).toBe(request);
  });

  it('resolves an unknown channel to unknown-channel without touching ipc', async () => {
    const { api, ipc } = make();
    for (const channel of ['fs.readFile', 'toString', '__proto__', 'careline.invoke', '']) {
      const result = await api.invoke(channel as never, {} as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });
});

describe('createCarelineApi: on', () => {
  it('subscribes on the one event channel and delivers only the named event', () => {
    const { api, ipc, emit } = make();
    const listener = vi.fn();
    api.on('outbox.changed', listener);
    expect(ipc.on).toHaveBeenCalledWith(ELECTRON_EVENT_CHANNEL, expect.any(Function));
    emit('call.updated', { callId: 'x' });
    expect(listener).not.toHaveBeenCalled();
    emit('outbox.changed', []);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith([]);
  });

  it('does not hand the renderer the IpcRendererEvent', () => {
    const { api, emit } = make();
    const listener = vi.fn();
    api.on('outbox.changed', listener);
    emit('outbox.changed', []);
    expect(listener.mock.calls[0]).toHaveLength(1);
  });

  it('returns an unsubscribe that removes exactly its own listener', () => {
    const { api, emit, count } = make();
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribeFirst = api.on('outbox.changed', first);
    api.on('outbox.changed', second);
    expect(count()).toBe(2);
    unsubscribeFirst();
    expect(count()).toBe(1);
    emit('outbox.changed', []);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    // Calling it again removes nothing else.
    unsubscribeFirst();
    expect(count()).toBe(1);
  });

  it('keeps two subscriptions of the same function independent', () => {
    const { api, emit } = make();
    const listener = vi.fn();
    const stopA = api.on('outbox.changed', listener);
    api.on('outbox.changed', listener);
    stopA();
    emit('outbox.changed', []);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('throws for an event outside the contract and subscribes nothing', () => {
    const { api, ipc } = make();
    expect(() => api.on('fs.changed' as never, vi.fn())).toThrow();
    expect(() => api.on('__proto__' as never, vi.fn())).toThrow();
    expect(ipc.on).not.toHaveBeenCalled();
  });
});

describe('createCarelineApi: shape', () => {
  it('is frozen', () => {
    const { api } = make();
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => {
      (api as unknown as Record<string, unknown>).invoke = () => 'hijacked';
    }).toThrow(TypeError);
  });

  it('exposes invoke and on and nothing else, and never the ipc object', () => {
    const { api, ipc } = make();
    expect(Reflect.ownKeys(api).sort()).toEqual(['invoke', 'on']);
    for (const value of Object.values(api)) {
      expect(value).not.toBe(ipc);
      expect(typeof value).toBe('function');
    }
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);
    expect(JSON.stringify(api)).toBe('{}');
  });
});
