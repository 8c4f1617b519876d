/**
 * Where secrets (the SIP password) live. Production uses the OS keychain (keytar, issue 5); a secret is
 * never written to the settings file or the logs.
 */
export interface SecretStore {
  /** Shown in errors, e.g. "the OS keychain". */
  readonly label: string;
  get(account: string): Promise<string | null>;
}

/**
 * DEV/TEST ONLY: the web host and the lab tests read the SIP password from CARELINE_SIP_PASSWORD, so a
 * developer can point the workstation at a lab PBX without a keychain. Never used by the packaged app.
 */
export class EnvironmentSecretStore implements SecretStore {
  readonly label = 'the CARELINE_SIP_PASSWORD environment variable (development only)';

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async get(): Promise<string | null> {
    return this.env.CARELINE_SIP_PASSWORD || null;
  }
}

/** No keychain available in this host yet: every lookup finds nothing, and the phone says so. */
export class NoSecretStore implements SecretStore {
  readonly label = 'the OS keychain (not available in this build yet)';

  async get(): Promise<string | null> {
    return null;
  }
}
