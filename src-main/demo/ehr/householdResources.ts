/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR. Part of the synthetic population generator.
 *
 * Turns one planned household into FHIR R4 resources: a Patient per member (sharing the household's home
 * phone), their Coverage (or none: some patients are uninsured) and a few past office visits.
 */
import type {
  CodeableConcept,
  ContactPoint,
  Coverage,
  Encounter,
  Organization,
  Patient,
  PatientContact,
  Reference,
} from '@medplum/fhirtypes';
import { addDays, dayOfWeek, localInstant } from './calendarDates';
import { type CareNetwork, type CareProvider, NETWORK_REFERENCE, PAYERS, type Payer } from './careNetwork';
import { STATE_AREA_CODES, utcOffsetHoursOn } from './demoGeography';
import { DEMO_SYSTEMS, SYNTHETIC_META, demoIds, demoMrn } from './demoIdentifiers';
import type { HouseholdPlan, PlannedMember } from './householdPlanner';
import type { PhoneAllocator } from './PhoneAllocator';
import type { SeededRandom } from './seededRandom';
import { frozen, sharedBy } from './sharedValues';
import { type Language, LANGUAGES, STREET_NAMES } from './syntheticNames';

export type HouseholdResource = Patient | Coverage | Encounter;

export interface HouseholdInput {
  readonly plan: HouseholdPlan;
  readonly householdIndex: number;
  /** Patient index of the first member; members follow consecutively. */
  readonly firstPatientIndex: number;
  /** How many of the planned members to emit (the last household is cut to reach the requested size). */
  readonly memberCount: number;
  readonly referenceDate: string;
}

const YEAR = 365.25;
const ageYears = (member: PlannedMember): number => Math.floor(member.ageDays / YEAR);

/** Chooses primary care clinicians by age group and clinic; built once per population. */
export class PrimaryCareDirectory {
  private readonly cache = new Map<string, readonly CareProvider[]>();

  constructor(private readonly network: CareNetwork) {}

  choose(siteKey: string, group: 'child' | 'adult' | 'older', random: SeededRandom): CareProvider {
    const key = `${siteKey}:${group}`;
    let candidates = this.cache.get(key);
    if (!candidates) {
      candidates = this.candidates(siteKey, group);
      this.cache.set(key, candidates);
    }
    return random.pick(candidates);
  }

  private candidates(siteKey: string, group: 'child' | 'adult' | 'older'): readonly CareProvider[] {
    const bookable = this.network.providers.filter((p) => p.profile.bookable);
    const here = bookable.filter((p) => p.site.site.key === siteKey);
    const fits = (p: CareProvider): boolean => (group === 'child' ? p.profile.seesChildren : p.profile.seesAdults);
    // Children go to pediatrics when the clinic has it, older adults to internal medicine; else family medicine.
    const preferred = here.filter((p) => (group === 'child' ? p.kind === 'pediatrics' || p.kind === 'npPediatrics' : group === 'older' ? p.kind === 'internal' : fits(p)));
    for (const list of [preferred, here.filter(fits), bookable.filter(fits), bookable]) {
      if (list.length > 0) return list;
    }
    throw new RangeError('The care network has no bookable clinician.');
  }
}

export function* householdResources(
  input: HouseholdInput,
  network: CareNetwork,
  directory: PrimaryCareDirectory,
  phones: PhoneAllocator,
  random: SeededRandom,
): Generator<HouseholdResource> {
  const { plan, referenceDate } = input;
  const members = plan.members.slice(0, input.memberCount);
  const patientIds = members.map((_, i) => demoIds.patient(input.firstPatientIndex + i));
  const fallbackCodes = STATE_AREA_CODES[plan.zip.state] ?? [];
  const rotate = (codes: readonly number[]): number[] => {
    const k = random.int(0, codes.length - 1);
    return [...codes.slice(k), ...codes.slice(0, k)];
  };
  const homePhone = phones.allocate(rotate(plan.zip.areaCodes), fallbackCodes);
  const homeTelecom: ContactPoint = frozen({ system: 'phone', value: homePhone, use: 'home' });
  const mobiles = members.map((m) => (m.hasMobile ? phones.allocate(rotate(plan.zip.areaCodes), fallbackCodes) : undefined));
  const address = frozen(homeAddress(plan, random)); // one address object shared by the household
  const pcps = {
    child: directory.choose(plan.site.site.key, 'child', random),
    adult: directory.choose(plan.site.site.key, 'adult', random),
    older: directory.choose(plan.site.site.key, 'older', random),
  };
  const coverages = planCoverage(members, random);

  for (let i = 0; i < members.length; i++) {
    const member = members[i] as PlannedMember;
    const patientIndex = input.firstPatientIndex + i;
    const age = ageYears(member);
    const pcp = age < 18 ? pcps.child : age >= 65 ? pcps.older : pcps.adult;
    const telecom: ContactPoint[] = [homeTelecom];
    const mobile = mobiles[i];
    if (mobile) telecom.push({ system: 'phone', value: mobile, use: 'mobile' });
    if (member.hasEmail) telecom.push({ system: 'email', value: emailFor(member, patientIndex), use: 'home' });
    const contact: PatientContact[] = member.contacts
      .filter((c) => c.member < members.length)
      .map((c) => {
        const other = members[c.member] as PlannedMember;
        const otherMobile = mobiles[c.member];
        return {
          relationship: contactRelationship(`${c.code}|${c.label}`),
          name: { use: 'official', family: other.family, given: [other.given], text: `${other.given} ${other.family}` },
          telecom: [otherMobile ? { system: 'phone', value: otherMobile, use: 'mobile' } : homeTelecom],
          gender: other.gender,
        };
      });
    const patient: Patient = {
      resourceType: 'Patient',
      id: patientIds[i] as string,
      meta: SYNTHETIC_META,
      identifier: [
        {
          use: 'usual',
          type: MRN_TYPE,
          system: DEMO_SYSTEMS.mrn,
          value: demoMrn(patientIndex),
        },
        { use: 'secondary', system: DEMO_SYSTEMS.household, value: demoIds.household(input.householdIndex) },
      ],
      active: true,
      name: [
        {
          use: 'official',
          family: member.family,
          given: member.middle ? [member.given, member.middle] : [member.given],
          ...(member.suffix ? { suffix: [member.suffix] } : {}),
        },
      ],
      telecom,
      gender: member.gender,
      birthDate: addDays(referenceDate, -member.ageDays),
      address: [address],
      ...(member.maritalStatus ? { maritalStatus: maritalStatus(member.maritalStatus) } : {}),
      ...(member.birthOrder ? { multipleBirthInteger: member.birthOrder } : {}),
      ...(contact.length > 0 ? { contact } : {}),
      communication: communication(plan.language),
      generalPractitioner: [pcp.reference],
      managingOrganization: NETWORK_REFERENCE,
    };
    yield patient;

    const coverage = coverages[i];
    if (coverage) yield coverageResource(coverage, patientIndex, patientIds, patient.birthDate as string, referenceDate, random);
    yield* pastVisits(member, patientIndex, pcp, plan, referenceDate, random);
  }
}

function homeAddress(plan: HouseholdPlan, random: SeededRandom): NonNullable<Patient['address']>[number] {
  const line = [`${random.int(1, 4999)} ${random.pick(STREET_NAMES)}`];
  // Apartments are the rule in New York City and common elsewhere; "Apt" lines exercise address matching.
  if (random.chance(plan.site.site.key === 'ny' ? 0.7 : 0.3)) line.push(`Apt ${random.int(1, 24)}${random.pick(['A', 'B', 'C', 'D', 'F'])}`);
  return { use: 'home', type: 'physical', line, city: plan.zip.city, state: plan.zip.state, postalCode: plan.zip.postalCode, country: 'US' };
}

function emailFor(member: PlannedMember, patientIndex: number): string {
  const clean = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');
  return `${clean(member.given)}.${clean(member.family)}${patientIndex}@example.com`; // example.com: reserved, never delivers
}

const MRN_TYPE: CodeableConcept = frozen({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }],
  text: 'MRN',
});

const maritalStatus = sharedBy((code): CodeableConcept => {
  const display = ({ M: 'Married', S: 'Never Married', W: 'Widowed', D: 'Divorced' } as Record<string, string>)[code] ?? code;
  return { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code, display }], text: display };
});

const communication = sharedBy((code): NonNullable<Patient['communication']> => {
  const language = LANGUAGES[code as Language['code']];
  return [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: language.code, display: language.display }], text: language.display }, preferred: true }];
});

/** Key "N|Parent": v2-0131 code and the relation in words (the screen pop reads the text). */
const contactRelationship = sharedBy((key): CodeableConcept[] => {
  const [code, label] = key.split('|') as [string, string];
  return [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code, display: code === 'N' ? 'Next-of-Kin' : 'Emergency Contact' }], text: label }];
});

interface PlannedCoverage {
  readonly payer: Payer;
  readonly plan: { readonly code: string; readonly name: string };
  readonly relationship: 'self' | 'spouse' | 'child' | 'other';
  /** Household member index of the subscriber. */
  readonly subscriber: number;
  readonly subscriberId: string;
}

const payer = (kind: Payer['kind']): Payer[] => PAYERS.filter((p) => p.kind === kind);
const memberNumber = (random: SeededRandom): string => String(random.int(10_000_000, 99_999_999));

/**
 * Who is insured by whom. A working-age adult's employer plan covers the spouse and children (same member id
 * with a dependent suffix); 65+ have Medicare; some households are on Medicaid (children often on CHIP);
 * some adults have no coverage at all, which the chart must show plainly.
 */
function planCoverage(members: readonly PlannedMember[], random: SeededRandom): (PlannedCoverage | undefined)[] {
  const insurance = random.weighted([
    { value: 'commercial' as const, weight: 62 },
    { value: 'medicaid' as const, weight: 25 },
    { value: 'uninsured' as const, weight: 13 },
  ]);
  const commercial = random.pick(payer('commercial'));
  const commercialPlan = random.pick(commercial.plans);
  const subscriber = members.findIndex((m) => ageYears(m) >= 18 && ageYears(m) < 65);
  const familyNumber = memberNumber(random);
  let dependents = 0;
  const medicare = payer('medicare')[0] as Payer;
  const medicaid = payer('medicaid')[0] as Payer;

  return members.map((m, i) => {
    const age = ageYears(m);
    if (age >= 65) {
      return random.chance(0.96)
        ? { payer: medicare, plan: medicare.plans[0] as Payer['plans'][number], relationship: 'self', subscriber: i, subscriberId: `${medicare.memberPrefix}${memberNumber(random)}` }
        : undefined;
    }
    if (insurance === 'commercial' && subscriber >= 0) {
      const link = m.contacts.find((c) => c.member === subscriber);
      const relationship = i === subscriber ? 'self' : link?.label === 'Spouse' ? 'spouse' : link?.label === 'Parent' ? 'child' : 'other';
      dependents += 1;
      return {
        payer: commercial,
        plan: commercialPlan,
        relationship,
        subscriber,
        subscriberId: `${commercial.memberPrefix}${familyNumber}-${String(dependents).padStart(2, '0')}`,
      };
    }
    if (insurance === 'medicaid' || (age < 18 && random.chance(0.85))) {
      const plan = (age < 18 && random.chance(0.4) ? medicaid.plans[1] : medicaid.plans[0]) as Payer['plans'][number];
      return { payer: medicaid, plan, relationship: 'self', subscriber: i, subscriberId: `${medicaid.memberPrefix}${memberNumber(random)}` };
    }
    return undefined;
  });
}

const payerById = (id: string): Payer => PAYERS.find((p) => p.id === id) as Payer;

const coverageType = sharedBy((payerId): CodeableConcept => {
  const payer = payerById(payerId);
  return payer.kind === 'commercial'
    ? { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HIP', display: 'health insurance plan policy' }], text: 'Commercial' }
    : { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PUBLICPOL', display: 'public healthcare' }], text: payer.name };
});

const payorOf = sharedBy((payerId): Reference<Organization>[] => [{ reference: `Organization/${payerId}`, display: payerById(payerId).name }]);

const subscriberRelationship = sharedBy((code): CodeableConcept => {
  const display = ({ self: 'Self', spouse: 'Spouse', child: 'Child', other: 'Other' } as Record<string, string>)[code] ?? code;
  return { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code, display }] };
});

/** Key "code|name" of the plan. */
const planClass = sharedBy((key): NonNullable<Coverage['class']> => {
  const [value, name] = key.split('|') as [string, string];
  return [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'plan', display: 'Plan' }] }, value, name }];
});

function coverageResource(
  coverage: PlannedCoverage,
  patientIndex: number,
  patientIds: readonly string[],
  birthDate: string,
  referenceDate: string,
  random: SeededRandom,
): Coverage {
  const yearStart = `${Number(referenceDate.slice(0, 4)) - random.int(0, 5)}-01-01`;
  return {
    resourceType: 'Coverage',
    id: demoIds.coverage(patientIndex),
    meta: SYNTHETIC_META,
    status: 'active',
    type: coverageType(coverage.payer.id),
    subscriber: { reference: `Patient/${patientIds[coverage.subscriber]}` },
    subscriberId: coverage.subscriberId,
    beneficiary: { reference: `Patient/${demoIds.patient(patientIndex)}` },
    relationship: subscriberRelationship(coverage.relationship),
    period: { start: birthDate > yearStart ? birthDate : yearStart },
    payor: payorOf(coverage.payer.id),
    class: planClass(`${coverage.plan.code}|${coverage.plan.name}`),
  };
}

interface VisitKind {
  readonly snomed: string;
  readonly display: string;
  readonly reasons: readonly string[];
}

const CHILD_VISITS: readonly VisitKind[] = [
  { snomed: '410620009', display: 'Well child visit', reasons: ['Well-child check', 'Vaccinations', 'School physical'] },
  { snomed: '185345009', display: 'Encounter for symptom', reasons: ['Fever', 'Ear pain', 'Cough', 'Rash', 'Sore throat', 'Vomiting'] },
];
const ADULT_VISITS: readonly VisitKind[] = [
  { snomed: '185349003', display: 'Encounter for check up', reasons: ['Annual physical', 'Preventive visit'] },
  { snomed: '185345009', display: 'Encounter for symptom', reasons: ['Cough', 'Back pain', 'Headache', 'Sore throat', 'Urinary symptoms', 'Dizziness'] },
  { snomed: '390906007', display: 'Follow-up encounter', reasons: ['Blood pressure follow-up', 'Diabetes follow-up', 'Medication review', 'Lab results review'] },
];

const AMBULATORY = frozen({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' });
const PRIMARY_PERFORMER: CodeableConcept[] = frozen([
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'PPRF', display: 'primary performer' }] },
]);
const visitType = sharedBy((snomed): CodeableConcept[] => {
  const kind = [...CHILD_VISITS, ...ADULT_VISITS].find((k) => k.snomed === snomed) as VisitKind;
  return [{ coding: [{ system: 'http://snomed.info/sct', code: kind.snomed, display: kind.display }], text: `Office visit · ${kind.display}` }];
});

/** Finished office visits in the past two years, so a chart opened in the demo is not empty. */
function* pastVisits(
  member: PlannedMember,
  patientIndex: number,
  pcp: CareProvider,
  plan: HouseholdPlan,
  referenceDate: string,
  random: SeededRandom,
): Generator<Encounter> {
  const child = ageYears(member) < 18;
  if (member.ageDays < 10 || !random.chance(child ? 0.5 : 0.35)) return;
  const count = random.int(1, 3);
  for (let n = 1; n <= count; n++) {
    let date = addDays(referenceDate, -random.int(7, Math.min(730, member.ageDays - 3)));
    const weekday = dayOfWeek(date);
    if (weekday === 0) date = addDays(date, -2);
    if (weekday === 6) date = addDays(date, -1);
    if (date <= addDays(referenceDate, -member.ageDays)) continue; // not before birth
    const kind = member.ageDays < 365 ? (CHILD_VISITS[0] as VisitKind) : random.pick(child ? CHILD_VISITS : ADULT_VISITS);
    const offset = utcOffsetHoursOn(plan.site.site, date);
    const start = 8 * 60 + 20 * random.int(0, 24);
    const id = demoIds.encounter(patientIndex, n);
    yield {
      resourceType: 'Encounter',
      id,
      meta: SYNTHETIC_META,
      identifier: [{ system: DEMO_SYSTEMS.encounter, value: id }],
      status: 'finished',
      class: AMBULATORY,
      type: visitType(kind.snomed),
      subject: { reference: `Patient/${demoIds.patient(patientIndex)}` },
      participant: [
        { type: PRIMARY_PERFORMER, individual: pcp.reference },
      ],
      period: { start: localInstant(date, start, offset), end: localInstant(date, start + random.pick([20, 20, 40]), offset) },
      reasonCode: [{ text: random.pick(kind.reasons) }],
      location: [{ location: plan.site.reference }],
      serviceProvider: NETWORK_REFERENCE,
    };
  }
}
