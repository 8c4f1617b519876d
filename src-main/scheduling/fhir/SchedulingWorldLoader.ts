import type {
  Appointment,
  Coverage,
  Encounter,
  HealthcareService,
  Location,
  Patient,
  Practitioner,
  PractitionerRole,
  Resource,
  Schedule,
  Slot as FhirSlot,
} from '@medplum/fhirtypes';
import { FhirError, type FhirClient } from '../../ehr/FhirClient';
import { centroidForZip, type ZipCentroids } from '../geo/zipCentroids';
import type { BookedVisit, ClinicLocation, PatientContext, Provider, SchedulingRules, SchedulingWorld, Slot } from '../model';
import { applySchedulingRules } from '../rules/applySchedulingRules';
import { isResourceLocation, refId, scheduleActors, toBookedVisit, toClinicLocation, toProvider, toResource, toSlot, type ScheduleActors } from './fhirToModel';
import { iso, searchWithRepeats } from './fhirSearch';
import { toPatientContext } from './patientContext';

/** The schedulable network: changes rarely, so it is cached for minutes (slots never are). */
export interface SchedulingNetwork {
  readonly providers: readonly Provider[];
  readonly locations: readonly ClinicLocation[];
  /** Schedule id -> the provider and location it books. */
  readonly schedules: ReadonlyMap<string, ScheduleActors>;
  readonly loadedAt: number;
}

export interface SchedulingWorldLoaderOptions {
  /** How long the network (providers, locations, schedules) is reused (default 5 minutes). */
  readonly networkTtlMs?: number;
  /** Offline ZIP centroid table (geo/zipCentroids.ts) for clinics and patients' homes; absent = distance unknown. */
  readonly zips?: ZipCentroids;
  /** For a Location without the timezone extension. */
  readonly defaultTimeZone?: string;
  /** Page size for the big searches (the server may cap it). */
  readonly pageSize?: number;
  /** Parallel Slot searches (one per schedule). */
  readonly concurrency?: number;
  readonly now?: () => number;
}

const MAX_PAGES = 50;
/** Slots past the window are read this far, so the engine can name the first slot after the window. */
export const AFTER_WINDOW_LOOKAHEAD_MS = 7 * 24 * 60 * 60_000;

/**
 * Loads a SchedulingWorld from the EHR through our FhirClient: the network (cached), then the Slots of the
 * window only (per Schedule, start within the window, free or tentatively held, paged), the Appointments that
 * count toward limits and resources, and the patient's context. The rules are merged over what FHIR says
 * (rules/applySchedulingRules.ts: a field the file sets replaces the EHR's, lists included).
 */
export class SchedulingWorldLoader {
  /** What the EHR said (rules not applied): the rules are merged on every use, so a reloaded file applies at once. */
  private cached: SchedulingNetwork | null = null;
  private loading: Promise<SchedulingNetwork> | null = null;
  private readonly ttl: number;
  private readonly pageSize: string;
  private readonly now: () => number;
  private readonly zips: ZipCentroids;

  constructor(
    private readonly fhir: FhirClient,
    private readonly rules: () => SchedulingRules,
    private readonly options: SchedulingWorldLoaderOptions = {},
  ) {
    this.ttl = options.networkTtlMs ?? 5 * 60_000;
    this.pageSize = String(options.pageSize ?? 1000);
    this.now = options.now ?? Date.now;
    this.zips = options.zips ?? new Map();
  }

  /** The next network read goes to the EHR (e.g. after a supervisor changed the rules). */
  invalidate(): void {
    this.cached = null;
  }

  /** The network with the clinic's rules merged over what the EHR says (rules/applySchedulingRules.ts). */
  async network(signal?: AbortSignal): Promise<SchedulingNetwork> {
    if (!this.cached || this.now() - this.cached.loadedAt >= this.ttl) {
      // One load at a time: ten agents' searches after a cache expiry share one read.
      this.loading ??= this.loadNetwork(signal).finally(() => (this.loading = null));
      this.cached = await this.loading;
    }
    const merged = applySchedulingRules({ providers: this.cached.providers, locations: this.cached.locations, slots: [], booked: [] }, this.rules(), this.zips);
    return { ...this.cached, providers: merged.providers, locations: merged.locations };
  }

  /** The world for a search whose visits start in [from, to]: slots are read a little past `to` (see AFTER_WINDOW_LOOKAHEAD_MS). */
  async world(window: { from: number; to: number }, signal?: AbortSignal): Promise<SchedulingWorld> {
    const rules = this.rules();
    const network = await this.network(signal);
    const until = Math.max(window.to, window.from + AFTER_WINDOW_LOOKAHEAD_MS) + visitSpanMs(rules);
    const [slots, booked] = await Promise.all([this.slots(network, window.from, until, signal), this.booked(network, window.from, until, signal)]);
    return { providers: network.providers, locations: network.locations, visitTypes: rules.visitTypes, slots, booked, weights: rules.weights };
  }

  async slots(network: SchedulingNetwork, from: number, to: number, signal?: AbortSignal, scheduleIds?: readonly string[]): Promise<Slot[]> {
    const ids = scheduleIds ?? [...network.schedules.keys()];
    const perSchedule = await mapLimited(ids, this.options.concurrency ?? 6, async (scheduleId) => {
      const actors = network.schedules.get(scheduleId);
      if (!actors) return [];
      const found = await searchWithRepeats<FhirSlot>(
        this.fhir,
        'Slot',
        [['schedule', `Schedule/${scheduleId}`], ['start', `ge${iso(from)}`], ['start', `le${iso(to)}`], ['status', 'free,busy-tentative'], ['_count', this.pageSize]],
        { maxPages: MAX_PAGES, signal },
      );
      return found.map((s) => toSlot(s, actors)).filter((s): s is Slot => s !== null);
    });
    return perSchedule.flat();
  }

  async booked(network: SchedulingNetwork, from: number, to: number, signal?: AbortSignal): Promise<BookedVisit[]> {
    // A visit that started the day before can still hold a room this morning: read a day earlier.
    const appointments = await searchWithRepeats<Appointment>(
      this.fhir,
      'Appointment',
      [['date', `ge${iso(from - 86_400_000)}`], ['date', `le${iso(to)}`], ['_count', this.pageSize]],
      { maxPages: MAX_PAGES, signal },
    );
    const roleOf = (practitionerId: string): string | null => network.providers.find((p) => p.practitionerId === practitionerId)?.id ?? null;
    return appointments
      .filter((a) => Date.parse(a.start ?? '') <= to)
      .map((a) => toBookedVisit(a, roleOf))
      .filter((v): v is BookedVisit => v !== null);
  }

  /** The patient's context; reads Patient, Coverage, Encounters and past Appointments (PHI: the caller audits). */
  async patient(patientId: string, signal?: AbortSignal): Promise<PatientContext> {
    const network = await this.network(signal);
    const [patient, coverages, encounters, appointments] = await Promise.all([
      this.fhir.read<Patient>('Patient', patientId, signal),
      this.fhir.search<Coverage>('Coverage', { patient: `Patient/${patientId}`, _count: '10' }, { signal }),
      this.fhir.search<Encounter>('Encounter', { subject: `Patient/${patientId}`, _sort: '-date', _count: '50' }, { signal }),
      this.fhir.search<Appointment>('Appointment', { patient: `Patient/${patientId}`, _count: '50' }, { signal }),
    ]);
    return toPatientContext({ patient, coverages, encounters, appointments }, network.providers, (zip) => centroidForZip(this.zips, zip), this.now());
  }

  private async loadNetwork(signal?: AbortSignal): Promise<SchedulingNetwork> {
    const all = <T extends Resource>(type: T['resourceType'], params: Record<string, string> = {}): Promise<T[]> =>
      this.fhir.search<T>(type, { _count: this.pageSize, ...params }, { maxPages: MAX_PAGES, signal });
    const [roles, locations, schedules, services] = await Promise.all([
      all<PractitionerRole>('PractitionerRole'),
      all<Location>('Location'),
      all<Schedule>('Schedule', { active: 'true' }),
      // HealthcareService is optional in many EHRs: absent or refused means "not used here".
      all<HealthcareService>('HealthcareService').catch((e: unknown) => (e instanceof FhirError && e.kind === 'http' && e.status !== null && e.status < 500 ? [] : Promise.reject(e))),
    ]);
    const practitionerIds = [...new Set(roles.map((r) => refId(r.practitioner, 'Practitioner')).filter((x): x is string => x !== null))];
    const practitioners = new Map<string, Practitioner>();
    for (let i = 0; i < practitionerIds.length; i += 100) {
      const chunk = practitionerIds.slice(i, i + 100);
      for (const p of await all<Practitioner>('Practitioner', { _id: chunk.join(',') })) if (p.id) practitioners.set(p.id, p);
    }
    const scheduledRoles = new Set(schedules.flatMap((s) => (s.actor ?? []).map((a) => refId(a, 'PractitionerRole'))).filter((x): x is string => x !== null));
    const scheduledPractitioners = new Set(schedules.flatMap((s) => (s.actor ?? []).map((a) => refId(a, 'Practitioner'))).filter((x): x is string => x !== null));
    // Only bookable roles (those with a Schedule) are providers; a triage RN without one never shows up.
    const providers = roles
      .filter((r) => r.id && (scheduledRoles.has(r.id) || scheduledPractitioners.has(refId(r.practitioner, 'Practitioner') ?? '')))
      .map((r) => toProvider(r, practitioners.get(refId(r.practitioner, 'Practitioner') ?? ''), services))
      .filter((p): p is Provider => p !== null);
    const zone = this.options.defaultTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const rooms = locations.filter(isResourceLocation);
    const clinics = locations
      .filter((l) => !isResourceLocation(l))
      .map((l) =>
        toClinicLocation(
          l,
          rooms.filter((r) => refId(r.partOf, 'Location') === l.id).map(toResource).filter((r) => r !== null),
          zone,
        ),
      )
      .filter((l): l is ClinicLocation => l !== null);
    const byPractitioner = new Map(providers.map((p) => [p.practitionerId, p] as const));
    const scheduleMap = new Map<string, ScheduleActors>();
    for (const s of schedules) {
      const actors = s.id ? scheduleActors(s, byPractitioner) : null;
      if (s.id && actors) scheduleMap.set(s.id, actors);
    }
    return { providers, locations: clinics, schedules: scheduleMap, loadedAt: this.now() };
  }
}

/** The longest a visit type's steps can span (durations plus the largest gaps), capped at 14 days. */
export function visitSpanMs(rules: SchedulingRules): number {
  const spans = rules.visitTypes.map((v) => v.steps.reduce((sum, s, i) => sum + s.durationMinutes + (i > 0 ? (s.maxGapMinutes ?? s.minGapMinutes ?? 0) : 0), 0));
  return Math.min(14 * 24 * 60, Math.max(60, ...spans)) * 60_000;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
