import type { Appointment, Coverage, Encounter, Patient } from '@medplum/fhirtypes';
import type { GeoPoint, PatientContext, Provider } from '../model';
import { primaryLanguage, refId } from './fhirToModel';

/**
 * The patient's side of a scheduling request, from the chart: age, plan, PCP, who they have seen, language
 * and home (for distance). Pure; PatientContextReader fetches the resources.
 */
export interface PatientChartForScheduling {
  readonly patient: Patient;
  readonly coverages: readonly Coverage[];
  readonly encounters: readonly Encounter[];
  readonly appointments: readonly Appointment[];
}

/** Whole years on `at`; an unknown birth date reads as an adult of unknown age (0 would wrongly pass child-only rules). */
export function ageInYears(birthDate: string | undefined, at: number): number {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(birthDate ?? '');
  if (!m) return 40;
  const now = new Date(at);
  const year = Number(m[1]);
  const month = Number(m[2] ?? 1);
  const day = Number(m[3] ?? 1);
  let age = now.getUTCFullYear() - year;
  if (now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day)) age -= 1;
  return Math.max(0, age);
}

/** The plan of the active Coverage: class type "plan" value (its code), else the first class. */
export function planOf(coverages: readonly Coverage[]): { code: string; name: string | null } | null {
  const active = coverages.filter((c) => c.status === 'active');
  for (const coverage of active) {
    const plan = coverage.class?.find((k) => k.type?.coding?.some((c) => c.code === 'plan')) ?? coverage.class?.[0];
    if (plan?.value) return { code: plan.value, name: plan.name ?? null };
  }
  return null;
}

export function toPatientContext(
  chart: PatientChartForScheduling,
  providers: readonly Provider[],
  centroidOf: (postalCode: string) => GeoPoint | null,
  now: number,
): PatientContext {
  const { patient } = chart;
  const rolesOfPractitioner = (practitionerId: string): string[] => providers.filter((p) => p.practitionerId === practitionerId).map((p) => p.id);
  const toRoleIds = (type: string, id: string | null): string[] => {
    if (!id) return [];
    if (type === 'PractitionerRole') return [id];
    return rolesOfPractitioner(id);
  };
  const pcp = (patient.generalPractitioner ?? []).flatMap((ref) => [
    ...toRoleIds('PractitionerRole', refId(ref, 'PractitionerRole')),
    ...toRoleIds('Practitioner', refId(ref, 'Practitioner')),
  ]);
  const seen = new Set<string>();
  for (const encounter of chart.encounters) {
    if (encounter.status === 'cancelled' || encounter.status === 'entered-in-error') continue;
    for (const p of encounter.participant ?? []) {
      for (const id of [...toRoleIds('PractitionerRole', refId(p.individual, 'PractitionerRole')), ...toRoleIds('Practitioner', refId(p.individual, 'Practitioner'))]) seen.add(id);
    }
  }
  for (const appointment of chart.appointments) {
    if (appointment.status !== 'fulfilled' && appointment.status !== 'arrived' && appointment.status !== 'checked-in') continue;
    for (const p of appointment.participant ?? []) {
      for (const id of [...toRoleIds('PractitionerRole', refId(p.actor, 'PractitionerRole')), ...toRoleIds('Practitioner', refId(p.actor, 'Practitioner'))]) seen.add(id);
    }
  }
  const language =
    primaryLanguage(patient.communication?.find((c) => c.preferred)?.language?.coding?.[0]?.code) ??
    primaryLanguage(patient.communication?.[0]?.language?.coding?.[0]?.code);
  const home = patient.address?.find((a) => a.use === 'home') ?? patient.address?.[0];
  const zip = home?.postalCode?.slice(0, 5);
  const plan = planOf(chart.coverages);
  return {
    id: patient.id ?? '',
    ageYears: ageInYears(patient.birthDate, now),
    planCode: plan?.code ?? null,
    planName: plan?.name ?? null,
    pcpProviderIds: [...new Set(pcp)],
    seenProviderIds: [...seen],
    // English is the default everyone is served in: only another language is a preference worth ranking.
    language: language === 'en' ? null : language,
    home: zip ? centroidOf(zip) : null,
  };
}
