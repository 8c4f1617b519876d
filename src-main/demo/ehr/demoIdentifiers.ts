/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR.
 *
 * Identifier systems, resource id formats and the tag that marks every generated resource as synthetic.
 * Ids are client-assigned and deterministic ("pat-000123") so tests and demo scripts can name a patient.
 */
import type { Coding, Meta } from '@medplum/fhirtypes';
import { frozen } from './sharedValues';

export const DEMO_SYSTEMS = {
  mrn: 'urn:careline:demo:mrn',
  household: 'urn:careline:demo:household',
  practitioner: 'urn:careline:demo:practitioner',
  encounter: 'urn:careline:demo:encounter',
  payer: 'urn:careline:demo:payer',
} as const;

/** On every generated resource (meta.tag): anyone looking at the raw data sees it is not about a real person. */
export const SYNTHETIC_TAG: Readonly<Coding> = frozen({
  system: 'urn:careline:demo',
  code: 'synthetic',
  display: 'Synthetic demo data (simulation)',
});

/** The meta every generated resource carries (one shared, frozen object). */
export const SYNTHETIC_META: Meta = frozen({ tag: [SYNTHETIC_TAG] });

export const NETWORK_ORGANIZATION_ID = 'org-careline-demo';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export const demoIds = {
  patient: (index: number): string => `pat-${pad(index, 6)}`,
  household: (index: number): string => `hh-${pad(index, 6)}`,
  coverage: (patientIndex: number): string => `cov-${pad(patientIndex, 6)}`,
  encounter: (patientIndex: number, n: number): string => `enc-${pad(patientIndex, 6)}-${n}`,
  practitioner: (index: number): string => `prac-${pad(index, 4)}`,
  practitionerRole: (index: number): string => `role-${pad(index, 4)}`,
  schedule: (practitionerIndex: number): string => `sched-${pad(practitionerIndex, 4)}`,
  slot: (practitionerIndex: number, n: number): string => `slot-${pad(practitionerIndex, 4)}-${pad(n, 3)}`,
  location: (siteKey: string): string => `loc-${siteKey}`,
  payer: (key: string): string => `org-payer-${key}`,
};

/** A 9-digit medical record number: 8 digits from the patient index plus a Luhn check digit, like many EHRs. */
export function demoMrn(patientIndex: number): string {
  const body = String(20_000_000 + patientIndex);
  return body + luhnCheckDigit(body);
}

function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
