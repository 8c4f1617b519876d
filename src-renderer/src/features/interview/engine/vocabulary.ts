import { assign, setup } from 'xstate';
import { ANSWER_SOURCES, type AnswerSource, type DispositionId, type DispositionRule, type Guard } from '../../../../../src-preload/contract';
import type {
  AnswerEntry,
  DecideParams,
  InterviewContext,
  InterviewEvent,
  InterviewInput,
  InterviewOutput,
  NotEnabledParams,
  QuestionRef,
} from './types';

/**
 * The reviewed vocabulary. Protocol content names behaviour only as `{ type, params }` from the contract's
 * `Guard` union; this table is the one place that gives those names a meaning. Adding a guard type means a
 * contract change, a line here and a review, never a change to content-specific code.
 */
type ContentGuardTable = {
  readonly [K in Guard['type']]: (
    context: InterviewContext,
    params: Extract<Guard, { type: K }>['params'],
    scope: { readonly protocolId: string },
  ) => boolean;
};

export const CONTENT_GUARDS: ContentGuardTable = {
  /** The patient's age band is one of `in`. */
  ageBand: (context, params) => params.in.includes(context.ageBand),
  /** The site is closed (`is: true`) or open (`is: false`) now. */
  afterHours: (context, params) => context.afterHours === params.is,
  /** The patient's recorded sex is one of `in`. */
  sex: (context, params) => params.in.includes(context.sex),
  /**
   * An earlier question of the same protocol was asked and answered yes (`is: true`) or no (`is: false`).
   * A question skipped as not asked satisfies neither. Note that with "first yes wins" an earlier yes ends
   * the interview, so `is: true` can never hold; content uses `is: false`.
   */
  answered: (context, params, scope) =>
    context.answers.some(
      (a) => a.protocolId === scope.protocolId && a.questionId === params.questionId && a.answer === (params.is ? 'yes' : 'no'),
    ),
};

export function contentGuardHolds(context: InterviewContext, guard: Guard, protocolId: string): boolean {
  // The union is discriminated; TypeScript cannot correlate the key with the params, so look it up once here.
  const check = CONTENT_GUARDS[guard.type] as (c: InterviewContext, p: Guard['params'], s: { protocolId: string }) => boolean;
  return check(context, guard.params, { protocolId });
}

/** All of a question's `enableWhen` guards hold (an empty list always holds). */
export function questionEnabled(context: InterviewContext, protocolId: string, enableWhen: readonly Guard[]): boolean {
  return enableWhen.every((g) => contentGuardHolds(context, g, protocolId));
}

export function resolveRule(rule: DispositionRule, afterHours: boolean): DispositionId {
  return typeof rule === 'string' ? rule : afterHours ? rule.afterHours : rule.officeHours;
}

/** The last entry that was actually answered (yes or no), if any. */
export function lastAnswered(answers: readonly AnswerEntry[]): AnswerEntry | null {
  for (let i = answers.length - 1; i >= 0; i -= 1) {
    const a = answers[i];
    if (a && a.answer !== 'not-asked') return a;
  }
  return null;
}

function validSource(source: unknown): AnswerSource {
  return typeof source === 'string' && (ANSWER_SOURCES as readonly string[]).includes(source) ? (source as AnswerSource) : 'asked';
}

function validAt(at: unknown): number | null {
  return typeof at === 'number' && Number.isSafeInteger(at) && at >= 0 ? at : null;
}

/**
 * `setup` declares every guard and action the compiled config may name, once. The compiled config itself is
 * plain data (`{ type, params }` everywhere), which is what makes compilation deterministic and reviewable.
 */
export const interviewSetup = setup({
  types: {
    context: {} as InterviewContext,
    events: {} as InterviewEvent,
    input: {} as InterviewInput,
    output: {} as InterviewOutput,
    tags: {} as 'question' | 'decided',
  },
  guards: {
    /** The current question's `enableWhen` does not hold: skip it (content guards, see CONTENT_GUARDS). */
    notEnabled: ({ context }, params: NotEnabledParams) => !questionEnabled(context, params.protocolId, params.enableWhen),
    /** The ANSWER event carries this answer. */
    answerIs: ({ event }, params: { answer: 'yes' | 'no' }) => event.type === 'ANSWER' && event.answer === params.answer,
    /** The last answered question (the one BACK returns to) is this one. */
    lastAnsweredIs: ({ context }, params: QuestionRef) => {
      const last = lastAnswered(context.answers);
      return last !== null && last.protocolId === params.protocolId && last.questionId === params.questionId;
    },
  },
  actions: {
    recordAnswer: assign(({ context, event }, params: QuestionRef) => {
      if (event.type !== 'ANSWER') return {};
      const entry: AnswerEntry = { ...params, answer: event.answer, at: validAt(event.at), source: validSource(event.source) };
      return { answers: [...context.answers, entry] };
    }),
    recordSkipped: assign(({ context }, params: QuestionRef) => {
      const entry: AnswerEntry = { ...params, answer: 'not-asked', at: null, source: null };
      return { answers: [...context.answers, entry] };
    }),
    decide: assign(({ context }, params: DecideParams) => ({
      decision: {
        protocolId: params.protocolId,
        questionId: params.questionId,
        disposition: resolveRule(params.rule, context.afterHours),
        dependsOnHours: typeof params.rule !== 'string',
      },
    })),
    /** Forget the last answer, every skip recorded after it, and any decision. */
    undoLastAnswer: assign(({ context }) => {
      const last = lastAnswered(context.answers);
      if (!last) return {};
      const at = context.answers.lastIndexOf(last);
      return { answers: context.answers.slice(0, at), decision: null };
    }),
  },
});
