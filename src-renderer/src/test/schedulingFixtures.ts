import type {
  AppointmentSummary,
  BookingResult,
  MassReschedulePlan,
  Result,
  SchedulingDirectory,
  SlotHold,
  SlotOffer,
  SlotSearchRequest,
  SlotSearchResult,
  VisitTypeSummary,
  WaitlistEntry,
} from '../../../src-preload/contract';
import { failure, ok } from '../bridge';
import type { FakeHandlers } from '../bridge/fakeBridge';

/**
 * Synthetic scheduling answers (issue 6) for component tests: a small clinic network with realistic offers,
 * reasons, exclusions and a stateful fake that holds, books, conflicts and keeps a waitlist, the way the
 * main-process scheduling service answers over the contract. No real people or places.
 */

/** 2030-03-04 14:00 UTC (a Monday, 9:00 AM in New York; in the future, so bookings count as upcoming). */
export const SCHED_NOW = Date.UTC(2030, 2, 4, 14, 0);
const HOUR = 3_600_000;
const MINUTE = 60_000;

export const sameDayVisit: VisitTypeSummary = {
  id: 'same-day-sick',
  label: 'Same-day sick visit',
  durationMinutes: 20,
  telehealth: 'allowed',
  steps: ['Same-day sick visit'],
  suggested: true,
};
export const followUpVisit: VisitTypeSummary = {
  id: 'follow-up',
  label: 'Follow-up visit',
  durationMinutes: 20,
  telehealth: 'allowed',
  steps: ['Follow-up visit'],
};
export const imagingVisit: VisitTypeSummary = {
  id: 'imaging-then-follow-up',
  label: 'X-ray, then follow-up',
  durationMinutes: 40,
  telehealth: 'never',
  steps: ['Chest X-ray', 'Follow-up visit'],
};
export const visitTypes: VisitTypeSummary[] = [sameDayVisit, followUpVisit, imagingVisit];

export const directory: SchedulingDirectory = {
  providers: [
    { id: 'pr-kim', name: 'Dr. Dana Kim', specialty: 'Family medicine', locationIds: ['loc-main'] },
    { id: 'pr-osei', name: 'Dr. Kofi Osei', specialty: 'Family medicine', locationIds: ['loc-main', 'loc-lake'] },
    { id: 'pr-reyes', name: 'Lucia Reyes, NP', specialty: 'Family medicine', locationIds: ['loc-lake'] },
  ],
  locations: [
    { id: 'loc-main', name: 'Main Street Clinic', timeZone: 'America/New_York' },
    { id: 'loc-lake', name: 'Lakeshore Clinic', timeZone: 'America/Chicago' },
  ],
};

interface OfferSeed {
  readonly id: string;
  readonly providerId: string;
  readonly locationId: string;
  readonly startOffsetMinutes: number;
  readonly mode?: 'in-person' | 'telehealth';
  readonly resources?: string[];
  readonly distanceKm?: number | null;
  readonly reasons: string[];
}

export function offer(seed: OfferSeed, rank: number, visitType: VisitTypeSummary = sameDayVisit): SlotOffer {
  const provider = directory.providers.find((p) => p.id === seed.providerId);
  const location = directory.locations.find((l) => l.id === seed.locationId);
  if (!provider || !location) throw new Error(`fixture: unknown provider or location in ${seed.id}`);
  const start = SCHED_NOW + seed.startOffsetMinutes * MINUTE;
  return {
    offerId: seed.id,
    rank,
    score: 100 - rank * 7,
    reasons: seed.reasons,
    visits: [
      {
        visitTypeId: visitType.id,
        visitTypeLabel: visitType.label,
        start,
        end: start + visitType.durationMinutes * MINUTE,
        slotIds: [`slot-${seed.id}`],
        providerId: provider.id,
        providerName: provider.name,
        locationId: location.id,
        locationName: location.name,
        timeZone: location.timeZone,
        mode: seed.mode ?? 'in-person',
        resources: seed.resources ?? [],
        distanceKm: seed.mode === 'telehealth' ? null : (seed.distanceKm ?? 4.2),
      },
    ],
  };
}

const offerSeeds: OfferSeed[] = [
  { id: 'offer-kim-1020', providerId: 'pr-kim', locationId: 'loc-main', startOffsetMinutes: 80, reasons: ['Your PCP, Dr. Dana Kim', 'Within the 4-hour window', 'Morning, as asked'] },
  { id: 'offer-osei-video', providerId: 'pr-osei', locationId: 'loc-main', startOffsetMinutes: 110, mode: 'telehealth', reasons: ['Video visit: no travel', 'Speaks Spanish'] },
  { id: 'offer-reyes-lake', providerId: 'pr-reyes', locationId: 'loc-lake', startOffsetMinutes: 150, distanceKm: 18.5, resources: ['Procedure room 2'], reasons: ['Speaks Spanish', 'Accepts Acme Health PPO'] },
];

export const windowFourHours = { from: SCHED_NOW, to: SCHED_NOW + 4 * HOUR, label: 'Within 4 hours: until 1:00 PM EST (clinic)' };

export function searchResult(overrides: Partial<SlotSearchResult> = {}): SlotSearchResult {
  return {
    visitType: sameDayVisit,
    window: windowFourHours,
    offers: offerSeeds.map((s, i) => offer(s, i + 1)),
    exclusions: [
      { rule: 'insurance', subject: 'Dr. Kofi Osei', message: 'Dr. Kofi Osei does not accept Evergreen PPO 500 for in-person visits', slots: 6 },
      { rule: 'window', subject: null, message: 'After the 4-hour window', slots: 212 },
    ],
    noneInWindow: null,
    considered: 240,
    searchedAt: SCHED_NOW,
    distanceLimit: { km: 80, source: 'default', label: 'Clinics within 80 km of home (the default; the caller may ask for any distance); video visits are not limited.' },
    ...overrides,
  };
}

/** Nothing inside the window: the alternatives, the last one bookable only by a nurse with a reason. */
export function noneInWindowResult(): SlotSearchResult {
  const firstAfter = offer({ id: 'offer-after-window', providerId: 'pr-kim', locationId: 'loc-main', startOffsetMinutes: 26 * 60, reasons: ['First slot after the window', 'Your PCP, Dr. Dana Kim'] }, 1);
  return searchResult({
    offers: [],
    noneInWindow: {
      message: 'No slot within 4 hours at any clinic that takes this visit.',
      alternatives: [
        { kind: 'urgent-care', label: 'Urgent care', why: 'Lakeshore Urgent Care is open until 8 PM, 6 km away', offer: null },
        { kind: 'nurse-callback', label: 'Nurse callback', why: 'A nurse calls back within 30 minutes', offer: null },
        { kind: 'emergency-department', label: 'Emergency department', why: 'If symptoms get worse before a visit', offer: null },
        { kind: 'first-after-window', label: 'First slot after the window', why: 'Tomorrow 10:00 AM with Dr. Dana Kim', offer: firstAfter },
        { kind: 'waitlist', label: 'Waitlist', why: 'Offered the first earlier slot that frees up', offer: null },
      ],
    },
  });
}

export function appointmentOf(o: SlotOffer, id: string, pending: boolean): AppointmentSummary {
  const visit = o.visits[0];
  if (!visit) throw new Error('fixture: offer without visits');
  return {
    id,
    status: pending ? 'proposed' : 'booked',
    start: visit.start,
    end: visit.end,
    visitTypeLabel: visit.visitTypeLabel,
    providerName: visit.providerName,
    locationName: visit.locationName,
    timeZone: visit.timeZone,
    mode: visit.mode,
    pending,
  };
}

export const CONFIRMATION_SCRIPT =
  'You are booked for a Same-day sick visit with Dr. Dana Kim at Main Street Clinic. Please arrive 15 minutes early and bring your insurance card.';

export function waitlistEntry(overrides: Partial<WaitlistEntry> = {}): WaitlistEntry {
  return {
    id: '1d2c3b4a-5f6e-4a7b-8c9d-0e1f2a3b4c5d',
    patientId: 'pat-jane',
    patientName: 'Jane Doe',
    visitTypeId: followUpVisit.id,
    from: SCHED_NOW,
    to: SCHED_NOW + 10 * 24 * HOUR,
    preferences: {},
    addedAt: SCHED_NOW - HOUR,
    position: 1,
    state: 'waiting',
    offer: null,
    ...overrides,
  };
}

export function massPlan(): MassReschedulePlan {
  const [kim, oseiVideo, reyesLake] = offerSeeds.map((seed, i) => offer(seed, i + 1));
  if (!kim || !oseiVideo || !reyesLake) throw new Error('fixture: three offer seeds expected');
  return {
    affected: [
      {
        appointment: appointmentOf(kim, 'appt-101', false),
        patientId: 'pat-maria',
        patientName: 'Maria Lopez',
        proposal: oseiVideo,
        why: 'Same visit type, same day, Spanish-speaking provider',
        latest: kim.visits[0]!.start + 7 * 24 * HOUR,
        windowLabel: "as far as the clinic's rules allow this visit type to move",
        urgent: false,
        callPatient: false,
      },
      {
        appointment: appointmentOf(reyesLake, 'appt-102', false),
        patientId: 'pat-jane',
        patientName: 'Jane Doe',
        proposal: null,
        why: 'No slot found: call the patient: nothing free by Mon, Mar 4, 11:00 PM CST (clinic), the window of the disposition it was booked for',
        latest: reyesLake.visits[0]!.start + 10 * HOUR,
        windowLabel: 'the window of the disposition it was booked for',
        urgent: true,
        callPatient: true,
      },
    ],
    notify: [
      { patientId: 'pat-maria', patientName: 'Maria Lopez', message: 'Your visit moves to Monday 10:50 AM (video) with Dr. Kofi Osei.' },
      { patientId: 'pat-jane', patientName: 'Jane Doe', message: 'We will call you to find a new time.' },
    ],
  };
}

export interface FakeSchedulingOptions {
  /** The first search answers this (default: three offers in the window). */
  readonly search?: SlotSearchResult;
  /** Book answers these in order (then 'booked'); e.g. ['conflict'] makes the first attempt conflict. */
  readonly bookOutcomes?: readonly ('booked' | 'queued' | 'conflict' | 'error')[];
  /** Reschedule answers these in order (then 'booked'), as book does. */
  readonly rescheduleOutcomes?: readonly ('booked' | 'queued' | 'conflict' | 'error')[];
  /** Cancel answers these in order (then 'cancelled'); 'error' fails before anything is saved. */
  readonly cancelOutcomes?: readonly ('cancelled' | 'error')[];
  readonly appointments?: AppointmentSummary[];
  readonly waitlist?: WaitlistEntry[];
  readonly holdMs?: number;
}

export interface FakeScheduling {
  readonly handlers: FakeHandlers;
  /** Appointments booked so far per idempotency key (a retried key must not add a second). */
  readonly bookedKeys: () => readonly string[];
  /** Cancellations done so far per idempotency key (a retried key must not cancel twice). */
  readonly cancelledKeys: () => readonly string[];
  /** Every appointment the fake knows, cancelled ones included (status 'cancelled'). */
  readonly appointments: () => readonly AppointmentSummary[];
}

/**
 * A stateful fake of main's scheduling service: holds expire after `holdMs`, a booking is idempotent per key,
 * 'conflict' answers fresh offers without the taken one, appointments booked show in `schedule.appointments`
 * (pending while 'queued'), and the waitlist keeps its order.
 */
export function fakeScheduling(options: FakeSchedulingOptions = {}): FakeScheduling {
  let current = options.search ?? searchResult();
  const outcomes = [...(options.bookOutcomes ?? [])];
  const rescheduleOutcomes = [...(options.rescheduleOutcomes ?? [])];
  const cancelOutcomes = [...(options.cancelOutcomes ?? [])];
  const cancelled = new Map<string, AppointmentSummary>();
  const holds = new Map<string, SlotHold>();
  const byKey = new Map<string, BookingResult>();
  const appointments: AppointmentSummary[] = [...(options.appointments ?? [])];
  let waitlist: WaitlistEntry[] = [...(options.waitlist ?? [])];
  let holdSeq = 0;
  const holdMs = options.holdMs ?? 5 * MINUTE;

  const bookHeld = (holdId: string, idempotencyKey: string, outcome: 'booked' | 'queued' | 'conflict' | 'error'): Result<BookingResult> => {
    const previous = byKey.get(idempotencyKey);
    if (previous) return ok(previous);
    const hold = holds.get(holdId);
    if (!hold) return failure('not-found', 'The hold expired. Hold the slot again.');
    if (outcome === 'error') return failure('internal', 'Scheduling service did not answer. Try again.');
    if (outcome === 'conflict') {
      holds.delete(hold.holdId);
      current = { ...current, offers: current.offers.filter((o) => o.offerId !== hold.offer.offerId).map((o, i) => ({ ...o, rank: i + 1 })) };
      return ok({ outcome: 'conflict', message: 'That slot was just taken by another scheduler.', refreshed: current });
    }
    const outboxId = `5e6f7a8b-9c0d-4e1f-8a2b-${String(byKey.size + 1).padStart(12, '0')}`;
    const appointmentId = `appt-${byKey.size + 1}`;
    const result: BookingResult =
      outcome === 'booked'
        ? { outcome, appointmentId, outboxId, offer: hold.offer, confirmationScript: CONFIRMATION_SCRIPT }
        : { outcome, outboxId, offer: hold.offer, reason: 'The EHR is not answering; the booking is saved on this workstation.', confirmationScript: CONFIRMATION_SCRIPT };
    byKey.set(idempotencyKey, result);
    appointments.push(appointmentOf(hold.offer, appointmentId, outcome === 'queued'));
    holds.delete(hold.holdId);
    return ok(result);
  };

  const cancelAppointment = (appointmentId: string, idempotencyKey: string): AppointmentSummary => {
    const index = appointments.findIndex((a) => a.id === appointmentId);
    const appointment = appointments[index];
    if (!appointment) throw new Error(`fixture: no appointment ${appointmentId}`);
    const done: AppointmentSummary = { ...appointment, status: 'cancelled' };
    appointments[index] = done;
    cancelled.set(idempotencyKey, done);
    return done;
  };

  const findOffer = (offerId: string): SlotOffer | null =>
    current.offers.find((o) => o.offerId === offerId) ??
    current.noneInWindow?.alternatives.find((a) => a.offer?.offerId === offerId)?.offer ??
    null;

  const handlers: FakeHandlers = {
    'schedule.visitTypes': ({ dispositionId }) =>
      ok(visitTypes.map((v) => ({ ...v, suggested: dispositionId !== null && v.id === sameDayVisit.id }))),
    'schedule.directory': () => ok(directory),
    'schedule.search': (request: SlotSearchRequest) => {
      const visitType = visitTypes.find((v) => v.id === request.visitTypeId);
      if (!visitType) return failure('not-found', `No visit type ${request.visitTypeId}.`);
      return ok({ ...current, visitType, searchedAt: Date.now() });
    },
    'schedule.hold': ({ offerId }) => {
      const o = findOffer(offerId);
      if (!o) return failure('conflict', 'That offer is no longer available.');
      holdSeq += 1;
      const hold: SlotHold = { holdId: `00000000-aaaa-4bbb-8ccc-${String(holdSeq).padStart(12, '0')}`, offer: o, expiresAt: Date.now() + holdMs };
      holds.set(hold.holdId, hold);
      return ok(hold);
    },
    'schedule.release': ({ holdId }) => {
      holds.delete(holdId);
      return ok({});
    },
    'schedule.book': (request) => bookHeld(request.holdId, request.idempotencyKey, outcomes.shift() ?? 'booked'),
    // As main: book the new slot, then cancel the old appointment once the new one is in the EHR (a queued
    // booking cancels it on delivery, which this fake never does: the old one stays until then).
    'schedule.reschedule': (request) => {
      const old = appointments.find((a) => a.id === request.appointmentId);
      if (!old) return failure('not-found', 'No such appointment.');
      const answer = bookHeld(request.holdId, request.idempotencyKey, rescheduleOutcomes.shift() ?? 'booked');
      if (answer.ok && answer.value.outcome === 'booked') cancelAppointment(old.id, `${request.idempotencyKey}:cancel`);
      return answer;
    },
    'schedule.cancel': (request) => {
      const previous = cancelled.get(request.idempotencyKey);
      if (previous) return ok(previous);
      const appointment = appointments.find((a) => a.id === request.appointmentId);
      if (!appointment) return failure('not-found', 'No such appointment.');
      if (appointment.pending) return failure('conflict', 'The appointment is not in the EHR yet.');
      if ((cancelOutcomes.shift() ?? 'cancelled') === 'error') return failure('ehr-unavailable', 'The EHR is not answering. Try again.');
      return ok(cancelAppointment(appointment.id, request.idempotencyKey));
    },
    'schedule.appointments': ({ patientId }) => ok(patientId === 'pat-maria' || patientId === 'pat-jane' ? [...appointments] : []),
    'schedule.massReschedulePlan': () => ok(massPlan()),
    'waitlist.list': () => ok([...waitlist]),
    'waitlist.add': (request) => {
      const entry = waitlistEntry({
        id: `7a6b5c4d-3e2f-4a1b-9c8d-${String(waitlist.length + 1).padStart(12, '0')}`,
        patientId: request.patientId,
        patientName: request.patientId === 'pat-maria' ? 'Maria Lopez' : 'Jane Doe',
        visitTypeId: request.visitTypeId,
        from: request.from,
        to: request.to,
        preferences: request.preferences ?? {},
        addedAt: Date.now(),
        position: waitlist.length + 1,
      });
      waitlist = [...waitlist, entry];
      return ok(entry);
    },
    'waitlist.remove': ({ id }) => {
      waitlist = waitlist.filter((e) => e.id !== id).map((e, i) => ({ ...e, position: i + 1 }));
      return ok({});
    },
  };
  return { handlers, bookedKeys: () => [...byKey.keys()], cancelledKeys: () => [...cancelled.keys()], appointments: () => [...appointments] };
}
