import type { Bundle, Patient } from '@medplum/fhirtypes';
import { type AgeBand, ageBandOf, ageOn } from '../../../src-preload/contract';

export interface DemoCaller {
  readonly phone: string;
  readonly members: readonly Patient[];
  readonly patient: Patient;
  readonly name: string;
}

/**
 * A synthetic patient of this age band whose home phone is shared by at least `minMembers` people, found
 * the way any EHR client would. `skip` leaves out patients a previous test already called about; `where` narrows
 * the choice (e.g. by home address).
 */
export async function findCaller(
  fhir: <T>(path: string) => Promise<T>,
  ageBand: AgeBand,
  options: { minMembers?: number; skip?: readonly string[]; where?: (patient: Patient) => boolean } = {},
): Promise<DemoCaller> {
  const everyone = await fhir<Bundle<Patient>>('Patient?_count=200');
  const candidates = (everyone.entry ?? [])
    .map((e) => e.resource!)
    .filter((p) => p.birthDate && ageBandOf(ageOn(p.birthDate, new Date())) === ageBand && !options.skip?.includes(p.id!))
    .filter((p) => options.where?.(p) ?? true);
  for (const patient of candidates) {
    const phone = patient.telecom?.find((t) => t.system === 'phone' && t.use === 'home')?.value;
    if (!phone) continue;
    const members = await fhir<Bundle<Patient>>(`Patient?phone=${encodeURIComponent(phone)}`);
    if ((members.entry?.length ?? 0) >= (options.minMembers ?? 1)) {
      const name = `${patient.name![0]!.given!.join(' ')} ${patient.name![0]!.family}`;
      return { phone, members: members.entry!.map((e) => e.resource!), patient, name };
    }
  }
  throw new Error(`no ${ageBand} caller in the synthetic population`);
}

/** Two adult callers from different households (nothing of one can show on the other's call). */
export async function twoAdultHouseholds(fhir: <T>(path: string) => Promise<T>): Promise<[DemoCaller, DemoCaller]> {
  const first = await findCaller(fhir, 'adult');
  const second = await findCaller(fhir, 'adult', { skip: first.members.map((m) => m.id!) });
  if (second.phone === first.phone) throw new Error('the two callers share a phone');
  return [first, second];
}
