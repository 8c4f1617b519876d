import { z } from 'zod';
import { DISPOSITION_IDS, type DispositionId } from '../../src-preload/contract';
import type { HeadlessTriageRequest } from './headlessTriage';

/**
 * One caller-worded vignette of the blind evaluation set (tests/vignettes/blind): written by someone who never saw
 * the lexicon or the protocols, graded on the one disposition scale. `split` says whether it may be read while
 * tuning ("dev") or only scored ("heldout").
 */
export const BlindVignette = z
  .object({
    id: z.string().regex(/^bv-\d{4}$/),
    split: z.enum(['dev', 'heldout']),
    age: z.number().int().min(0).max(120),
    ageMonths: z.number().int().min(0).max(36).nullable(),
    sex: z.enum(['female', 'male']),
    pregnant: z.boolean(),
    postpartumWeeks: z.number().int().min(0).max(52).nullable(),
    caller: z.string().min(1).max(40),
    words: z.string().min(1).max(2000),
    gold: z.enum(DISPOSITION_IDS),
    category: z.string().min(1).max(80),
    why: z.string().max(500),
    source: z.string().url(),
  })
  .strict();
export type BlindVignette = z.infer<typeof BlindVignette>;

/** Weekday office hours at the site, as the repository's own vignettes default to (tests/vignettes). */
export const EVAL_AT = '2026-11-23T10:15';

/** From the caller's words alone: age, sex, who calls; no answers file (unasked questions default to "no"). */
export function requestOfVignette(v: BlindVignette): HeadlessTriageRequest {
  const callerRole = v.caller === 'self' ? 'self' : v.caller === 'parent' ? 'parent' : 'caregiver';
  return {
    age: v.ageMonths !== null ? { months: v.ageMonths } : { years: v.age },
    sex: v.sex,
    say: v.words,
    at: EVAL_AT,
    callerRole,
  };
}

export function parseVignettes(text: string): BlindVignette[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, index }) => {
      const parsed = BlindVignette.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`line ${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return parsed.data;
    });
}

export type { DispositionId };
