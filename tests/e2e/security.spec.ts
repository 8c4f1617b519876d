import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/contentSecurityPolicy';
import { type WebHostProcess, startWebHostProcess } from '../support/webHostProcess';

// Security checks of the renderer as served (CSP enforced by the real browser) and of the web host's
// socket (token and origin). Electron-only settings (sandbox, navigation, window.open, permissions) are
// covered by the unit tests of src-main/electron with `electron` mocked.
let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startWebHostProcess({ patients: 50 });
});
test.afterAll(async () => {
  await host?.stop();
});

test('the renderer is served with the CSP, and Chromium enforces it: no inline or data: script', async ({ page }) => {
  const response = await page.goto(host.url);
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const inline = document.createElement('script');
    inline.textContent = 'window.__carelineInline = true';
    document.head.appendChild(inline);
    // A script from a data: URL (what an injected payload would use) is refused too.
    const fromData = document.createElement('script');
    fromData.src = 'data:text/javascript,window.__carelineData=true';
    document.head.appendChild(fromData);
    await new Promise((r) => setTimeout(r, 100));
    const w = window as unknown as { __carelineInline?: boolean; __carelineData?: boolean };
    return { inlineRan: w.__carelineInline === true, dataRan: w.__carelineData === true, violations };
  });
  expect(outcome.inlineRan).toBe(false);
  expect(outcome.dataRan).toBe(false);
  expect(outcome.violations.some((v) => v.startsWith('script-src'))).toBe(true);
});

test('the bridge socket refuses a page without the token', async ({ page }) => {
  await page.goto(host.origin + '/');
  const result = await page.evaluate(
    (wsUrl) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(wsUrl, ['careline.v1', 'token.guess']);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    host.origin.replace('http', 'ws') + '/bridge',
  );
  expect(result).toBe('refused');
});

test('another origin cannot use the bridge even with the token', async ({ page }) => {
  // A different local site (another port = another origin) that somehow learned the token.
  const evil = createServer((_req, res) => res.end('<!doctype html><title>other site</title>'));
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
  try {
    await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    const result = await page.evaluate(
      ({ wsUrl, token }) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(wsUrl, ['careline.v1', `token.${token}`]);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      { wsUrl: host.origin.replace('http', 'ws') + '/bridge', token: host.token },
    );
    expect(result).toBe('refused');
  } finally {
    evil.closeAllConnections();
    await new Promise<void>((r) => evil.close(() => r()));
  }
});
