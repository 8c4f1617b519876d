/**
 * The OS keychain (issue 5 §3): libsecret's Secret Service on Linux, Keychain on macOS, Credential Manager on
 * Windows, all through keytar under one service name. keytar is a native module, so it is loaded on first use
 * only: code paths that never touch the keychain (tests, the web host) never load it.
 */
import type * as KeytarModule from 'keytar';
import type { SecretStore } from '../security/SecretStore';

export const KEYCHAIN_SERVICE = 'Careline';

/** What the cache and the phone need from a keychain; tests pass fakes. */
export interface Keychain {
  isAvailable(): Promise<KeychainAvailability>;
  getSecret(account: string): Promise<string | null>;
  setSecret(account: string, value: string): Promise<void>;
  deleteSecret(account: string): Promise<boolean>;
}

export type KeychainAvailability = { ok: true } | { ok: false; reason: string };

/** The keytar functions used here (a type-only import: it does not load the native module). */
export type Keytar = typeof KeytarModule;

let keytarModule: Keytar | null = null;
function loadKeytar(): Keytar {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose: the native module loads only when the keychain is used.
  keytarModule ??= require('keytar') as Keytar;
  return keytarModule;
}

const PROBE_ACCOUNT = 'availability-probe';
/** A Secret Service that D-Bus has to start (or that waits on an unlock prompt) must not hang startup. */
const PROBE_TIMEOUT_MS = 5_000;

export class KeychainStore implements Keychain {
  constructor(
    private readonly service: string = KEYCHAIN_SERVICE,
    private readonly keytar: () => Keytar = loadKeytar,
  ) {}

  async isAvailable(): Promise<KeychainAvailability> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
    });
    try {
      // A read is enough: it needs a reachable, unlocked keychain, and it changes nothing.
      await Promise.race([this.keytar().getPassword(this.service, PROBE_ACCOUNT), timeout]);
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: describeKeychainFailure(error, process.platform) };
    } finally {
      clearTimeout(timer);
    }
  }

  getSecret(account: string): Promise<string | null> {
    return this.keytar().getPassword(this.service, account);
  }

  setSecret(account: string, value: string): Promise<void> {
    return this.keytar().setPassword(this.service, account, value);
  }

  deleteSecret(account: string): Promise<boolean> {
    return this.keytar().deletePassword(this.service, account);
  }
}

/**
 * The SIP password read from the OS keychain. bootstrap asks for the configured AOR, which already reads
 * `sip:user@host`, so the keychain account is `sip:<user@host>` (see sipAccount).
 */
export class KeychainSecretStore implements SecretStore {
  readonly label = 'the OS keychain';

  constructor(private readonly keychain: Keychain = new KeychainStore()) {}

  get(aor: string): Promise<string | null> {
    return this.keychain.getSecret(sipAccount(aor));
  }
}

/** The keychain account of a SIP address of record: `sip:<aor>`, without doubling a scheme already there. */
export function sipAccount(aor: string): string {
  return /^sips?:/i.test(aor) ? aor : `sip:${aor}`;
}

/**
 * Turns what keytar/libsecret throw into words an IT admin can act on. Pure, so every wording is tested. The
 * raw library message is kept at the end (it carries no secret) because it is what a search engine knows.
 */
export function describeKeychainFailure(error: unknown, platform: NodeJS.Platform): string {
  const raw = error instanceof Error ? error.message : String(error);
  let advice: string;
  if (platform === 'linux') {
    if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect|Failed to connect|No such file or directory|Connection refused/i.test(raw)) {
      advice =
        'No D-Bus session bus is reachable, so the Secret Service (GNOME Keyring or KWallet) cannot be asked for the cache key. Sign in through a desktop session, or start a session bus and a Secret Service for this user.';
    } else if (/org\.freedesktop\.secrets|ServiceUnknown|was not provided by any \.service files|not activatable/i.test(raw)) {
      advice = 'No Secret Service (GNOME Keyring or KWallet) is running in this session. Install and start gnome-keyring (or KWallet) for this user.';
    } else if (/locked|prompt|dismissed|cancel/i.test(raw)) {
      advice = 'The login keyring is locked and could not be unlocked. Unlock it (sign in again, or unlock it in the Passwords and Keys app).';
    } else if (/no answer within/i.test(raw)) {
      advice = 'The Secret Service did not answer in time (it may be waiting on an unlock prompt that nobody can see).';
    } else if (/collection|does not exist|No such interface/i.test(raw)) {
      advice = 'The Secret Service has no usable default keyring (the login keyring is missing or not unlocked). Create or unlock the login keyring.';
    } else {
      advice = 'The Secret Service (GNOME Keyring or KWallet) refused the request.';
    }
  } else if (platform === 'darwin') {
    advice = 'The macOS Keychain refused the request (the login keychain may be locked, or access was denied).';
  } else if (platform === 'win32') {
    advice = 'Windows Credential Manager refused the request.';
  } else {
    advice = 'The OS keychain refused the request.';
  }
  return `The OS keychain is not available: ${advice} (${raw})`;
}
