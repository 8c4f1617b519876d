import { z } from 'zod';
import { EpochMs, FhirId, Uuid } from './common';

/** A calendar day, no zone ("2026-12-09"): read in the zone of whichever clinic it is about. */
const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a real date');
import { DispositionIdSchema } from './protocol';

/**
 * Scheduling (issue 6): what the renderer asks for and what main answers. The engine itself (rules, ranking,
 * explanations) lives in src-main/scheduling; this is only what crosses the process boundary. Every offer
 * says why it is offered and every excluded candidate says why it is not, in words a scheduler can read to
 * the caller ("Dr Kim does not accept Evergreen PPO 500"). Nothing here is PHI beyond the patient id.
 */

export const DayPart = z.enum(['morning', 'afternoon', 'evening']);
export type DayPart = z.infer<typeof DayPart>;

/** A visit type as the UI lists it (the full definition, with its rules, stays in main). */
export const VisitTypeSummary = z.object({
  id: z.string().min(1).max(64),
  label: z.string(),
  durationMinutes: z.number().int().positive(),
  telehealth: z.enum(['never', 'allowed', 'only']),
  /** More than one visit, in order (e.g. imaging, then a follow-up): the labels of each step. */
  steps: z.array(z.string()),
  /** True when this visit type is what the rules propose for the disposition asked about. */
  suggested: z.boolean().optional(),
});
export type VisitTypeSummary = z.infer<typeof VisitTypeSummary>;

export const VisitTypesRequest = z.object({ dispositionId: DispositionIdSchema.nullable() }).strict();

/** What the caller prefers; every field is optional and only ranks (it never hides a slot on its own). */
export const SchedulingPreferences = z
  .object({
    dayParts: z.array(DayPart).max(3).optional(),
    telehealthOk: z.boolean().optional(),
    /** A language the caller wants the visit in (BCP-47, e.g. "es"); defaults to the chart's. */
    language: z.string().min(2).max(35).optional(),
    /** A PractitionerRole the caller asks for ("my own doctor"); ranks first when eligible. */
    providerId: FhirId.optional(),
    /** Farther than this is excluded (km, in person only); without it the clinic's default limit applies. */
    maxDistanceKm: z.number().positive().max(1000).optional(),
    /** The caller asks for any distance: the default limit is lifted (distance still ranks). */
    anyDistance: z.boolean().optional(),
  })
  .strict();
export type SchedulingPreferences = z.infer<typeof SchedulingPreferences>;

export const SlotSearchRequest = z
  .object({
    patientId: FhirId,
    /** The disposition sets the window ("seen within 4 hours"); null = a routine request (rules' default). */
    dispositionId: DispositionIdSchema.nullable(),
    visitTypeId: z.string().min(1).max(64),
    preferences: SchedulingPreferences.default({}),
    /** How many offers to return, best first (default 10). */
    limit: z.number().int().min(1).max(50).default(10),
  })
  .strict();
export type SlotSearchRequest = z.input<typeof SlotSearchRequest>;

/** One visit of an offer: a provider at a place (or by video) at a time, on one or more FHIR Slots. */
export const OfferedVisit = z.object({
  visitTypeId: z.string(),
  visitTypeLabel: z.string(),
  start: EpochMs,
  end: EpochMs,
  /** The FHIR Slots this visit occupies (a 40-minute visit on 20-minute slots takes two). */
  slotIds: z.array(FhirId).min(1),
  providerId: FhirId,
  providerName: z.string(),
  locationId: FhirId,
  locationName: z.string(),
  /** The clinic's IANA zone: times are read to the caller in the clinic's time. */
  timeZone: z.string(),
  mode: z.enum(['in-person', 'telehealth']),
  /** Room or equipment reserved with the provider, by name (e.g. "Procedure room 2"). */
  resources: z.array(z.string()),
  distanceKm: z.number().nonnegative().nullable(),
});
export type OfferedVisit = z.infer<typeof OfferedVisit>;

export const SlotOffer = z.object({
  /** Stable for the same slots: what `schedule.hold` takes. */
  offerId: z.string().min(1).max(512),
  /** Best first: 1 is the top offer. */
  rank: z.number().int().positive(),
  score: z.number(),
  visits: z.array(OfferedVisit).min(1),
  /** Why this offer, in order of weight ("Your PCP, Dr Kim", "Within the 4-hour window", "Speaks Spanish"). */
  reasons: z.array(z.string()).min(1),
});
export type SlotOffer = z.infer<typeof SlotOffer>;

/** A candidate that was not offered, and why: grouped per provider (or location) and rule. */
export const SchedulingExclusion = z.object({
  rule: z.string(),
  /** Who or what it applies to, e.g. "Dr Kim" or "Lakeshore Clinic"; null for the request as a whole. */
  subject: z.string().nullable(),
  message: z.string(),
  /** How many candidate slots this rule removed. */
  slots: z.number().int().nonnegative(),
});
export type SchedulingExclusion = z.infer<typeof SchedulingExclusion>;

/** When no slot fits the window: what to do instead, most appropriate first. */
export const SchedulingAlternative = z.object({
  kind: z.enum(['urgent-care', 'nurse-callback', 'emergency-department', 'first-after-window', 'waitlist']),
  label: z.string(),
  why: z.string(),
  /** For 'first-after-window': the first slot past the window (booking it needs a nurse's reason). */
  offer: SlotOffer.nullable(),
});
export type SchedulingAlternative = z.infer<typeof SchedulingAlternative>;

export const SlotSearchResult = z.object({
  visitType: VisitTypeSummary,
  /** The window the disposition allows, and how it was read ("Within 4 hours: until 3:40 PM"). */
  window: z.object({ from: EpochMs, to: EpochMs, label: z.string() }),
  offers: z.array(SlotOffer),
  exclusions: z.array(SchedulingExclusion),
  /** Non-empty only when nothing fits the window: says so, then the next best options. */
  noneInWindow: z.object({ message: z.string(), alternatives: z.array(SchedulingAlternative) }).nullable(),
  /** How many candidate slots were considered (for "every wait shows progress" and the explanation). */
  considered: z.number().int().nonnegative(),
  searchedAt: EpochMs,
  /** The distance limit in force for in-person visits (null km = none) and the sentence the offer list shows. */
  distanceLimit: z
    .object({ km: z.number().positive().nullable(), source: z.enum(['caller', 'any', 'default', 'none']), label: z.string() })
    .optional(),
});
export type SlotSearchResult = z.infer<typeof SlotSearchResult>;

export const SlotHoldRequest = z.object({ patientId: FhirId, offerId: z.string().min(1).max(512) }).strict();
export const SlotHold = z.object({
  holdId: Uuid,
  offer: SlotOffer,
  /** The short reservation ends here; booking after it re-checks the slots. */
  expiresAt: EpochMs,
});
export type SlotHold = z.infer<typeof SlotHold>;
export const HoldIdRequest = z.object({ holdId: Uuid }).strict();

export const BookingRequest = z
  .object({
    holdId: Uuid,
    patientId: FhirId,
    /** Client-generated: a retried booking never makes a second Appointment. */
    idempotencyKey: Uuid,
    /** The reason for the visit as the agent wrote it (goes into Appointment.description, not to logs). */
    reason: z.string().trim().min(1).max(500),
    /** The call this booking belongs to, when there is one. */
    callId: z.string().max(128).nullable().default(null),
    dispositionId: DispositionIdSchema.nullable().default(null),
    /** Required when booking a slot outside the disposition's window (nurse only). */
    outsideWindowReason: z.string().trim().min(10).max(500).nullable().default(null),
    /** Queue a confirmation to the patient (SMS/portal Communication through the outbox). */
    sendConfirmation: z.boolean().default(true),
  })
  .strict();
export type BookingRequest = z.input<typeof BookingRequest>;

export const BookingResult = z.discriminatedUnion('outcome', [
  /** The EHR has the Appointment. */
  z.object({ outcome: z.literal('booked'), appointmentId: FhirId, outboxId: Uuid, offer: SlotOffer, confirmationScript: z.string() }),
  /** Kept in the outbox (the EHR is unreachable): the slot is held for us locally, not yet confirmed. */
  z.object({ outcome: z.literal('queued'), outboxId: Uuid, offer: SlotOffer, reason: z.string(), confirmationScript: z.string() }),
  /** Someone took the slot meanwhile (409/412): fresh offers under the same request; nothing entered is lost. */
  z.object({ outcome: z.literal('conflict'), message: z.string(), refreshed: SlotSearchResult }),
]);
export type BookingResult = z.infer<typeof BookingResult>;

export const AppointmentSummary = z.object({
  id: FhirId,
  status: z.string(),
  start: EpochMs,
  end: EpochMs,
  visitTypeLabel: z.string(),
  /** The clinic's visit type id when the EHR's Appointment carries one (reschedule pre-selects it). */
  visitTypeId: z.string().nullable().optional(),
  providerName: z.string(),
  locationName: z.string(),
  timeZone: z.string(),
  mode: z.enum(['in-person', 'telehealth']),
  /** True while it waits in the outbox (not yet in the EHR). */
  pending: z.boolean(),
});
export type AppointmentSummary = z.infer<typeof AppointmentSummary>;

export const PatientAppointmentsRequest = z.object({ patientId: FhirId }).strict();
export const CancelAppointmentRequest = z
  .object({ appointmentId: FhirId, patientId: FhirId, reason: z.string().trim().min(3).max(500), idempotencyKey: Uuid })
  .strict();
export const RescheduleRequest = z
  .object({ appointmentId: FhirId, patientId: FhirId, holdId: Uuid, reason: z.string().trim().min(3).max(500), idempotencyKey: Uuid })
  .strict();

/** Waitlist: a patient who wants an earlier slot than the one they have (or none was free). */
export const WaitlistEntry = z.object({
  id: Uuid,
  patientId: FhirId,
  /** Display name for the scheduler's list (the view is audited as a PHI view). */
  patientName: z.string(),
  visitTypeId: z.string(),
  /** Earliest and latest acceptable start. */
  from: EpochMs,
  to: EpochMs,
  preferences: SchedulingPreferences,
  addedAt: EpochMs,
  /** Order in the list (1 = offered first). */
  position: z.number().int().positive(),
  state: z.enum(['waiting', 'offered', 'booked', 'removed']),
  /** While 'offered': the held slot and until when it is held for this patient. */
  offer: z.object({ holdId: Uuid, offer: SlotOffer, expiresAt: EpochMs }).nullable(),
});
export type WaitlistEntry = z.infer<typeof WaitlistEntry>;
export const WaitlistAddRequest = z
  .object({ patientId: FhirId, visitTypeId: z.string().min(1).max(64), from: EpochMs, to: EpochMs, preferences: SchedulingPreferences.default({}) })
  .strict()
  .refine((r) => r.to > r.from, { message: 'The latest date must be after the earliest.', path: ['to'] });
export const WaitlistIdRequest = z.object({ id: Uuid }).strict();

/** Mass reschedule: a provider out sick or a location closed over a period. */
export const MassRescheduleRequest = z
  .object({
    scope: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('provider'), providerId: FhirId }),
      z.object({ kind: z.literal('location'), locationId: FhirId }),
    ]),
    from: EpochMs,
    to: EpochMs,
    reason: z.string().trim().min(3).max(500),
    /**
     * The days as the supervisor picked them (first and last, inclusive), read on each clinic's own calendar
     * (its zone), not the workstation's: when given, main uses them instead of from/to.
     */
    days: z.object({ first: LocalDate, last: LocalDate }).strict().optional(),
  })
  .strict()
  .refine((r) => r.to > r.from, { message: 'The end must be after the start.', path: ['to'] })
  .refine((r) => !r.days || r.days.last >= r.days.first, { message: 'The last day must not be before the first.', path: ['days'] });
export type MassRescheduleRequest = z.input<typeof MassRescheduleRequest>;
export const MassRescheduleProposal = z.object({
  appointment: AppointmentSummary,
  patientId: FhirId,
  patientName: z.string(),
  /** The best slot under the same rules, or null with the reason none was found. */
  proposal: SlotOffer.nullable(),
  why: z.string(),
  /** The latest start the visit's reason allows (its disposition's window, else its visit type's, else the booked day). */
  latest: EpochMs.optional(),
  /** That window in words ("by Mon, Dec 7, 11:59 PM EST: the booked day (its window is not known)"). */
  windowLabel: z.string().optional(),
  /** Urgent (care within 36 hours): assigned first, to the soonest slot. */
  urgent: z.boolean().optional(),
  /** Nothing fits inside its window: a person calls the patient (never moved later without them). */
  callPatient: z.boolean().optional(),
});
export const MassReschedulePlan = z.object({
  affected: z.array(MassRescheduleProposal),
  /** Everyone to notify (with the proposed new time, or "we will call you"). */
  notify: z.array(z.object({ patientId: FhirId, patientName: z.string(), message: z.string() })),
});
export type MassReschedulePlan = z.infer<typeof MassReschedulePlan>;

/** The schedulable network, for pickers (providers and locations the rules know). */
export const SchedulingDirectory = z.object({
  providers: z.array(z.object({ id: FhirId, name: z.string(), specialty: z.string(), locationIds: z.array(FhirId) })),
  locations: z.array(z.object({ id: FhirId, name: z.string(), timeZone: z.string() })),
});
export type SchedulingDirectory = z.infer<typeof SchedulingDirectory>;
