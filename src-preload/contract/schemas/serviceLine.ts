import { z } from 'zod';

export const CallTypeKind = z.enum(['triage', 'scheduling', 'refill', 'billing', 'message']);
export const CallType = z.object({
  id: z.string().min(1).max(64),
  label: z.string().min(1).max(80),
  kind: CallTypeKind,
});
export type CallType = z.infer<typeof CallType>;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
/** Opening hours for one weekday (0 = Sunday), in the service line's own time zone. */
export const OpeningHours = z.object({ day: z.number().int().min(0).max(6), open: HHMM, close: HHMM });
export type OpeningHours = z.infer<typeof OpeningHours>;

export const KnowledgeArticle = z.object({ title: z.string(), body: z.string() });

/**
 * A service line: what a dialed number (DNIS) means. It filters the call types offered and the knowledge
 * panel shown, and its hours decide office-hours vs after-hours branches of the interview.
 */
export const ServiceLine = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(120),
  description: z.string().max(500),
  dnis: z.array(z.string().regex(/^\+[1-9]\d{6,14}$/, 'DNIS must be E.164')).min(1),
  audience: z.enum(['adult', 'pediatric', 'all']),
  timeZone: z.string().min(1),
  hours: z.array(OpeningHours),
  callTypes: z.array(CallType).min(1),
  protocolIds: z.array(z.string()),
  knowledge: z.array(KnowledgeArticle),
});
export type ServiceLine = z.infer<typeof ServiceLine>;
export const ServiceLineCatalog = z.object({ serviceLines: z.array(ServiceLine).min(1) });
