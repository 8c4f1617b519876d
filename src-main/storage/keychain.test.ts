import { describe, expect, it } from 'vitest';
import { describeKeychainFailure, type Keychain, KeychainSecretStore, KeychainStore, type Keytar, sipAccount } from './keychain';

function fakeKeytar(getPassword: Keytar['getPassword']): () => Keytar {
  return () => ({ getPassword }) as unknown as Keytar;
}

describe('KeychainStore.isAvailable', () => {
  it('is ok when a read succeeds', async () => {
    const store = new KeychainStore('Careline', fakeKeytar(async () => null));
    expect(await store.isAvailable()).toEqual({ ok: true });
  });

  it('turns a missing session bus into words an IT admin understands', async () => {
    const store = new KeychainStore('Careline', fakeKeytar(async () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'))));
    const result = await store.isAvailable();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(/^The OS keychain is not available/);
      if (process.platform === 'linux') expect(result.reason).toMatch(/No D-Bus session bus is reachable/);
    }
  });

  it('does not load keytar until it is used', () => {
    let loaded = false;
    new KeychainStore('Careline', () => {
      loaded = true;
      return {} as Keytar;
    });
    expect(loaded).toBe(false);
  });
});

describe('describeKeychainFailure', () => {
  it.each([
    ['Could not connect: No such file or directory', /No D-Bus session bus/],
    ['The name org.freedesktop.secrets was not provided by any .service files', /No Secret Service/],
    ['Cannot create an item in a locked collection', /locked/],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', /no usable default keyring/],
    ['no answer within 5 s', /did not answer in time/],
    ['something else', /refused the request/],
  ])('linux: %s', (raw, words) => {
    const text = describeKeychainFailure(new Error(raw), 'linux');
    expect(text).toMatch(words);
    expect(text).toContain(raw);
  });

  it('names the keychain of each platform', () => {
    expect(describeKeychainFailure(new Error('x'), 'darwin')).toMatch(/macOS Keychain/);
    expect(describeKeychainFailure(new Error('x'), 'win32')).toMatch(/Credential Manager/);
  });
});

describe('KeychainSecretStore', () => {
  it('reads the SIP password under sip:<aor>', async () => {
    const asked: string[] = [];
    const keychain: Keychain = {
      isAvailable: async () => ({ ok: true }),
      getSecret: async (account) => (asked.push(account), 'pw'),
      setSecret: async () => undefined,
      deleteSecret: async () => true,
    };
    const store = new KeychainSecretStore(keychain);
    expect(store.label).toBe('the OS keychain');
    expect(await store.get('sip:2104@pbx.example.org')).toBe('pw');
    expect(await store.get('2104@pbx.example.org')).toBe('pw');
    expect(asked).toEqual(['sip:2104@pbx.example.org', 'sip:2104@pbx.example.org']);
  });

  it('keeps a sips: scheme as it is', () => {
    expect(sipAccount('sips:2104@pbx.example.org')).toBe('sips:2104@pbx.example.org');
  });
});
