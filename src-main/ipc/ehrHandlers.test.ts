import { describe, expect, it, vi } from 'vitest';
import { EhrSession } from '../../src-preload/contract';
import type { EhrAuthentication } from '../ehr/smart/EhrAuthentication';
import type { EhrSessionView } from '../ehr/smart/SmartSession';
import { LoginError } from '../ehr/smart/LoopbackRedirect';
import { ContractFailure } from './ContractRouter';
import { type HandlerServices, createHandlers } from './handlers';

const context = { transport: 'test' } as const;
const user = { id: 'a1', displayName: 'Agent One', role: 'agent' as const };

function handlers(ehrAuth: EhrAuthentication | undefined, signedIn = true) {
  let current: typeof user | null = signedIn ? user : null;
  const services = {
    session: {
      require: () => {
        if (!current) throw new ContractFailure('not-signed-in', 'Please sign in first.');
        return current;
      },
      current: () => current,
      signIn: (id: string) => (current = { ...user, id }),
      signOut: () => (current = null),
    },
    monitor: { check: vi.fn() },
    ehrAuth,
  } as unknown as HandlerServices;
  return createHandlers(services);
}

function fakeAuth(overrides: Partial<EhrAuthentication> = {}): EhrAuthentication & { current: EhrSessionView } {
  const fake: EhrAuthentication & { current: EhrSessionView } = {
    current: { state: 'signed-out', user: null, expiresAt: null, message: null } as EhrSessionView,
    kind: 'smart' as const,
    auth: null,
    view: (): EhrSessionView => fake.current,
    onChange: () => () => undefined,
    signIn: async () => {
      fake.current = { state: 'signed-in', user: 'Dr. Ada Okafor', expiresAt: 1_000, message: null };
      return fake.current;
    },
    signOut: async () => {
      fake.current = { state: 'signed-out', user: null, expiresAt: null, message: null };
    },
    switchUser: async () => undefined,
    resume: async (): Promise<EhrSessionView> => fake.current,
    dispose: () => undefined,
    ...overrides,
  };
  return fake;
}

describe('ehr.* channels', () => {
  it('tell the EHR login who is at the workstation: Careline sign-in switches the user and resumes, sign-out switches to nobody', async () => {
    const auth = fakeAuth();
    const switchUser = vi.spyOn(auth, 'switchUser');
    const resume = vi.spyOn(auth, 'resume');
    const h = handlers(auth, false);
    await h['session.signIn']({ userId: 'b2' }, context);
    expect(resume).toHaveBeenCalledOnce(); // B's saved EHR login, if any, comes back without the browser
    await h['session.signOut']({}, context);
    expect(switchUser.mock.calls).toEqual([['b2'], [null]]);
  });

  it('say "not-needed" when the EHR needs no login (demo)', async () => {
    expect(await handlers(undefined)['ehr.session']({}, context)).toEqual({ state: 'not-needed', user: null, expiresAt: null, message: null });
  });

  it('start a login without waiting for the browser, and sign out; only the view the contract allows crosses', async () => {
    let finish!: () => void;
    const auth = fakeAuth();
    auth.signIn = () => {
      auth.current = { state: 'signing-in', user: null, expiresAt: null, message: null };
      return new Promise<EhrSessionView>((resolve) => {
        finish = () => {
          auth.current = { state: 'signed-in', user: 'Dr. Ada Okafor', expiresAt: 1_000, message: null };
          resolve(auth.current);
        };
      });
    };
    const h = handlers(auth);
    expect(EhrSession.strict().parse(await h['ehr.signIn']({}, context))).toMatchObject({ state: 'signing-in' });
    finish();
    await Promise.resolve();
    expect(EhrSession.strict().parse(await h['ehr.session']({}, context))).toEqual({ state: 'signed-in', user: 'Dr. Ada Okafor', expiresAt: 1_000, message: null });
    expect(await h['ehr.signOut']({}, context)).toEqual({ state: 'signed-out', user: null, expiresAt: null, message: null });
  });

  it('log a failed login by kind only; the reason reaches the agent through the session view', async () => {
    const auth = fakeAuth();
    const logged: unknown[] = [];
    auth.signIn = async () => {
      auth.current = { state: 'signed-out', user: null, expiresAt: null, message: 'The EHR sign-in was not completed in time. Start it again.' };
      throw new LoginError('timeout', 'The EHR sign-in was not completed in time. Start it again.');
    };
    const services = {
      session: { require: () => user },
      monitor: { check: vi.fn() },
      ehrAuth: auth,
      logger: { log: (...args: unknown[]) => logged.push(args) },
    } as unknown as HandlerServices;
    const h = createHandlers(services);
    await h['ehr.signIn']({}, context);
    await new Promise((r) => setImmediate(r));
    expect(logged).toEqual([['warn', 'ehr.sign-in-ended', { kind: 'timeout' }]]);
    expect((await h['ehr.session']({}, context)).message).toMatch(/not completed in time/);
  });

  it('need a signed-in workstation user', async () => {
    await expect(Promise.resolve().then(() => handlers(fakeAuth(), false)['ehr.session']({}, context))).rejects.toMatchObject({ code: 'not-signed-in' });
  });
});
