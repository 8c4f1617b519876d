import { z } from 'zod';
import { EpochMs } from './common';

/**
 * The agent's EHR login as the renderer may know it (`ehr.session`, and the `ehr.session` event on every
 * change: ehr.signIn returns at once with "signing-in"; the outcome arrives as an event): a state, who is signed in (the fhirUser's display
 * name) and until when. Tokens stay in main and never cross this boundary.
 * - not-needed: this EHR needs no per-agent login (demo EHR, sandbox with a static credential)
 * - signed-out: needs a login (ehr.signIn opens the system browser)
 * - signing-in: waiting for the agent to finish in the browser
 * - signed-in: requests carry the agent's token; it is refreshed before `expiresAt` when the EHR allows
 * - expired: the EHR ended the session (refresh refused or revoked): sign in again
 */
export const EhrSessionState = z.enum(['not-needed', 'signed-out', 'signing-in', 'signed-in', 'expired']);
export type EhrSessionState = z.infer<typeof EhrSessionState>;

export const EhrSession = z.object({
  state: EhrSessionState,
  user: z.string().max(120).nullable(),
  expiresAt: EpochMs.nullable(),
  /** Why the last login failed or the session ended, in words for the agent (no token, no PHI). */
  message: z.string().max(300).nullable(),
});
export type EhrSession = z.infer<typeof EhrSession>;
