import { describe, expect, it } from 'vitest';
import { toE164, toPatientSummary } from './patientSummary';

describe('toE164', () => {
  it('normalizes the ways a US number arrives', () => {
    expect(toE164('(617) 555-0142')).toBe('+16175550142');
    expect(toE164('617.555.0142')).toBe('+16175550142');
    expect(toE164('+1 617 555 0142')).toBe('+16175550142');
    expect(toE164('16175550142')).toBe('+16175550142');
  });
  it('returns null for withheld or invalid numbers', () => {
    expect(toE164('anonymous')).toBeNull();
    expect(toE164('')).toBeNull();
    expect(toE164('123')).toBeNull();
  });
});

describe('toPatientSummary', () => {
  it('keeps the minimum a screen pop needs and computes age at the given date', () => {
    const summary = toPatientSummary(
      {
        resourceType: 'Patient',
        id: 'pat-7',
        name: [{ family: 'Nguyen', given: ['An', 'Thi'] }],
        birthDate: '2020-06-15',
        gender: 'female',
        telecom: [{ system: 'phone', value: '(617) 555-0142' }, { system: 'email', value: 'x@example.org' }],
        communication: [{ language: { coding: [{ code: 'vi', display: 'Vietnamese' }] }, preferred: true }],
        contact: [{ relationship: [{ text: 'Parent' }], name: { family: 'Nguyen', given: ['Binh'] } }],
        address: [{ line: ['1 Main St'], city: 'Boston', state: 'MA', postalCode: '02115' }],
      },
      new Date('2026-06-14T12:00:00Z'),
    );
    expect(summary).toMatchObject({
      id: 'pat-7', displayName: 'An Thi Nguyen', ageYears: 5, sex: 'female', language: 'Vietnamese',
      phones: ['+16175550142'], relationships: ['child of Binh Nguyen'], address: { city: 'Boston' },
    });
  });
});
