import { z } from 'zod';
import { EpochMs, FhirId, Uuid } from './common';
import { CallQuality } from './media';
import { NoVisitReason, WrapUpCodeSchema } from './call';

/**
 * The agent's availability. It decides whether calls are offered: only an available agent's phone rings; a
 * call that arrives in any other state is refused with 486 Busy Here so the queue offers it to someone else.
 */
export const AGENT_STATES = ['available', 'on-call', 'after-call-work', 'away', 'do-not-disturb'] as const;
export const AgentStateName = z.enum(AGENT_STATES);
export type AgentStateName = z.infer<typeof AgentStateName>;

export const AgentState = z.object({
  state: AgentStateName,
  since: EpochMs,
  /** Why the agent is away (one of the configured reasons), null otherwise. */
  awayReason: z.string().nullable(),
  /** After-call work ends by itself at this time (configurable auto-return); null = the agent returns by hand. */
  afterCallWorkEndsAt: EpochMs.nullable(),
  /** The configured away reasons, so the menu shows exactly what main accepts. */
  awayReasons: z.array(z.string()),
  /**
   * Away or do-not-disturb chosen during a call: it applies when the last call ends, instead of after-call
   * work, so the menu can say "Away (Lunch) after this call". Optional so older payloads still parse.
   */
  pending: z
    .object({ state: z.enum(['away', 'do-not-disturb']), awayReason: z.string().nullable() })
    .nullable()
    .optional(),
});
export type AgentState = z.infer<typeof AgentState>;

/** States an agent may choose; on-call and after-call work follow the calls themselves. */
export const SetAgentStateRequest = z
  .object({ state: z.enum(['available', 'away', 'do-not-disturb']), awayReason: z.string().min(1).max(60).optional() })
  .strict();
export type SetAgentStateRequest = z.infer<typeof SetAgentStateRequest>;

export const CallLogEntry = z.object({
  callId: Uuid,
  direction: z.enum(['inbound', 'outbound']),
  /** The other party as signaled (number or display name); shown only to signed-in staff, never logged. */
  party: z.string(),
  dnis: z.string(),
  serviceLineId: z.string().nullable(),
  ringAt: EpochMs,
  answeredAt: EpochMs.nullable(),
  endedAt: EpochMs.nullable(),
  endReason: z.string().nullable(),
  wrapUpCode: WrapUpCodeSchema.nullable(),
  patientId: FhirId.nullable(),
  /** Why no visit was booked although the disposition called for one (recorded at wrap-up). */
  noVisitReason: NoVisitReason.nullable().optional(),
  quality: CallQuality.nullable(),
});
export type CallLogEntry = z.infer<typeof CallLogEntry>;
