import { z } from 'zod';
import { EpochMs, FhirId } from './common';

export const ConnectionState = z.enum(['unknown', 'connected', 'unreachable']);
export const EnvironmentStatus = z.object({
  /** "demo" = the embedded, clearly labeled simulation (demo EHR + demo phone line). */
  mode: z.enum(['demo', 'configured']),
  host: z.enum(['electron', 'web-host']),
  ehr: z.object({
    label: z.string(),
    baseUrl: z.string(),
    state: ConnectionState,
    message: z.string().nullable(),
    checkedAt: EpochMs.nullable(),
  }),
  /** Where this workstation keeps PHI between calls: the encrypted cache, or memory only (and why). */
  cache: z.object({ mode: z.enum(['encrypted', 'memory-only']), message: z.string().nullable() }),
  telephony: z.object({
    label: z.string(),
    kind: z.enum(['demo-line', 'sip']),
    ready: z.boolean(),
    /** SIP registration as the agent should read it; the demo line is always 'registered'. */
    registration: z.enum(['unregistered', 'registering', 'registered', 'reconnecting', 'failed']),
    /** What is wrong, in words for the agent (e.g. "Phone server unreachable, retrying in 4 s"). */
    message: z.string().nullable(),
  }),
});
export type EnvironmentStatus = z.infer<typeof EnvironmentStatus>;

export const DemoLineOptions = z.object({
  lines: z.array(z.object({ dnis: z.string(), serviceLineId: z.string(), label: z.string() })),
  /** patientId null: a simulated caller with no chart. */
  callers: z.array(z.object({ patientId: FhirId.nullable(), phone: z.string(), label: z.string() })),
  ivrChoices: z.array(z.object({ digit: z.string(), label: z.string() })),
});
export type DemoLineOptions = z.infer<typeof DemoLineOptions>;

export const DemoRingRequest = z
  .object({
    /** A synthetic caller's number; omitted = a random synthetic caller. */
    callerPhone: z.string().max(32).optional(),
    dnis: z.string().max(32).optional(),
    ivrDigit: z.string().max(2).optional(),
  })
  .strict();
export type DemoRingRequest = z.infer<typeof DemoRingRequest>;

export const DemoOutageRequest = z.object({ outage: z.boolean() }).strict();
