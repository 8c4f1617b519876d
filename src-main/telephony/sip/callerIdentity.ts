/**
 * Who is calling and which line they dialed, from the headers of an incoming INVITE. Pure: it reads header
 * values as strings so it can be tested without a SIP stack.
 *
 * - Caller: P-Asserted-Identity (RFC 3325, set by a trusted PBX/trunk) wins over From, which the caller's
 *   own device may fill with anything.
 * - Line dialed: Diversion (RFC 5806) or History-Info carries the number originally dialed when a PBX
 *   forwarded the call to the agent; otherwise the To user; otherwise the Request-URI user.
 * - IVR data: header names are configured per site (e.g. X-Careline-IVR: 2).
 * - Warm transfer context: X-Careline-Context carries an opaque id (a UUID, never PHI) that the receiving
 *   desk resolves against the EHR (see calls/EscalationHandoffReader.ts). Anything else in it is ignored.
 */
export interface InviteHeaders {
  readonly requestUriUser: string | null;
  /** Header lookup, case-insensitive, first value. */
  readonly header: (name: string) => string | undefined;
}

export interface CallerIdentity {
  readonly fromRaw: string;
  readonly displayName: string | null;
  readonly dnis: string;
  readonly ivrDigit: string | null;
  /** The escalation context a warm transfer brings (an opaque UUID), null when none or not a UUID. */
  readonly contextId: string | null;
}

/** The header our softphone puts on a consultation INVITE of an escalated call (see CallCoordinator.consult). */
export const HANDOFF_CONTEXT_HEADER = 'X-Careline-Context';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface IdentityHeaderNames {
  /** Headers holding the IVR choice, tried in order. */
  readonly ivr: readonly string[];
}

export const DEFAULT_IDENTITY_HEADERS: IdentityHeaderNames = { ivr: ['X-Careline-IVR', 'X-IVR-Choice'] };

export function callerIdentity(invite: InviteHeaders, names: IdentityHeaderNames = DEFAULT_IDENTITY_HEADERS): CallerIdentity {
  const asserted = parseNameAddr(invite.header('P-Asserted-Identity'));
  const from = parseNameAddr(invite.header('From'));
  const caller = asserted?.user ? asserted : from;
  const diversion = parseNameAddr(invite.header('Diversion'));
  const to = parseNameAddr(invite.header('To'));
  const ivrRaw = names.ivr.map((n) => invite.header(n)).find((v) => v !== undefined);
  const ivrDigit = ivrRaw && /^[0-9*#]{1,2}$/.test(ivrRaw.trim()) ? ivrRaw.trim() : null;
  const contextRaw = invite.header(HANDOFF_CONTEXT_HEADER)?.trim() ?? '';
  return {
    fromRaw: caller?.user ?? 'anonymous',
    displayName: caller?.displayName ?? from?.displayName ?? null,
    dnis: diversion?.user ?? to?.user ?? invite.requestUriUser ?? '',
    ivrDigit,
    contextId: UUID.test(contextRaw) ? contextRaw.toLowerCase() : null,
  };
}

/**
 * `"Display" <sip:user@host;params>;tag=x`, `<tel:+1617...>`, or a bare `sip:user@host`. Returns the user part
 * (percent-decoded; phone-context and params stripped) and the display name, or null when unreadable.
 */
export function parseNameAddr(value: string | undefined): { user: string | null; displayName: string | null } | null {
  if (!value) return null;
  const text = value.trim();
  const angle = /^(?:"((?:[^"\\]|\\.)*)"|([^<"]*?))\s*<([^>]*)>/.exec(text);
  const uri = angle ? angle[3]! : text.split(';')[0]!.trim();
  const rawName = angle ? (angle[1] ?? angle[2] ?? '').replace(/\\(.)/g, '$1').trim() : '';
  const userMatch = /^(?:sips?|tel):([^@;?>]+)/i.exec(uri);
  let user: string | null = null;
  if (userMatch) {
    try {
      user = decodeURIComponent(userMatch[1]!);
    } catch {
      user = userMatch[1]!;
    }
  }
  const displayName = rawName && rawName.length <= 100 ? rawName : null;
  return { user: user && user.length <= 64 ? user : null, displayName };
}
