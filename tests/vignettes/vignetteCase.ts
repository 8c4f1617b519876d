import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DispositionIdSchema } from '../../src-preload/contract';

/**
 * One vignette: a synthetic caller, what they said, the answers a nurse would get to the questions the words
 * do not settle, and the protocol and disposition a nurse reading the protocol files would reach.
 * Files: tests/vignettes/cases/*.json, each a JSON array of cases (every file in the folder is loaded).
 */
export const VignetteCaseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'id: lower-case letters, digits and dashes'),
    title: z.string().min(1).max(120),
    age: z.number().int().min(0).max(130).optional(),
    ageMonths: z.number().int().min(0).max(1560).optional(),
    sex: z.enum(['male', 'female']),
    say: z.string().min(1),
    /** Site-local time of the service line; weekday office hours (DEFAULT_AT) when omitted. */
    at: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'at: site-local time like 2026-11-23T10:15')
      .optional(),
    /** Where the patient is (5-digit ZIP; its state is derived): location conditions branch on it. Unknown when omitted. */
    zip: z
      .string()
      .regex(/^\d{5}$/, 'zip: 5 digits')
      .optional(),
    answers: z.record(z.string(), z.enum(['yes', 'no'])).optional(),
    expect: z.object({ protocol: z.string().regex(/^[a-z0-9-]+$/), disposition: DispositionIdSchema }).strict(),
  })
  .strict()
  .refine((c) => (c.age === undefined) !== (c.ageMonths === undefined), 'give exactly one of age (years) or ageMonths');
export type VignetteCase = z.infer<typeof VignetteCaseSchema>;

/** Monday 10:15 at the site: office hours on every line. */
export const DEFAULT_AT = '2026-11-23T10:15';

export interface LoadedVignettes {
  readonly cases: readonly (VignetteCase & { readonly file: string })[];
  /** Readable problems: file, case index or id, field and reason. Empty when every file is valid. */
  readonly problems: readonly string[];
}

/** Read and validate every cases/*.json file; duplicate ids across files are a problem too. */
export function loadVignetteCases(dir: string): LoadedVignettes {
  const cases: (VignetteCase & { file: string })[] = [];
  const problems: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      problems.push(`${file}: not JSON (${(error as Error).message})`);
      continue;
    }
    if (!Array.isArray(data)) {
      problems.push(`${file}: must be a JSON array of cases`);
      continue;
    }
    data.forEach((raw: unknown, i) => {
      const parsed = VignetteCaseSchema.safeParse(raw);
      const name = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : `#${i}`;
      if (!parsed.success) {
        for (const issue of parsed.error.issues) problems.push(`${file} case ${name}: ${issue.path.join('.') || '(case)'}: ${issue.message}`);
        return;
      }
      if (cases.some((c) => c.id === parsed.data.id)) problems.push(`${file} case ${name}: duplicate id`);
      cases.push({ ...parsed.data, file });
    });
  }
  return { cases, problems };
}
