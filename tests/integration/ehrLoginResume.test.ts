import { afterEach, describe, expect, it } from 'vitest';
import { FhirClient } from '../../src-main/ehr/FhirClient';
import { type EhrAuthentication, createEhrAuthentication } from '../../src-main/ehr/smart/EhrAuthentication';
import { MemoryKeychain } from '../../src-main/storage/testing/memoryKeychain';
import { type SmartAuthServer, startSmartAuthServer } from '../support/smartAuthServer';

/**
 * The EHR login across a restart and across people, against the SMART test peer (authorization server +
 * FHIR endpoint on loopback). The keychain is the in-memory one: the real Secret Service is proven by
 * keychain.test.ts; what matters here is which account holds what, and when it is used.
 */
let peer: SmartAuthServer | null = null;
const sessions: EhrAuthentication[] = [];

afterEach(async () => {
  for (const s of sessions.splice(0)) s.dispose();
  await peer?.stop();
  peer = null;
});

function browser(): (url: string) => Promise<void> {
  return async (url) => {
    const approved = await fetch(url, { redirect: 'manual' });
    await fetch(approved.headers.get('location')!);
  };
}

function workstation(keychain: MemoryKeychain): EhrAuthentication {
  const auth = createEhrAuthentication({ kind: 'smart', clientId: 'careline-test' }, { fhirBaseUrl: peer!.fhirBaseUrl, openExternal: browser(), keychain });
  sessions.push(auth);
  return auth;
}

/** What the handlers do on a Careline sign-in: switch the person, then resume their saved EHR login. */
async function signInAs(auth: EhrAuthentication, userId: string): Promise<string> {
  await auth.switchUser(userId);
  return (await auth.resume()).state;
}

describe('EHR login resume (refresh token in the keychain, per Careline user)', () => {
  it('resumes the same person after a restart without the browser, never another person', async () => {
    peer = await startSmartAuthServer({ accessTokenSeconds: 60 });
    const keychain = new MemoryKeychain();
    const first = workstation(keychain);
    await first.switchUser('agent-a');
    await first.signIn();
    expect(first.view()).toMatchObject({ state: 'signed-in', user: 'Dr. Ada Okafor' });
    const accounts = [...keychain.entries.keys()];
    expect(accounts).toEqual([`ehr-refresh:agent-a@${peer.fhirBaseUrl}`]);
    // Only the refresh token and the display name are kept; never the access token.
    const saved = JSON.parse(keychain.entries.get(accounts[0]!)!) as Record<string, unknown>;
    expect(Object.keys(saved).sort()).toEqual(['refreshToken', 'user']);
    for (const t of peer.liveAccessTokens) expect(keychain.entries.get(accounts[0]!)).not.toContain(t);

    // The app restarts (crash, update): a new workstation object, the same keychain.
    first.dispose();
    const authorizeCalls = peer.log.filter((l) => l.path === '/auth/authorize').length;
    const second = workstation(keychain);
    expect(await signInAs(second, 'agent-b')).toBe('signed-out'); // agent B has no saved login; A's is not used
    expect(peer.log.filter((l) => l.grant === 'refresh_token')).toHaveLength(0);
    await second.switchUser(null);
    expect(await signInAs(second, 'agent-a')).toBe('signed-in');
    expect(second.view().user).toBe('Dr. Ada Okafor');
    expect(peer.log.filter((l) => l.path === '/auth/authorize')).toHaveLength(authorizeCalls); // no browser
    const fhir = new FhirClient({ baseUrl: peer.fhirBaseUrl, auth: second.auth ?? undefined });
    await fhir.search('Patient', {});
    expect(peer.log.filter((l) => l.path === '/fhir/Patient').every((l) => l.authorized)).toBe(true);

    // Signing out of Careline revokes the EHR login and forgets it.
    await second.switchUser(null);
    expect(second.view().state).toBe('signed-out');
    expect(keychain.entries.size).toBe(0);
    expect(peer.liveRefreshTokens.size).toBe(0);
  });

  it('forgets a saved login the EHR no longer accepts and says so', async () => {
    peer = await startSmartAuthServer({ accessTokenSeconds: 60 });
    const keychain = new MemoryKeychain();
    const first = workstation(keychain);
    await first.switchUser('agent-a');
    await first.signIn();
    first.dispose();
    peer.revokeAll(); // the EHR ended the session while the workstation was off
    const second = workstation(keychain);
    expect(await signInAs(second, 'agent-a')).toBe('signed-out');
    expect(second.view().message).toBe('Your saved EHR sign-in has ended. Sign in to the EHR again.');
    expect(keychain.entries.size).toBe(0);
  });
});
