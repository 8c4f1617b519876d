import type { Bundle, CapabilityStatement, OperationOutcome, Parameters, Resource } from '@medplum/fhirtypes';
import { describeHttpFailure, isOperationOutcome, outcomeSummary } from './operationOutcome';
import { PagingError, collectPages, isSameOrigin } from './paging';

export type FhirErrorKind = 'unreachable' | 'timeout' | 'http' | 'invalid-response';

/** A failed EHR call, with a message an agent can act on (no PHI: it names the operation, not the patient). */
export class FhirError extends Error {
  constructor(
    readonly kind: FhirErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly outcome: OperationOutcome | null = null,
    /** The server's Retry-After (429, 503), in ms from when the answer came; null when it sent none. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'FhirError';
  }

  /** Worth retrying later: the EHR was down, slow or overloaded, not a request it will always refuse. */
  get transient(): boolean {
    return this.kind !== 'http' || this.status === null || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export interface FhirClientOptions {
  readonly baseUrl: string;
  readonly timeoutMs?: number;
  /** Authorization and other headers, asked for on every request so tokens can rotate. */
  readonly headers?: () => Record<string, string>;
  /** Asked for the Authorization header value before every request (SMART, bearer, basic); see ehr/smart. */
  readonly auth?: FhirAuth;
  readonly fetch?: typeof fetch;
}

/** Supplies credentials per request, so tokens can be refreshed behind the client's back. */
export interface FhirAuth {
  /** The Authorization header value ("Bearer …", "Basic …"), or null to send none. */
  authorization(signal?: AbortSignal): Promise<string | null>;
  /**
   * The server answered 401 to `rejected` (the header value sent): the credentials are no longer accepted.
   * Resolves true when fresh credentials are now in hand (a refreshed token), so the request is worth one
   * more try; false (or nothing) when the session is over and shows "expired".
   */
  unauthorized?(rejected: string | null): Promise<boolean> | boolean | void;
}

/**
 * A small FHIR R4 REST client for main. It speaks plain HTTP(S) with JSON, turns OperationOutcome into
 * FhirError and bounds every call in time.
 */
export class FhirClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: FhirClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  get base(): string {
    return this.baseUrl;
  }

  capabilities(signal?: AbortSignal): Promise<CapabilityStatement> {
    return this.request<CapabilityStatement>('GET', 'metadata', undefined, {}, signal);
  }

  read<T extends Resource>(resourceType: T['resourceType'], id: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', `${resourceType}/${encodeURIComponent(id)}`, undefined, {}, signal);
  }

  /** Search, following `next` links up to `maxPages`. Returns the matched resources (not included ones). */
  async search<T extends Resource>(
    resourceType: T['resourceType'],
    params: Record<string, string>,
    options: { maxPages?: number; signal?: AbortSignal } = {},
  ): Promise<T[]> {
    const bundle = await this.searchBundle(resourceType, params, options);
    return (bundle.entry ?? [])
      .filter((e) => e.search?.mode !== 'include' && e.resource?.resourceType === resourceType)
      .map((e) => e.resource as T);
  }

  /** Search returning every entry (matches and `_include`d resources), following `next` links. */
  async searchBundle(
    resourceType: string,
    params: Record<string, string>,
    options: { maxPages?: number; signal?: AbortSignal } = {},
  ): Promise<Bundle> {
    const query = new URLSearchParams(params).toString();
    const first = await this.request<Bundle>('GET', `${resourceType}${query ? `?${query}` : ''}`, undefined, {}, options.signal);
    try {
      const paged = await collectPages(first, (url) => this.request<Bundle>('GET', url, undefined, {}, options.signal), {
        base: this.baseUrl,
        maxPages: options.maxPages,
        signal: options.signal,
      });
      return paged.bundle;
    } catch (error) {
      if (error instanceof PagingError) throw new FhirError('invalid-response', error.message);
      throw error;
    }
  }

  /** A type-level operation, e.g. POST Patient/$match with a Parameters resource. */
  operation<T extends Resource>(resourceType: string, name: string, parameters: Parameters, signal?: AbortSignal): Promise<T> {
    return this.request<T>('POST', `${resourceType}/$${name.replace(/^\$/, '')}`, parameters, {}, signal);
  }

  /** POST a transaction (or batch) Bundle to the base. */
  transaction(bundle: Bundle, signal?: AbortSignal): Promise<Bundle> {
    return this.request<Bundle>('POST', '', bundle, {}, signal);
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body: unknown,
    extraHeaders: Record<string, string>,
    signal?: AbortSignal,
    afterRefresh = false,
  ): Promise<T> {
    const url = /^https?:\/\//.test(path) ? path : path ? `${this.baseUrl}/${path}` : this.baseUrl;
    const what = describe(method, path);
    // Credentials go to the configured server only, whatever URL a response pointed us to.
    if (!isSameOrigin(url, this.baseUrl)) throw new FhirError('invalid-response', `Careline does not send EHR requests to another server (${what}).`);
    const authorization = this.options.auth ? await this.options.auth.authorization(signal) : null;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: {
          accept: 'application/fhir+json',
          ...(body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
          ...this.options.headers?.(),
          ...(authorization ? { authorization } : {}),
          ...extraHeaders,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: combined,
      });
    } catch (error) {
      if (timeout.aborted) throw new FhirError('timeout', `The EHR did not answer within ${Math.round(this.timeoutMs / 1000)} s (${what}).`);
      if (signal?.aborted) throw error;
      throw new FhirError('unreachable', `The EHR cannot be reached (${what}). Check the network or the EHR status.`);
    }
    let json: unknown;
    try {
      const text = await response.text();
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new FhirError('invalid-response', `The EHR sent a response Careline cannot read (${what}, HTTP ${response.status}).`, response.status);
    }
    if (!response.ok) {
      const outcome = isOperationOutcome(json) ? json : null;
      if (response.status === 401 && this.options.auth?.unauthorized) {
        // A 401 is answered before the server does anything, so even a transaction may be sent again: once,
        // and only when the session says it now holds fresh credentials (a token revoked or expired early).
        const fresh = await this.options.auth.unauthorized(authorization);
        if (fresh === true && !afterRefresh && !signal?.aborted) return this.request<T>(method, path, body, extraHeaders, signal, true);
      }
      throw new FhirError('http', describeHttpFailure(response.status, outcome, what), response.status, outcome, parseRetryAfter(response.headers.get('retry-after')));
    }
    if (json === undefined || typeof json !== 'object') {
      throw new FhirError('invalid-response', `The EHR sent an empty or non-FHIR response (${what}).`, response.status);
    }
    return json as T;
  }
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function describe(method: string, path: string): string {
  if (!path) return `${method === 'POST' ? 'a transaction' : 'the base'}`;
  const type = path.replace(/^https?:\/\/[^/]+/, '').split(/[/?]/).filter(Boolean)[0] ?? path;
  if (type === 'metadata') return 'the capability statement';
  return `${method === 'GET' ? 'reading' : 'writing'} ${type}`;
}

/** OperationOutcome issue text, trimmed and stripped of echoed values (the PHI rule is in operationOutcome.ts). */
export function outcomeText(outcome: OperationOutcome): string {
  return outcomeSummary(outcome);
}
