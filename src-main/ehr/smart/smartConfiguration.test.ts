import { describe, expect, it } from 'vitest';
import { OAUTH_URIS, discoverSmartConfiguration, fromCapabilityStatement, fromWellKnown } from './smartConfiguration';

describe('SMART configuration discovery', () => {
  it('reads .well-known/smart-configuration and requires TLS off this machine', () => {
    expect(
      fromWellKnown({
        authorization_endpoint: 'https://auth.example.org/authorize',
        token_endpoint: 'https://auth.example.org/token',
        revocation_endpoint: 'https://auth.example.org/revoke',
        code_challenge_methods_supported: ['S256'],
        capabilities: ['launch-standalone', 'client-public'],
      }),
    ).toMatchObject({ revocationEndpoint: 'https://auth.example.org/revoke', codeChallengeMethods: ['S256'], source: 'well-known' });
    expect(fromWellKnown({ authorization_endpoint: 'http://auth.example.org/authorize', token_endpoint: 'https://auth.example.org/token' })).toBeNull();
    expect(fromWellKnown({ authorization_endpoint: 'javascript:alert(1)', token_endpoint: 'https://auth.example.org/token' })).toBeNull();
    expect(fromWellKnown({ token_endpoint: 'https://auth.example.org/token' })).toBeNull();
    expect(fromWellKnown('nonsense')).toBeNull();
  });

  it('falls back to the oauth-uris security extension of the capability statement', () => {
    const statement = {
      resourceType: 'CapabilityStatement',
      rest: [
        { mode: 'server' },
        {
          mode: 'server',
          security: {
            extension: [
              {
                url: OAUTH_URIS,
                extension: [
                  { url: 'authorize', valueUri: 'https://auth.example.org/authorize' },
                  { url: 'token', valueUri: 'https://auth.example.org/token' },
                ],
              },
            ],
          },
        },
      ],
    };
    expect(fromCapabilityStatement(statement)).toMatchObject({ tokenEndpoint: 'https://auth.example.org/token', revocationEndpoint: null, source: 'metadata' });
    expect(fromCapabilityStatement({ resourceType: 'Patient' })).toBeNull();
  });

  it('says clearly when the server offers no SMART sign-in or cannot be reached', async () => {
    const notFound: typeof fetch = async () => new Response('{}', { status: 404 });
    await expect(discoverSmartConfiguration('https://ehr.example.org/fhir', { fetch: notFound })).rejects.toMatchObject({ kind: 'discovery', message: expect.stringMatching(/does not advertise SMART/) });
    const down: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(discoverSmartConfiguration('https://ehr.example.org/fhir', { fetch: down })).rejects.toMatchObject({ kind: 'discovery', message: expect.stringMatching(/cannot reach the EHR/) });
  });
});
