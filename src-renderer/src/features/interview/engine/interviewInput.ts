import { z } from 'zod';
import { AgeBandSchema, CALLER_ROLES, PREGNANCY_STATES, Sex, type Protocol } from '../../../../../src-preload/contract';
import { planInterview, type InterviewPlan, type PlanOptions } from './interviewPlan';
import type { InterviewContext, InterviewInput, ResolvedInterviewInput } from './types';

/** InterviewInput as a schema. The v2 fields are optional, so every v1 caller's input stays valid. */
export const InterviewInputSchema = z
  .object({
    ageBand: AgeBandSchema,
    sex: Sex,
    afterHours: z.boolean(),
    hoursBecause: z.string().max(300),
    ageMonths: z.number().int().min(0).max(1800).nullable().optional(),
    pregnancy: z.enum(PREGNANCY_STATES).optional(),
    state: z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter state code').nullable().optional(),
    zip: z.string().regex(/^\d{5}$/, 'a 5-digit zip').nullable().optional(),
    localTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'site-local time as HH:MM').nullable().optional(),
    callerRole: z.enum(CALLER_ROLES).optional(),
    locationSource: z.enum(['caller', 'chart']).nullable().optional(),
  })
  .strict();

/** The input with its defaults: unknown (null / 'unknown') for what was not given, and the patient calling. */
export function resolvedInput(input: InterviewInput): ResolvedInterviewInput {
  return {
    ageBand: input.ageBand,
    sex: input.sex,
    afterHours: input.afterHours,
    hoursBecause: input.hoursBecause,
    ageMonths: input.ageMonths ?? null,
    pregnancy: input.pregnancy ?? 'unknown',
    state: input.state === undefined || input.state === null ? null : input.state.toUpperCase(),
    zip: input.zip ?? null,
    localTime: input.localTime ?? null,
    callerRole: input.callerRole ?? 'self',
    locationSource: input.locationSource ?? null,
  };
}

function problemsWith(plan: InterviewPlan, input: unknown): string[] {
  const parsed = InterviewInputSchema.safeParse(input);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
  const { ageBand } = parsed.data;
  // Only the protocols asked for: a linked protocol outside the audience escalates instead of being followed.
  return plan.protocols
    .filter((p) => !p.audience.ageBands.includes(ageBand))
    .map((p) => `${p.title} (${p.id}) is not written for age band ${ageBand} (${p.audience.label})`);
}

/**
 * Why this input cannot start an interview with these protocols ([] when it can). The machine refuses the
 * same input (the actor ends in error), so the UI should check first and say why.
 */
export function interviewInputProblems(protocols: readonly Protocol[], input: unknown, options: PlanOptions = {}): string[] {
  return problemsWith(planInterview(protocols, options), input);
}

export function interviewContextFor(plan: InterviewPlan, input: InterviewInput): InterviewContext {
  const problems = problemsWith(plan, input);
  if (problems.length > 0) throw new Error(`cannot start the interview: ${problems.join('; ')}`);
  return {
    ...resolvedInput(input),
    protocols: plan.refs.map((r) => ({ ...r })),
    answers: [],
    links: [],
    decision: null,
  };
}
