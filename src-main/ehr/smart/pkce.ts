import { createHash, randomBytes } from 'node:crypto';

/**
 * PKCE (RFC 7636) for a public client: Careline has no client secret to keep, so the code verifier is what
 * proves the token request comes from the app that started the login.
 */
export interface PkcePair {
  readonly verifier: string;
  readonly challenge: string;
  readonly method: 'S256';
}

/** RFC 7636 §4.1: 43..128 characters of [A-Za-z0-9-._~]; base64url of 32+ random bytes fits that alphabet. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function createVerifier(bytes = 32): string {
  // 32 bytes = 256 bits (the RFC's recommendation) -> 43 characters; 96 bytes -> 128, the maximum.
  if (!Number.isInteger(bytes) || bytes < 32 || bytes > 96) throw new RangeError('A PKCE verifier needs 32 to 96 random bytes.');
  return randomBytes(bytes).toString('base64url');
}

/** S256: BASE64URL(SHA256(ASCII(verifier))), without padding (RFC 7636 §4.2). */
export function challengeS256(verifier: string): string {
  if (!VERIFIER.test(verifier)) throw new RangeError('A PKCE verifier is 43 to 128 characters of A-Z a-z 0-9 - . _ ~.');
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createPkcePair(bytes = 32): PkcePair {
  const verifier = createVerifier(bytes);
  return { verifier, challenge: challengeS256(verifier), method: 'S256' };
}

/** An OAuth `state`: 32 random bytes (256 bits, twice the 128 the brief asks for), base64url. */
export function createState(): string {
  return randomBytes(32).toString('base64url');
}
