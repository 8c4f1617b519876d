/**
 * Where the renderer comes from: the privileged `app://careline` scheme in a packaged or previewed build,
 * or the electron-vite dev server during development. Everything else is foreign.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'careline';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export function isAppUrl(url: string, devServerUrl: string | undefined = process.env.ELECTRON_RENDERER_URL): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl) {
    // A malformed dev-server URL must mean "not ours", not an exception: a throw inside a will-navigate
    // listener would skip preventDefault() and let the navigation through.
    let dev: URL;
    try {
      dev = new URL(devServerUrl);
    } catch {
      return false;
    }
    return parsed.protocol === dev.protocol && parsed.host === dev.host;
  }
  return false;
}
