import { join } from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, session, shell } from 'electron';
import { createMainServices } from '../bootstrap';
import { loadConfig } from '../config/carelineConfig';
import { createConsoleLogger } from '../log/logger';
import { KeychainSecretStore, KeychainStore } from '../storage/keychain';
import { CacheUnreadable } from '../storage/CacheErrors';
import { wipeAndResync } from '../storage/EncryptedDatabase';
import { type OpenedCache, openCache } from '../storage/openCache';
import { APP_ENTRY_URL } from './appOrigin';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { hardenWebContents, limitPermissionsToMedia } from './hardenWebContents';
import { announceIncomingCalls } from './callNotifications';
import { forwardEvents, registerIpc } from './ipcAdapter';
import { mainWindowOptions } from './windowOptions';

/**
 * Opens the encrypted cache (key in the OS keychain, file in the user's profile; policy in storage/openCache.ts).
 * A cache that cannot be read (lost key, wrong key, damaged file) is never deleted: the user may move it aside
 * (IT can still open it with the original key, and any unsent documentation in it) and start fresh, or quit.
 * No keychain under the encrypted-only policy: say why and stop.
 */
async function openCacheOrExplain(options: Parameters<typeof openCache>[0]): Promise<OpenedCache | null> {
  try {
    return await openCache(options);
  } catch (error) {
    const title = 'Careline cannot open its local cache';
    if (error instanceof CacheUnreadable) {
      const choice = dialog.showMessageBoxSync({
        type: 'error',
        title,
        message: error.message,
        buttons: ['Quit', 'Move it aside and start fresh'],
        defaultId: 0,
        cancelId: 0,
      });
      if (choice !== 1) return null;
      wipeAndResync(error.path);
      return openCacheOrExplain(options);
    }
    dialog.showErrorBox(title, error instanceof Error ? error.message : String(error));
    return null;
  }
}

/** The desktop app's lifecycle: one instance, one main window, the same services as every host. */
export async function startDesktopApp(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // The dev-server URL is trusted as our own origin (appOrigin.isAppUrl) and loaded instead of app://careline.
  // A packaged build must never honour it: anyone able to set the variable could point the app, with its
  // IPC access to patient data, at a page of their choosing.
  if (app.isPackaged) delete process.env.ELECTRON_RENDERER_URL;
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  await app.whenReady();
  const logger = createConsoleLogger();
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
  const config = loadConfig();
  const keychain = new KeychainStore();
  const cache = await openCacheOrExplain({ dir: join(app.getPath('userData'), 'cache'), keychain, policy: config.cache.policy });
  if (!cache) {
    app.quit();
    return;
  }
  logger.log('info', 'cache.opened', { mode: cache.mode, ms: Math.round(cache.openMs) });
  // The EHR's SMART login opens in the system browser (RFC 8252: never an embedded web view).
  const openExternal = (url: string): Promise<void> => (/^https?:\/\//.test(url) ? shell.openExternal(url) : Promise.reject(new Error('not a web address')));
  const services = await createMainServices({
    host: 'electron',
    resourcesDir,
    config,
    logger,
    secrets: new KeychainSecretStore(keychain),
    keychain,
    cache,
    openExternal,
  });

  // The default menu binds Alt+<letter> accelerators on Windows/Linux, which would swallow the agent's
  // call shortcuts (Alt+A answer, Alt+H hang up). Careline has no menu bar.
  Menu.setApplicationMenu(null);
  limitPermissionsToMedia(session.defaultSession);
  serveRenderer(join(__dirname, '../renderer'));
  registerIpc(ipcMain, services.router, logger);

  let window: BrowserWindow | null = null;
  const createWindow = () => {
    window = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js')));
    window.once('ready-to-show', () => window?.show());
    window.on('closed', () => {
      window = null;
    });
    void window.loadURL(process.env.ELECTRON_RENDERER_URL ?? APP_ENTRY_URL);
  };
  forwardEvents(services.events, () => window?.webContents ?? null);
  announceIncomingCalls(services.events, () => window, (id) => services.serviceLineName(id));
  createWindow();

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('activate', () => {
    if (!window) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void services.dispose().finally(() => cache.database.close());
  });
}
