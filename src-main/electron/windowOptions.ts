import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The renderer's security baseline (Electron security checklist): isolated, sandboxed, no Node, no
 * webviews, no remote content. Pure, so tests read it without an Electron runtime.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    title: 'Careline',
    backgroundColor: '#f5f7fa',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Ringing and timers must keep working when the window is hidden behind the EHR.
      backgroundThrottling: false,
    },
  };
}
