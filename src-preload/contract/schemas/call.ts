import { z } from 'zod';
import { EpochMs, FhirId, Uuid } from './common';
import { EscalationPriority, EscalationRoute } from './documentation';
import { PatientSummary } from './patient';

/** dialing = our outbound call is not answered yet; held calls stay 'active' with `held: true`. */
export const CallState = z.enum(['ringing', 'dialing', 'active', 'ended']);

/** How a call ended, as the agent codes it at wrap-up. */
export const WRAP_UP_CODES = ['resolved', 'scheduled', 'transferred', 'escalated-911', 'no-action'] as const;
export const WrapUpCodeSchema = z.enum(WRAP_UP_CODES);
export type WrapUpCode = z.infer<typeof WrapUpCodeSchema>;

/**
 * Why a call whose disposition calls for a visit (be seen within hours or days) ended without one booked:
 * a quick pick, with words for the chart ("other" needs them).
 */
export const NO_VISIT_REASONS = ['caller-declined', 'will-call-back', 'booked-elsewhere', 'no-slots', 'other'] as const;
export const NO_VISIT_TEXT_MAX = 500;
export const NoVisitReason = z
  .object({
    code: z.enum(NO_VISIT_REASONS),
    text: z.string().trim().max(NO_VISIT_TEXT_MAX),
  })
  .strict()
  .refine((r) => r.code !== 'other' || r.text.length >= 3, { message: 'Say why no visit was booked.', path: ['text'] });
export type NoVisitReason = z.infer<typeof NoVisitReason>;
export type NoVisitReasonCode = NoVisitReason['code'];

export const CallWrapUp = z.object({
  code: WrapUpCodeSchema,
  at: EpochMs,
  /** Who wrapped the call up (main fills it in from the session, never the renderer). */
  userId: z.string(),
  patientId: FhirId.nullable(),
  /** Set when the disposition called for a visit and none was booked on the call. */
  noVisitReason: NoVisitReason.nullable().optional(),
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

/**
 * The escalation a warm transfer brings with it, as the receiving desk resolved it from the EHR (the SIP
 * INVITE carries only an opaque context id, never PHI): who the patient is and why the agent escalated.
 */
export const EscalationHandoff = z.object({
  contextId: Uuid,
  /** The nurse-queue Task in the EHR. */
  taskId: FhirId,
  route: EscalationRoute,
  priority: EscalationPriority,
  reasonForCall: z.string().max(2000),
  /** The agent's reason for a priority lower than the one suggested, when there was one. */
  priorityReason: z.string().max(500).nullable(),
  /** Who escalated, as documented ("Alex Rivera (agent)"). */
  escalatedBy: z.string().max(200).nullable(),
  escalatedAt: z.string().max(40).nullable(),
  /** The agent's red-flag screen: each question and its answer as documented. */
  redFlagAnswers: z.array(z.object({ question: z.string().max(500), answer: z.string().max(500) })).max(100),
});
export type EscalationHandoff = z.infer<typeof EscalationHandoff>;

export const ScreenPop = z.object({
  callId: Uuid,
  /** 'handoff': the patient of the escalation a warm transfer brought (see `handoff`). */
  matchedBy: z.enum(['phone', 'none', 'handoff']),
  candidates: z.array(PatientSummary),
  /** Time from ring to candidates known in main. */
  lookupMs: z.number().nonnegative(),
  error: z.string().nullable(),
  /**
   * Set when the EHR could not be reached: since when (as far as this workstation knows), and whether the
   * candidates come from the encrypted local cache. An empty list then means "could not look", never "no patient".
   */
  ehrUnreachable: z.object({ since: EpochMs, cached: z.boolean() }).nullable().optional(),
  /** A warm transfer of an escalated call: its context, and its patient is the one candidate. */
  handoff: EscalationHandoff.nullable().optional(),
});
export type ScreenPop = z.infer<typeof ScreenPop>;

export const CallIdRequest = z.object({ callId: Uuid }).strict();
export const WrapUpRequest = z
  .object({ callId: Uuid, code: WrapUpCodeSchema, patientId: FhirId.nullable(), noVisitReason: NoVisitReason.nullable().optional() })
  .strict();
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

/**
 * Where calls can be transferred: other agents, the nurse queue, on-call pager numbers, external numbers, and
 * emergency services (the emergency path's "connect to 911"; main adds 911 when the site configures none).
 */
export const DirectoryEntry = z.object({
  id: z.string().min(1).max(64),
  label: z.string().min(1).max(80),
  kind: z.enum(['agent', 'nurse-queue', 'on-call', 'external', 'emergency']),
  target: DialTarget,
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;
