import { z } from 'zod';
import { AgeBandSchema, Sex, type Protocol } from '../../../../../src-preload/contract';
import { planInterview, type InterviewPlan } from './interviewPlan';
import type { InterviewContext, InterviewInput } from './types';

export const InterviewInputSchema = z
  .object({
    ageBand: AgeBandSchema,
    sex: Sex,
    afterHours: z.boolean(),
    hoursBecause: z.string().max(300),
  })
  .strict();

function problemsWith(plan: InterviewPlan, input: unknown): string[] {
  const parsed = InterviewInputSchema.safeParse(input);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
  const { ageBand } = parsed.data;
  return plan.protocols
    .filter((p) => !p.audience.ageBands.includes(ageBand))
    .map((p) => `${p.title} (${p.id}) is not written for age band ${ageBand} (${p.audience.label})`);
}

/**
 * Why this input cannot start an interview with these protocols ([] when it can). The machine refuses the
 * same input (the actor ends in error), so the UI should check first and say why.
 */
export function interviewInputProblems(protocols: readonly Protocol[], input: unknown): string[] {
  return problemsWith(planInterview(protocols), input);
}

export function interviewContextFor(plan: InterviewPlan, input: InterviewInput): InterviewContext {
  const problems = problemsWith(plan, input);
  if (problems.length > 0) throw new Error(`cannot start the interview: ${problems.join('; ')}`);
  return {
    ageBand: input.ageBand,
    sex: input.sex,
    afterHours: input.afterHours,
    hoursBecause: input.hoursBecause,
    protocols: plan.refs.map((r) => ({ ...r })),
    answers: [],
    decision: null,
  };
}
