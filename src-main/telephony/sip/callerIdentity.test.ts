import { describe, expect, it } from 'vitest';
import { callerIdentity, parseNameAddr } from './callerIdentity';

function invite(headers: Record<string, string>, requestUriUser: string | null = 'agent1') {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { requestUriUser, header: (name: string) => lower[name.toLowerCase()] };
}

describe('callerIdentity', () => {
  it('prefers P-Asserted-Identity over From, and Diversion over To for the line dialed', () => {
    const id = callerIdentity(
      invite({
        From: '"Spoofed" <sip:999@evil.example>;tag=1',
        'P-Asserted-Identity': '"Maria Lopez" <sip:+16175550142@trunk.example>',
        To: '<sip:agent1@127.0.0.1>',
        Diversion: '<sip:+16175550100@pbx.example>;reason=unconditional',
        'X-Careline-IVR': '2',
      }),
    );
    expect(id).toEqual({ fromRaw: '+16175550142', displayName: 'Maria Lopez', dnis: '+16175550100', ivrDigit: '2', contextId: null });
  });

  it('falls back to From and To, reads tel: URIs, and ignores IVR values that are not a digit', () => {
    expect(callerIdentity(invite({ From: '<tel:+16175550142>;tag=9', To: 'sip:+16175550100@pbx', 'X-IVR-Choice': 'drop table' }))).toEqual({
      fromRaw: '+16175550142',
      displayName: null,
      dnis: '+16175550100',
      ivrDigit: null,
      contextId: null,
    });
  });

  it('reads a warm transfer context id only when it is a UUID (never anything a header could smuggle in)', () => {
    const id = '3C2B1A09-8F7E-4D6C-9B5A-4F3E2D1C0B9A';
    expect(callerIdentity(invite({ From: '<sip:agenta@lab>', 'X-Careline-Context': ` ${id} ` })).contextId).toBe(id.toLowerCase());
    expect(callerIdentity(invite({ From: '<sip:agenta@lab>', 'X-Careline-Context': 'Maria Lopez, chest pain' })).contextId).toBeNull();
    expect(callerIdentity(invite({ From: '<sip:agenta@lab>' })).contextId).toBeNull();
  });

  it('calls a caller without a readable identity anonymous and uses the Request-URI as the line', () => {
    expect(callerIdentity(invite({ From: 'garbage' }, 'nurse-line'))).toMatchObject({ fromRaw: 'anonymous', dnis: 'nurse-line' });
  });

  it('parses quoted display names with escapes and percent-encoded users', () => {
    expect(parseNameAddr('"Dr. \\"Who\\"" <sip:%2B1617@h>')).toEqual({ user: '+1617', displayName: 'Dr. "Who"' });
    expect(parseNameAddr('Bob <sip:bob@h;transport=ws>')).toEqual({ user: 'bob', displayName: 'Bob' });
    expect(parseNameAddr('<sip:%E0%A4%A@h>')).toEqual({ user: '%E0%A4%A', displayName: null });
    expect(parseNameAddr(undefined)).toBeNull();
  });
});
