/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR.
 *
 * A deterministic generator of an invented patient population as FHIR R4 resources, for the embedded demo
 * EHR and for load tests. Pure: no Math.random, no clock — the seed and the reference date ("today" in the
 * demo) decide everything, so the same options give the same resources byte for byte. Resources are
 * yielded one at a time (households are small), so 100,000 patients stream in bounded memory.
 *
 * What comes out, in this order:
 *  - Organization: the clinic network "Careline Demo Health" and five payers (three invented commercial
 *    plans, Medicare, Medicaid);
 *  - Location: four clinics (New York, Boston, Chicago, San Francisco) with real ZIP/city/state and hours;
 *  - Practitioner + PractitionerRole for max(12, patients/400) clinicians; a Schedule per bookable
 *    clinician and free 20-minute Slots (Mon-Fri 08:00-17:00 clinic time, 14 days from the reference date)
 *    for the first 40 of them;
 *  - per household (1-5 people sharing a fictional +1 AAA 555 XXXX home phone): each member's Patient,
 *    Coverage (unless uninsured) and a few finished past office-visit Encounters.
 */
import type { Patient, Resource } from '@medplum/fhirtypes';
import { parseIsoDate } from './calendarDates';
import { type BookedSlot, type CareNetworkResource, bookedAppointments, careNetworkResources, planCareNetwork } from './careNetwork';
import { DEMO_SYSTEMS } from './demoIdentifiers';
import { planHousehold } from './householdPlanner';
import { type HouseholdResource, householdResources, PrimaryCareDirectory } from './householdResources';
import { PhoneAllocator } from './PhoneAllocator';
import { deriveSeed, SeededRandom } from './seededRandom';

export const DEFAULT_REFERENCE_DATE = '2026-11-01';
/** Far beyond any demo or load test; the fictional phone plan holds a few million households. */
export const MAX_PATIENTS = 2_000_000;

export interface PopulationOptions {
  /** Any integer; the same seed gives the same population. */
  readonly seed: number;
  /** Exact number of Patient resources to generate. */
  readonly patients: number;
  /** "Today" for the demo (YYYY-MM-DD): ages, visit history and the slot calendar hang off it. */
  readonly referenceDate?: string;
}

export type PopulationResource = CareNetworkResource | HouseholdResource;

export function* generatePopulation(options: PopulationOptions): Generator<PopulationResource, void, undefined> {
  const { seed, patients, referenceDate } = validatePopulationOptions(options);
  // Separate streams: the households do not shift when the clinician count changes with the population size,
  // so pat-000001 is the same synthetic person in a 500-patient demo and a 4,000-patient one.
  const structureRandom = new SeededRandom(deriveSeed(seed, 'care-network'));
  const householdRandom = new SeededRandom(deriveSeed(seed, 'households'));
  const phones = new PhoneAllocator(deriveSeed(seed, 'phones') % 8000);

  const network = planCareNetwork(patients, structureRandom, phones);
  const booked: BookedSlot[] = [];
  yield* careNetworkResources(network, referenceDate, patients, booked);
  // Each PCP's panel (patient indexes, capped): the booked slots' Appointments are for these patients.
  const panels = new Map<string, number[]>();

  const directory = new PrimaryCareDirectory(network);
  let nextPatient = 1;
  for (let household = 1; nextPatient <= patients; household++) {
    const plan = planHousehold(household - 1, network.sites, householdRandom);
    const memberCount = Math.min(plan.members.length, patients - nextPatient + 1);
    for (const resource of householdResources(
      { plan, householdIndex: household, firstPatientIndex: nextPatient, memberCount, referenceDate },
      network,
      directory,
      phones,
      householdRandom,
    )) {
      if (resource.resourceType === 'Patient') addToPanel(panels, resource);
      yield resource;
    }
    nextPatient += memberCount;
  }
  yield* bookedAppointments(booked, panels, patients);
}

const PANEL_CAP = 2_000;

function addToPanel(panels: Map<string, number[]>, patient: Patient): void {
  const practitionerId = patient.generalPractitioner?.[0]?.reference?.split('/')[1];
  const index = Number(patient.id?.slice('pat-'.length));
  if (!practitionerId || !Number.isInteger(index)) return;
  const panel = panels.get(practitionerId) ?? [];
  if (panel.length < PANEL_CAP) panel.push(index);
  panels.set(practitionerId, panel);
}

/** Checks options up front, with messages a CLI user can act on. */
export function validatePopulationOptions(options: PopulationOptions): Required<PopulationOptions> {
  const { seed, patients } = options;
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${String(seed)}.`);
  if (!Number.isSafeInteger(patients) || patients < 0 || patients > MAX_PATIENTS) {
    throw new RangeError(`patients must be an integer from 0 to ${MAX_PATIENTS}, got ${String(patients)}.`);
  }
  parseIsoDate(referenceDate);
  return { seed: seed >>> 0, patients, referenceDate };
}

/** The phone a household shares (every member has it with use "home"): what the demo phone line dials from. */
export function householdPhoneOf(patient: Resource): string | undefined {
  if (patient.resourceType !== 'Patient') return undefined;
  return patient.telecom?.find((t) => t.system === 'phone' && t.use === 'home')?.value;
}

/** The synthetic household a patient belongs to (identifier system urn:careline:demo:household). */
export function householdIdOf(patient: Resource): string | undefined {
  if (patient.resourceType !== 'Patient') return undefined;
  return patient.identifier?.find((i) => i.system === DEMO_SYSTEMS.household)?.value;
}
