import { z } from 'zod';
import { FhirId, IsoDate } from './common';

export const Sex = z.enum(['male', 'female', 'other', 'unknown']);
export const Address = z.object({
  line: z.array(z.string()),
  city: z.string(),
  state: z.string(),
  postalCode: z.string(),
});

/** The minimum a screen pop needs to tell household members apart. */
export const PatientSummary = z.object({
  id: FhirId,
  family: z.string(),
  given: z.string(),
  displayName: z.string(),
  birthDate: IsoDate.nullable(),
  ageYears: z.number().int().nullable(),
  sex: Sex,
  language: z.string().nullable(),
  phones: z.array(z.string()),
  address: Address.nullable(),
  /** Who this patient is to the others sharing the phone, e.g. "child of Maria Lopez". */
  relationships: z.array(z.string()),
});
export type PatientSummary = z.infer<typeof PatientSummary>;

export const PatientSearchRequest = z
  .object({
    family: z.string().trim().min(1).max(80),
    given: z.string().trim().max(80).optional(),
    birthDate: IsoDate,
  })
  .strict();
export type PatientSearchRequest = z.infer<typeof PatientSearchRequest>;

export const EncounterSummary = z.object({
  id: FhirId,
  date: z.string().nullable(),
  type: z.string(),
  reason: z.string().nullable(),
  disposition: z.string().nullable(),
  performer: z.string().nullable(),
  status: z.string(),
});
export type EncounterSummary = z.infer<typeof EncounterSummary>;

export const Chart = z.object({
  patient: PatientSummary,
  mrn: z.string().nullable(),
  primaryCare: z.string().nullable(),
  coverage: z.array(z.object({ payer: z.string(), plan: z.string().nullable(), memberId: z.string().nullable() })),
  encounters: z.array(EncounterSummary),
  fetchedAt: z.number(),
});
export type Chart = z.infer<typeof Chart>;

export const ChartRequest = z.object({ patientId: FhirId }).strict();
