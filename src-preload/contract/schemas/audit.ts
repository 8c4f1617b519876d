import { z } from 'zod';
import { EpochMs } from './common';

/** A supervisor exports the workstation's PHI access log (HIPAA audit controls): CSV, or FHIR R4 AuditEvents. */
export const AuditExportRequest = z
  .object({ format: z.enum(['csv', 'fhir-auditevent']), from: EpochMs.optional(), to: EpochMs.optional() })
  .strict();
export type AuditExportRequest = z.infer<typeof AuditExportRequest>;

export const AuditExport = z.object({
  /** CSV text, or a JSON array of AuditEvent resources. */
  content: z.string(),
  rows: z.number().int().nonnegative(),
  /** Whether the hash chain verified before the export (an edited or deleted row breaks it). */
  chainIntact: z.boolean(),
});
export type AuditExport = z.infer<typeof AuditExport>;
