import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ELECTRON_INVOKE_CHANNEL } from './contract';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn(), exposeInIsolatedWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: null })), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn() },
}));
vi.mock('electron', () => electron);

beforeEach(() => {
  vi.resetModules();
  vi.clearAllMocks();
});

describe('preload index', () => {
  it("exposes window.careline exactly once and nothing else", async () => {
    await import('./index');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electron.contextBridge.exposeInIsolatedWorld).not.toHaveBeenCalled();
    const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0]! as [string, Record<string, unknown>];
    expect(key).toBe('careline');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
  });

  it('builds the exposed API on ipcRenderer.invoke, and sends nothing on load', async () => {
    await import('./index');
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    const api = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as { invoke: (c: string, r: unknown) => Promise<unknown> };
    await api.invoke('session.current', {});
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(ELECTRON_INVOKE_CHANNEL, 'session.current', {});
  });
});
