import type { InterviewInput } from '../call-session';

const ROLE_TEXT: Record<NonNullable<InterviewInput['callerRole']>, string> = {
  self: 'the patient calls',
  parent: 'a parent calls',
  caregiver: 'a caregiver calls',
  other: 'someone else calls',
};

/**
 * Where the patient is, as the interview hears it: "in CT 06103 (caller)", "in NY 10001 (chart)", or
 * "location unknown" (then questions that depend on the place are asked).
 */
export function locationText(input: InterviewInput): string {
  const place = [input.state, input.zip].filter((p): p is string => typeof p === 'string' && p.length > 0).join(' ');
  if (place === '') return 'location unknown';
  return input.locationSource ? `in ${place} (${input.locationSource === 'caller' ? "caller's answer" : 'chart address'})` : `in ${place}`;
}

/** The site's wall-clock time the interview branches on, or that it is unknown (an older draft). */
export function siteTimeText(input: InterviewInput): string {
  return input.localTime ? `${input.localTime} at the site` : 'site time unknown';
}

/** Who calls and, when the agent asked, pregnancy: the rest of what the interview branches on. */
export function callerText(input: InterviewInput): string {
  const role = ROLE_TEXT[input.callerRole ?? 'self'];
  if (input.pregnancy === 'pregnant') return `${role} · pregnant`;
  if (input.pregnancy === 'not-pregnant') return `${role} · not pregnant`;
  return role;
}
