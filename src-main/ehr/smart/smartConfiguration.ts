import type { CapabilityStatement, Extension } from '@medplum/fhirtypes';
import { LoginError } from './LoopbackRedirect';

/**
 * Where to log in: SMART App Launch 2.x discovery, GET [base]/.well-known/smart-configuration, with the
 * older CapabilityStatement.rest.security extension (oauth-uris: authorize, token, revoke…) as fallback for
 * servers that predate it.
 */
export interface SmartConfiguration {
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly revocationEndpoint: string | null;
  readonly codeChallengeMethods: readonly string[];
  readonly capabilities: readonly string[];
  readonly source: 'well-known' | 'metadata';
}

export const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

export async function discoverSmartConfiguration(
  fhirBaseUrl: string,
  options: { fetch?: typeof fetch; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<SmartConfiguration> {
  const fetchImpl = options.fetch ?? fetch;
  const base = fhirBaseUrl.replace(/\/+$/, '');
  const get = async (url: string, accept: string): Promise<unknown> => {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
    const response = await fetchImpl(url, { headers: { accept }, signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout });
    if (!response.ok) return null;
    try {
      return await response.json();
    } catch {
      return null;
    }
  };

  try {
    const wellKnown = fromWellKnown(await get(`${base}/.well-known/smart-configuration`, 'application/json'));
    if (wellKnown) return wellKnown;
    const metadata = fromCapabilityStatement(await get(`${base}/metadata`, 'application/fhir+json'));
    if (metadata) return metadata;
  } catch (error) {
    if (options.signal?.aborted) throw new LoginError('aborted', 'The EHR sign-in was cancelled.');
    throw new LoginError('discovery', `Careline cannot reach the EHR to start the sign-in (${error instanceof Error && error.name === 'TimeoutError' ? 'no answer in time' : 'network error'}).`);
  }
  throw new LoginError('discovery', 'The EHR does not advertise SMART on FHIR sign-in (no .well-known/smart-configuration nor OAuth URIs in its capability statement). Check the EHR configuration.');
}

function url(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed = new URL(value);
    // Codes and tokens travel to these endpoints: TLS, except on this machine (test servers, local proxies).
    const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost' || parsed.hostname === '[::1]';
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback) ? parsed.toString() : null;
  } catch {
    return null;
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function fromWellKnown(json: unknown): SmartConfiguration | null {
  if (!json || typeof json !== 'object') return null;
  const doc = json as Record<string, unknown>;
  const authorizationEndpoint = url(doc.authorization_endpoint);
  const tokenEndpoint = url(doc.token_endpoint);
  if (!authorizationEndpoint || !tokenEndpoint) return null;
  return {
    authorizationEndpoint,
    tokenEndpoint,
    revocationEndpoint: url(doc.revocation_endpoint),
    codeChallengeMethods: strings(doc.code_challenge_methods_supported),
    capabilities: strings(doc.capabilities),
    source: 'well-known',
  };
}

export function fromCapabilityStatement(json: unknown): SmartConfiguration | null {
  if (!json || typeof json !== 'object' || (json as { resourceType?: unknown }).resourceType !== 'CapabilityStatement') return null;
  const statement = json as CapabilityStatement;
  for (const rest of statement.rest ?? []) {
    const extensions: Extension[] = rest.security?.extension ?? [];
    const oauth = extensions.find((e) => e.url === OAUTH_URIS);
    if (!oauth) continue;
    const uri = (name: string): string | null => url(oauth.extension?.find((e) => e.url === name)?.valueUri);
    const authorizationEndpoint = uri('authorize');
    const tokenEndpoint = uri('token');
    if (!authorizationEndpoint || !tokenEndpoint) continue;
    // The legacy extension cannot say whether S256 is supported; SMART 2.x requires it, so we send it anyway.
    return { authorizationEndpoint, tokenEndpoint, revocationEndpoint: uri('revoke'), codeChallengeMethods: [], capabilities: [], source: 'metadata' };
  }
  return null;
}
