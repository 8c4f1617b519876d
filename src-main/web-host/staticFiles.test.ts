import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStaticFile } from './staticFiles';

const SECRET = 'secret-next-to-the-renderer';
const INDEX = '<!doctype html><title>index</title>';
let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'careline-static-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets', 'nested'), { recursive: true });
  // A sibling whose name starts like the root: "renderer-private" must not pass a prefix check.
  mkdirSync(join(base, 'renderer-private'));
  writeFileSync(join(base, 'renderer-private', 'key.txt'), SECRET);
  writeFileSync(join(base, 'secret.txt'), SECRET);
  writeFileSync(join(root, 'index.html'), INDEX);
  const files: Record<string, string> = {
    'assets/app.js': 'js',
    'assets/app.mjs': 'mjs',
    'assets/app.css': 'css',
    'assets/data.json': '{}',
    'assets/logo.svg': '<svg/>',
    'assets/logo.png': 'png',
    'assets/favicon.ico': 'ico',
    'assets/font.woff2': 'woff2',
    'assets/ring.wav': 'wav',
    'assets/ring.mp3': 'mp3',
    'assets/blob.bin': 'bin',
    'assets/nested/deep.js': 'deep',
  };
  for (const [path, body] of Object.entries(files)) writeFileSync(join(root, path), body);
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

const text = async (urlPath: string): Promise<string | null> => {
  const file = await readStaticFile(root, urlPath);
  return file ? file.body.toString('utf8') : null;
};

describe('readStaticFile', () => {
  it('serves files inside the root', async () => {
    expect(await text('/assets/app.js')).toBe('js');
    expect(await text('/assets/nested/deep.js')).toBe('deep');
    expect(await text('/index.html')).toBe(INDEX);
  });

  it('ignores the query string', async () => {
    expect(await text('/assets/app.js?v=123')).toBe('js');
  });

  it.each([
    ['.html', '/index.html', 'text/html; charset=utf-8'],
    ['.js', '/assets/app.js', 'text/javascript; charset=utf-8'],
    ['.mjs', '/assets/app.mjs', 'text/javascript; charset=utf-8'],
    ['.css', '/assets/app.css', 'text/css; charset=utf-8'],
    ['.json', '/assets/data.json', 'application/json'],
    ['.svg', '/assets/logo.svg', 'image/svg+xml'],
    ['.png', '/assets/logo.png', 'image/png'],
    ['.ico', '/assets/favicon.ico', 'image/x-icon'],
    ['.woff2', '/assets/font.woff2', 'font/woff2'],
    ['.wav', '/assets/ring.wav', 'audio/wav'],
    ['.mp3', '/assets/ring.mp3', 'audio/mpeg'],
    ['unknown', '/assets/blob.bin', 'application/octet-stream'],
  ])('content type for %s', async (_ext, path, type) => {
    expect((await readStaticFile(root, path))?.contentType).toBe(type);
  });

  it('falls back to index.html for unknown paths and directories (single-page app)', async () => {
    for (const path of ['/', '', '/call/123', '/assets', '/assets/', '/does-not-exist.js']) {
      const file = await readStaticFile(root, path);
      expect(file?.body.toString('utf8')).toBe(INDEX);
      expect(file?.contentType).toBe('text/html; charset=utf-8');
    }
  });

  it.each([
    '/../secret.txt',
    '../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%5csecret.txt',
    '/../renderer-private/key.txt',
    '../renderer-private/key.txt',
    '%2e%2e/renderer-private/key.txt',
    '/%2e%2e%2frenderer-private%2fkey.txt',
    '//../secret.txt',
    '/..//..//secret.txt',
    '\\..\\secret.txt',
  ])('never returns a file outside the root: %s', async (path) => {
    const body = await text(path);
    expect(body).not.toBe(SECRET);
    if (body !== null) expect(body).toBe(INDEX);
  });

  it('does not read an absolute path given in the URL', async () => {
    expect(await text(join(base, 'secret.txt'))).not.toBe(SECRET);
    expect(await text(`/${encodeURIComponent(join(base, 'secret.txt'))}`)).not.toBe(SECRET);
  });

  it('refuses a NUL byte, raw or encoded', async () => {
    expect(await readStaticFile(root, '/index.html%00.js')).toBeNull();
    expect(await readStaticFile(root, '/index.html\0.js')).toBeNull();
    expect(await readStaticFile(root, '/%00')).toBeNull();
  });

  it('refuses malformed percent-encoding', async () => {
    expect(await readStaticFile(root, '/%E0%A4%A')).toBeNull();
    expect(await readStaticFile(root, '/%')).toBeNull();
  });

  it('returns null when the root has no index.html to fall back to', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'careline-static-empty-'));
    try {
      expect(await readStaticFile(empty, '/anything')).toBeNull();
      expect(await readStaticFile(empty, '/../secret.txt')).toBeNull();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
