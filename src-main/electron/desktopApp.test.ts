import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../ipc/EventHub';
import { CacheUnreadable } from '../storage/CacheErrors';
import { APP_ENTRY_URL } from './appOrigin';
import { startDesktopApp } from './desktopApp';
import { mainWindowOptions } from './windowOptions';

const h = vi.hoisted(() => {
  const order: string[] = [];
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  class FakeBrowserWindow {
    readonly webContents = { isDestroyed: () => false, send: vi.fn() };
    readonly loadURL = vi.fn(async () => undefined);
    readonly once = vi.fn();
    readonly on = vi.fn();
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    readonly isMinimized = vi.fn(() => false);
    constructor(readonly options: unknown) {
      order.push('new BrowserWindow');
      windows.push(this);
    }
  }
  const windows: FakeBrowserWindow[] = [];
  const electron = {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      getAppPath: vi.fn(() => '/repo'),
      getPath: vi.fn((name: string) => `/profile/${name}`),
      whenReady: vi.fn(async () => {
        order.push('ready');
      }),
      on: vi.fn((name: string, listener: (...args: unknown[]) => void) => {
        appListeners.set(name, listener);
      }),
    },
    BrowserWindow: vi.fn(FakeBrowserWindow),
    dialog: { showErrorBox: vi.fn(), showMessageBoxSync: vi.fn(() => 0) },
    Menu: { setApplicationMenu: vi.fn(() => order.push('setApplicationMenu')) },
    ipcMain: { handle: vi.fn(() => order.push('ipcMain.handle')) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(() => order.push('setPermissionRequestHandler')),
        setPermissionCheckHandler: vi.fn(() => order.push('setPermissionCheckHandler')),
      },
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemesAsPrivileged')),
      handle: vi.fn(() => order.push('protocol.handle')),
    },
  };
  const services = {
    router: { handle: vi.fn() },
    events: null as unknown,
    dispose: vi.fn(async () => undefined),
  };
  const createMainServices = vi.fn(async (_options: unknown) => {
    order.push('createMainServices');
    return services;
  });
  const cache = { database: { close: vi.fn() }, mode: 'encrypted', message: null, openMs: 2, keyCreated: false };
  const openCache = vi.fn(async (_options: unknown): Promise<unknown> => {
    order.push('openCache');
    return cache;
  });
  return { order, appListeners, windows, electron, services, createMainServices, cache, openCache };
});

vi.mock('../storage/openCache', () => ({ openCache: h.openCache }));
vi.mock('../storage/keychain', () => ({ KeychainStore: class {}, KeychainSecretStore: class {} }));
const wipe = vi.hoisted(() => ({ wipeAndResync: vi.fn((_path: string) => '/profile/userData/cache/careline-cache.db.unreadable-x') }));
vi.mock('../storage/EncryptedDatabase', () => wipe);

vi.mock('electron', () => h.electron);
vi.mock('../bootstrap', () => ({ createMainServices: h.createMainServices }));

let savedResourcesPath: unknown;
beforeEach(() => {
  h.order.length = 0;
  h.appListeners.clear();
  h.windows.length = 0;
  h.electron.app.isPackaged = false;
  h.electron.app.requestSingleInstanceLock.mockReturnValue(true);
  h.services.events = new EventHub();
  vi.clearAllMocks();
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  vi.stubEnv('CARELINE_CONFIG', undefined);
  savedResourcesPath = (process as { resourcesPath?: unknown }).resourcesPath;
});
afterEach(() => {
  vi.unstubAllEnvs();
  (process as { resourcesPath?: unknown }).resourcesPath = savedResourcesPath;
});

const preloadPath = join(__dirname, '../preload/index.js');

describe('startDesktopApp: the encrypted cache', () => {
  it('opens the cache in the profile before the services, with the configured policy, and hands it over', async () => {
    await startDesktopApp();
    expect(h.openCache).toHaveBeenCalledWith(expect.objectContaining({ dir: join('/profile/userData', 'cache'), policy: 'encrypted-only' }));
    expect(h.order.indexOf('openCache')).toBeLessThan(h.order.indexOf('createMainServices'));
    expect(h.createMainServices).toHaveBeenCalledWith(expect.objectContaining({ cache: h.cache }));
  });

  it('offers to move an unreadable cache aside (never deletes it) and starts fresh when the user agrees', async () => {
    const unreadable = new CacheUnreadable('wrong-key', '/profile/userData/cache/careline-cache.db');
    h.openCache.mockRejectedValueOnce(unreadable);
    h.electron.dialog.showMessageBoxSync.mockReturnValueOnce(1);
    await startDesktopApp();
    expect(h.electron.dialog.showMessageBoxSync).toHaveBeenCalledWith(expect.objectContaining({ message: unreadable.message, buttons: ['Quit', 'Move it aside and start fresh'], cancelId: 0 }));
    expect(wipe.wipeAndResync).toHaveBeenCalledWith('/profile/userData/cache/careline-cache.db');
    expect(h.openCache).toHaveBeenCalledTimes(2);
    expect(h.createMainServices).toHaveBeenCalled();
  });

  it('quits without touching an unreadable cache when the user says Quit', async () => {
    h.openCache.mockRejectedValueOnce(new CacheUnreadable('missing-key', '/profile/userData/cache/careline-cache.db'));
    await startDesktopApp();
    expect(wipe.wipeAndResync).not.toHaveBeenCalled();
    expect(h.electron.app.quit).toHaveBeenCalled();
    expect(h.createMainServices).not.toHaveBeenCalled();
  });

  it('says why and stops when the cache cannot be opened (no keychain, lost key, damaged file)', async () => {
    h.openCache.mockRejectedValueOnce(new Error('No Secret Service is running: Careline will not keep patient data on disk.'));
    await startDesktopApp();
    expect(h.electron.dialog.showErrorBox).toHaveBeenCalledWith('Careline cannot open its local cache', expect.stringContaining('No Secret Service'));
    expect(h.electron.app.quit).toHaveBeenCalled();
    expect(h.createMainServices).not.toHaveBeenCalled();
  });
});

describe('startDesktopApp', () => {
  it('removes the default application menu, which would take Alt shortcuts (Alt+A answers a call)', async () => {
    await startDesktopApp();
    expect(h.electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(h.order.indexOf('setApplicationMenu')).toBeLessThan(h.order.indexOf('new BrowserWindow'));
  });

  it('registers the privileged scheme and the hardening hook before the app is ready', async () => {
    await startDesktopApp();
    expect(h.order.indexOf('registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(h.order.indexOf('registerSchemesAsPrivileged')).toBeLessThan(h.order.indexOf('ready'));
    const registered = h.electron.app.on.mock.calls.map((c) => c[0]);
    expect(registered).toContain('web-contents-created');
  });

  it('creates one window with the hardened options and the preload path, and loads app://careline', async () => {
    await startDesktopApp();
    expect(h.windows).toHaveLength(1);
    expect(h.windows[0]!.options).toEqual(mainWindowOptions(preloadPath));
    expect(h.windows[0]!.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
  });

  it('sets the permission handlers, serves the renderer and registers IPC before the window exists', async () => {
    await startDesktopApp();
    const windowAt = h.order.indexOf('new BrowserWindow');
    for (const step of ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'protocol.handle', 'ipcMain.handle']) {
      expect(h.order.indexOf(step), step).toBeGreaterThan(h.order.indexOf('ready'));
      expect(h.order.indexOf(step), step).toBeLessThan(windowAt);
    }
    expect(h.electron.ipcMain.handle).toHaveBeenCalledWith('careline.invoke', expect.any(Function));
    expect(h.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('hands the IPC handler the services’ router', async () => {
    await startDesktopApp();
    const listener = (h.electron.ipcMain.handle.mock.calls[0] as unknown as [string, (...a: unknown[]) => unknown])[1];
    h.services.router.handle.mockResolvedValue({ ok: true, value: 'routed' });
    const trusted = { senderFrame: { url: 'app://careline/index.html', parent: null } };
    await expect(listener(trusted, 'session.current', {})).resolves.toEqual({ ok: true, value: 'routed' });
    await expect(listener({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'session.current', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(h.services.router.handle).toHaveBeenCalledTimes(1);
  });

  it('hardens every web contents created', async () => {
    await startDesktopApp();
    const created = h.appListeners.get('web-contents-created');
    expect(created).toBeDefined();
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    created!({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    let prevented = false;
    contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
  });

  it('forwards hub events to the window', async () => {
    await startDesktopApp();
    (h.services.events as EventHub).publish('outbox.changed', []);
    expect(h.windows[0]!.webContents.send).toHaveBeenCalledWith('careline.event', 'outbox.changed', []);
  });

  it('uses the repo resources in development and the packaged copy when packaged', async () => {
    await startDesktopApp();
    expect(h.createMainServices.mock.calls[0]![0]).toMatchObject({ host: 'electron', resourcesDir: join('/repo', 'resources') });

    h.electron.app.isPackaged = true;
    (process as { resourcesPath?: unknown }).resourcesPath = '/opt/Careline/resources';
    await startDesktopApp();
    expect(h.createMainServices.mock.calls[1]![0]).toMatchObject({ resourcesDir: join('/opt/Careline/resources', 'resources') });
  });

  it('loads the dev server in development only', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    await startDesktopApp();
    expect(h.windows[0]!.loadURL).toHaveBeenCalledWith('http://localhost:5173');
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app (no remote page gets our IPC)', async () => {
    h.electron.app.isPackaged = true;
    (process as { resourcesPath?: unknown }).resourcesPath = '/opt/Careline/resources';
    vi.stubEnv('ELECTRON_RENDERER_URL', 'https://evil.example/');
    await startDesktopApp();
    expect(h.windows[0]!.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    const listener = (h.electron.ipcMain.handle.mock.calls[0] as unknown as [string, (...a: unknown[]) => unknown])[1];
    await expect(listener({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'session.current', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });

  it('quits without building anything when another instance holds the lock', async () => {
    h.electron.app.requestSingleInstanceLock.mockReturnValue(false);
    await startDesktopApp();
    expect(h.electron.app.quit).toHaveBeenCalled();
    expect(h.createMainServices).not.toHaveBeenCalled();
    expect(h.windows).toHaveLength(0);
    expect(h.electron.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('disposes the services when the app quits', async () => {
    await startDesktopApp();
    h.appListeners.get('will-quit')!();
    expect(h.services.dispose).toHaveBeenCalledTimes(1);
  });
});
