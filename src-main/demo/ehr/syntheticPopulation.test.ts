// DEMO ENVIRONMENT (simulation): tests of the synthetic population generator — invented people only.
import { createHash } from 'node:crypto';
import { validateResource } from '@medplum/core';
import type { Appointment, Patient, PractitionerRole, Resource, Slot } from '@medplum/fhirtypes';
import { isValidPhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, daysBetween } from './calendarDates';
import { CLINIC_SITES, STATE_AREA_CODES } from './demoGeography';
import { DEMO_SYSTEMS } from './demoIdentifiers';
import { indexMedplumDefinitions } from './medplumDefinitions';
import { generatePopulation, householdIdOf, householdPhoneOf, type PopulationOptions } from './syntheticPopulation';

const REFERENCE_DATE = '2026-11-01';

function all(options: PopulationOptions): Resource[] {
  return [...generatePopulation(options)];
}

function ndjsonHash(options: PopulationOptions): string {
  const hash = createHash('sha256');
  for (const resource of generatePopulation(options)) hash.update(`${JSON.stringify(resource)}\n`);
  return hash.digest('hex');
}

function countByType(resources: readonly Resource[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of resources) counts[r.resourceType] = (counts[r.resourceType] ?? 0) + 1;
  return counts;
}

const patientsOf = (resources: readonly Resource[]): Patient[] => resources.filter((r): r is Patient => r.resourceType === 'Patient');
const ageInDays = (p: Patient): number => daysBetween(p.birthDate as string, REFERENCE_DATE);
const ageInYears = (p: Patient): number => Math.floor(ageInDays(p) / 365.25);

/** Every `reference` string anywhere inside a resource. */
function referencesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => referencesIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'reference' && typeof v === 'string') out.push(v);
      else referencesIn(v, out);
    }
  }
  return out;
}

describe('generatePopulation (synthetic demo data)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives byte-identical NDJSON for the same seed and a different population for another seed', () => {
    const a = ndjsonHash({ seed: 42, patients: 300 });
    expect(ndjsonHash({ seed: 42, patients: 300 })).toBe(a);
    expect(ndjsonHash({ seed: 43, patients: 300 })).not.toBe(a);
    expect(ndjsonHash({ seed: 42, patients: 300, referenceDate: '2026-06-01' })).not.toBe(a);
  });

  it('uses neither Math.random nor the clock', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now used');
    });
    expect(all({ seed: 1, patients: 200 }).length).toBeGreaterThan(200);
  });

  it('generates the expected resources for 100 patients', () => {
    const counts = countByType(all({ seed: 42, patients: 100 }));
    expect(counts).toMatchObject({
      Organization: 6, // the network and five payers
      Location: 4 + 7 + 1, // four clinics, their seven rooms, one urgent care
      Practitioner: 12,
      PractitionerRole: 12,
      Schedule: 10, // the two RNs run phone triage and have no schedule
      Slot: 10 * 25 * 27, // 25 weekdays in the 35 days from Sun 2026-11-01, 27 twenty-minute slots 08:00-17:00
      Patient: 100,
    });
    expect(counts.Coverage).toBeGreaterThan(75);
    expect(counts.Coverage).toBeLessThan(100); // some patients are uninsured
    expect(counts.Encounter).toBeGreaterThan(20);
  });

  it("books existing appointments with the patient's own PCP, after the patients exist", () => {
    const resources = all({ seed: 42, patients: 500 });
    const appointments = resources.filter((r): r is Appointment => r.resourceType === 'Appointment');
    expect(appointments.length).toBeGreaterThan(100);
    const pcpOf = new Map(patientsOf(resources).map((p) => [`Patient/${p.id}`, p.generalPractitioner?.[0]?.reference]));
    const practitionerOfRole = new Map(
      resources.filter((r): r is PractitionerRole => r.resourceType === 'PractitionerRole').map((r) => [`PractitionerRole/${r.id}`, r.practitioner?.reference]),
    );
    const lastPatient = resources.findLastIndex((r) => r.resourceType === 'Patient');
    expect(resources.findIndex((r) => r.resourceType === 'Appointment')).toBeGreaterThan(lastPatient);
    const withOwnPcp = appointments.filter((a) => {
      const patient = a.participant?.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference;
      const role = a.participant?.find((p) => p.actor?.reference?.startsWith('PractitionerRole/'))?.actor?.reference;
      return pcpOf.get(patient!) === practitionerOfRole.get(role!);
    });
    // Every provider with a panel books from it; only clinicians no patient has as PCP book others (as new).
    const notOwn = appointments.filter((a) => !withOwnPcp.includes(a));
    expect(withOwnPcp.length / appointments.length).toBeGreaterThan(0.8);
    expect(notOwn.every((a) => a.extension?.some((e) => e.valueBoolean === true))).toBe(true);
  });

  it('emits exactly the requested number of patients, with unique deterministic ids', () => {
    for (const patients of [0, 1, 7, 333]) {
      const resources = all({ seed: 5, patients });
      const ids = patientsOf(resources).map((p) => p.id);
      expect(ids).toHaveLength(patients);
      expect(ids[0]).toBe(patients > 0 ? 'pat-000001' : undefined);
      const keys = resources.map((r) => `${r.resourceType}/${r.id}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('keeps the same people when only the population size changes (up to 4,800 patients)', () => {
    const small = patientsOf(all({ seed: 9, patients: 60 }));
    const large = patientsOf(all({ seed: 9, patients: 2000 })).slice(0, 60);
    // The last household of the small population may be cut short, so compare all but its contacts.
    expect(large.slice(0, 50)).toEqual(small.slice(0, 50));
  });

  it('streams: the first resources of a two-million-patient population arrive at once', () => {
    const started = performance.now();
    const iterator = generatePopulation({ seed: 1, patients: 2_000_000 });
    let n = 0;
    for (const _ of iterator) if (++n === 6000) break;
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('rejects options it cannot honour', () => {
    expect(() => all({ seed: 1, patients: -1 })).toThrow(RangeError);
    expect(() => all({ seed: 1, patients: 1.5 })).toThrow(/integer/);
    expect(() => all({ seed: 1.2, patients: 1 })).toThrow(/seed/);
    expect(() => all({ seed: 1, patients: 1, referenceDate: '2026-02-30' })).toThrow(/calendar date/);
    expect(() => all({ seed: 1, patients: 1, referenceDate: '11/01/2026' })).toThrow(/YYYY-MM-DD/);
  });

  describe('households and phones', () => {
    const resources = all({ seed: 42, patients: 2000 });
    const patients = patientsOf(resources);

    it('gives all members of a household one shared home phone, unique to that household', () => {
      const byHousehold = new Map<string, Patient[]>();
      for (const p of patients) {
        const household = householdIdOf(p) as string;
        byHousehold.set(household, [...(byHousehold.get(household) ?? []), p]);
      }
      const phones = new Set<string>();
      for (const members of byHousehold.values()) {
        expect(members.length).toBeGreaterThanOrEqual(1);
        expect(members.length).toBeLessThanOrEqual(5);
        const home = new Set(members.map(householdPhoneOf));
        expect(home.size).toBe(1);
        const phone = [...home][0] as string;
        expect(phones.has(phone)).toBe(false);
        phones.add(phone);
      }
      expect(byHousehold.size).toBeGreaterThan(500);
      expect([...byHousehold.values()].some((m) => m.length >= 4)).toBe(true);
    });

    it('never gives two people the same mobile, nor a mobile that is some household phone', () => {
      const homes = new Set(patients.map(householdPhoneOf));
      const mobiles = patients.flatMap((p) => (p.telecom ?? []).filter((t) => t.use === 'mobile').map((t) => t.value as string));
      expect(mobiles.length).toBeGreaterThan(patients.length / 3);
      expect(new Set(mobiles).size).toBe(mobiles.length);
      for (const m of mobiles) expect(homes.has(m)).toBe(false);
    });

    it('writes every phone as a valid US E.164 number on the fictional 555 exchange, area code of the right state', () => {
      for (const resource of resources) {
        const telecoms = [...((resource as Patient).telecom ?? []), ...((resource as Patient).contact ?? []).flatMap((c) => c.telecom ?? [])];
        for (const t of telecoms.filter((x) => x.system === 'phone')) {
          const value = t.value as string;
          expect(value).toMatch(/^\+1\d{3}555\d{4}$/);
          expect(isValidPhoneNumber(value)).toBe(true);
          expect(parsePhoneNumberWithError(value).country).toBe('US');
          expect(value.slice(6)).not.toMatch(/^(1212|4334)$/);
        }
      }
      for (const p of patients) {
        const state = p.address?.[0]?.state as string;
        const areaCode = Number((householdPhoneOf(p) as string).slice(2, 5));
        expect(STATE_AREA_CODES[state]).toContain(areaCode);
      }
    });

    it('puts every address in a real ZIP of a clinic catchment, with its own city and state', () => {
      const zips = new Map(CLINIC_SITES.flatMap((s) => s.catchment.map((z) => [z.postalCode, z] as const)));
      for (const p of patients) {
        const address = p.address?.[0];
        const zip = zips.get(address?.postalCode as string);
        expect(zip).toBeDefined();
        expect(address).toMatchObject({ city: zip?.city, state: zip?.state, country: 'US', use: 'home' });
      }
    });

    it('names a parent or guardian from the household on every minor, for "child of ..." screen pops', () => {
      const byId = new Map(patients.map((p) => [p.id, p]));
      const minors = patients.filter((p) => ageInYears(p) < 18);
      expect(minors.length).toBeGreaterThan(100);
      for (const child of minors) {
        const guardians = (child.contact ?? []).filter((c) =>
          c.relationship?.some((r) => r.coding?.some((x) => x.system === 'http://terminology.hl7.org/CodeSystem/v2-0131' && x.code === 'N')),
        );
        expect(guardians.length, `${child.id} has no parent/guardian contact`).toBeGreaterThan(0);
        for (const g of guardians) {
          expect(['Parent', 'Guardian']).toContain(g.relationship?.[0]?.text);
          const household = patients.filter((p) => householdIdOf(p) === householdIdOf(child) && p !== child);
          const named = household.find((p) => p.name?.[0]?.family === g.name?.family && p.name?.[0]?.given?.[0] === g.name?.given?.[0]);
          expect(named, `${child.id}'s guardian is not in the household`).toBeDefined();
          expect(ageInYears(byId.get(named?.id) as Patient)).toBeGreaterThanOrEqual(18);
        }
      }
      expect(minors.some((m) => m.contact?.some((c) => c.relationship?.[0]?.text === 'Parent'))).toBe(true);
    });

    it('includes twins (same birth date and phone) and a junior named for his father', () => {
      expect(patients.some((p) => p.multipleBirthInteger === 2)).toBe(true);
      expect(patients.some((p) => p.name?.[0]?.suffix?.includes('Jr.'))).toBe(true);
    });

    it('prefers English mostly, and Spanish, Chinese and Vietnamese for some (BCP-47 coded)', () => {
      const languages = countByType(
        patients.map((p) => {
          const coding = p.communication?.[0]?.language.coding?.[0];
          expect(coding?.system).toBe('urn:ietf:bcp:47');
          return { resourceType: coding?.code } as unknown as Resource;
        }),
      );
      expect(languages.en).toBeGreaterThan(patients.length * 0.6);
      for (const code of ['es', 'zh', 'vi']) expect(languages[code]).toBeGreaterThan(0);
    });

    it('gives every patient an MRN, a primary care clinician and a managing organization', () => {
      const mrns = patients.map((p) => p.identifier?.find((i) => i.system === DEMO_SYSTEMS.mrn)?.value);
      expect(new Set(mrns).size).toBe(patients.length);
      for (const p of patients) {
        expect(p.generalPractitioner?.[0]?.reference).toMatch(/^Practitioner\/prac-\d{4}$/);
        expect(p.managingOrganization?.reference).toBe('Organization/org-careline-demo');
      }
    });
  });

  it('covers every age band, from infants under 3 months to adults over 65, even in a small population', () => {
    const patients = patientsOf(all({ seed: 3, patients: 100 }));
    const days = patients.map(ageInDays);
    expect(days.some((d) => d >= 0 && d < 90)).toBe(true);
    expect(patients.some((p) => ageInYears(p) >= 1 && ageInYears(p) < 18)).toBe(true);
    expect(patients.some((p) => ageInYears(p) >= 18 && ageInYears(p) < 65)).toBe(true);
    expect(patients.some((p) => ageInYears(p) > 65)).toBe(true);
    expect(days.every((d) => d >= 0)).toBe(true);
  });

  it('makes every reference point to a generated resource', () => {
    const resources = all({ seed: 11, patients: 1500 });
    const known = new Set(resources.map((r) => `${r.resourceType}/${r.id}`));
    let checked = 0;
    for (const r of resources) {
      for (const reference of referencesIn(r)) {
        expect(known.has(reference), `${r.resourceType}/${r.id} -> ${reference}`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('produces resources that are valid FHIR R4 by the Medplum validator', () => {
    indexMedplumDefinitions();
    for (const r of all({ seed: 21, patients: 150 })) {
      expect(() => validateResource(r), `${r.resourceType}/${r.id}`).not.toThrow();
    }
  });

  it('lists 20-minute slots in clinic office hours for 35 days from the reference date, with the clinic offset; urgent slots reserved, some booked', () => {
    const resources = all({ seed: 1, patients: 50, referenceDate: '2026-07-06' });
    const slots = resources.filter((r): r is Slot => r.resourceType === 'Slot');
    const appointments = resources.filter((r): r is Appointment => r.resourceType === 'Appointment');
    for (const s of slots) {
      const [date, time] = s.start.split('T') as [string, string];
      expect(daysBetween('2026-07-06', date)).toBeGreaterThanOrEqual(0);
      expect(daysBetween('2026-07-06', date)).toBeLessThan(35);
      expect(time >= '08:00' && time < '17:00').toBe(true);
      expect(new Date(s.end).getTime() - new Date(s.start).getTime()).toBe(20 * 60_000);
    }
    // July: daylight time (New York -04:00, Chicago -05:00, San Francisco -07:00).
    expect(new Set(slots.map((s) => s.start.slice(-6)))).toEqual(new Set(['-04:00', '-05:00', '-07:00']));
    expect(slots[0]?.start).toBe(`${addDays('2026-07-06', 0)}T08:00:00-04:00`);
    // Two early-afternoon slots a day are for urgent visits, never pre-booked.
    const urgent = slots.filter((s) => s.appointmentType?.coding?.some((c) => c.code === 'urgent-visit'));
    expect(urgent.every((s) => /T13:(00|20):00/.test(s.start) && s.status === 'free')).toBe(true);
    expect(urgent.length).toBe((slots.length / 27) * 2);
    // About one in six of the others is booked: each busy slot has exactly one Appointment, for a generated patient.
    const busy = slots.filter((s) => s.status === 'busy');
    expect(busy.length / slots.length).toBeGreaterThan(0.1);
    expect(busy.length / slots.length).toBeLessThan(0.25);
    expect(appointments.map((a) => a.slot?.[0]?.reference).sort()).toEqual(busy.map((s) => `Slot/${s.id}`).sort());
    const patientIds = new Set(patientsOf(resources).map((p) => `Patient/${p.id}`));
    expect(appointments.every((a) => patientIds.has(a.participant[0]?.actor?.reference ?? ''))).toBe(true);
  });

  it('shares frozen sub-objects, so mutating a generated resource in place fails loudly', () => {
    const patient = patientsOf(all({ seed: 1, patients: 3 }))[0] as Patient;
    expect(() => {
      (patient.meta as { versionId?: string }).versionId = 'x';
    }).toThrow(TypeError);
  });
});
