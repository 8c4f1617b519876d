import { describe, expect, it } from 'vitest';
import type { BookedVisit, SchedulingRequest } from '../model';
import { NO_SLOT_REASON, planMassReschedule } from './planMassReschedule';
import { DAY, HOUR, MINUTE, MONDAY_9AM_NY, slotRun, testBooking, testPatient, testProvider, testRequest, testWorld } from './testing/worldBuilder';

const sickSlots = slotRun('sick', 'loc-a', MONDAY_9AM_NY, 3).map((s) => ({ ...s, status: 'busy' as const }));
const affected: BookedVisit[] = sickSlots.map((s, i) => testBooking({ appointmentId: `appt-${i}`, providerId: 'sick', start: s.start, patientId: `pat-${i}`, slotIds: [s.id] }));
const makeRequest = (a: BookedVisit): SchedulingRequest =>
  testRequest({ patient: testPatient({ id: a.patientId }), window: { from: MONDAY_9AM_NY, to: a.start + 7 * DAY }, now: MONDAY_9AM_NY - HOUR, limit: 1 });

describe('planMassReschedule', () => {
  it('moves each affected visit to a different slot, earliest appointment first, and lists everyone to notify', () => {
    const world = testWorld({
      providers: [testProvider('sick'), testProvider('cover')],
      slots: [...sickSlots, ...slotRun('sick', 'loc-a', MONDAY_9AM_NY + DAY, 3, 20, 'sick-tue'), ...slotRun('cover', 'loc-a', MONDAY_9AM_NY + 2 * HOUR, 2)],
      booked: affected,
    });
    const closure = { providerId: 'sick', locationId: null, start: MONDAY_9AM_NY, end: MONDAY_9AM_NY + 2 * DAY, reason: 'Provider out sick' };
    const plan = planMassReschedule(world, [...affected].reverse(), closure, makeRequest);
    expect(plan.proposals.map((p) => p.appointment.appointmentId)).toEqual(['appt-0', 'appt-1', 'appt-2']);
    expect(plan.notifyPatientIds).toEqual(['pat-0', 'pat-1', 'pat-2']);
    const assigned = plan.proposals.map((p) => p.offer?.visits[0]!.start ?? null);
    // The cover provider's two slots go to the first two; the sick provider's own Tuesday is inside the closure.
    expect(assigned).toEqual([MONDAY_9AM_NY + 2 * HOUR, MONDAY_9AM_NY + 2 * HOUR + 20 * MINUTE, null]);
    expect(plan.proposals[2]!.reason).toBe(NO_SLOT_REASON);
    expect(plan.proposals.map((p) => p.latest)).toEqual(affected.map((a) => a.start + 7 * DAY));
    expect(plan.proposals[0]!.reason).toMatch(/^Moved because of provider out sick: /);
  });

  it('a location closure keeps the provider at their other site', () => {
    const world = testWorld({
      providers: [testProvider('sick', { locationIds: ['loc-a', 'loc-b'] })],
      locations: [testWorld().locations[0]!, { ...testWorld().locations[0]!, id: 'loc-b', name: 'Clinic loc-b' }],
      slots: [...sickSlots, ...slotRun('sick', 'loc-a', MONDAY_9AM_NY + 3 * HOUR, 2, 20, 'a-later'), ...slotRun('sick', 'loc-b', MONDAY_9AM_NY + DAY, 3, 20, 'b')],
      booked: affected,
    });
    const closure = { providerId: null, locationId: 'loc-a', start: MONDAY_9AM_NY, end: MONDAY_9AM_NY + DAY, reason: 'Snowstorm closure' };
    const plan = planMassReschedule(world, affected, closure, makeRequest);
    expect(plan.proposals.every((p) => p.offer?.visits[0]!.locationId === 'loc-b')).toBe(true);
    const slotIds = plan.proposals.flatMap((p) => p.offer!.visits[0]!.slotIds);
    expect(new Set(slotIds).size).toBe(3);
  });

  it('a provider out at one location only keeps their slots elsewhere', () => {
    const world = testWorld({
      providers: [testProvider('sick', { locationIds: ['loc-a', 'loc-b'] })],
      locations: [testWorld().locations[0]!, { ...testWorld().locations[0]!, id: 'loc-b', name: 'Clinic loc-b' }],
      slots: [...sickSlots, ...slotRun('sick', 'loc-a', MONDAY_9AM_NY + 3 * HOUR, 1, 20, 'a-later'), ...slotRun('sick', 'loc-b', MONDAY_9AM_NY + 4 * HOUR, 1, 20, 'b')],
      booked: affected,
    });
    const closure = { providerId: 'sick', locationId: 'loc-a', start: MONDAY_9AM_NY, end: MONDAY_9AM_NY + DAY, reason: 'Room flooded' };
    const plan = planMassReschedule(world, affected.slice(0, 1), closure, makeRequest);
    expect(plan.proposals[0]!.offer?.visits[0]!.slotIds).toEqual(['b-0']);
  });

  it('a be-seen-today visit is never moved days later: with nothing inside its window it is "call the patient", with why', () => {
    const world = testWorld({
      providers: [testProvider('sick'), testProvider('cover')],
      slots: [...sickSlots, ...slotRun('cover', 'loc-a', MONDAY_9AM_NY + 4 * DAY, 3)],
      booked: affected,
    });
    const closure = { providerId: 'sick', locationId: null, start: MONDAY_9AM_NY, end: MONDAY_9AM_NY + DAY, reason: 'Provider out sick' };
    const sameDay = (a: BookedVisit) => ({ ...makeRequest(a), window: { from: MONDAY_9AM_NY - HOUR, to: MONDAY_9AM_NY + 12 * HOUR }, urgent: true, windowText: 'by 9:00 PM EST (be seen today)' });
    const plan = planMassReschedule(world, affected.slice(0, 1), closure, sameDay);
    expect(plan.proposals[0]).toMatchObject({ offer: null, urgent: true, latest: MONDAY_9AM_NY + 12 * HOUR });
    expect(plan.proposals[0]!.reason).toBe(`${NO_SLOT_REASON}: nothing free by 9:00 PM EST (be seen today)`);
    // Given a window of a week, the same visit does move (the window, not the engine, was what stopped it).
    expect(planMassReschedule(world, affected.slice(0, 1), closure, makeRequest).proposals[0]!.offer).not.toBeNull();
  });

  it('urgent visits are served first and get the soonest slot, even over their own PCP later that day', () => {
    const world = testWorld({
      providers: [testProvider('sick'), testProvider('pcp'), testProvider('cover')],
      // One slot early with a stranger; the patients' PCP later in the afternoon.
      slots: [...sickSlots, ...slotRun('cover', 'loc-a', MONDAY_9AM_NY + HOUR, 1, 20, 'early'), ...slotRun('pcp', 'loc-a', MONDAY_9AM_NY + 6 * HOUR, 1, 20, 'late')],
      booked: affected,
    });
    const closure = { providerId: 'sick', locationId: null, start: MONDAY_9AM_NY, end: MONDAY_9AM_NY + DAY, reason: 'Provider out sick' };
    // appt-0 is routine and booked first (it too would rank the early slot best); appt-2 is urgent, and its PCP
    // would outrank the early slot by preference: served first, it takes the soonest slot.
    const request = (a: BookedVisit) => {
      const urgent = a.appointmentId === 'appt-2';
      const patient = testPatient({ id: a.patientId, pcpProviderIds: urgent ? ['pcp'] : [] });
      return { ...testRequest({ patient, window: { from: MONDAY_9AM_NY - HOUR, to: MONDAY_9AM_NY + 10 * HOUR }, now: MONDAY_9AM_NY - HOUR, limit: 3 }), urgent };
    };
    const plan = planMassReschedule(world, [affected[0]!, affected[2]!], closure, request);
    expect(plan.proposals.map((p) => p.appointment.appointmentId)).toEqual(['appt-0', 'appt-2']);
    expect(plan.proposals[1]).toMatchObject({ urgent: true });
    expect(plan.proposals[1]!.offer!.visits[0]!.slotIds).toEqual(['early-0']);
    expect(plan.proposals[1]!.reason).toMatch(/urgent, the soonest slot/);
    // The routine one gets what is left.
    expect(plan.proposals[0]!.offer!.visits[0]!.slotIds).toEqual(['late-0']);
  });
});
