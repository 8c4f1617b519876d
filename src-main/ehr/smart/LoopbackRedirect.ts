import { createHash, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The redirect target of a native app's login (RFC 8252 §7.3): a one-shot HTTP listener on the IPv4
 * loopback address and an ephemeral port, path /callback. It accepts exactly one authorization response
 * with the expected `state`, answers the browser with a short page and closes. A wrong state, an error from
 * the authorization server, a timeout or an abort all end it too: every path closes the listener.
 */
export interface LoopbackResult {
  readonly code: string;
}

export class LoginError extends Error {
  constructor(
    readonly kind: 'state-mismatch' | 'denied' | 'timeout' | 'aborted' | 'invalid-callback' | 'token' | 'discovery' | 'refresh',
    message: string,
  ) {
    super(message);
    this.name = 'LoginError';
  }
}

export interface LoopbackRedirectOptions {
  readonly expectedState: string;
  /** How long the agent has to finish in the browser. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

const PATH = '/callback';

export class LoopbackRedirect {
  private settled = false;
  private timer: NodeJS.Timeout | null = null;
  private resolveResult!: (value: LoopbackResult) => void;
  private rejectResult!: (reason: LoginError) => void;
  /** Settles once: the code, or why the login ended. */
  readonly result: Promise<LoopbackResult>;

  private constructor(
    private readonly server: Server,
    readonly redirectUri: string,
    private readonly expectedState: string,
  ) {
    this.result = new Promise<LoopbackResult>((resolve, reject) => {
      this.resolveResult = resolve;
      this.rejectResult = reject;
    });
    // Nobody may be awaiting yet when an early failure lands; the caller still sees it through `result`.
    this.result.catch(() => undefined);
  }

  static async start(options: LoopbackRedirectOptions): Promise<LoopbackRedirect> {
    if (options.signal?.aborted) throw new LoginError('aborted', 'The EHR sign-in was cancelled.');
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // 127.0.0.1, not "localhost": RFC 8252 §8.3 (a name may resolve elsewhere or to ::1 only).
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const redirect = new LoopbackRedirect(server, `http://127.0.0.1:${port}${PATH}`, options.expectedState);
    server.on('request', (req, res) => redirect.handle(req, res));
    redirect.timer = setTimeout(
      () => redirect.finish(new LoginError('timeout', 'The EHR sign-in was not completed in time. Start it again.')),
      options.timeoutMs ?? 300_000,
    );
    options.signal?.addEventListener('abort', () => redirect.finish(new LoginError('aborted', 'The EHR sign-in was cancelled.')), { once: true });
    return redirect;
  }

  /** Ends the wait (e.g. the app quits); idempotent. */
  close(): void {
    this.finish(new LoginError('aborted', 'The EHR sign-in was cancelled.'));
  }

  get closed(): boolean {
    return this.settled;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Browsers also ask for /favicon.ico and the like: those do not count as the one hit.
    if (req.method !== 'GET' || url.pathname !== PATH || this.settled) {
      page(res, 404, 'Not found', 'This address is only used by Careline to finish an EHR sign-in.');
      return;
    }
    const state = url.searchParams.get('state') ?? '';
    if (!sameSecret(state, this.expectedState)) {
      // A response we did not ask for (a stale tab, or a forged link: RFC 6749 §10.12): refuse and end
      // this login rather than keep a door open; the agent starts again.
      page(res, 400, 'Sign-in refused', 'This sign-in response does not belong to the sign-in Careline started. Start the sign-in again from Careline.');
      this.finish(new LoginError('state-mismatch', 'The EHR sign-in response did not match the sign-in Careline started. Start it again.'));
      return;
    }
    const error = url.searchParams.get('error');
    if (error) {
      page(res, 200, 'Sign-in not completed', 'The EHR did not sign you in. You can close this window and return to Careline.');
      // The error code is from a fixed OAuth vocabulary (RFC 6749 §4.1.2.1); its description is free text and is not shown.
      const code = /^[a-z_]{1,40}$/.test(error) ? error : 'error';
      this.finish(new LoginError('denied', code === 'access_denied' ? 'The EHR sign-in was declined.' : `The EHR refused the sign-in (${code}).`));
      return;
    }
    const code = url.searchParams.get('code');
    if (!code) {
      page(res, 400, 'Sign-in not completed', 'The EHR sent no authorization code. You can close this window and return to Careline.');
      this.finish(new LoginError('invalid-callback', 'The EHR sent no authorization code. Start the sign-in again.'));
      return;
    }
    page(res, 200, 'Signed in', 'You can close this window and return to Careline.');
    this.finish({ code });
  }

  private finish(outcome: LoopbackResult | LoginError): void {
    if (this.settled) return;
    this.settled = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Let the answer to the browser go out, then drop every connection (keep-alive included).
    this.server.close();
    setImmediate(() => this.server.closeAllConnections());
    if (outcome instanceof LoginError) this.rejectResult(outcome);
    else this.resolveResult(outcome);
  }
}

/** Constant-time comparison of two secrets of any length (hashing equalises the lengths). */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length > 0 && b.length > 0;
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Careline: ${title}</title></head><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The page has no script; and the query (holding the code) is not sent on as a referrer.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  res.end(body);
}
