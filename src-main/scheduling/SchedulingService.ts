import { createHash, randomUUID } from 'node:crypto';
import type { Appointment, Patient } from '@medplum/fhirtypes';
import type { z } from 'zod';
import type {
  AppointmentSummary,
  BookingResult,
  DispositionId,
  Role,
  SchedulingAlternative,
  SchedulingDirectory,
  MassReschedulePlan,
  SlotHold,
  SlotSearchResult,
  VisitTypeSummary,
} from '../../src-preload/contract';
import type {
  BookingRequest as BookingRequestSchema,
  CancelAppointmentRequest,
  MassRescheduleRequest,
  RescheduleRequest,
  SlotSearchRequest as SlotSearchRequestSchema,
} from '../../src-preload/contract/schemas/scheduling';
import type { DocumentationOutbox, EnqueueResult } from '../documentation/DocumentationOutbox';
import { FhirError, type FhirClient } from '../ehr/FhirClient';
import type { Logger } from '../log/logger';
import { appointmentSummary } from './appointmentSummary';
import { type BookingPlan, type CancelPlan, appointmentIdentifier, buildBookingBundle, buildCancelBundle } from './fhir/appointmentBundles';
import { BOOKING_FAILURES } from './fhir/appointmentDelivery';
import { type ClosureEvent, planMassReschedule } from './engine/planMassReschedule';
import { dayAfter, overlapsPeriod, wallOf } from './engine/localPeriod';
import { type RescheduleWindowBasis, rescheduleWindow } from './engine/rescheduleWindow';
import { distanceLimit, distanceLimitLabel, withDistanceLimit } from './distanceLimit';
import { practitionerName, refId } from './fhir/fhirToModel';
import type { SchedulingWorldLoader } from './fhir/SchedulingWorldLoader';
import type { SlotHolds } from './fhir/SlotHolds';
import type { BlockedPeriod, BookedVisit, EngineOffer, EngineResult, PatientContext, SchedulingRequest, SchedulingRules, SchedulingWorld, VisitType } from './model';
import { type NetworkNames, confirmationScript, networkNames, toExclusion, toSlotOffer, visitTypesFor, visitTypeSummary } from './offerMapping';
import { OfferMemory } from './OfferMemory';
import { SchedulingError } from './SchedulingError';
import { type SchedulingWindow, firstOpenBetween, windowFor, windowLabel } from './schedulingWindow';
import { isNewPatient } from './engine/hardRules';
import { AFTER_WINDOW_SEARCH_MS } from './engine/rankSlots';
import { clinicZoneLabel } from './engine/localClock';

/** The contract's requests as the IPC layer hands them over (zod defaults filled in). */
export type SearchInput = z.output<typeof SlotSearchRequestSchema>;
export type BookingInput = z.output<typeof BookingRequestSchema>;
export type CancelInput = z.output<typeof CancelAppointmentRequest>;
export type RescheduleInput = z.output<typeof RescheduleRequest>;
export type MassRescheduleInput = z.output<typeof MassRescheduleRequest>;

/** Who asks: role rules are enforced here, in main, not only hidden in the UI. */
export interface SchedulingActor {
  readonly role: Role;
}

/**
 * What the IPC layer needs to audit a PHI read or write: the patient and the FHIR resource types touched.
 * Every method that reads or writes a patient's data returns its value with this beside it.
 */
export interface Audited<T> {
  readonly value: T;
  readonly audit: { readonly patientId: string; readonly resourceTypes: readonly string[] };
}

export type RankSlots = (world: SchedulingWorld, request: SchedulingRequest) => EngineResult;

export interface SchedulingServiceDeps {
  readonly fhir: FhirClient;
  readonly loader: SchedulingWorldLoader;
  readonly holds: SlotHolds;
  /** The outbox built with `deliverers: schedulingDeliverers()` (fhir/appointmentDelivery.ts). */
  readonly outbox: DocumentationOutbox;
  readonly rules: () => SchedulingRules;
  /** The pure engine (engine/rankSlots.ts). */
  readonly rank: RankSlots;
  readonly logger: Logger;
  readonly now?: () => number;
  /** Offers and holds remembered (default 500 each). */
  readonly memory?: number;
}

interface RememberedOffer {
  readonly offer: SlotSearchResult['offers'][number];
  readonly engine: EngineOffer;
  readonly visitType: VisitType;
  readonly patient: PatientContext;
  readonly search: SearchInput;
  /** The first slot past the window: booking it needs a nurse's reason. */
  readonly outsideWindow: boolean;
  /** The disposition and its window, written on the Appointment so a later mass reschedule keeps to it. */
  readonly careWindow: CareWindow;
}

interface CareWindow {
  readonly dispositionId: DispositionId | null;
  readonly careBy: number | null;
}

const NO_CARE_WINDOW: CareWindow = { dispositionId: null, careBy: null };

interface RememberedHold {
  readonly holdId: string;
  readonly offerId: string;
  readonly patientId: string;
  readonly slotIds: readonly string[];
  readonly versions: ReadonlyMap<string, string>;
  readonly expiresAt: number;
}

/** A slot freed by a cancellation through us (the waitlist listens). */
export interface FreedSlots {
  readonly slotIds: readonly string[];
  readonly appointmentId: string;
}

const PHI_READ_TYPES = ['Patient', 'Coverage', 'Encounter', 'Appointment'] as const;

/**
 * Scheduling for the renderer's `schedule.*` channels: visit types, the directory, ranked slot search for a
 * disposition's window (with alternatives when nothing fits), holds, booking through the outbox, the
 * patient's appointments, cancel and reschedule. The engine is pure and injected; FHIR is read through the
 * world loader and written through holds (If-Match) and the outbox (idempotent deliverers).
 */
export class SchedulingService {
  private readonly offers: OfferMemory<RememberedOffer>;
  private readonly holdsById: OfferMemory<RememberedHold>;
  /** Bookings made this session by idempotency key: a retried request is answered from its first one. */
  private readonly bookings: OfferMemory<{ readonly remembered: RememberedOffer; readonly hold: RememberedHold }>;
  /** Bookings queued (EHR down) this session, by patient: the list shows them as pending. */
  private readonly pending: OfferMemory<{ outboxId: string; patientId: string; offer: SlotSearchResult['offers'][number] }>;
  private readonly freedListeners = new Set<(freed: FreedSlots) => void>();
  private readonly bookedListeners = new Set<(booked: { holdId: string; patientId: string; outcome: 'booked' | 'queued' }) => void>();
  private readonly now: () => number;

  constructor(private readonly deps: SchedulingServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.offers = new OfferMemory(deps.memory ?? 500);
    this.holdsById = new OfferMemory(deps.memory ?? 500);
    this.bookings = new OfferMemory(deps.memory ?? 500);
    this.pending = new OfferMemory(deps.memory ?? 500);
  }

  /** Called when a cancellation through us freed slots (the waitlist offers them). Returns an unsubscribe. */
  onSlotsFreed(listener: (freed: FreedSlots) => void): () => void {
    this.freedListeners.add(listener);
    return () => this.freedListeners.delete(listener);
  }

  /** Called when a hold was booked (or queued for booking): the waitlist marks its entry booked. */
  onBooked(listener: (booked: { holdId: string; patientId: string; outcome: 'booked' | 'queued' }) => void): () => void {
    this.bookedListeners.add(listener);
    return () => this.bookedListeners.delete(listener);
  }

  /**
   * Holds an offer the engine made outside a search (the waitlist's freed slot), remembered like a searched
   * one so `book` works from the hold. `search` is what a conflict re-runs.
   */
  async holdEngineOffer(engine: EngineOffer, search: SearchInput, patient: PatientContext, signal?: AbortSignal): Promise<SlotHold> {
    const visitType = this.deps.rules().visitTypes.find((v) => v.id === search.visitTypeId);
    if (!visitType) throw new SchedulingError('unknown-visit-type', `The visit type "${search.visitTypeId}" is no longer in the clinic's rules.`);
    const network = await this.deps.loader.network(signal);
    const offer = toSlotOffer(engine, 1, visitType, networkNames(network.providers, network.locations));
    this.offers.set(engine.offerId, { offer, engine, visitType, patient, search, outsideWindow: false, careWindow: NO_CARE_WINDOW });
    return this.hold(search.patientId, engine.offerId, signal);
  }

  visitTypes(dispositionId: DispositionId | null): VisitTypeSummary[] {
    return visitTypesFor(this.deps.rules(), dispositionId);
  }

  async directory(signal?: AbortSignal): Promise<SchedulingDirectory> {
    const network = await this.deps.loader.network(signal);
    return {
      providers: network.providers.map((p) => ({ id: p.id, name: p.name, specialty: p.specialtyLabel, locationIds: [...p.locationIds] })),
      locations: network.locations.map((l) => ({ id: l.id, name: l.name, timeZone: l.timeZone })),
    };
  }

  /** Ranked offers inside the disposition's window, or why none, and what to do instead. */
  async search(input: SearchInput, signal?: AbortSignal): Promise<Audited<SlotSearchResult>> {
    const rules = this.deps.rules();
    const visitType = rules.visitTypes.find((v) => v.id === input.visitTypeId);
    if (!visitType) throw new SchedulingError('unknown-visit-type', `The visit type "${input.visitTypeId}" is not in the clinic's rules; pick one from the list.`);
    const now = this.now();
    const window = windowFor(input.dispositionId, rules.routineWindowDays, now);
    const [world, patient] = await Promise.all([this.deps.loader.world(window, signal), this.deps.loader.patient(input.patientId, signal)]);
    const request: SchedulingRequest = {
      visitTypeId: visitType.id,
      window: { from: window.from, to: window.to },
      patient,
      preferences: { ...withDistanceLimit(input.preferences, rules), language: input.preferences.language ?? patient.language ?? undefined },
      limit: input.limit,
      now,
    };
    let result = this.deps.rank(world, request);
    if (result.offers.length === 0 && result.firstAfterWindow === null) {
      // The loader reads a week past the window, the engine looks a month: read that month and look again, so
      // "nothing within 4 hours" still names the first slot there is.
      const later = { from: window.to, to: window.to + AFTER_WINDOW_SEARCH_MS };
      const laterWorld = await this.deps.loader.world(later, signal);
      result = { ...result, firstAfterWindow: this.deps.rank(laterWorld, { ...request, window: later, limit: 1 }).offers[0] ?? null };
    }
    const names = networkNames(world.providers, world.locations);
    const limit = distanceLimit(input.preferences, rules);
    const offers = result.offers.map((o, i) => toSlotOffer(o, i + 1, visitType, names));
    const zone = offers[0]?.visits[0]?.timeZone ?? world.locations[0]?.timeZone ?? 'UTC';
    const value: SlotSearchResult = {
      visitType: visitTypeSummary(visitType),
      window: { from: window.from, to: window.to, label: windowLabel(window, zone) },
      offers,
      exclusions: result.exclusions.map((e) => toExclusion(e, names)),
      noneInWindow: offers.length > 0 ? null : this.noneInWindow(input, window, result, world, visitType, names),
      considered: result.considered,
      searchedAt: now,
      distanceLimit: { ...limit, label: distanceLimitLabel(limit) },
    };
    const careWindow: CareWindow = { dispositionId: input.dispositionId, careBy: window.maxMinutes === null ? null : window.to };
    const remember = { visitType, patient, search: input, careWindow };
    result.offers.forEach((engine, i) => this.offers.set(engine.offerId, { ...remember, offer: offers[i]!, engine, outsideWindow: false }));
    const after = value.noneInWindow?.alternatives.find((a) => a.kind === 'first-after-window')?.offer;
    if (after && result.firstAfterWindow) this.offers.set(after.offerId, { ...remember, offer: after, engine: result.firstAfterWindow, outsideWindow: true });
    this.deps.logger.log('info', 'schedule.searched', { offers: offers.length, considered: result.considered, visitType: visitType.id });
    return { value, audit: { patientId: input.patientId, resourceTypes: PHI_READ_TYPES } };
  }

  /** A short reservation on the offer's slots, visible to other workstations. A conflict answers with fresh offers. */
  async hold(patientId: string, offerId: string, signal?: AbortSignal): Promise<SlotHold> {
    const remembered = this.offers.get(offerId);
    if (!remembered) throw new SchedulingError('unknown-offer', 'This offer is no longer known (it is from an older search); search again.');
    if (remembered.search.patientId !== patientId) throw new SchedulingError('wrong-patient', 'This offer was found for another patient; search again for this one.');
    const holdId = randomUUID();
    const expiresAt = this.now() + this.deps.rules().holdMinutes * 60_000;
    const slotIds = remembered.offer.visits.flatMap((v) => v.slotIds);
    const outcome = await this.deps.holds.hold(slotIds, holdId, expiresAt, signal);
    if (!outcome.ok) {
      this.offers.delete(offerId);
      const refreshed = (await this.search(remembered.search, signal)).value;
      throw new SchedulingError('slot-taken', `${outcome.reason} Here are fresh offers.`, refreshed);
    }
    this.holdsById.set(holdId, { holdId, offerId, patientId, slotIds, versions: outcome.versions, expiresAt });
    return { holdId, offer: remembered.offer, expiresAt };
  }

  /** Puts the hold's slots back (only those still ours). Unknown holds are already gone: nothing to do. */
  async release(holdId: string, signal?: AbortSignal): Promise<void> {
    const hold = this.holdsById.get(holdId);
    if (!hold) return;
    this.holdsById.delete(holdId);
    await this.deps.holds.release(hold.slotIds, holdId, signal);
  }

  /**
   * Books the held offer through the outbox. booked = the EHR has it; queued = kept, sent when the EHR is
   * back (not confirmed yet); conflict = someone took the slot: fresh offers under the same request.
   */
  async book(input: BookingInput, actor: SchedulingActor, signal?: AbortSignal): Promise<Audited<BookingResult>> {
    const audit = { patientId: input.patientId, resourceTypes: ['Appointment', 'Slot', ...(input.sendConfirmation ? ['Communication'] : [])] };
    // A retried request (same idempotency key, e.g. after a lost answer): answered from its outbox item, never booked twice.
    const earlier = this.bookings.get(input.idempotencyKey);
    const previous = this.deps.outbox.status(input.idempotencyKey);
    if (earlier && previous) {
      if (earlier.hold.patientId !== input.patientId) throw new SchedulingError('wrong-patient', 'This booking is for another patient.');
      return { value: await this.bookingResult(previous, earlier.remembered, earlier.hold, signal), audit };
    }
    if (previous) throw new SchedulingError('unknown-offer', 'This booking is already in the outbox (from before a restart); see its state there.');
    const hold = this.holdsById.get(input.holdId);
    if (!hold) throw new SchedulingError('unknown-hold', 'The hold has ended or was released; pick the slot again.');
    if (hold.patientId !== input.patientId) throw new SchedulingError('wrong-patient', 'This hold is for another patient.');
    const remembered = this.offers.get(hold.offerId);
    if (!remembered) throw new SchedulingError('unknown-offer', 'The offer behind this hold is no longer known; search again.');
    if (remembered.outsideWindow) {
      if (actor.role !== 'nurse') throw new SchedulingError('not-permitted', 'Only a nurse can book a slot after the window the disposition allows; transfer to a nurse or choose another option.');
      if (!input.outsideWindowReason) throw new SchedulingError('outside-window', 'This slot is after the window the disposition allows: give the reason it is acceptable.');
    }
    const bundle = buildBookingBundle(this.bookingPlan(input, hold, remembered, remembered.outsideWindow ? input.outsideWindowReason : null));
    const label = `Appointment · ${remembered.visitType.label} · ${new Date(this.now()).toISOString().slice(11, 16)}`;
    this.bookings.set(input.idempotencyKey, { remembered, hold });
    const status = await this.deps.outbox.enqueue(bundle, { label, patientId: input.patientId, idempotencyKey: input.idempotencyKey });
    return { value: await this.bookingResult(status, remembered, hold, signal), audit };
  }

  /** The patient's upcoming appointments from the EHR, plus bookings still in the outbox (pending). */
  async appointments(patientId: string, signal?: AbortSignal): Promise<Audited<AppointmentSummary[]>> {
    const [network, found] = await Promise.all([
      this.deps.loader.network(signal),
      this.deps.fhir.search<Appointment>('Appointment', { patient: `Patient/${patientId}`, date: `ge${new Date(this.now() - 86_400_000).toISOString()}`, _count: '50' }, { signal }),
    ]);
    const names = networkNames(network.providers, network.locations);
    const listed = found.map((a) => appointmentSummary(a, names)).sort((a, b) => a.start - b.start);
    for (const p of [...this.pending.values()]) {
      const status = this.deps.outbox.status(p.outboxId);
      if (p.patientId !== patientId || !status || status.item.state === 'sent' || status.item.state === 'failed') {
        if (status?.item.state === 'sent') this.pending.delete(p.outboxId);
        continue;
      }
      const first = p.offer.visits[0]!;
      listed.push({
        id: p.outboxId,
        status: 'pending',
        start: first.start,
        end: p.offer.visits[p.offer.visits.length - 1]!.end,
        visitTypeLabel: first.visitTypeLabel,
        providerName: first.providerName,
        locationName: first.locationName,
        timeZone: first.timeZone,
        mode: first.mode,
        pending: true,
      });
    }
    return { value: listed, audit: { patientId, resourceTypes: ['Appointment'] } };
  }

  /** Cancels through the outbox (Appointment cancelled + its slots free, idempotent); freed slots go to the waitlist. */
  async cancel(input: CancelInput, signal?: AbortSignal): Promise<Audited<AppointmentSummary>> {
    const appointment = await this.patientsAppointment(input.appointmentId, input.patientId, signal);
    const status = await this.enqueueCancel(input, undefined);
    const network = await this.deps.loader.network(signal);
    const summary = appointmentSummary({ ...appointment, status: 'cancelled' }, networkNames(network.providers, network.locations), status.item.state !== 'sent');
    return { value: summary, audit: { patientId: input.patientId, resourceTypes: ['Appointment', 'Slot'] } };
  }

  private async patientsAppointment(appointmentId: string, patientId: string, signal?: AbortSignal): Promise<Appointment> {
    const appointment = await this.deps.fhir.read<Appointment>('Appointment', appointmentId, signal);
    const patientRef = appointment.participant?.map((p) => refId(p.actor, 'Patient')).find((x) => x !== null);
    if (patientRef !== patientId) throw new SchedulingError('wrong-patient', 'This appointment belongs to another patient.');
    return appointment;
  }

  /**
   * The cancel enters the outbox; no EHR read here, so a reschedule's cancel is kept even while the EHR is
   * down (the deliverer checks the appointment is still this patient's before it cancels anything).
   */
  private async enqueueCancel(input: CancelInput, after: CancelPlan['after']): Promise<EnqueueResult> {
    // A repeated request (same key) answers from the first; only the first announces the freed slots.
    const repeated = this.deps.outbox.status(input.idempotencyKey) !== undefined;
    const bundle = buildCancelBundle({ idempotencyKey: input.idempotencyKey, appointmentId: input.appointmentId, patientId: input.patientId, reason: input.reason, after });
    const status = await this.deps.outbox.enqueue(bundle, { label: `Appointment cancellation · ${new Date(this.now()).toISOString().slice(11, 16)}`, patientId: input.patientId, idempotencyKey: input.idempotencyKey });
    const sent = status.item.state === 'sent';
    if (!repeated && sent) this.emitFreed(status, input.appointmentId);
    else if (!repeated) this.whenSent(status.item.id, (s) => this.emitFreed(s, input.appointmentId));
    return status;
  }

  /**
   * Books the new slot, then cancels the old appointment — only once the new one is in the EHR, so a
   * patient is never left with neither (a queued booking cancels the old one when it is delivered).
   */
  async reschedule(input: RescheduleInput, actor: SchedulingActor, signal?: AbortSignal): Promise<Audited<BookingResult>> {
    // The old visit is checked first (it is the patient's) when the EHR answers; if it just went down, the
    // cancel's deliverer makes the same check before cancelling anything.
    await this.patientsAppointment(input.appointmentId, input.patientId, signal).catch((error: unknown) => {
      if (!(error instanceof FhirError && error.transient)) throw error;
    });
    const booking = await this.book(
      { holdId: input.holdId, patientId: input.patientId, idempotencyKey: input.idempotencyKey, reason: input.reason, callId: null, dispositionId: null, outsideWindowReason: null, sendConfirmation: true },
      actor,
      signal,
    );
    const cancel: CancelInput = { appointmentId: input.appointmentId, patientId: input.patientId, reason: `Rescheduled: ${input.reason}`, idempotencyKey: derivedKey(input.idempotencyKey, 'cancel') };
    if (booking.value.outcome !== 'conflict') {
      // The cancel enters the outbox now, in the same request, but is delivered only once the new appointment
      // is in the EHR (and refused if its slot went to someone else): durable across restarts, never leaving
      // the patient with no visit.
      const after = { appointmentIdentifier: appointmentIdentifier(input.idempotencyKey, 0), slotIds: booking.value.offer.visits.flatMap((v) => v.slotIds), holdId: input.holdId };
      await this.enqueueCancel(cancel, after);
    }
    return { value: booking.value, audit: { patientId: input.patientId, resourceTypes: ['Appointment', 'Slot', 'Communication'] } };
  }

  /**
   * Supervisor only: the appointments a closure affects (a provider out, a location closed, over [from, to]),
   * the best new slot for each under the same rules (never one slot for two patients), and who to tell what.
   * A plan, nothing is changed: each move is then a reschedule. Audited per patient (`audit.patientIds`).
   */
  async massReschedulePlan(input: MassRescheduleInput, actor: SchedulingActor, signal?: AbortSignal): Promise<{ value: MassReschedulePlan; audit: { patientIds: string[]; resourceTypes: readonly string[] } }> {
    if (actor.role !== 'supervisor') throw new SchedulingError('not-permitted', 'Only a supervisor can plan a mass reschedule.');
    const rules = this.deps.rules();
    const now = this.now();
    // Days the supervisor picked are each clinic's own days (read in its zone), never the workstation's.
    const period: BlockedPeriod = input.days
      ? { localStart: `${input.days.first}T00:00`, localEnd: dayAfter(input.days.last) ?? `${input.days.last}T23:59`, reason: input.reason }
      : { start: input.from, end: input.to, reason: input.reason };
    const bounds = periodBounds(period);
    const world = await this.deps.loader.world({ from: now, to: Math.max(bounds.to, now) + rules.routineWindowDays * 86_400_000 }, signal);
    const network = networkNames(world.providers, world.locations);
    const zoneOf = (locationId: string): string => network.locations.get(locationId)?.timeZone ?? 'UTC';
    const scope = input.scope;
    const affected = world.booked.filter(
      (b) => (scope.kind === 'provider' ? b.providerId === scope.providerId : b.locationId === scope.locationId) && overlapsPeriod(period, zoneOf(b.locationId), b.start, b.end),
    );
    const patientIds = [...new Set(affected.map((a) => a.patientId))];
    const contexts = new Map<string, PatientContext>();
    const names = new Map<string, string>();
    await Promise.all(
      patientIds.map(async (id) => {
        const [context, patient] = await Promise.all([this.deps.loader.patient(id, signal), this.deps.fhir.read<Patient>('Patient', id, signal)]);
        contexts.set(id, context);
        names.set(id, practitionerName(patient) ?? 'Patient');
      }),
    );
    const closure: ClosureEvent = { ...period, providerId: scope.kind === 'provider' ? scope.providerId : null, locationId: scope.kind === 'location' ? scope.locationId : null };
    const fallbackType = rules.visitTypes[0]!;
    const visitTypeOf = (a: BookedVisit): VisitType => rules.visitTypes.find((v) => v.id === a.visitTypeId) ?? fallbackType;
    const windows = new Map(affected.map((a) => [a, rescheduleWindow(a, rules.visitTypes.find((v) => v.id === a.visitTypeId), zoneOf(a.locationId), now)] as const));
    const preferences = withDistanceLimit({}, rules);
    const plan = planMassReschedule(world, affected, closure, (appointment) => {
      const w = windows.get(appointment)!;
      return {
        visitTypeId: visitTypeOf(appointment).id,
        window: { from: w.from, to: w.to },
        patient: contexts.get(appointment.patientId)!,
        preferences,
        limit: 5,
        now,
        urgent: w.urgent,
        windowText: `by ${clinicTimeText(w.to, zoneOf(appointment.locationId))}, ${WINDOW_BASIS_TEXT[w.basis]}`,
      };
    });
    const affectedOut = plan.proposals.map((p) => {
      const visitType = visitTypeOf(p.appointment);
      const location = network.locations.get(p.appointment.locationId);
      const summary: AppointmentSummary = {
        id: p.appointment.appointmentId,
        status: 'booked',
        start: p.appointment.start,
        end: p.appointment.end,
        visitTypeLabel: visitType.label,
        providerName: network.providers.get(p.appointment.providerId)?.name ?? 'Clinician',
        locationName: location?.name ?? 'Clinic',
        timeZone: location?.timeZone ?? 'UTC',
        mode: 'in-person',
        pending: false,
      };
      const proposal = p.offer ? toSlotOffer(p.offer, 1, visitType, network) : null;
      if (p.offer && proposal) {
        // The new appointment keeps the old one's disposition and window: a second reschedule keeps to it too.
        const careWindow: CareWindow = { dispositionId: p.appointment.dispositionId ?? null, careBy: p.appointment.careBy ?? null };
        const search = { patientId: p.appointment.patientId, dispositionId: null, visitTypeId: visitType.id, preferences: {}, limit: 5 };
        this.offers.set(p.offer.offerId, { offer: proposal, engine: p.offer, visitType, patient: contexts.get(p.appointment.patientId)!, search, outsideWindow: false, careWindow });
      }
      const basis = windows.get(p.appointment)!.basis;
      return {
        appointment: summary,
        patientId: p.appointment.patientId,
        patientName: names.get(p.appointment.patientId) ?? 'Patient',
        proposal,
        why: p.reason,
        latest: p.latest,
        windowLabel: WINDOW_BASIS_TEXT[basis],
        urgent: p.urgent,
        callPatient: proposal === null,
      };
    });
    const notify = plan.notifyPatientIds.map((patientId) => {
      const mine = affectedOut.filter((a) => a.patientId === patientId);
      const lines = mine.map((a) => {
        const was = whenText(a.appointment.start, a.appointment.timeZone);
        const next = a.proposal?.visits[0];
        return next
          ? `Your ${a.appointment.visitTypeLabel.toLowerCase()} on ${was} cannot go ahead (${input.reason}). We propose ${whenText(next.start, next.timeZone)} with ${next.providerName} at ${next.locationName}.`
          : `Your ${a.appointment.visitTypeLabel.toLowerCase()} on ${was} cannot go ahead (${input.reason}). We will call you to find a new time.`;
      });
      return { patientId, patientName: names.get(patientId) ?? 'Patient', message: lines.join(' ') };
    });
    return { value: { affected: affectedOut, notify }, audit: { patientIds, resourceTypes: ['Patient', 'Coverage', 'Encounter', 'Appointment'] } };
  }

  private bookingPlan(input: BookingInput, hold: RememberedHold, remembered: RememberedOffer, outsideWindowReason: string | null): BookingPlan {
    const { offer, engine, patient } = remembered;
    return {
      idempotencyKey: input.idempotencyKey,
      holdId: hold.holdId,
      patientId: input.patientId,
      visits: offer.visits.map((v, i) => ({
        visitTypeId: v.visitTypeId,
        visitTypeLabel: v.visitTypeLabel,
        start: v.start,
        end: v.end,
        slotIds: v.slotIds,
        providerId: v.providerId,
        providerName: v.providerName,
        locationId: v.locationId,
        locationName: v.locationName,
        resourceIds: engine.visits[i]?.resourceIds ?? [],
        mode: v.mode,
        newPatient: isNewPatient(patient, v.providerId),
      })),
      reason: input.reason,
      outsideWindowReason,
      careWindow: remembered.careWindow,
      confirmationText: input.sendConfirmation ? confirmationScript(offer) : null,
      slotVersions: Object.fromEntries(hold.versions),
      bookedAt: this.now(),
    };
  }

  private async bookingResult(status: EnqueueResult, remembered: RememberedOffer, hold: RememberedHold | undefined, signal?: AbortSignal): Promise<BookingResult> {
    const { offer } = remembered;
    const script = confirmationScript(offer);
    if (status.item.state === 'sent' && status.delivered && 'kind' in status.delivered) {
      if (hold) this.holdsById.delete(hold.holdId);
      if (hold) this.announceBooked(hold, 'booked');
      return { outcome: 'booked', appointmentId: status.delivered.ids.appointmentId ?? '', outboxId: status.item.id, offer, confirmationScript: script };
    }
    if (status.item.state === 'failed' && status.failureCode === BOOKING_FAILURES.slotTaken) {
      this.offers.delete(offer.offerId);
      const refreshed = (await this.search(remembered.search, signal)).value;
      return { outcome: 'conflict', message: status.item.lastError ?? 'The slot was taken by someone else.', refreshed };
    }
    this.pending.set(status.item.id, { outboxId: status.item.id, patientId: remembered.search.patientId, offer });
    if (hold) this.announceBooked(hold, 'queued');
    return { outcome: 'queued', outboxId: status.item.id, offer, reason: status.item.lastError ?? 'Waiting to be sent to the EHR.', confirmationScript: script };
  }

  private noneInWindow(input: SearchInput, window: SchedulingWindow, result: EngineResult, world: SchedulingWorld, visitType: VisitType, names: NetworkNames): SlotSearchResult['noneInWindow'] {
    const alternatives: SchedulingAlternative[] = [];
    const urgent = window.maxMinutes !== null && window.maxMinutes <= 36 * 60;
    if (urgent) {
      for (const location of world.locations.filter((l) => l.kind === 'urgent-care')) {
        const open = firstOpenBetween(location, window.from, window.to);
        if (open === null) continue;
        const at = `${new Date(open).toLocaleTimeString('en-US', { timeZone: location.timeZone, hour: 'numeric', minute: '2-digit' })} ${clinicZoneLabel(open, location.timeZone)}`;
        alternatives.push({ kind: 'urgent-care', label: `${location.name} (walk-in)`, why: `Open ${open <= window.from ? 'now' : `from ${at}`}, inside the window; no appointment needed.`, offer: null });
      }
    }
    if (input.dispositionId !== null) {
      alternatives.push({ kind: 'nurse-callback', label: 'Nurse callback', why: 'A nurse calls the patient back to decide on the next best option.', offer: null });
    }
    if (result.firstAfterWindow) {
      const offer = toSlotOffer(result.firstAfterWindow, 1, visitType, names);
      const first = offer.visits[0]!;
      const when = clinicTimeText(first.start, first.timeZone);
      alternatives.push({
        kind: 'first-after-window',
        label: `First slot after the window: ${when} with ${first.providerName}`,
        why: window.maxMinutes === null ? 'The earliest slot available.' : 'Later than the disposition allows: only a nurse can book it, with a reason.',
        offer,
      });
    }
    alternatives.push({ kind: 'waitlist', label: 'Add to the waitlist', why: 'The patient is offered the first matching slot that frees up.', offer: null });
    const span = window.maxMinutes === null ? 'in the routine window' : 'inside the window the disposition allows';
    const limit = distanceLimit(input.preferences, this.deps.rules());
    const far = limit.source === 'default' && result.exclusions.some((e) => e.rule === 'distance') ? ` Clinics farther than ${limit.km} km were left out: the caller may ask for any distance.` : '';
    return { message: `No ${visitType.label.toLowerCase()} slot is available ${span}.${far}`, alternatives };
  }

  private announceBooked(hold: RememberedHold, outcome: 'booked' | 'queued'): void {
    for (const listener of this.bookedListeners) listener({ holdId: hold.holdId, patientId: hold.patientId, outcome });
  }

  private emitFreed(status: EnqueueResult, appointmentId: string): void {
    const freed = status.delivered && 'kind' in status.delivered ? (status.delivered.ids.freedSlotIds ?? '') : '';
    const slotIds = freed.split(',').filter(Boolean);
    if (slotIds.length === 0) return;
    for (const listener of this.freedListeners) listener({ slotIds, appointmentId });
  }

  /** Runs `then` once the outbox item is sent (this session; a restart resumes delivery but not this follow-up). */
  private whenSent(outboxId: string, then: (status: EnqueueResult) => void): void {
    const off = this.deps.outbox.onChange(() => {
      const status = this.deps.outbox.status(outboxId);
      if (!status || status.item.state === 'failed') return void off();
      if (status.item.state !== 'sent') return;
      off();
      then(status);
    });
  }
}

function whenText(at: number, timeZone: string): string {
  return new Date(at).toLocaleString('en-US', { timeZone, weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** "Mon, Dec 7, 11:59 PM EST (clinic)": main does not know the agent's zone, so its sentences always name the clinic's. */
function clinicTimeText(at: number, timeZone: string): string {
  const text = new Date(at).toLocaleString('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  return `${text} ${clinicZoneLabel(at, timeZone)}`;
}

/** Where a moved visit's window comes from, in words. */
const WINDOW_BASIS_TEXT: Readonly<Record<RescheduleWindowBasis, string>> = {
  disposition: "the window of the disposition it was booked for",
  'visit-type': "as far as the clinic's rules allow this visit type to move",
  'same-day': 'the booked day (its window is not known)',
};

/** The widest instants a period can cover: a local period is somewhere within ±14 hours of its wall clock. */
function periodBounds(period: BlockedPeriod): { from: number; to: number } {
  if (!('localStart' in period)) return { from: period.start, to: period.end };
  const slack = 14 * 3_600_000;
  return { from: (wallOf(period.localStart) ?? 0) - slack, to: (wallOf(period.localEnd) ?? 0) + slack };
}

/** A second idempotency key derived from the first (UUID-shaped), e.g. the cancel step of a reschedule. */
export function derivedKey(key: string, purpose: string): string {
  const hex = createHash('sha256').update(`${key}:${purpose}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
