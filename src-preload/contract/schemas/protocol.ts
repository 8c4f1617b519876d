import { z } from 'zod';
import { AGE_BANDS } from '../domain/ageBand';
import { DISPOSITION_IDS } from '../domain/dispositions';

/**
 * Clinical content is data. A protocol is validated here and compiled to an XState machine by the
 * renderer's interview engine; content refers to behaviour only through this small guard vocabulary.
 */
export const DispositionIdSchema = z.enum(DISPOSITION_IDS);
export const AgeBandSchema = z.enum(AGE_BANDS);

export const Guard = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ageBand'), params: z.object({ in: z.array(AgeBandSchema).min(1) }).strict() }).strict(),
  z.object({ type: z.literal('afterHours'), params: z.object({ is: z.boolean() }).strict() }).strict(),
  z.object({ type: z.literal('sex'), params: z.object({ in: z.array(z.enum(['male', 'female', 'other', 'unknown'])).min(1) }).strict() }).strict(),
  z.object({ type: z.literal('answered'), params: z.object({ questionId: z.string(), is: z.boolean() }).strict() }).strict(),
]);
export type Guard = z.infer<typeof Guard>;

/** A disposition, or one for office hours and another for after hours. */
export const DispositionRule = z.union([
  DispositionIdSchema,
  z.object({ officeHours: DispositionIdSchema, afterHours: DispositionIdSchema }).strict(),
]);
export type DispositionRule = z.infer<typeof DispositionRule>;

export const Outcome = z
  .object({
    disposition: DispositionRule,
    /** Why, in words the agent can read back and the chart keeps. */
    because: z.string().min(1),
    careAdviceIds: z.array(z.string()).default([]),
  })
  .strict();
export type Outcome = z.infer<typeof Outcome>;

export const Question = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    type: z.literal('yes-no'),
    text: z.string().min(1),
    help: z.string().optional(),
    /** All must hold for the question to be asked; otherwise it is skipped and recorded as not asked. */
    enableWhen: z.array(Guard).default([]),
    /** "First yes wins": the questions are ordered from most to least severe. */
    onYes: Outcome,
    /**
     * Optional: the symptom-checker finding ids (lexicon ids) this question asks about, so the checker can
     * pre-answer it from the caller's words for the agent to confirm. Content without it stays valid.
     */
    findings: z.array(z.string().regex(/^[a-z0-9-]+$/)).optional(),
  })
  .strict();
export type Question = z.infer<typeof Question>;

export const Protocol = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    status: z.enum(['draft', 'active', 'retired']),
    kind: z.enum(['red-flag-screen', 'symptom']),
    title: z.string().min(1),
    disclaimer: z.string().min(1),
    effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    author: z.string().min(1),
    reviewer: z.string().min(1),
    sources: z.array(z.object({ title: z.string(), url: z.string().url() }).strict()).min(1),
    audience: z
      .object({ ageBands: z.array(AgeBandSchema).min(1), label: z.string() })
      .strict(),
    questions: z.array(Question).min(1),
    /** Outcome when no question was answered yes. A red-flag screen has none: it passes on to the protocol. */
    fallback: Outcome.nullable(),
    careAdvice: z.array(z.object({ id: z.string(), title: z.string(), text: z.string() }).strict()).default([]),
  })
  .strict()
  .superRefine((p, ctx) => {
    const adviceIds = new Set(p.careAdvice.map((a) => a.id));
    const questionIds = new Set<string>();
    p.questions.forEach((q, i) => {
      if (questionIds.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `duplicate question id ${q.id}` });
      for (const g of q.enableWhen) {
        if (g.type === 'answered' && !questionIds.has(g.params.questionId)) {
          ctx.addIssue({ code: 'custom', path: ['questions', i, 'enableWhen'], message: `refers to ${g.params.questionId}, which is not asked before it` });
        }
      }
      questionIds.add(q.id);
      for (const a of q.onYes.careAdviceIds) {
        if (!adviceIds.has(a)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'onYes'], message: `unknown care advice ${a}` });
      }
    });
    for (const a of p.fallback?.careAdviceIds ?? []) {
      if (!adviceIds.has(a)) ctx.addIssue({ code: 'custom', path: ['fallback', 'careAdviceIds'], message: `unknown care advice ${a}` });
    }
    if (p.kind === 'symptom' && p.fallback === null) {
      ctx.addIssue({ code: 'custom', path: ['fallback'], message: 'a symptom protocol needs a fallback outcome' });
    }
  });
export type Protocol = z.infer<typeof Protocol>;

export const ProtocolRequest = z.object({ id: z.string().regex(/^[a-z0-9-]+$/) }).strict();
