import type { Logger } from '../../log/logger';
import type { FhirAuth } from '../FhirClient';
import type { Keychain } from '../../storage/keychain';
import { type EhrSessionView, SmartSession } from './SmartSession';
import { UserRefreshTokenVault } from './UserRefreshTokenVault';

/**
 * One face for every way Careline authenticates to the EHR: none (demo EHR, open sandboxes), a static
 * bearer token or HTTP Basic (sandboxes, lab setups), or the agent's SMART login. Bootstrap gives `auth` to
 * the FhirClient and the rest to the `ehr.*` channels; the renderer only ever sees `view()`.
 */
export interface EhrAuthentication {
  readonly kind: EhrAuthConfig['kind'];
  /** For FhirClient; null = send no Authorization header. */
  readonly auth: FhirAuth | null;
  view(): EhrSessionView;
  onChange(listener: (view: EhrSessionView) => void): () => void;
  /** Resolves once signed in; rejects with a LoginError (its message is also in view().message). */
  signIn(): Promise<EhrSessionView>;
  signOut(): Promise<void>;
  /**
   * The Careline user changed (sign-in, sign-out, someone else at the workstation): the previous person's
   * EHR login is revoked and forgotten; the vault now keeps the new person's.
   */
  switchUser(userId: string | null): Promise<void>;
  /** Resumes the current person's saved EHR login, if any, without the browser (after a restart). */
  resume(): Promise<EhrSessionView>;
  dispose(): void;
}

export type EhrAuthConfig =
  | { readonly kind: 'none' }
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'basic'; readonly user: string }
  | {
      readonly kind: 'smart';
      readonly clientId: string;
      readonly scope?: string;
      readonly loginTimeoutS?: number;
    };

export interface EhrAuthDeps {
  readonly fhirBaseUrl: string;
  readonly openExternal?: (url: string) => Promise<void> | void;
  /** Dev only: where the Basic password comes from until the keychain holds it (CARELINE_EHR_PASSWORD). */
  readonly env?: NodeJS.ProcessEnv;
  readonly fetch?: typeof fetch;
  readonly logger?: Logger;
  /** Keeps each user's refresh token across restarts (the OS keychain); absent = memory only. */
  readonly keychain?: Pick<Keychain, 'getSecret' | 'setSecret' | 'deleteSecret'>;
}

const NOT_NEEDED: EhrSessionView = { state: 'not-needed', user: null, expiresAt: null, message: null };

function fixed(kind: EhrAuthConfig['kind'], header: string | null): EhrAuthentication {
  return {
    kind,
    auth: header ? { authorization: () => Promise.resolve(header) } : null,
    view: () => NOT_NEEDED,
    onChange: () => () => undefined,
    signIn: () => Promise.resolve(NOT_NEEDED),
    signOut: () => Promise.resolve(),
    switchUser: () => Promise.resolve(),
    resume: () => Promise.resolve(NOT_NEEDED),
    dispose: () => undefined,
  };
}

export function createEhrAuthentication(config: EhrAuthConfig, deps: EhrAuthDeps): EhrAuthentication {
  switch (config.kind) {
    case 'none':
      return fixed('none', null);
    case 'bearer':
      return fixed('bearer', `Bearer ${config.token}`);
    case 'basic': {
      const password = deps.env?.CARELINE_EHR_PASSWORD ?? '';
      if (!password) deps.logger?.log('warn', 'ehr.basic-no-password', {});
      return fixed('basic', `Basic ${Buffer.from(`${config.user}:${password}`, 'utf8').toString('base64')}`);
    }
    case 'smart': {
      const openExternal = deps.openExternal;
      const vault = deps.keychain ? new UserRefreshTokenVault(deps.keychain, deps.fhirBaseUrl) : null;
      let userId: string | null = null;
      const session = new SmartSession({
        vault: vault ?? undefined,
        fhirBaseUrl: deps.fhirBaseUrl,
        clientId: config.clientId,
        scope: config.scope,
        loginTimeoutMs: config.loginTimeoutS === undefined ? undefined : config.loginTimeoutS * 1000,
        openExternal: (url) => {
          if (!openExternal) throw new Error('no browser');
          return openExternal(url);
        },
        fetch: deps.fetch,
        logger: deps.logger,
      });
      return {
        kind: 'smart',
        auth: session,
        view: () => session.view(),
        onChange: (listener) => session.onChange(listener),
        signIn: () => session.signIn(),
        signOut: () => session.signOut(),
        switchUser: async (next) => {
          if (next === userId) return;
          // Revoke and forget while the vault still points at the previous person, then move on.
          if (userId !== null || session.view().state !== 'signed-out') await session.signOut();
          userId = next;
          vault?.setUser(next);
        },
        resume: () => session.resume(),
        dispose: () => session.dispose(),
      };
    }
  }
}

/** The demo EHR needs no login. */
export const NO_EHR_AUTHENTICATION: EhrAuthentication = fixed('none', null);
