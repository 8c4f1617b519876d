import { describe, expect, it } from 'vitest';
import { challengeS256, createPkcePair, createState, createVerifier } from './pkce';

describe('PKCE (RFC 7636)', () => {
  it('matches the RFC 7636 Appendix B example', () => {
    expect(challengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43 to 128 unreserved characters from 32+ random bytes', () => {
    expect(createVerifier()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createVerifier(96)).toMatch(/^[A-Za-z0-9_-]{128}$/);
    expect(() => createVerifier(16)).toThrow(RangeError);
    expect(() => createVerifier(97)).toThrow(RangeError);
    expect(createVerifier()).not.toBe(createVerifier());
  });

  it('refuses verifiers outside the RFC grammar', () => {
    expect(() => challengeS256('short')).toThrow(RangeError);
    expect(() => challengeS256('a'.repeat(129))).toThrow(RangeError);
    expect(() => challengeS256(`${'a'.repeat(42)}=`)).toThrow(RangeError);
  });

  it('pairs a verifier with its S256 challenge', () => {
    const pair = createPkcePair();
    expect(pair.method).toBe('S256');
    expect(pair.challenge).toBe(challengeS256(pair.verifier));
  });

  it('makes a state of at least 128 bits', () => {
    const state = createState();
    expect(Buffer.from(state, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(state).not.toBe(createState());
  });
});
