/**
 * The renderer's Content Security Policy, sent as a header by both hosts (Electron's app protocol and the
 * web host) and repeated as a meta tag in index.html. No inline or eval'd script; inline styles are allowed
 * because Mantine sets CSS variables through style attributes. `connect-src 'self'` covers the web host's
 * same-origin WebSocket; the Electron renderer needs no network at all (it talks to main over IPC).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob: mediastream:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The same policy for index.html's meta tag, the fallback when a page is opened without our headers.
 * Browsers ignore frame-ancestors in a meta tag (and say so in the console), so it stays header-only.
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

/** Headers every renderer response carries. */
export const RENDERER_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), geolocation=(), microphone=(self)',
};
