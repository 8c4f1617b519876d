import { afterEach, describe, expect, it } from 'vitest';
import { FhirClient, FhirError } from '../../src-main/ehr/FhirClient';
import { LoginError } from '../../src-main/ehr/smart/LoopbackRedirect';
import { type EhrSessionView, SmartSession } from '../../src-main/ehr/smart/SmartSession';
import type { LogFields, Logger } from '../../src-main/log/logger';
import { type SmartAuthServer, startSmartAuthServer } from '../support/smartAuthServer';

let peer: SmartAuthServer | null = null;
let session: SmartSession | null = null;

afterEach(async () => {
  session?.dispose();
  session = null;
  await peer?.stop();
  peer = null;
});

/** Plays the system browser: follows the authorization server's redirect to our loopback listener. */
function browser(pages: string[] = []): (url: string) => Promise<void> {
  return async (url) => {
    const approved = await fetch(url, { redirect: 'manual' });
    const location = approved.headers.get('location');
    if (!location) throw new Error(`authorize answered ${approved.status} without a redirect`);
    const landing = await fetch(location);
    pages.push(await landing.text());
  };
}

function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (level, event, fields?: LogFields) => lines.push(JSON.stringify({ level, event, fields })) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SMART standalone login (public client, PKCE, loopback redirect)', () => {
  it('signs in through the browser, sends the bearer, refreshes before expiry and signs out with revocation', async () => {
    peer = await startSmartAuthServer({ accessTokenSeconds: 2 });
    const pages: string[] = [];
    const logger = capturingLogger();
    const views: EhrSessionView[] = [];
    session = new SmartSession({ fhirBaseUrl: peer.fhirBaseUrl, clientId: 'careline-test', scope: 'openid fhirUser offline_access user/Patient.rs', openExternal: browser(pages), logger });
    session.onChange((v) => views.push(v));

    const view = await session.signIn();
    expect(view).toMatchObject({ state: 'signed-in', user: 'Dr. Ada Okafor' });
    expect(view.expiresAt).toBeGreaterThan(Date.now());
    expect(views.map((v) => v.state)).toEqual(['signing-in', 'signed-in']);
    expect(pages[0]).toContain('You can close this window and return to Careline');

    // What the authorize request carried (SMART App Launch 2.x, RFC 7636, RFC 8252).
    const q = peer.lastAuthorize!;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('careline-test');
    expect(q.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')!.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    expect(q.get('aud')).toBe(peer.fhirBaseUrl);
    expect(q.get('scope')).toBe('openid fhirUser offline_access user/Patient.rs');
    // The one-shot listener is gone once the code arrived.
    await expect(fetch(q.get('redirect_uri')!)).rejects.toThrow();

    const fhir = new FhirClient({ baseUrl: peer.fhirBaseUrl, auth: session });
    await fhir.search('Patient', { family: 'x' });
    expect(peer.log.filter((l) => l.path === '/fhir/Patient').every((l) => l.authorized)).toBe(true);
    const firstTokens = new Set(peer.liveAccessTokens);

    // The 2 s token is refreshed in the background (at 80 % of its life), before it expires.
    await sleep(2_300);
    expect(peer.log.filter((l) => l.grant === 'refresh_token').length).toBeGreaterThanOrEqual(1);
    expect([...peer.liveAccessTokens].some((t) => !firstTokens.has(t))).toBe(true);
    await fhir.search('Patient', { family: 'x' });
    expect(peer.log.filter((l) => l.path === '/fhir/Patient').every((l) => l.authorized)).toBe(true);
    expect(session.view().state).toBe('signed-in');

    // Many requests wanting a fresh token at once: one refresh (single flight).
    const before = peer.log.filter((l) => l.grant === 'refresh_token').length;
    void session.unauthorized();
    await Promise.all([fhir.search('Patient', {}), fhir.search('Patient', {}), fhir.search('Patient', {})]);
    expect(peer.log.filter((l) => l.grant === 'refresh_token').length).toBe(before + 1);

    const liveBeforeSignOut = [...peer.liveAccessTokens, ...peer.liveRefreshTokens];
    await session.signOut();
    expect(session.view()).toEqual({ state: 'signed-out', user: null, expiresAt: null, message: null });
    expect(peer.log.filter((l) => l.path === '/auth/revoke').map((l) => l.hint)).toEqual(['refresh_token', 'access_token']);
    expect(peer.liveRefreshTokens.size).toBe(0);
    expect(await session.authorization()).toBeNull();
    const refused = (await fhir.search('Patient', {}).catch((e: unknown) => e)) as FhirError;
    expect(refused).toBeInstanceOf(FhirError);
    expect(refused.message).toMatch(/HTTP 401.*Sign in to the EHR again\./);

    // No token, code, verifier or state in any log line, nor in what the renderer sees.
    const secrets = [...liveBeforeSignOut, q.get('state')!, q.get('code_challenge')!];
    for (const line of [...logger.lines, ...views.map((v) => JSON.stringify(v))]) {
      for (const secret of secrets) expect(line).not.toContain(secret);
    }
  }, 20_000);

  it('refuses the code when the PKCE verifier does not match, with a clear error', async () => {
    peer = await startSmartAuthServer();
    // A token request whose verifier was swapped on the way (what an attacker holding only the code sends).
    const tampering: typeof fetch = (input, init) => {
      if (String(input).endsWith('/auth/token') && typeof init?.body === 'string') {
        const form = new URLSearchParams(init.body);
        form.set('code_verifier', 'x'.repeat(43));
        return fetch(input, { ...init, body: form.toString() });
      }
      return fetch(input, init);
    };
    session = new SmartSession({ fhirBaseUrl: peer.fhirBaseUrl, clientId: 'careline-test', openExternal: browser(), fetch: tampering });
    const error = (await session.signIn().catch((e: unknown) => e)) as LoginError;
    expect(error).toBeInstanceOf(LoginError);
    expect(error.kind).toBe('token');
    expect(error.message).toBe('The EHR refused the sign-in (invalid_grant). Start the sign-in again.');
    expect(session.view()).toMatchObject({ state: 'signed-out', message: 'The EHR refused the sign-in (invalid_grant). Start the sign-in again.' });
    expect(await session.authorization()).toBeNull();
  });

  it('finds the endpoints in the capability statement when there is no .well-known/smart-configuration', async () => {
    peer = await startSmartAuthServer({ wellKnown: false, revocation: false });
    session = new SmartSession({ fhirBaseUrl: peer.fhirBaseUrl, clientId: 'careline-test', openExternal: browser() });
    expect((await session.signIn()).state).toBe('signed-in');
    expect(peer.log.map((l) => l.path)).toContain('/fhir/metadata');
    // No revocation endpoint advertised: sign-out just forgets.
    await session.signOut();
    expect(peer.log.some((l) => l.path === '/auth/revoke')).toBe(false);
    expect(session.view().state).toBe('signed-out');
  });

  it('refreshes and sends again when the EHR drops an access token early, one refresh for many requests', async () => {
    peer = await startSmartAuthServer({ accessTokenSeconds: 60 });
    session = new SmartSession({ fhirBaseUrl: peer.fhirBaseUrl, clientId: 'careline-test', openExternal: browser() });
    await session.signIn();
    const fhir = new FhirClient({ baseUrl: peer.fhirBaseUrl, auth: session });
    peer.revokeAccessTokens();
    // Three requests refused at once share one refresh and each is sent once more with the fresh token, so
    // neither the agent nor the outbox ever sees this 401.
    await Promise.all([fhir.search('Patient', {}), fhir.search('Patient', {}), fhir.search('Patient', {})]);
    expect(peer.log.filter((l) => l.grant === 'refresh_token')).toHaveLength(1);
    expect(peer.log.filter((l) => l.path === '/fhir/Patient').map((l) => l.authorized).sort()).toEqual([false, false, false, true, true, true]);
    expect(session.view().state).toBe('signed-in');
  });

  it('says "expired" when the EHR refuses the refresh token (session ended at the EHR)', async () => {
    peer = await startSmartAuthServer({ accessTokenSeconds: 60 });
    session = new SmartSession({ fhirBaseUrl: peer.fhirBaseUrl, clientId: 'careline-test', openExternal: browser() });
    await session.signIn();
    peer.revokeAll();
    const fhir = new FhirClient({ baseUrl: peer.fhirBaseUrl, auth: session });
    // The 401 triggers a refresh, which the EHR refuses: no retry, the session is over.
    await expect(fhir.search('Patient', {})).rejects.toMatchObject({ status: 401 });
    expect(peer.log.filter((l) => l.path === '/fhir/Patient')).toHaveLength(1);
    expect(session.view()).toEqual({ state: 'expired', user: 'Dr. Ada Okafor', expiresAt: null, message: 'The EHR session ended. Sign in to the EHR again.' });
    expect(await session.authorization()).toBeNull();
  });

  it('cancels a login in progress on sign-out, closing the listener', async () => {
    peer = await startSmartAuthServer();
    let redirectUri = '';
    let opened!: () => void;
    const browserOpened = new Promise<void>((r) => (opened = r));
    session = new SmartSession({
      fhirBaseUrl: peer.fhirBaseUrl,
      clientId: 'careline-test',
      openExternal: (url) => {
        redirectUri = new URL(url).searchParams.get('redirect_uri')!;
        opened();
      },
    });
    const login = session.signIn();
    const joined = session.signIn(); // a second click joins the same login
    await browserOpened;
    expect(session.view().state).toBe('signing-in');
    await session.signOut();
    await expect(login).rejects.toMatchObject({ kind: 'aborted' });
    await expect(joined).rejects.toMatchObject({ kind: 'aborted' });
    expect(session.view().state).toBe('signed-out');
    await expect(fetch(redirectUri)).rejects.toThrow();
    expect(peer.log.filter((l) => l.path === '/auth/authorize')).toHaveLength(0);
  });

  it('gives up when the browser never comes back, and closes the listener', async () => {
    peer = await startSmartAuthServer();
    let redirectUri = '';
    session = new SmartSession({
      fhirBaseUrl: peer.fhirBaseUrl,
      clientId: 'careline-test',
      loginTimeoutMs: 300,
      openExternal: (url) => {
        redirectUri = new URL(url).searchParams.get('redirect_uri')!;
      },
    });
    await expect(session.signIn()).rejects.toMatchObject({ kind: 'timeout' });
    await expect(fetch(redirectUri)).rejects.toThrow();
    expect(session.view().state).toBe('signed-out');
  });
});
