import { describe, expect, it, vi } from 'vitest';
import { EhrSession } from '../../src-preload/contract';
import type { EhrAuthentication } from '../ehr/smart/EhrAuthentication';
import { LoginError } from '../ehr/smart/LoopbackRedirect';
import { ContractFailure } from './ContractRouter';
import { type HandlerServices, createHandlers } from './handlers';

const context = { transport: 'test' } as const;
const user = { id: 'a1', displayName: 'Agent One', role: 'agent' as const };

function handlers(ehrAuth: EhrAuthentication | undefined, signedIn = true) {
  const services = {
    session: {
      require: () => {
        if (!signedIn) throw new ContractFailure('not-signed-in', 'Please sign in first.');
        return user;
      },
    },
    monitor: { check: vi.fn() },
    ehrAuth,
  } as unknown as HandlerServices;
  return createHandlers(services);
}

function fakeAuth(overrides: Partial<EhrAuthentication> = {}): EhrAuthentication {
  return {
    kind: 'smart',
    auth: null,
    view: () => ({ state: 'signed-out', user: null, expiresAt: null }),
    onChange: () => () => undefined,
    signIn: async () => ({ state: 'signed-in', user: 'Dr. Ada Okafor', expiresAt: 1_000 }),
    signOut: async () => undefined,
    dispose: () => undefined,
    ...overrides,
  };
}

describe('ehr.* channels', () => {
  it('say "not-needed" when the EHR needs no login (demo)', async () => {
    expect(await handlers(undefined)['ehr.session']({}, context)).toEqual({ state: 'not-needed', user: null, expiresAt: null });
  });

  it('sign in and out, returning only the view the contract allows', async () => {
    const signOut = vi.fn(async () => undefined);
    const h = handlers(fakeAuth({ signOut }));
    const view = await h['ehr.signIn']({}, context);
    expect(EhrSession.strict().parse(view)).toEqual({ state: 'signed-in', user: 'Dr. Ada Okafor', expiresAt: 1_000 });
    expect(await h['ehr.signOut']({}, context)).toEqual({ state: 'signed-out', user: null, expiresAt: null });
    expect(signOut).toHaveBeenCalledOnce();
  });

  it('turn a failed login into a message the agent can act on', async () => {
    const h = handlers(fakeAuth({ signIn: async () => Promise.reject(new LoginError('timeout', 'The EHR sign-in was not completed in time. Start it again.')) }));
    await expect(h['ehr.signIn']({}, context)).rejects.toMatchObject({ code: 'ehr-unavailable', message: 'The EHR sign-in was not completed in time. Start it again.' });
  });

  it('need a signed-in workstation user', async () => {
    await expect(Promise.resolve().then(() => handlers(fakeAuth(), false)['ehr.session']({}, context))).rejects.toMatchObject({ code: 'not-signed-in' });
  });
});
