import { z } from 'zod';
import { EpochMs, FhirId, Uuid } from './common';
import { PatientSummary } from './patient';

export const CallState = z.enum(['ringing', 'active', 'ended']);

/** How a call ended, as the agent codes it at wrap-up. */
export const WRAP_UP_CODES = ['resolved', 'scheduled', 'transferred', 'escalated-911', 'no-action'] as const;
export const WrapUpCodeSchema = z.enum(WRAP_UP_CODES);
export type WrapUpCode = z.infer<typeof WrapUpCodeSchema>;

export const CallWrapUp = z.object({
  code: WrapUpCodeSchema,
  at: EpochMs,
  /** Who wrapped the call up (main fills it in from the session, never the renderer). */
  userId: z.string(),
  patientId: FhirId.nullable(),
});
export type CallWrapUp = z.infer<typeof CallWrapUp>;
export type CallState = z.infer<typeof CallState>;

export const CallInfo = z.object({
  callId: Uuid,
  /** Which telephony port produced the call: the labeled demo simulation or a real SIP line. */
  source: z.enum(['demo-line', 'sip']),
  state: CallState,
  from: z.object({
    raw: z.string(),
    /** Normalized caller number, null when it could not be parsed (withheld, garbage). */
    e164: z.string().nullable(),
    displayName: z.string().nullable(),
  }),
  /** The number the caller dialed and the service line it maps to. */
  dialed: z.object({ dnis: z.string(), serviceLineId: z.string().nullable() }),
  ivrChoice: z.object({ digit: z.string(), label: z.string() }).nullable(),
  ringAt: EpochMs,
  answeredAt: EpochMs.nullable(),
  endedAt: EpochMs.nullable(),
  wrapUp: CallWrapUp.nullable().optional(),
});
export type CallInfo = z.infer<typeof CallInfo>;

export const ScreenPop = z.object({
  callId: Uuid,
  matchedBy: z.enum(['phone', 'none']),
  candidates: z.array(PatientSummary),
  /** Time from ring to candidates known in main. */
  lookupMs: z.number().nonnegative(),
  error: z.string().nullable(),
});
export type ScreenPop = z.infer<typeof ScreenPop>;

export const CallIdRequest = z.object({ callId: Uuid }).strict();
export const WrapUpRequest = z.object({ callId: Uuid, code: WrapUpCodeSchema, patientId: FhirId.nullable() }).strict();
export type WrapUpRequest = z.infer<typeof WrapUpRequest>;
