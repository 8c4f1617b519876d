import { z } from 'zod';
import { EpochMs } from './common';
import { AgentStateName } from './agent';
import { Role } from './session';

/**
 * What a workstation tells the team (supervisors) about itself over the team bus: who is signed in, their
 * state, the EHR link and the documentation backlog. Counts and states only — never a patient, a caller
 * number or a label that could name one: the bus is not a PHI channel.
 */
export const WorkstationStatus = z.object({
  /** Stable per installation ([A-Za-z0-9_-]). */
  workstationId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** What people call the desk ("Triage pod 3 – desk 12"); the host name by default. */
  label: z.string().max(120),
  /** The workforce member signed in (staff name and role, not PHI); null = nobody. */
  user: z.object({ displayName: z.string().max(120), role: Role }).nullable(),
  agentState: AgentStateName.nullable(),
  /** The agent's EHR login, where the EHR needs one. */
  ehr: z.enum(['signed-out', 'signing-in', 'signed-in', 'expired', 'not-needed', 'unreachable']),
  /** Documentation and bookings not yet in the EHR. */
  outbox: z.object({ pending: z.number().int().nonnegative(), failed: z.number().int().nonnegative(), oldestUnsentAt: EpochMs.nullable() }),
  /** When the workstation sent this. */
  at: EpochMs,
});
export type WorkstationStatus = z.infer<typeof WorkstationStatus>;

/** A supervisor's view of one workstation: its last status and whether it is still heard from. */
export const TeamWorkstation = WorkstationStatus.extend({
  /** This is the supervisor's own workstation. */
  self: z.boolean(),
  /** Not heard from for longer than three beacon intervals (off, asleep, or its network is down). */
  stale: z.boolean(),
  receivedAt: EpochMs,
});
export type TeamWorkstation = z.infer<typeof TeamWorkstation>;

export const TeamView = z.object({
  /** 'bus' = the team bus is connected; 'local-only' = no bus configured (only this workstation); 'disconnected' = configured but not reachable now. */
  link: z.enum(['bus', 'local-only', 'disconnected']),
  workstations: z.array(TeamWorkstation),
});
export type TeamView = z.infer<typeof TeamView>;
