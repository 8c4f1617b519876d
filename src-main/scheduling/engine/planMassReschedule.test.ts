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
});
