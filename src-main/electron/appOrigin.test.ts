import { afterEach, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from './appOrigin';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('isAppUrl', () => {
  it('accepts our privileged origin', () => {
    expect(isAppUrl('app://careline/index.html', undefined)).toBe(true);
    expect(isAppUrl('app://careline/', undefined)).toBe(true);
    expect(isAppUrl('app://careline/assets/index-abc.js?x=1#y', undefined)).toBe(true);
    expect(isAppUrl(APP_ENTRY_URL, undefined)).toBe(true);
  });

  it('refuses another host on the same scheme and look-alike hosts', () => {
    expect(isAppUrl('app://other/', undefined)).toBe(false);
    expect(isAppUrl('app://careline.evil.example/', undefined)).toBe(false);
    expect(isAppUrl('app://careline@evil.example/', undefined)).toBe(false);
    expect(isAppUrl('app://careline:8080/', undefined)).toBe(false);
    expect(isAppUrl('https://careline/', undefined)).toBe(false);
    expect(isAppUrl('file:///careline/index.html', undefined)).toBe(false);
  });

  it('refuses the dev server when no dev server is configured', () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false);
  });

  it('accepts exactly the dev server origin when ELECTRON_RENDERER_URL is set', () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    expect(isAppUrl('http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isAppUrl('http://localhost:5174/')).toBe(false);
    expect(isAppUrl('https://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173.evil.example/')).toBe(false);
    // app:// stays ours in development too.
    expect(isAppUrl('app://careline/index.html')).toBe(true);
  });

  it('refuses garbage without throwing', () => {
    for (const junk of ['', 'careline', '//careline/', 'app:careline', 'javascript:alert(1)', 'data:text/html,hi', 'about:blank', 'http://[::1', '\u0000']) {
      expect(isAppUrl(junk, undefined)).toBe(false);
    }
  });

  it('treats a malformed dev-server URL as "not ours" instead of throwing', () => {
    // A throw here would escape a will-navigate listener before preventDefault() runs.
    expect(() => isAppUrl('https://evil.example/', 'not a url')).not.toThrow();
    expect(isAppUrl('https://evil.example/', 'not a url')).toBe(false);
    expect(isAppUrl('app://careline/', 'not a url')).toBe(true);
  });
});
