import type { Keychain } from '../../storage/keychain';
import type { RefreshTokenVault } from './SmartSession';

/**
 * The OS keychain as the SMART refresh-token vault, one entry per Careline user and EHR: the login belongs
 * to the person, so a different person signing in on the same workstation never resumes it. With no one
 * signed in the vault holds nothing (load finds nothing, save keeps nothing).
 */
export class UserRefreshTokenVault implements RefreshTokenVault {
  private userId: string | null = null;

  constructor(
    private readonly keychain: Pick<Keychain, 'getSecret' | 'setSecret' | 'deleteSecret'>,
    private readonly fhirBaseUrl: string,
  ) {}

  /** The Careline user whose EHR login this vault keeps (null: nobody signed in). */
  setUser(userId: string | null): void {
    this.userId = userId;
  }

  get user(): string | null {
    return this.userId;
  }

  async load(): Promise<{ refreshToken: string; user: string | null } | null> {
    const account = this.account();
    if (!account) return null;
    const raw = await this.keychain.getSecret(account);
    if (!raw) return null;
    try {
      const value = JSON.parse(raw) as { refreshToken?: unknown; user?: unknown };
      if (typeof value.refreshToken !== 'string' || !value.refreshToken) return null;
      return { refreshToken: value.refreshToken, user: typeof value.user === 'string' ? value.user : null };
    } catch {
      return null; // not ours (or damaged): treated as no saved login
    }
  }

  async save(entry: { refreshToken: string; user: string | null }): Promise<void> {
    const account = this.account();
    if (account) await this.keychain.setSecret(account, JSON.stringify(entry));
  }

  async clear(): Promise<void> {
    const account = this.account();
    if (account) await this.keychain.deleteSecret(account);
  }

  private account(): string | null {
    return this.userId ? `ehr-refresh:${this.userId}@${this.fhirBaseUrl.replace(/\/+$/, '')}` : null;
  }
}
