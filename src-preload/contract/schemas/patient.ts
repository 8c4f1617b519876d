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

/**
 * Who is on the phone, when it is not (only) the patient: a parent for a child, a caregiver, someone else.
 * Recorded with the encounter (a RelatedPerson informant) so the chart says the patient did not call.
 */
export const CALLER_RELATIONSHIPS = ['self', 'parent', 'caregiver', 'other'] as const;
export const CallerRelationship = z.enum(CALLER_RELATIONSHIPS);
export type CallerRelationship = z.infer<typeof CallerRelationship>;

export const Caller = z
  .object({
    relationship: CallerRelationship,
    /** The caller's name as given (not for 'self': that is the patient). */
    name: z.string().trim().max(120).optional(),
    /** The number the caller is on (E.164 when known), for a call back. */
    phone: z.string().trim().max(32).optional(),
  })
  .strict();
export type Caller = z.infer<typeof Caller>;

/**
 * A patient with no chart at the time of the call (unknown caller, EHR down, no name given), as entered on the
 * spot. Documentation creates a minimal Patient from it (or links the chart the EHR finds for it): nothing
 * beyond what the caller gave. An age in years stands in when the birth date is not known.
 */
export const NewPatient = z
  .object({
    family: z.string().trim().max(80).optional(),
    given: z.string().trim().max(80).optional(),
    birthDate: IsoDate.optional(),
    ageYears: z.number().int().min(0).max(130).optional(),
    sex: Sex,
    /** Asked when it may apply; absent when not asked. */
    pregnant: z.enum(['yes', 'no', 'unknown']).optional(),
    phone: z.string().trim().max(32).optional(),
    /** Address or present location, as the caller gave it (free text: never geocoded or corrected here). */
    address: z.string().trim().max(300).optional(),
  })
  .strict()
  .refine((p) => p.birthDate !== undefined || p.ageYears !== undefined, {
    message: 'Give an age or a date of birth: the protocol branches on age.',
    path: ['ageYears'],
  });
export type NewPatient = z.infer<typeof NewPatient>;
