import type { Patient } from '@medplum/fhirtypes';
import type { FhirClient } from '../ehr/FhirClient';
import { toE164 } from '../ehr/patientSummary';
import type { DemoCaller } from './DemoPhoneLine';

/**
 * SIMULATION: a sample of synthetic callers for the demo phone line, read from the demo EHR like any
 * client would, grouped by the phone a household shares.
 */
export async function loadDemoCallers(fhir: FhirClient, sample = 80): Promise<DemoCaller[]> {
  const patients = await fhir.search<Patient>('Patient', { _count: String(sample) });
  const byPhone = new Map<string, Patient[]>();
  for (const p of patients) {
    const phone = p.telecom?.find((t) => t.system === 'phone' && t.use === 'home')?.value ?? p.telecom?.find((t) => t.system === 'phone')?.value;
    const e164 = phone ? toE164(phone) : null;
    if (!e164 || !p.id) continue;
    byPhone.set(e164, [...(byPhone.get(e164) ?? []), p]);
  }
  return [...byPhone.entries()].map(([phone, members]) => {
    const first = members[0]!;
    const name = first.name?.[0];
    const who = [name?.given?.[0], name?.family].filter(Boolean).join(' ');
    const label = members.length > 1 ? `${name?.family ?? 'Unknown'} household (${members.length})` : who || 'Unknown';
    return { patientId: first.id!, phone, label };
  });
}
