import { z } from 'zod';

/** A FHIR logical id (FHIR R4 §2.26: [A-Za-z0-9\-\.]{1,64}). */
export const FhirId = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'not a FHIR id');
export const Uuid = z.string().uuid();
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const EpochMs = z.number().int().nonnegative();
/** Requests that carry nothing still send an object, so "extra keys" are caught. */
export const Empty = z.object({}).strict();
export type Empty = z.infer<typeof Empty>;

export const ErrorCode = z.enum([
  'invalid-payload',
  'unknown-channel',
  'forbidden-sender',
  'not-signed-in',
  'not-permitted',
  'not-found',
  'ehr-unavailable',
  'conflict',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Errors are values across the process boundary; `message` is written for the agent and never holds PHI. */
export const ContractError = z.object({ code: ErrorCode, message: z.string() });
export type ContractError = z.infer<typeof ContractError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };
