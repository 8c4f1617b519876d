import { z } from 'zod';
import { DispositionIdSchema } from '../../../src-preload/contract/schemas/protocol';
import { dayAfter, wallOf } from '../engine/localPeriod';

/**
 * The clinic's scheduling rules file (resources/scheduling/*.json) as a manager writes it: validated here, then
 * cross-checked in loadSchedulingRules. Parses to the engine's SchedulingRules (model.ts). Times in a rules file
 * may be ISO 8601 with an offset ("2026-12-24T00:00:00-05:00"), easier to write than epoch milliseconds.
 */

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, ".", "_" or "-" (at most 64)');
const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const LocalTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a local time as "HH:MM" (00:00 to 24:00)');
const PERIOD_EDGE_FORMS = 'a local date ("2026-12-24"), a local date and time ("2026-12-09T13:00"), or an ISO date-time with an offset ("2026-12-24T00:00:00-05:00")';
const Instant = z.union([
  z.number().int().nonnegative(),
  z.iso.datetime({ offset: true, message: PERIOD_EDGE_FORMS }).transform((s) => Date.parse(s)),
]);

const AgeRange = z
  .object({
    minYears: z.number().int().min(0).max(130).nullable(),
    maxYears: z.number().int().min(1).max(131).nullable(),
  })
  .strict();

/** A clinic's wall clock, no offset: a day ("2026-12-24") or a day and time ("2026-12-09T13:00"). */
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:00)?$/);
const PeriodEdge = z.union([Instant, LocalDate, LocalDateTime], { error: PERIOD_EDGE_FORMS });

/**
 * Closures and blocked times. Local dates and times are the clinic's own calendar, read in its zone when a
 * visit is checked (engine/localPeriod.ts): "start": "2026-12-24", "end": "2026-12-25" closes both days, whole
 * (a date-only end is the last day included). Instants (with an offset, or epoch ms) are exact. Both ends are
 * written the same way: a local start with an exact end would mean different things in different zones.
 */
const BlockedPeriod = z
  .object({ start: PeriodEdge, end: PeriodEdge, reason: z.string().trim().min(1).max(120) })
  .strict()
  .transform((p, ctx) => {
    if (typeof p.start === 'number' && typeof p.end === 'number') return { start: p.start, end: p.end, reason: p.reason };
    if (typeof p.start === 'string' && typeof p.end === 'string') {
      const localStart = p.start.length === 10 ? `${p.start}T00:00` : p.start.slice(0, 16);
      const localEnd = p.end.length === 10 ? dayAfter(p.end) : p.end.slice(0, 16);
      if (wallOf(localStart) === null || localEnd === null || wallOf(localEnd) === null) {
        ctx.addIssue({ code: 'custom', message: 'not a real date (check the month and day)' });
        return z.NEVER;
      }
      return { localStart, localEnd, reason: p.reason };
    }
    ctx.addIssue({ code: 'custom', message: 'write start and end the same way: both local ("2026-12-24") or both with an offset' });
    return z.NEVER;
  });
const OpeningHours = z.object({ days: z.array(Weekday).min(1), open: LocalTime, close: LocalTime }).strict();
const ResourceKind = z.enum(['room', 'equipment']);

const VisitStep = z
  .object({
    label: z.string().trim().min(1).max(80),
    durationMinutes: z.number().int().min(5).max(480),
    specialties: z.array(z.string().min(1)).min(1).optional(),
    providerIds: z.array(Id).min(1).optional(),
    locationIds: z.array(Id).min(1).optional(),
    requiredResources: z.array(z.object({ kind: ResourceKind, tag: z.string().min(1).max(64) }).strict()).optional(),
    minGapMinutes: z.number().int().nonnegative().optional(),
    maxGapMinutes: z.number().int().nonnegative().optional(),
  })
  .strict();

export const VisitTypeSchema = z
  .object({
    id: Id,
    label: z.string().trim().min(1).max(80),
    telehealth: z.enum(['never', 'allowed', 'only']),
    steps: z.array(VisitStep).min(1).max(5),
    ageRange: AgeRange.optional(),
    patients: z.enum(['any', 'new-only', 'established-only']).optional(),
    /** Mass reschedule: how many days after the booked day a visit may move when its disposition's window is unknown. */
    rescheduleWithinDays: z.number().int().min(0).max(90).optional(),
  })
  .strict();

const ProviderLimit = z
  .object({
    id: Id,
    counts: z.enum(['new-patients', 'visits']),
    max: z.number().int().nonnegative({ message: 'a limit cannot be below 0 (use 0 to allow none)' }),
    per: z.enum(['day', 'morning', 'afternoon']),
    days: z.array(Weekday).min(1).optional(),
    visitTypeIds: z.array(Id).min(1).optional(),
  })
  .strict();

const Weight = z.number().min(0).max(1000);
const RankingWeights = z
  .object({
    pcp: Weight,
    establishedProvider: Weight,
    requestedProvider: Weight,
    language: Weight,
    dayPart: Weight,
    preferredVisitType: Weight,
    perHourWait: Weight,
    perKm: Weight,
    telehealthWhenWanted: Weight,
    roundRobin: Weight.optional(),
  })
  .strict();

/** A note for people on any provider or location entry; dropped when parsed. */
const Comment = z.string().max(2000).optional();
const dropComment = <T extends { $comment?: string }>({ $comment: _comment, ...rest }: T): Omit<T, '$comment'> => rest;

const ProviderRules = z
  .object({
    $comment: Comment,
    specialties: z.array(z.string().min(1)).optional(),
    specialtyLabel: z.string().optional(),
    locationIds: z.array(Id).optional(),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'a BCP-47 primary language tag, e.g. "es"')).optional(),
    acceptedPlans: z.union([z.literal('any'), z.array(z.string().min(1).max(64))]).optional(),
    ageRange: AgeRange.optional(),
    acceptsNewPatients: z.boolean().optional(),
    telehealth: z.boolean().optional(),
    limits: z.array(ProviderLimit).optional(),
    blocked: z.array(BlockedPeriod).optional(),
    preferredVisitTypeIds: z.array(Id).optional(),
  })
  .strict()
  .transform(dropComment);

const LocationRules = z
  .object({
    $comment: Comment,
    postalCode: z.string().regex(/^\d{5}$/, 'a 5-digit US ZIP code').nullable().optional(),
    centroid: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).strict().nullable().optional(),
    hours: z.array(OpeningHours).optional(),
    closures: z.array(BlockedPeriod).optional(),
    resources: z
      .array(z.object({ id: Id, name: z.string().trim().min(1).max(80), kind: ResourceKind, tags: z.array(z.string().min(1).max(64)).min(1) }).strict())
      .optional(),
    kind: z.enum(['clinic', 'urgent-care']).optional(),
  })
  .strict()
  .transform(dropComment);

export const SchedulingRulesSchema = z
  .object({
    /** Free text for people ("DEMONSTRATION CONTENT ..."); ignored by the engine. */
    $comment: Comment,
    version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'a version like "1.0" or "1.2.3"'),
    visitTypes: z.array(VisitTypeSchema).min(1),
    dispositionVisitTypes: z.partialRecord(DispositionIdSchema, z.array(Id)),
    routineWindowDays: z.number().int().min(1).max(365),
    holdMinutes: z.number().int().min(1).max(120),
    /** In-person offers farther than this are not made unless the caller asks for any distance; null = no default limit. */
    maxDistanceKm: z.number().positive().max(1000).nullable().optional(),
    weights: RankingWeights,
    providers: z.record(Id, ProviderRules),
    locations: z.record(Id, LocationRules),
  })
  .strict();
