import type { Logger } from '../../log/logger';
import type { FhirAuth } from '../FhirClient';
import { isSameOrigin } from '../paging';
import { LoginError, LoopbackRedirect } from './LoopbackRedirect';
import { createPkcePair, createState } from './pkce';
import { type SmartConfiguration, discoverSmartConfiguration } from './smartConfiguration';

/**
 * The agent's EHR login: SMART App Launch 2.x standalone launch as a public native client (no secret),
 * authorization code + PKCE S256, loopback redirect (RFC 8252). Tokens live in this object's memory only;
 * the renderer learns a view (signed in as <display> / expired / needs login), never a token. Nothing here
 * logs a token, a code, a verifier or a state.
 */
export type EhrSessionState = 'signed-out' | 'signing-in' | 'signed-in' | 'expired' | 'not-needed';

export interface EhrSessionView {
  readonly state: EhrSessionState;
  /** The signed-in user's display name (from the fhirUser resource), never a token or an id. */
  readonly user: string | null;
  /** When the current access token expires (epoch ms); it is refreshed before then when possible. */
  readonly expiresAt: number | null;
  /** Why the last login failed or the session ended (agent-readable, no secrets); null otherwise. */
  readonly message: string | null;
}

/**
 * Where the signed-in person's refresh token is kept across restarts (the OS keychain: see
 * UserRefreshTokenVault), so a crash or an update restart does not send the agent back to the EHR login.
 * `user` is the display name shown in the status line (a clinician's name, not PHI).
 */
export interface RefreshTokenVault {
  load(): Promise<{ readonly refreshToken: string; readonly user: string | null } | null>;
  save(entry: { readonly refreshToken: string; readonly user: string | null }): Promise<void>;
  clear(): Promise<void>;
}

export const DEFAULT_SMART_SCOPE = 'openid fhirUser offline_access user/Patient.rs user/Coverage.rs user/Encounter.rs user/Encounter.c user/Practitioner.rs user/Organization.rs';

export interface SmartSessionOptions {
  readonly fhirBaseUrl: string;
  readonly clientId: string;
  readonly scope?: string;
  /** Opens the system browser (Electron's shell.openExternal): RFC 8252 §8.12, never an embedded view. */
  readonly openExternal: (url: string) => Promise<void> | void;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly loginTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Refresh this long before expiry at most; at least 20 % of the lifetime is left (short tokens). */
  readonly refreshLeadMs?: number;
  readonly vault?: RefreshTokenVault;
  readonly logger?: Logger;
  /** A known configuration (tests, managed settings); otherwise discovered from the FHIR base. */
  readonly configuration?: SmartConfiguration;
}

interface Tokens {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch ms, or null when the server did not say (then a 401 tells us). */
  expiresAt: number | null;
}

/** Requests made with a token this close to expiry could arrive too late; refresh first. */
const EXPIRY_SKEW_MS = 5_000;

export class SmartSession implements FhirAuth {
  private tokens: Tokens | null = null;
  private state: EhrSessionState = 'signed-out';
  private user: string | null = null;
  private message: string | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private refreshing: Promise<boolean> | null = null;
  private signingIn: Promise<EhrSessionView> | null = null;
  private resuming: Promise<EhrSessionView> | null = null;
  private loginAbort: AbortController | null = null;
  private configuration: SmartConfiguration | null;
  private readonly listeners = new Set<(view: EhrSessionView) => void>();
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly base: string;

  constructor(private readonly options: SmartSessionOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.base = options.fhirBaseUrl.replace(/\/+$/, '');
    this.configuration = options.configuration ?? null;
  }

  view(): EhrSessionView {
    return { state: this.state, user: this.user, expiresAt: this.state === 'signed-in' ? (this.tokens?.expiresAt ?? null) : null, message: this.message };
  }

  onChange(listener: (view: EhrSessionView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts a login in the system browser and resolves once signed in; a second call joins the first. */
  signIn(signal?: AbortSignal): Promise<EhrSessionView> {
    this.signingIn ??= this.loginUnlessResumed(signal).finally(() => {
      this.signingIn = null;
      this.loginAbort = null;
    });
    return this.signingIn;
  }

  /**
   * Resumes the login saved in the vault (after a restart): one refresh-token grant, no browser. A refused
   * token is forgotten and the agent is asked to sign in; an unreachable EHR leaves it for the next try.
   * Joins (and is joined by) a sign-in in progress.
   */
  resume(): Promise<EhrSessionView> {
    if (this.signingIn) return this.signingIn;
    if (this.tokens || !this.options.vault) return Promise.resolve(this.view());
    this.resuming ??= this.restore().finally(() => {
      this.resuming = null;
    });
    return this.resuming;
  }

  /** A sign-in asked for while a resume runs waits for it, and opens the browser only if it did not work. */
  private async loginUnlessResumed(signal?: AbortSignal): Promise<EhrSessionView> {
    if (this.resuming && (await this.resuming).state === 'signed-in') return this.view();
    return this.login(signal);
  }

  /** FhirAuth: the bearer header, refreshing first when the token is (about to be) expired. */
  async authorization(): Promise<string | null> {
    if (!this.tokens) return null;
    if (this.tokens.expiresAt !== null && this.tokens.expiresAt - EXPIRY_SKEW_MS <= this.now()) {
      if (!(await this.refresh())) return null;
    }
    return this.tokens ? `Bearer ${this.tokens.accessToken}` : null;
  }

  /**
   * FhirAuth: a 401 means the server no longer takes this token (revoked, or expired early). With a refresh
   * token we refresh now and tell the client to try once more; several requests rejected together share one
   * refresh, and a request rejected with a token already replaced just retries with the new one.
   */
  async unauthorized(rejected: string | null = null): Promise<boolean> {
    if (!this.tokens) return false;
    if (rejected !== null && rejected !== `Bearer ${this.tokens.accessToken}`) return true;
    if (!this.tokens.refreshToken) {
      this.expire();
      return false;
    }
    return this.refresh();
  }

  /** Refreshes now (single-flight). True when a fresh access token is in hand. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Forget the tokens at once, then revoke them at the server when it offers revocation (RFC 7009). */
  async signOut(): Promise<void> {
    this.loginAbort?.abort();
    const tokens = this.tokens;
    this.clearTokens();
    this.user = null;
    this.message = null;
    this.setState('signed-out', true);
    await this.options.vault?.clear().catch(() => undefined);
    const endpoint = this.configuration?.revocationEndpoint;
    if (!tokens || !endpoint) return;
    // Refresh token first: revoking it usually revokes the access tokens issued from it as well.
    for (const [token, hint] of [
      [tokens.refreshToken, 'refresh_token'],
      [tokens.accessToken, 'access_token'],
    ] as const) {
      if (!token) continue;
      try {
        const response = await this.post(endpoint, { token, token_type_hint: hint, client_id: this.options.clientId });
        if (!response.ok) this.options.logger?.log('warn', 'ehr.revoke-refused', { status: response.status });
      } catch {
        this.options.logger?.log('warn', 'ehr.revoke-failed', { hint });
      }
    }
  }

  /** Stops timers and any login in progress (app exit); the tokens are simply dropped with the process. */
  dispose(): void {
    this.loginAbort?.abort();
    this.clearTokens();
    this.listeners.clear();
  }

  private async login(signal?: AbortSignal): Promise<EhrSessionView> {
    this.loginAbort = new AbortController();
    const abort = signal ? AbortSignal.any([signal, this.loginAbort.signal]) : this.loginAbort.signal;
    const previous = this.state;
    this.message = null;
    this.setState('signing-in');
    let redirect: LoopbackRedirect | null = null;
    try {
      const config = await this.discover(abort);
      if (config.codeChallengeMethods.length > 0 && !config.codeChallengeMethods.includes('S256')) {
        throw new LoginError('discovery', 'The EHR does not offer PKCE with S256, which Careline requires for a secure sign-in.');
      }
      const pkce = createPkcePair();
      const state = createState();
      redirect = await LoopbackRedirect.start({ expectedState: state, timeoutMs: this.options.loginTimeoutMs, signal: abort });
      const url = new URL(config.authorizationEndpoint);
      for (const [key, value] of Object.entries({
        response_type: 'code',
        client_id: this.options.clientId,
        redirect_uri: redirect.redirectUri,
        scope: this.options.scope ?? DEFAULT_SMART_SCOPE,
        state,
        aud: this.base,
        code_challenge: pkce.challenge,
        code_challenge_method: pkce.method,
      })) {
        url.searchParams.set(key, value);
      }
      try {
        await this.options.openExternal(url.toString());
      } catch {
        throw new LoginError('aborted', 'Careline could not open the browser for the EHR sign-in.');
      }
      const { code } = await redirect.result;
      let tokens: Awaited<ReturnType<SmartSession['tokenRequest']>>;
      try {
        tokens = await this.tokenRequest(
          { grant_type: 'authorization_code', code, redirect_uri: redirect.redirectUri, client_id: this.options.clientId, code_verifier: pkce.verifier },
          'token',
        );
      } catch (error) {
        if (error instanceof LoginError) throw error;
        throw new LoginError('token', 'Careline could not reach the EHR to finish the sign-in. Try again.');
      }
      // Signed out (or the app closed) while the code was being exchanged: do not keep what arrived.
      if (abort.aborted) throw new LoginError('aborted', 'The EHR sign-in was cancelled.');
      // The name first, so the vault saves it with the token (the status line after a restart).
      this.user = await this.resolveUser(tokens.fhirUser, tokens.tokens.accessToken);
      if (abort.aborted) throw new LoginError('aborted', 'The EHR sign-in was cancelled.');
      this.accept(tokens.tokens);
      this.message = null;
      this.setState('signed-in');
      this.options.logger?.log('info', 'ehr.signed-in', { refreshable: tokens.tokens.refreshToken !== null });
      return this.view();
    } catch (error) {
      const failure = error instanceof LoginError ? error : new LoginError('discovery', 'The EHR sign-in could not be completed. Try again.');
      // A sign-out during the login has already set the state; otherwise go back to where we were, saying why.
      if (this.state === 'signing-in') {
        this.message = failure.message;
        this.setState(previous === 'signed-in' && this.tokens ? 'signed-in' : previous === 'expired' ? 'expired' : 'signed-out', true);
      }
      this.options.logger?.log('warn', 'ehr.sign-in-failed', { kind: failure.kind });
      throw failure;
    } finally {
      redirect?.close();
    }
  }

  private async restore(): Promise<EhrSessionView> {
    const vault = this.options.vault;
    const saved = await vault?.load().catch(() => null);
    if (!vault || !saved || this.tokens) return this.view();
    const previous = this.state;
    this.message = null;
    this.setState('signing-in');
    try {
      await this.discover(AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000));
      const result = await this.tokenRequest({ grant_type: 'refresh_token', refresh_token: saved.refreshToken, client_id: this.options.clientId }, 'refresh');
      if (this.state !== 'signing-in') return this.view(); // signed out meanwhile: keep nothing
      this.user = saved.user ?? (await this.resolveUser(result.fhirUser, result.tokens.accessToken));
      this.accept({ ...result.tokens, refreshToken: result.tokens.refreshToken ?? saved.refreshToken });
      this.setState('signed-in');
      this.options.logger?.log('info', 'ehr.session-resumed', {});
    } catch (error) {
      if (this.state !== 'signing-in') return this.view();
      if (error instanceof LoginError && error.kind === 'refresh') {
        // The EHR ended that session (revoked, expired): forget it and ask for a fresh login.
        await vault.clear().catch(() => undefined);
        this.message = 'Your saved EHR sign-in has ended. Sign in to the EHR again.';
      } else {
        this.message = 'Careline could not reach the EHR to resume your sign-in. Sign in to the EHR again.';
      }
      this.setState(previous === 'signing-in' ? 'signed-out' : previous, true);
      this.options.logger?.log('warn', 'ehr.resume-failed', { refused: error instanceof LoginError && error.kind === 'refresh' });
    }
    return this.view();
  }

  private async discover(signal: AbortSignal): Promise<SmartConfiguration> {
    this.configuration ??= await discoverSmartConfiguration(this.base, { fetch: this.fetchImpl, signal, timeoutMs: this.options.requestTimeoutMs });
    return this.configuration;
  }

  private async doRefresh(): Promise<boolean> {
    const refreshToken = this.tokens?.refreshToken;
    const config = this.configuration;
    if (!refreshToken || !config) {
      this.expire();
      return false;
    }
    try {
      const result = await this.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: this.options.clientId }, 'refresh');
      if (!this.tokens || this.tokens.refreshToken !== refreshToken) return this.tokens !== null; // signed out meanwhile
      // Servers may rotate the refresh token; when they do not send one, the old one stays valid.
      this.accept({ ...result.tokens, refreshToken: result.tokens.refreshToken ?? refreshToken });
      this.setState('signed-in', true);
      return true;
    } catch (error) {
      if (error instanceof LoginError && error.kind === 'refresh') {
        // The server refused the refresh token (invalid_grant: revoked, expired, session ended): log in again.
        this.expire();
        return false;
      }
      // Network trouble: keep the token while it lasts and try again shortly.
      this.options.logger?.log('warn', 'ehr.refresh-failed', { transient: true });
      const tokens = this.tokens;
      if (tokens?.expiresAt !== null && tokens?.expiresAt !== undefined && tokens.expiresAt > this.now()) {
        this.schedule(Math.min(5_000, Math.max(0, tokens.expiresAt - this.now() - EXPIRY_SKEW_MS)));
        return true;
      }
      if (tokens) this.schedule(5_000);
      return false;
    }
  }

  private accept(tokens: Tokens): void {
    this.tokens = tokens;
    if (tokens.refreshToken) void this.options.vault?.save({ refreshToken: tokens.refreshToken, user: this.user }).catch(() => undefined);
    if (tokens.expiresAt === null || !tokens.refreshToken) {
      this.clearTimer();
      return;
    }
    const lifetime = tokens.expiresAt - this.now();
    const lead = Math.min(this.options.refreshLeadMs ?? 60_000, lifetime * 0.2);
    this.schedule(Math.max(0, lifetime - lead));
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, delayMs);
    this.refreshTimer.unref?.();
  }

  private expire(): void {
    this.clearTokens();
    this.message = 'The EHR session ended. Sign in to the EHR again.';
    this.setState('expired');
    this.options.logger?.log('info', 'ehr.session-expired', {});
  }

  private clearTokens(): void {
    this.clearTimer();
    this.tokens = null;
  }

  private clearTimer(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  private setState(state: EhrSessionState, force = false): void {
    if (state === this.state && !force) return;
    this.state = state;
    const view = this.view();
    for (const listener of this.listeners) listener(view);
  }

  private post(endpoint: string, form: Record<string, string>): Promise<Response> {
    return this.fetchImpl(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000),
    });
  }

  /** The token endpoint (RFC 6749 §4.1.3, §6); a refusal becomes a LoginError naming only the OAuth error code. */
  private async tokenRequest(form: Record<string, string>, kind: 'token' | 'refresh'): Promise<{ tokens: Tokens; fhirUser: string | null }> {
    const config = this.configuration;
    if (!config) throw new LoginError('discovery', 'The EHR sign-in is not configured.');
    let response: Response;
    try {
      response = await this.post(config.tokenEndpoint, form);
    } catch {
      throw new Error('token endpoint unreachable'); // transient: not a LoginError, see doRefresh
    }
    let json: Record<string, unknown> = {};
    try {
      json = (await response.json()) as Record<string, unknown>;
    } catch {
      // an empty or non-JSON body: judged by the status below
    }
    if (!response.ok) {
      if (response.status >= 500 || response.status === 429) throw new Error(`token endpoint HTTP ${response.status}`);
      const code = typeof json.error === 'string' && /^[a-z_]{1,40}$/.test(json.error) ? json.error : `HTTP ${response.status}`;
      throw new LoginError(
        kind,
        kind === 'refresh' ? `The EHR session ended (${code}). Sign in to the EHR again.` : `The EHR refused the sign-in (${code}). Start the sign-in again.`,
      );
    }
    const accessToken = json.access_token;
    if (typeof accessToken !== 'string' || !accessToken || (typeof json.token_type === 'string' && json.token_type.toLowerCase() !== 'bearer')) {
      throw new LoginError(kind, 'The EHR sent a sign-in answer Careline cannot use (no bearer access token).');
    }
    const expiresIn = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : null;
    const claims = decodeJwtPayload(json.id_token);
    const fhirUser = typeof claims?.fhirUser === 'string' ? claims.fhirUser : typeof json.fhirUser === 'string' ? json.fhirUser : null;
    return {
      tokens: {
        accessToken,
        refreshToken: typeof json.refresh_token === 'string' && json.refresh_token ? json.refresh_token : null,
        expiresAt: expiresIn === null ? null : this.now() + expiresIn * 1000,
      },
      fhirUser,
    };
  }

  /**
   * The user's display name from the fhirUser resource (Practitioner, PractitionerRole, Person…). Only
   * fetched from the FHIR server's own origin (it carries the token); any failure leaves a neutral label.
   */
  private async resolveUser(fhirUser: string | null, accessToken: string): Promise<string> {
    const fallback = 'EHR user';
    if (!fhirUser) return fallback;
    const url = /^https?:\/\//.test(fhirUser) ? fhirUser : `${this.base}/${fhirUser.replace(/^\/+/, '')}`;
    if (!isSameOrigin(url, this.base)) return fallback;
    try {
      const response = await this.fetchImpl(url, {
        headers: { accept: 'application/fhir+json', authorization: `Bearer ${accessToken}` },
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000),
      });
      if (!response.ok) return fallback;
      return displayName(await response.json()) ?? fallback;
    } catch {
      return fallback;
    }
  }
}

/**
 * The claims of an id_token, for display only. Not verified: nothing is authorized on them (the FHIR
 * server checks the access token on every request); they only tell us which fhirUser resource to read.
 */
export function decodeJwtPayload(token: unknown): Record<string, unknown> | null {
  if (typeof token !== 'string') return null;
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function displayName(resource: unknown): string | null {
  const r = resource as { name?: unknown } | null;
  if (!r) return null;
  if (typeof r.name === 'string') return r.name.slice(0, 120) || null;
  if (!Array.isArray(r.name)) return null;
  const n = (r.name as { text?: string; given?: string[]; family?: string; prefix?: string[] }[])[0];
  if (!n) return null;
  const text = n.text ?? [n.prefix?.join(' '), n.given?.join(' '), n.family].filter(Boolean).join(' ');
  return text.trim().slice(0, 120) || null;
}
