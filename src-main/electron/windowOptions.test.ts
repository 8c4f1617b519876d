import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './windowOptions';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/app/out/preload/index.js');
  const prefs = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
  });

  it('gives Node to no frame and no worker', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and refuses insecure content and webviews', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('passes the preload path through unchanged', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.js');
    expect(mainWindowOptions('C:\\Careline\\preload.js').webPreferences?.preload).toBe('C:\\Careline\\preload.js');
  });

  it('does not weaken the baseline with a setting that reopens a door', () => {
    // Settings that would undo isolation if someone added them later.
    const risky = ['enableBlinkFeatures', 'additionalArguments', 'enableRemoteModule', 'disableBlinkFeatures'];
    for (const key of risky) expect(prefs).not.toHaveProperty(key);
  });

  it('starts hidden (shown on ready-to-show) and keeps timers running in the background', () => {
    expect(options.show).toBe(false);
    expect(prefs.backgroundThrottling).toBe(false);
  });
});
