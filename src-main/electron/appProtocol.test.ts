import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../security/contentSecurityPolicy';
import { registerAppScheme, serveRenderer } from './appProtocol';

const electron = vi.hoisted(() => ({
  protocol: { handle: vi.fn(), registerSchemesAsPrivileged: vi.fn() },
}));
vi.mock('electron', () => electron);

type ProtocolHandler = (request: Request) => Promise<Response>;

const SECRET = 'TOP-SECRET-outside-the-renderer';
const INDEX = '<!doctype html><title>Careline</title>';
let base: string;
let rendererDir: string;
let handler: ProtocolHandler;

beforeAll(() => {
  // base/secret.txt sits next to base/renderer/: the classic target of a traversal.
  base = mkdtempSync(join(tmpdir(), 'careline-app-protocol-'));
  rendererDir = join(base, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(base, 'secret.txt'), SECRET);
  writeFileSync(join(rendererDir, 'index.html'), INDEX);
  writeFileSync(join(rendererDir, 'assets', 'index.js'), 'console.log(1)');
  serveRenderer(rendererDir);
  expect(electron.protocol.handle).toHaveBeenCalledTimes(1);
  expect(electron.protocol.handle.mock.calls[0]![0]).toBe('app');
  handler = electron.protocol.handle.mock.calls[0]![1] as ProtocolHandler;
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

/** Electron hands the handler a Request; only its url is read. A plain object keeps raw URLs intact. */
const get = (url: string) => handler({ url } as Request);

describe('registerAppScheme', () => {
  it('registers app:// as a standard, secure scheme without bypassing CSP', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    const [schemes] = electron.protocol.registerSchemesAsPrivileged.mock.calls[0]! as [{ scheme: string; privileges: Record<string, boolean> }[]];
    expect(schemes).toHaveLength(1);
    expect(schemes[0]!.scheme).toBe('app');
    expect(schemes[0]!.privileges).toMatchObject({ standard: true, secure: true });
    expect(schemes[0]!.privileges.bypassCSP).not.toBe(true);
    expect(schemes[0]!.privileges.corsEnabled).not.toBe(true);
  });
});

describe('serveRenderer', () => {
  it('serves index.html with the CSP header and the other security headers', async () => {
    const response = await get('app://careline/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with their content type and the CSP header', async () => {
    const response = await get('app://careline/assets/index.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'app://careline/../secret.txt',
    'app://careline/../../etc/passwd',
    'app://careline/..%2fsecret.txt',
    'app://careline/%2e%2e%2fsecret.txt',
    'app://careline/%2e%2e/secret.txt',
    'app://careline/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://careline/..%5csecret.txt',
    'app://careline/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://careline/secret.txt%00.html',
  ])('never escapes the renderer directory: %s', async (url) => {
    const response = await get(url);
    const body = await response.text();
    expect(body).not.toContain(SECRET);
    expect(body).not.toMatch(/root:.*:0:0:/);
    // Either refused, or the single-page fallback: nothing else.
    if (response.status === 200) expect(body).toBe(INDEX);
    else expect(response.status).toBe(404);
  });

  it('also holds when Electron gives it a real Request', async () => {
    const response = await handler(new Request('app://careline/%2e%2e%2fsecret.txt'));
    expect(await response.text()).not.toContain(SECRET);
  });

  it.each(['app://other/index.html', 'app://evil.example/index.html', 'app://careline.evil.example/index.html', 'app://careline:8080/index.html'])(
    'answers 404 for another host: %s',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('Careline</title>');
    },
  );
});
