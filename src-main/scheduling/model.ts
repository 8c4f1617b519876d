/**
 * The scheduling engine's world, normalized: what the FHIR adapter (src-main/scheduling/fhir) reads from the
 * EHR's Schedule / Slot / Appointment / PractitionerRole / Location / HealthcareService / Coverage and the
 * clinic's rules file, and what the pure engine (src-main/scheduling/engine) ranks and explains. No I/O here,
 * no FHIR types: the engine is tested and benchmarked on plain values.
 *
 * Times are epoch milliseconds; a clinic's local clock (opening hours, "Friday mornings") is read in the
 * location's IANA time zone.
 */
import type { DayPart, DispositionId } from '../../src-preload/contract';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** "08:00" .. "17:30", local to the location. */
export type LocalTime = string;

export interface OpeningHours {
  readonly days: readonly Weekday[];
  readonly open: LocalTime;
  readonly close: LocalTime;
}

/** A period when something is unavailable, with the reason people are told ("Snowstorm closure"): two instants. */
export interface InstantPeriod {
  readonly start: number;
  readonly end: number;
  readonly reason: string;
}

/**
 * A period written as the clinic's wall clock ("2026-12-09T00:00" to "2026-12-11T00:00", end exclusive): it means
 * those local days and hours wherever the clinic is, so it is read in the zone of the clinic a visit is at (a
 * provider working in two zones is away on each clinic's own calendar). Never read in UTC or the workstation's zone.
 */
export interface LocalPeriod {
  /** "YYYY-MM-DDTHH:MM", local to the clinic. */
  readonly localStart: string;
  /** "YYYY-MM-DDTHH:MM", local to the clinic, exclusive. */
  readonly localEnd: string;
  readonly reason: string;
}

/** Absences, closures and blocked times: instants, or local dates and times (engine/localPeriod.ts reads both). */
export type BlockedPeriod = InstantPeriod | LocalPeriod;

export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

/** A room or piece of equipment a visit type may need, bookable alongside the provider. */
export interface BookableResource {
  readonly id: string;
  readonly name: string;
  readonly kind: 'room' | 'equipment';
  /** What it can serve, matched against a visit type's requirement (e.g. "procedure-room", "x-ray"). */
  readonly tags: readonly string[];
}

export interface ClinicLocation {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly postalCode: string | null;
  /** From the offline ZIP centroid table; null when the ZIP is unknown (distance then neither ranks nor excludes). */
  readonly centroid: GeoPoint | null;
  readonly hours: readonly OpeningHours[];
  readonly closures: readonly BlockedPeriod[];
  readonly resources: readonly BookableResource[];
  /** An urgent care or walk-in site: offered as the alternative when no appointment fits an urgent window. */
  readonly kind: 'clinic' | 'urgent-care';
}

/** A per-provider cap, e.g. at most 2 new patients on Friday mornings. */
export interface ProviderLimit {
  readonly id: string;
  /** Counts new-patient visits only, or every visit. */
  readonly counts: 'new-patients' | 'visits';
  readonly max: number;
  /** Per local day, or per half day (morning = before 12:00, afternoon = after). */
  readonly per: 'day' | 'morning' | 'afternoon';
  /** Only these weekdays (all when absent). */
  readonly days?: readonly Weekday[];
  /** Only these visit types (all when absent). */
  readonly visitTypeIds?: readonly string[];
}

export interface AgeRange {
  /** Inclusive, in years (0 = newborns); null = no bound. */
  readonly minYears: number | null;
  /** Exclusive upper bound in years (18 = under 18); null = no bound. */
  readonly maxYears: number | null;
}

export interface Provider {
  /** The PractitionerRole id: a provider at a place in a role is what is booked. */
  readonly id: string;
  readonly practitionerId: string;
  readonly name: string;
  /** NUCC taxonomy codes (PractitionerRole.specialty). */
  readonly specialties: readonly string[];
  readonly specialtyLabel: string;
  readonly locationIds: readonly string[];
  /** BCP-47 primary tags the provider sees patients in ("en", "es"). */
  readonly languages: readonly string[];
  /** Plan codes accepted; 'any' = every plan and self-pay. */
  readonly acceptedPlans: readonly string[] | 'any';
  readonly ageRange: AgeRange;
  readonly acceptsNewPatients: boolean;
  readonly telehealth: boolean;
  readonly limits: readonly ProviderLimit[];
  readonly blocked: readonly BlockedPeriod[];
  /** Visit types this provider prefers to see (ranks, never excludes). */
  readonly preferredVisitTypeIds: readonly string[];
}

/** One step of a visit type: most have one; "imaging then follow-up" has two, in order, with a gap. */
export interface VisitStep {
  readonly label: string;
  readonly durationMinutes: number;
  /** Providers qualify by specialty (any of) or by id (any of); both absent = any provider. */
  readonly specialties?: readonly string[];
  readonly providerIds?: readonly string[];
  /** Where it may happen (all locations when absent). */
  readonly locationIds?: readonly string[];
  /** Each requirement needs one free resource with the tag at the location, for the whole visit. */
  readonly requiredResources?: readonly { readonly kind: 'room' | 'equipment'; readonly tag: string }[];
  /** Gap after the previous step's end (ignored on the first step). */
  readonly minGapMinutes?: number;
  readonly maxGapMinutes?: number;
}

export interface VisitType {
  readonly id: string;
  readonly label: string;
  readonly telehealth: 'never' | 'allowed' | 'only';
  readonly steps: readonly VisitStep[];
  /** Patients this visit type is for (e.g. well-child under 18). */
  readonly ageRange?: AgeRange;
  /** New patients may (or may only) book it. */
  readonly patients?: 'any' | 'new-only' | 'established-only';
  /**
   * How many days after its booked (local) day a mass reschedule may move a visit of this type when the
   * appointment does not carry its disposition's window (0 = the same day). Absent = the same day.
   */
  readonly rescheduleWithinDays?: number;
}

export type SlotStatus = 'free' | 'busy' | 'busy-tentative' | 'busy-unavailable' | 'entered-in-error';

/** A FHIR Slot of a provider's Schedule. */
export interface Slot {
  readonly id: string;
  readonly providerId: string;
  readonly locationId: string;
  readonly start: number;
  readonly end: number;
  readonly status: SlotStatus;
  /** Visit types this slot is reserved for (Slot.appointmentType / serviceType); absent = any. */
  readonly visitTypeIds?: readonly string[];
  /** Held by someone until this time (a short reservation); a lapsed hold counts as free. */
  readonly heldUntil?: number | null;
}

/** A booked visit, for provider limits, resource use and round robin. */
export interface BookedVisit {
  readonly appointmentId: string;
  readonly providerId: string;
  readonly locationId: string;
  readonly patientId: string;
  readonly visitTypeId: string;
  readonly start: number;
  readonly end: number;
  readonly newPatient: boolean;
  readonly resourceIds: readonly string[];
  readonly slotIds: readonly string[];
  /**
   * The latest the patient should be seen, when the booking said (the disposition's window, carried on the
   * Appointment): a mass reschedule never moves the visit past it. Absent/null = unknown.
   */
  readonly careBy?: number | null;
  /** The disposition the visit was booked for, when the Appointment carries it. */
  readonly dispositionId?: DispositionId | null;
}

export interface PatientContext {
  readonly id: string;
  /** Whole years at the visit date is close enough for age rules at this horizon (days, not years). */
  readonly ageYears: number;
  /** Plan code from the active Coverage; null = self-pay / uninsured. */
  readonly planCode: string | null;
  readonly planName: string | null;
  /** PractitionerRole ids of the PCP (continuity first). */
  readonly pcpProviderIds: readonly string[];
  /** Providers (PractitionerRole ids) this patient has seen: established with them, new to anyone else. */
  readonly seenProviderIds: readonly string[];
  /** BCP-47 primary tag ("es"); null = no preference. */
  readonly language: string | null;
  readonly home: GeoPoint | null;
}

export interface SchedulingRequest {
  readonly visitTypeId: string;
  /** Only visits starting inside [from, to] are offered. */
  readonly window: { readonly from: number; readonly to: number };
  readonly patient: PatientContext;
  readonly preferences: {
    readonly dayParts?: readonly DayPart[];
    readonly telehealthOk?: boolean;
    readonly language?: string;
    readonly providerId?: string;
    /** In-person visits farther than this are excluded (video visits never are); absent = distance only ranks. */
    readonly maxDistanceKm?: number;
  };
  readonly limit: number;
  readonly now: number;
}

/** Relative weights of the soft preferences (data, so a manager can tune them). */
export interface RankingWeights {
  readonly pcp: number;
  readonly establishedProvider: number;
  readonly requestedProvider: number;
  readonly language: number;
  readonly dayPart: number;
  readonly preferredVisitType: number;
  /** Per hour from the window's start (sooner is better). */
  readonly perHourWait: number;
  /** Per km from home. */
  readonly perKm: number;
  readonly telehealthWhenWanted: number;
  /** Round robin for new patients: the most to a provider with the fewest recent new patients (default 5). */
  readonly roundRobin?: number;
}

/** The clinic's rules file (validated data, resources/scheduling/*.json): what a manager edits. */
export interface SchedulingRules {
  readonly version: string;
  readonly visitTypes: readonly VisitType[];
  /** Which visit type each disposition suggests (first = default). */
  readonly dispositionVisitTypes: Partial<Record<DispositionId, readonly string[]>>;
  /** Window for a routine request (no disposition), in days. */
  readonly routineWindowDays: number;
  /** How long a hold lasts. */
  readonly holdMinutes: number;
  /**
   * In-person offers farther than this from the patient's home are not made unless the caller asks for any
   * distance (video visits are never limited). Absent = DEFAULT_MAX_DISTANCE_KM; null = no default limit.
   */
  readonly maxDistanceKm?: number | null;
  readonly weights: RankingWeights;
  /** Provider rules keyed by PractitionerRole id; merged over what FHIR says. */
  readonly providers: Readonly<Record<string, Partial<Omit<Provider, 'id' | 'practitionerId' | 'name'>>>>;
  /** Location rules keyed by Location id (hours, closures, resources, kind). */
  readonly locations: Readonly<Record<string, Partial<Omit<ClinicLocation, 'id' | 'name' | 'timeZone'>>>>;
}

/** Everything the engine needs for one request, loaded by the FHIR adapter (or built by tests and benches). */
export interface SchedulingWorld {
  readonly providers: readonly Provider[];
  readonly locations: readonly ClinicLocation[];
  readonly visitTypes: readonly VisitType[];
  readonly slots: readonly Slot[];
  readonly booked: readonly BookedVisit[];
  readonly weights: RankingWeights;
}

/** One visit of an engine offer (one step of the visit type). */
export interface EngineVisit {
  readonly stepIndex: number;
  readonly label: string;
  readonly start: number;
  readonly end: number;
  /** Consecutive slots of one provider covering [start, end). */
  readonly slotIds: readonly string[];
  readonly providerId: string;
  readonly locationId: string;
  readonly mode: 'in-person' | 'telehealth';
  readonly resourceIds: readonly string[];
  readonly distanceKm: number | null;
}

export interface EngineOffer {
  /** Deterministic from the slots (and mode): the same slots give the same id. */
  readonly offerId: string;
  readonly score: number;
  readonly visits: readonly EngineVisit[];
  /** Plain sentences, strongest first; never empty. */
  readonly reasons: readonly string[];
}

/** Candidates removed by one hard rule, for one subject (a provider, a location) or the whole request. */
export interface EngineExclusion {
  /** Stable rule id, e.g. 'insurance', 'age', 'new-patients', 'limit', 'blocked', 'closed', 'resource', 'distance', 'visit-type', 'telehealth', 'language-unavailable'. */
  readonly rule: string;
  readonly subject: string | null;
  readonly message: string;
  readonly slots: number;
}

export interface EngineResult {
  /** Best first, at most request.limit, all inside the window and violating no hard rule. */
  readonly offers: readonly EngineOffer[];
  readonly exclusions: readonly EngineExclusion[];
  /** Candidate slots looked at. */
  readonly considered: number;
  /** When `offers` is empty: the first eligible offer after the window (never offered as if in time). */
  readonly firstAfterWindow: EngineOffer | null;
}
