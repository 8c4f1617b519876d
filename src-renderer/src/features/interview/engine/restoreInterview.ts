import { createActor, type Snapshot } from 'xstate';
import { z } from 'zod';
import { AnswerSource, CALLER_ROLES, DispositionIdSchema, PREGNANCY_STATES, type Protocol } from '../../../../../src-preload/contract';
import { compileInterview, type InterviewMachine } from './compileInterview';
import { InterviewInputSchema } from './interviewInput';
import type { InterviewInput } from './types';
import { CONFIRMED, planInterview, type PlanOptions } from './interviewPlan';
import type { InterviewContext } from './types';

const AnswerValueSchema = z.union([
  z.enum(['yes', 'no', 'unknown', 'not-asked']),
  z.object({ choice: z.string() }).strict(),
  z.object({ choices: z.array(z.string()) }).strict(),
  z.object({ number: z.number().finite() }).strict(),
  z.object({ text: z.string().max(2000) }).strict(),
]);

/**
 * A persisted snapshot. Snapshots stored before format v2 lack the v2 input fields, `links` and
 * `decision.reachedBy`; the defaults below are exactly what a v1 interview meant, so they still restore.
 */
const Persisted = z.object({
  status: z.enum(['active', 'done']),
  value: z.string(),
  context: InterviewInputSchema.extend({
    ageMonths: z.number().int().nonnegative().nullable().default(null),
    pregnancy: z.enum(PREGNANCY_STATES).default('unknown'),
    state: z.string().nullable().default(null),
    zip: z.string().nullable().default(null),
    localTime: z.string().nullable().default(null),
    callerRole: z.enum(CALLER_ROLES).default('self'),
    locationSource: z.enum(['caller', 'chart']).nullable().default(null),
    protocols: z.array(z.object({ id: z.string(), version: z.string() }).strict()),
    answers: z.array(
      z
        .object({
          protocolId: z.string(),
          questionId: z.string(),
          answer: AnswerValueSchema,
          at: z.number().int().nonnegative().nullable(),
          source: AnswerSource.nullable(),
        })
        .strict(),
    ),
    links: z
      .array(
        z
          .object({
            protocolId: z.string(),
            questionId: z.string(),
            goTo: z.string(),
            atLeast: DispositionIdSchema.nullable(),
            atLeastOtherHours: DispositionIdSchema.nullable(),
            answerIndex: z.number().int().nonnegative(),
          })
          .strict(),
      )
      .default([]),
    decision: z
      .object({
        protocolId: z.string(),
        questionId: z.string().nullable(),
        disposition: DispositionIdSchema,
        dependsOnHours: z.boolean(),
        reachedBy: z.string().optional(),
      })
      .strict()
      .transform((d) => ({ ...d, reachedBy: d.reachedBy ?? (d.questionId === null ? 'fallback' : 'yes') }))
      .nullable(),
  }),
});

export type RestoreResult =
  | { readonly ok: true; readonly snapshot: Snapshot<unknown> }
  | { readonly ok: false; readonly reason: string };

/** JSON with sorted keys, so two equal values compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Check a stored `getPersistedSnapshot()` (already JSON-parsed) before resuming it with
 * `createActor(machine, { snapshot, input })`. It must name the same protocol ids and versions, and replaying
 * its answers through today's machine must land on the very same state and context; otherwise it is refused
 * with a reason the UI can show ("discard with a reason", ARCHITECTURE §4). Pass the machine if you have it.
 */
export function restoreInterview(protocols: readonly Protocol[], persisted: unknown, machine?: InterviewMachine, options: PlanOptions = {}): RestoreResult {
  const parsed = Persisted.safeParse(persisted);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not an interview snapshot (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})` };
  }
  const { value, context } = parsed.data;
  const plan = planInterview(protocols, options);
  const want = plan.refs.map((r) => `${r.id}@${r.version}`).join(', ');
  const have = context.protocols.map((r) => `${r.id}@${r.version}`).join(', ');
  if (want !== have) return { ok: false, reason: `the interview was started with [${have}], the current protocols are [${want}]` };

  const logic = machine ?? compileInterview(protocols, options);
  const input: InterviewInput = {
    ageBand: context.ageBand,
    sex: context.sex,
    afterHours: context.afterHours,
    hoursBecause: context.hoursBecause,
    ageMonths: context.ageMonths,
    pregnancy: context.pregnancy,
    state: context.state,
    zip: context.zip,
    localTime: context.localTime,
    callerRole: context.callerRole,
    locationSource: context.locationSource,
  };
  const actor = createActor(logic, { input });
  let failure: unknown = null;
  const sub = actor.subscribe({ error: (e) => (failure = e) });
  actor.start();
  for (const entry of context.answers) {
    if (entry.answer === 'not-asked') continue;
    actor.send({ type: 'ANSWER', answer: entry.answer, ...(entry.at === null ? {} : { at: entry.at }), ...(entry.source === null ? {} : { source: entry.source }) });
  }
  if (value === CONFIRMED) actor.send({ type: 'CONFIRM' });
  const replayed = actor.getPersistedSnapshot() as Snapshot<unknown> & { value?: unknown; context?: InterviewContext };
  sub.unsubscribe();
  actor.stop();
  if (failure !== null) return { ok: false, reason: `the interview cannot be replayed: ${failure instanceof Error ? failure.message : String(failure)}` };
  if (replayed.value !== value || canonical(replayed.context) !== canonical(context)) {
    return { ok: false, reason: 'the stored answers no longer lead to the stored question with the current protocols' };
  }
  return { ok: true, snapshot: replayed };
}
