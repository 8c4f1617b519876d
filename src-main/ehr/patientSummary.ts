import type { Patient } from '@medplum/fhirtypes';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { type PatientSummary, ageOn } from '../../src-preload/contract';

/** Normalizes a dialable number to E.164 (US default region), or null when it is not a valid number. */
export function toE164(raw: string, defaultRegion: 'US' = 'US'): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultRegion);
  return parsed?.isValid() ? parsed.number : null;
}

/** The minimum necessary of a FHIR Patient for telling household members apart. */
export function toPatientSummary(patient: Patient, now: Date): PatientSummary {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  const family = name?.family ?? '';
  const given = (name?.given ?? []).join(' ');
  const birthDate = patient.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(patient.birthDate) ? patient.birthDate : null;
  const address = patient.address?.find((a) => a.use === 'home') ?? patient.address?.[0];
  const language =
    patient.communication?.find((c) => c.preferred)?.language ?? patient.communication?.[0]?.language ?? undefined;
  return {
    id: patient.id ?? '',
    family,
    given,
    displayName: [given, family].filter(Boolean).join(' ') || '(no name on file)',
    birthDate,
    ageYears: birthDate ? ageOn(birthDate, now).years : null,
    sex: patient.gender ?? 'unknown',
    language: language?.text ?? language?.coding?.[0]?.display ?? language?.coding?.[0]?.code ?? null,
    phones: (patient.telecom ?? [])
      .filter((t) => t.system === 'phone' && t.value)
      .map((t) => toE164(t.value as string) ?? (t.value as string)),
    address: address
      ? { line: address.line ?? [], city: address.city ?? '', state: address.state ?? '', postalCode: address.postalCode ?? '' }
      : null,
    relationships: (patient.contact ?? [])
      .map((c) => {
        const who = [c.name?.given?.join(' '), c.name?.family].filter(Boolean).join(' ');
        const rel = c.relationship?.[0]?.text ?? c.relationship?.[0]?.coding?.[0]?.display ?? 'Contact';
        return who ? `${rel.toLowerCase() === 'parent' ? 'child of' : `${rel}:`} ${who}` : null;
      })
      .filter((r): r is string => r !== null),
  };
}
