import type { Appointment, Coverage, Location, Patient, Practitioner, PractitionerRole, Slot } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { careWindowOf, holdOf, openingHours, scheduleActors, toBookedVisit, toClinicLocation, toProvider, toSlot } from './fhirToModel';
import { ageInYears, planOf, toPatientContext } from './patientContext';
import { CARE_BY_EXTENSION, DISPOSITION_EXTENSION, HOLD_EXTENSION, NEW_PATIENT_EXTENSION, TELEHEALTH_EXTENSION, TIMEZONE_EXTENSION, VISIT_TYPE_SYSTEM } from './schedulingFhir';

const practitioner: Practitioner = {
  resourceType: 'Practitioner',
  id: 'pr-1',
  name: [{ use: 'official', family: 'Kimura', given: ['Avery'], prefix: ['Dr.'], suffix: ['MD'] }],
  communication: [{ coding: [{ code: 'es-MX' }] }, { coding: [{ code: 'en' }] }],
};
const role: PractitionerRole = {
  resourceType: 'PractitionerRole',
  id: 'role-1',
  practitioner: { reference: 'Practitioner/pr-1' },
  location: [{ reference: 'Location/loc-1' }],
  specialty: [{ coding: [{ code: '207Q00000X', display: 'Family Medicine' }] }],
  extension: [{ url: TELEHEALTH_EXTENSION, valueBoolean: true }],
};

describe('FHIR -> scheduling model', () => {
  it('reads a provider from PractitionerRole + Practitioner: name, specialty, languages, telehealth', () => {
    expect(toProvider(role, practitioner, [])).toMatchObject({
      id: 'role-1',
      practitionerId: 'pr-1',
      name: 'Dr. Avery Kimura',
      specialties: ['207Q00000X'],
      specialtyLabel: 'Family Medicine',
      locationIds: ['loc-1'],
      languages: ['es', 'en'],
      telehealth: true,
      acceptedPlans: 'any',
    });
    expect(toProvider({ ...role, active: false }, practitioner, [])).toBeNull();
  });

  it('reads a clinic: time zone extension, hours, ZIP and the urgent-care type', () => {
    const location: Location = {
      resourceType: 'Location',
      id: 'loc-1',
      name: 'Maple Street Clinic',
      extension: [{ url: TIMEZONE_EXTENSION, valueCode: 'America/Chicago' }],
      address: { postalCode: '60614-1234' },
      type: [{ coding: [{ code: 'URGCARE' }] }],
      hoursOfOperation: [{ daysOfWeek: ['mon', 'fri'], openingTime: '08:00:00', closingTime: '17:30:00' }],
    };
    expect(toClinicLocation(location, [], 'UTC')).toMatchObject({
      timeZone: 'America/Chicago',
      postalCode: '60614',
      centroid: null,
      hours: [{ days: ['mon', 'fri'], open: '08:00', close: '17:30' }],
      kind: 'urgent-care',
    });
    expect(toClinicLocation({ ...location, extension: [{ url: TIMEZONE_EXTENSION, valueCode: 'Mars/Olympus' }] }, [], 'America/New_York')?.timeZone).toBe('America/New_York');
    expect(toClinicLocation({ ...location, position: { latitude: 41.9, longitude: -87.6 } }, [], 'UTC')?.centroid).toEqual({ lat: 41.9, lon: -87.6 });
    expect(openingHours({ resourceType: 'Location', hoursOfOperation: [{ daysOfWeek: ['sun'], allDay: true }] })).toEqual([{ days: ['sun'], open: '00:00', close: '24:00' }]);
  });

  it('maps a Schedule to its provider and location (a Practitioner actor through their role)', () => {
    const provider = toProvider(role, practitioner, [])!;
    expect(scheduleActors({ resourceType: 'Schedule', actor: [{ reference: 'PractitionerRole/role-1' }, { reference: 'Location/loc-2' }] }, new Map())).toEqual({ providerId: 'role-1', locationId: 'loc-2' });
    expect(scheduleActors({ resourceType: 'Schedule', actor: [{ reference: 'Practitioner/pr-1' }] }, new Map([['pr-1', provider]]))).toEqual({ providerId: 'role-1', locationId: 'loc-1' });
    expect(scheduleActors({ resourceType: 'Schedule', actor: [{ reference: 'Device/d' }] }, new Map())).toBeNull();
  });

  it('reads slots: visit-type reservations, our hold (a lapsed one is the engine’s to treat as free), someone else’s tentative booking never free', () => {
    const slot: Slot = { resourceType: 'Slot', id: 's1', schedule: { reference: 'Schedule/x' }, status: 'free', start: '2026-12-07T14:00:00Z', end: '2026-12-07T14:20:00Z' };
    const actors = { providerId: 'role-1', locationId: 'loc-1' };
    expect(toSlot(slot, actors)).toMatchObject({ id: 's1', status: 'free', heldUntil: null, start: Date.parse(slot.start) });
    expect(toSlot({ ...slot, appointmentType: { coding: [{ system: VISIT_TYPE_SYSTEM, code: 'urgent-visit' }] } }, actors)?.visitTypeIds).toEqual(['urgent-visit']);
    expect(toSlot({ ...slot, appointmentType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0276', code: 'ROUTINE' }] } }, actors)?.visitTypeIds).toBeUndefined();
    const held: Slot = {
      ...slot,
      status: 'busy-tentative',
      extension: [{ url: HOLD_EXTENSION, extension: [{ url: 'holdId', valueString: 'h1' }, { url: 'expires', valueInstant: '2026-12-07T13:05:00Z' }] }],
    };
    expect(holdOf(held)).toEqual({ holdId: 'h1', expires: Date.parse('2026-12-07T13:05:00Z') });
    expect(toSlot(held, actors)?.heldUntil).toBe(Date.parse('2026-12-07T13:05:00Z'));
    expect(toSlot({ ...slot, status: 'busy-tentative' }, actors)?.heldUntil).toBe(Number.MAX_SAFE_INTEGER);
    expect(toSlot({ ...slot, end: slot.start }, actors)).toBeNull();
  });

  it('reads booked visits: provider, clinic, rooms, new patient, slots; cancelled ones do not count', () => {
    const appointment: Appointment = {
      resourceType: 'Appointment',
      id: 'a1',
      status: 'booked',
      start: '2026-12-07T14:00:00Z',
      end: '2026-12-07T14:40:00Z',
      appointmentType: { coding: [{ system: VISIT_TYPE_SYSTEM, code: 'minor-procedure' }] },
      extension: [{ url: NEW_PATIENT_EXTENSION, valueBoolean: true }],
      slot: [{ reference: 'Slot/s1' }, { reference: 'Slot/s2' }],
      participant: [
        { actor: { reference: 'Patient/p1' }, status: 'accepted' },
        { actor: { reference: 'Practitioner/pr-1' }, status: 'accepted' },
        { actor: { reference: 'Location/loc-1' }, status: 'accepted' },
        { actor: { reference: 'Location/room-2' }, status: 'accepted' },
      ],
    };
    expect(toBookedVisit(appointment, (id) => (id === 'pr-1' ? 'role-1' : null))).toEqual({
      appointmentId: 'a1',
      providerId: 'role-1',
      locationId: 'loc-1',
      patientId: 'p1',
      visitTypeId: 'minor-procedure',
      start: Date.parse('2026-12-07T14:00:00Z'),
      end: Date.parse('2026-12-07T14:40:00Z'),
      newPatient: true,
      resourceIds: ['room-2'],
      slotIds: ['s1', 's2'],
      careBy: null,
      dispositionId: null,
    });
    expect(toBookedVisit({ ...appointment, status: 'cancelled' }, () => 'role-1')).toBeNull();
  });

  it('reads the disposition and its window a booking carried (else counts the window from when it was created)', () => {
    const base: Appointment = { resourceType: 'Appointment', status: 'booked', participant: [], created: '2026-12-07T14:00:00Z' };
    const both = { ...base, extension: [{ url: DISPOSITION_EXTENSION, valueCode: 'seen-today' }, { url: CARE_BY_EXTENSION, valueDateTime: '2026-12-08T02:00:00Z' }] };
    expect(careWindowOf(both)).toEqual({ dispositionId: 'seen-today', careBy: Date.parse('2026-12-08T02:00:00Z') });
    // "Be seen today" is 12 hours from when it was booked.
    expect(careWindowOf({ ...base, extension: [{ url: DISPOSITION_EXTENSION, valueCode: 'seen-today' }] })).toEqual({ dispositionId: 'seen-today', careBy: Date.parse('2026-12-08T02:00:00Z') });
    expect(careWindowOf({ ...base, extension: [{ url: DISPOSITION_EXTENSION, valueCode: 'not-a-disposition' }] })).toEqual({ dispositionId: null, careBy: null });
    expect(careWindowOf(base)).toEqual({ dispositionId: null, careBy: null });
  });

  it('reads the patient context: age, plan, PCP and seen providers as roles, language, home', () => {
    const provider = toProvider(role, practitioner, [])!;
    const patient: Patient = {
      resourceType: 'Patient',
      id: 'p1',
      birthDate: '2010-12-08',
      generalPractitioner: [{ reference: 'Practitioner/pr-1' }],
      communication: [{ language: { coding: [{ code: 'es' }] }, preferred: true }],
      address: [{ use: 'home', postalCode: '10001' }],
    };
    const coverage: Coverage = { resourceType: 'Coverage', status: 'active', beneficiary: { reference: 'Patient/p1' }, payor: [{ display: 'x' }], class: [{ type: { coding: [{ code: 'plan' }] }, value: 'EVG-PPO-500', name: 'Evergreen PPO 500' }] };
    const context = toPatientContext(
      {
        patient,
        coverages: [coverage],
        encounters: [{ resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, participant: [{ individual: { reference: 'PractitionerRole/role-9' } }] }],
        appointments: [],
      },
      [provider],
      (zip) => (zip === '10001' ? { lat: 40.75, lon: -73.99 } : null),
      Date.parse('2026-12-07T12:00:00Z'),
    );
    expect(context).toEqual({ id: 'p1', ageYears: 15, planCode: 'EVG-PPO-500', planName: 'Evergreen PPO 500', pcpProviderIds: ['role-1'], seenProviderIds: ['role-9'], language: 'es', home: { lat: 40.75, lon: -73.99 } });
    expect(ageInYears('2010-12-07', Date.parse('2026-12-07T12:00:00Z'))).toBe(16);
    expect(planOf([{ ...coverage, status: 'cancelled' }])).toBeNull();
  });
});
