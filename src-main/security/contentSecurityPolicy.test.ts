// The policy lives in src-main/security/; it is tested here, beside the app protocol that serves it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, RENDERER_SECURITY_HEADERS } from './contentSecurityPolicy';

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(map.has(name), `directive ${name} appears twice`).toBe(false);
    map.set(name.toLowerCase(), sources);
  }
  return map;
}

const policy = directives(CONTENT_SECURITY_POLICY);

describe('CONTENT_SECURITY_POLICY', () => {
  it('never allows eval or inline script', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("'wasm-unsafe-eval'");
    expect(policy.get('script-src')).toEqual(["'self'"]);
  });

  it('falls back to self and keeps plugins, framing, base and forms shut', () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('allows no remote origin and no wildcard anywhere', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(/^\*|^https?:|^wss?:|^\w[\w.-]*\.\w+/);
      }
    }
  });

  it('keeps inline styles (Mantine) but no inline anything else', () => {
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    for (const [name, sources] of policy) if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'");
  });

  it('is sent as a header by the renderer hosts', () => {
    expect(RENDERER_SECURITY_HEADERS['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(RENDERER_SECURITY_HEADERS['x-content-type-options']).toBe('nosniff');
    expect(RENDERER_SECURITY_HEADERS['permissions-policy']).toContain('camera=()');
  });
});

describe('src-renderer/index.html', () => {
  const indexPath = join(__dirname, '..', '..', 'src-renderer', 'index.html');

  it('repeats the same policy in its CSP meta tag (less frame-ancestors, which meta tags cannot carry)', () => {
    const html = readFileSync(indexPath, 'utf8');
    const tags = [...html.matchAll(/<meta\b[^>]*http-equiv\s*=\s*["']Content-Security-Policy["'][^>]*>/gi)];
    expect(tags).toHaveLength(1);
    const content = /\bcontent\s*=\s*"([^"]*)"/i.exec(tags[0]![0])?.[1];
    expect(content).toBe(META_CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  });

  it('has no inline script', () => {
    const html = readFileSync(indexPath, 'utf8');
    for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) expect(tag).toMatch(/\bsrc\s*=/);
  });
});
