import { afterEach, describe, expect, it } from 'vitest';
import { LoginError, LoopbackRedirect, sameSecret } from './LoopbackRedirect';

let open: LoopbackRedirect | null = null;
afterEach(() => {
  open?.close();
  open = null;
});

async function start(options: Partial<Parameters<typeof LoopbackRedirect.start>[0]> = {}): Promise<LoopbackRedirect> {
  open = await LoopbackRedirect.start({ expectedState: 'the-state', timeoutMs: 5_000, ...options });
  return open;
}

describe('LoopbackRedirect (RFC 8252 loopback redirect)', () => {
  it('listens on 127.0.0.1, an ephemeral port, path /callback, and hands over the code once', async () => {
    const redirect = await start();
    expect(redirect.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const page = await fetch(`${redirect.redirectUri}?code=abc&state=the-state`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('You can close this window and return to Careline');
    expect(page.headers.get('cache-control')).toBe('no-store');
    await expect(redirect.result).resolves.toEqual({ code: 'abc' });
    expect(redirect.closed).toBe(true);
    // One shot: the port no longer answers.
    await expect(fetch(`${redirect.redirectUri}?code=again&state=the-state`)).rejects.toThrow();
  });

  it('refuses a response with the wrong state and ends the login', async () => {
    const redirect = await start();
    const page = await fetch(`${redirect.redirectUri}?code=abc&state=someone-elses`);
    expect(page.status).toBe(400);
    await expect(redirect.result).rejects.toMatchObject({ kind: 'state-mismatch' });
    await expect(fetch(`${redirect.redirectUri}?code=abc&state=the-state`)).rejects.toThrow();
  });

  it('refuses a response with no state at all', async () => {
    const redirect = await start();
    expect((await fetch(`${redirect.redirectUri}?code=abc`)).status).toBe(400);
    await expect(redirect.result).rejects.toMatchObject({ kind: 'state-mismatch' });
  });

  it('ignores other paths (a favicon request does not use up the one hit)', async () => {
    const redirect = await start();
    expect((await fetch(redirect.redirectUri.replace('/callback', '/favicon.ico'))).status).toBe(404);
    expect(redirect.closed).toBe(false);
    await fetch(`${redirect.redirectUri}?code=abc&state=the-state`);
    await expect(redirect.result).resolves.toEqual({ code: 'abc' });
  });

  it('reports a declined login without echoing the server text', async () => {
    const redirect = await start();
    await fetch(`${redirect.redirectUri}?error=access_denied&error_description=User+Jane+said+no&state=the-state`);
    const error = (await redirect.result.catch((e: unknown) => e)) as LoginError;
    expect(error).toBeInstanceOf(LoginError);
    expect(error.kind).toBe('denied');
    expect(error.message).toBe('The EHR sign-in was declined.');
  });

  it('times out and closes the listener', async () => {
    const redirect = await start({ timeoutMs: 100 });
    await expect(redirect.result).rejects.toMatchObject({ kind: 'timeout' });
    await expect(fetch(`${redirect.redirectUri}?code=abc&state=the-state`)).rejects.toThrow();
  });

  it('stops when cancelled', async () => {
    const abort = new AbortController();
    const redirect = await start({ signal: abort.signal });
    abort.abort();
    await expect(redirect.result).rejects.toMatchObject({ kind: 'aborted' });
    await expect(LoopbackRedirect.start({ expectedState: 's', signal: abort.signal })).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('compares secrets of any length without failing on length', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', '')).toBe(false);
  });
});
