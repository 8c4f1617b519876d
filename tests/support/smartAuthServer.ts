/**
 * TEST PEER — not production code and not a real authorization server.
 *
 * A tiny SMART on FHIR authorization server plus a protected FHIR endpoint, on loopback, for the SMART login
 * tests. /authorize auto-approves (no user interaction) and redirects to the client's redirect_uri with a
 * code; /token checks client_id, redirect_uri and the PKCE verifier (S256) and issues short-lived access
 * tokens and refresh tokens (rotated on refresh); /revoke forgets a token (RFC 7009). The FHIR side answers
 * /metadata openly and everything else only with a live bearer token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmartAuthServerOptions {
  readonly clientId?: string;
  /** Access token lifetime in seconds. */
  readonly accessTokenSeconds?: number;
  /** Serve .well-known/smart-configuration (else only the /metadata oauth-uris extension). */
  readonly wellKnown?: boolean;
  readonly revocation?: boolean;
}

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
}

export interface SmartAuthServer {
  readonly fhirBaseUrl: string;
  readonly origin: string;
  /** Every request the peer saw, minus secrets: method, path and grant type (for assertions). */
  readonly log: { method: string; path: string; grant?: string; authorized?: boolean; hint?: string }[];
  readonly liveAccessTokens: ReadonlySet<string>;
  readonly liveRefreshTokens: ReadonlySet<string>;
  /** The last authorize request's query, for checking what the client sent. */
  lastAuthorize: URLSearchParams | null;
  /** Revoke every token server-side (an administrator ending the session). */
  revokeAll(): void;
  /** Forgets every access token but keeps refresh tokens (a token revoked or expired early at the EHR). */
  revokeAccessTokens(): void;
  stop(): Promise<void>;
}

const PRACTITIONER = { resourceType: 'Practitioner', id: 'dr-1', name: [{ prefix: ['Dr.'], given: ['Ada'], family: 'Okafor' }] };

export async function startSmartAuthServer(options: SmartAuthServerOptions = {}): Promise<SmartAuthServer> {
  const clientId = options.clientId ?? 'careline-test';
  const lifetime = options.accessTokenSeconds ?? 2;
  const codes = new Map<string, CodeGrant>();
  const access = new Map<string, number>(); // token -> expires at (ms)
  const refresh = new Set<string>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fhirBaseUrl = `${origin}/fhir`;
  const token = (): string => randomBytes(24).toString('base64url');

  const peer: SmartAuthServer = {
    fhirBaseUrl,
    origin,
    log: [],
    liveAccessTokens: new Set<string>(),
    liveRefreshTokens: refresh,
    lastAuthorize: null,
    revokeAll() {
      access.clear();
      refresh.clear();
    },
    revokeAccessTokens() {
      access.clear();
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  Object.defineProperty(peer, 'liveAccessTokens', { get: () => new Set([...access.entries()].filter(([, until]) => until > Date.now()).map(([t]) => t)) });

  const json = (res: ServerResponse, status: number, body: unknown, type = 'application/json'): void => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const readForm = (req: IncomingMessage): Promise<URLSearchParams> =>
    new Promise((resolve) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => resolve(new URLSearchParams(body)));
    });
  const issue = (res: ServerResponse, scope: string, withIdToken: boolean): void => {
    const accessToken = token();
    const refreshToken = token();
    access.set(accessToken, Date.now() + lifetime * 1000);
    refresh.add(refreshToken);
    const idToken = withIdToken
      ? ['eyJhbGciOiJub25lIn0', Buffer.from(JSON.stringify({ sub: 'dr-1', fhirUser: `${fhirBaseUrl}/Practitioner/dr-1` })).toString('base64url'), ''].join('.')
      : undefined;
    json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: lifetime, scope, refresh_token: refreshToken, ...(idToken ? { id_token: idToken } : {}) });
  };

  const smartConfiguration = {
    issuer: origin,
    authorization_endpoint: `${origin}/auth/authorize`,
    token_endpoint: `${origin}/auth/token`,
    ...(options.revocation === false ? {} : { revocation_endpoint: `${origin}/auth/revoke` }),
    code_challenge_methods_supported: ['S256'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    capabilities: ['launch-standalone', 'client-public', 'permission-offline', 'sso-openid-connect'],
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      const entry: SmartAuthServer['log'][number] = { method: req.method ?? 'GET', path: url.pathname };
      peer.log.push(entry);
      if (url.pathname === '/fhir/.well-known/smart-configuration') {
        if (options.wellKnown === false) return json(res, 404, { error: 'not found' });
        return json(res, 200, smartConfiguration);
      }
      if (url.pathname === '/fhir/metadata') {
        return json(
          res,
          200,
          {
            resourceType: 'CapabilityStatement',
            status: 'active',
            kind: 'instance',
            fhirVersion: '4.0.1',
            format: ['json'],
            rest: [
              {
                mode: 'server',
                security: {
                  extension: [
                    {
                      url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
                      extension: [
                        { url: 'authorize', valueUri: smartConfiguration.authorization_endpoint },
                        { url: 'token', valueUri: smartConfiguration.token_endpoint },
                        ...(options.revocation === false ? [] : [{ url: 'revoke', valueUri: `${origin}/auth/revoke` }]),
                      ],
                    },
                  ],
                },
                resource: [{ type: 'Patient', interaction: [{ code: 'read' }, { code: 'search-type' }], searchParam: [{ name: 'family', type: 'string' }] }],
              },
            ],
          },
          'application/fhir+json',
        );
      }
      if (url.pathname === '/auth/authorize') {
        peer.lastAuthorize = url.searchParams;
        const q = url.searchParams;
        const redirectUri = q.get('redirect_uri') ?? '';
        // RFC 8252 §7.3: any port on the loopback address is accepted for a native client.
        if (q.get('client_id') !== clientId || !/^http:\/\/127\.0\.0\.1:\d+\/callback$/.test(redirectUri)) return json(res, 400, { error: 'invalid_request' });
        const target = new URL(redirectUri);
        if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || q.get('aud') !== fhirBaseUrl) {
          target.searchParams.set('error', 'invalid_request');
        } else {
          const code = token();
          codes.set(code, { clientId, redirectUri, challenge: q.get('code_challenge')!, scope: q.get('scope') ?? '' });
          target.searchParams.set('code', code);
        }
        target.searchParams.set('state', q.get('state') ?? '');
        res.writeHead(302, { location: target.toString() });
        return res.end();
      }
      if (url.pathname === '/auth/token' && req.method === 'POST') {
        const form = await readForm(req);
        entry.grant = form.get('grant_type') ?? undefined;
        if (form.get('client_secret')) return json(res, 401, { error: 'invalid_client' }); // a public client has none
        if (form.get('client_id') !== clientId) return json(res, 401, { error: 'invalid_client' });
        if (form.get('grant_type') === 'authorization_code') {
          const code = form.get('code') ?? '';
          const grant = codes.get(code);
          codes.delete(code); // one use only
          if (!grant || grant.redirectUri !== form.get('redirect_uri')) return json(res, 400, { error: 'invalid_grant' });
          const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
          if (challenge !== grant.challenge) return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
          return issue(res, grant.scope, true);
        }
        if (form.get('grant_type') === 'refresh_token') {
          const old = form.get('refresh_token') ?? '';
          if (!refresh.delete(old)) return json(res, 400, { error: 'invalid_grant' });
          return issue(res, 'user/Patient.rs', false);
        }
        return json(res, 400, { error: 'unsupported_grant_type' });
      }
      if (url.pathname === '/auth/revoke' && req.method === 'POST' && options.revocation !== false) {
        const form = await readForm(req);
        entry.hint = form.get('token_type_hint') ?? undefined;
        const t = form.get('token') ?? '';
        access.delete(t);
        refresh.delete(t);
        res.writeHead(200);
        return res.end();
      }
      if (url.pathname.startsWith('/fhir/')) {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const until = bearer ? access.get(bearer) : undefined;
        entry.authorized = until !== undefined && until > Date.now();
        if (!entry.authorized) {
          return json(res, 401, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', details: { text: 'Access token missing or expired' } }] }, 'application/fhir+json');
        }
        if (url.pathname === '/fhir/Practitioner/dr-1') return json(res, 200, PRACTITIONER, 'application/fhir+json');
        if (url.pathname === '/fhir/Patient') return json(res, 200, { resourceType: 'Bundle', type: 'searchset', entry: [] }, 'application/fhir+json');
        return json(res, 404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] }, 'application/fhir+json');
      }
      json(res, 404, { error: 'not found' });
    })();
  });
  return peer;
}
