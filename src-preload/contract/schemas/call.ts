import { z } from 'zod';
import { EpochMs, FhirId, Uuid } from './common';
import { PatientSummary } from './patient';

/** dialing = our outbound call is not answered yet; held calls stay 'active' with `held: true`. */
export const CallState = z.enum(['ringing', 'dialing', 'active', 'ended']);

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
  direction: z.enum(['inbound', 'outbound']),
  /** On hold (by us). Audio is paused both ways; the caller hears silence or the PBX's music. */
  held: z.boolean(),
  /** Set when this call is a consultation for an attended transfer of another call. */
  consultFor: Uuid.nullable(),
  /** Why the call ended, in words for the agent (no PHI), e.g. "Caller hung up", "Transferred". */
  endReason: z.string().nullable(),
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
  /**
   * Set when the EHR could not be reached: since when (as far as this workstation knows), and whether the
   * candidates come from the encrypted local cache. An empty list then means "could not look", never "no patient".
   */
  ehrUnreachable: z.object({ since: EpochMs, cached: z.boolean() }).nullable().optional(),
});
export type ScreenPop = z.infer<typeof ScreenPop>;

export const CallIdRequest = z.object({ callId: Uuid }).strict();
export const WrapUpRequest = z.object({ callId: Uuid, code: WrapUpCodeSchema, patientId: FhirId.nullable() }).strict();
export type WrapUpRequest = z.infer<typeof WrapUpRequest>;

/**
 * A number (digits, +, *, #), an extension or user name on the phone system (nurses, 2104), or a SIP URI
 * (sip:user@host). Directory entries resolve to one of these.
 */
export const DialTarget = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .regex(/^(\+?[0-9*#]{1,32}|[A-Za-z0-9][A-Za-z0-9._*#-]{0,63}|sips?:[^\s<>"]{3,250})$/, 'a phone number, an extension or a sip: address');
export const DialRequest = z.object({ target: DialTarget }).strict();
export const HoldRequest = z.object({ callId: Uuid, hold: z.boolean() }).strict();
export const DtmfRequest = z.object({ callId: Uuid, tones: z.string().regex(/^[0-9A-Da-d#*]{1,32}$/, 'DTMF tones are 0-9, A-D, * and #') }).strict();
export const BlindTransferRequest = z.object({ callId: Uuid, target: DialTarget }).strict();
/** Attended transfer, step 1: hold the caller and call the target (the consultation). */
export const ConsultRequest = z.object({ callId: Uuid, target: DialTarget }).strict();
/** Attended transfer, step 2: join the caller to the consulted party (REFER with Replaces) and drop out. */
export const CompleteTransferRequest = z.object({ callId: Uuid, consultCallId: Uuid }).strict();
export type DialRequest = z.infer<typeof DialRequest>;

/** Where calls can be transferred: other agents, the nurse queue, on-call pager numbers, external numbers. */
export const DirectoryEntry = z.object({
  id: z.string().min(1).max(64),
  label: z.string().min(1).max(80),
  kind: z.enum(['agent', 'nurse-queue', 'on-call', 'external']),
  target: DialTarget,
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;
