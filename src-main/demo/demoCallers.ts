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
  const known = [...byPhone.entries()].map(([phone, members]) => {
    const first = members[0]!;
    const name = first.name?.[0];
    const who = [name?.given?.[0], name?.family].filter(Boolean).join(' ');
    const label = members.length > 1 ? `${name?.family ?? 'Unknown'} household (${members.length})` : who || 'Unknown';
    return { patientId: first.id!, phone, label };
  });
  const stranger = await unknownCaller(fhir, new Set(byPhone.keys()));
  return stranger ? [...known, stranger] : known;
}

/**
 * SIMULATION: a caller the demo EHR has no chart for (a fictional 555 number no synthetic patient has, checked
 * by asking the EHR), to exercise triage without a chart.
 */
async function unknownCaller(fhir: FhirClient, taken: ReadonlySet<string>): Promise<DemoCaller | null> {
  for (let n = 0; n < 20; n += 1) {
    const phone = `+1617555${String(8100 + n)}`;
    if (taken.has(phone)) continue;
    if ((await fhir.search<Patient>('Patient', { phone, _count: '1' })).length === 0) return { patientId: null, phone, label: 'Unknown caller (no chart)' };
  }
  return null;
}
