import type { Keychain, KeychainAvailability } from '../keychain';

/** TEST ONLY: a keychain in a Map, optionally unavailable, for the storage unit tests. */
export class MemoryKeychain implements Keychain {
  readonly entries = new Map<string, string>();

  constructor(private readonly availability: KeychainAvailability = { ok: true }) {}

  async isAvailable(): Promise<KeychainAvailability> {
    return this.availability;
  }
  async getSecret(account: string): Promise<string | null> {
    return this.entries.get(account) ?? null;
  }
  async setSecret(account: string, value: string): Promise<void> {
    this.entries.set(account, value);
  }
  async deleteSecret(account: string): Promise<boolean> {
    return this.entries.delete(account);
  }
}
