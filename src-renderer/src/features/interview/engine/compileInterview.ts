import { isLinkOutcome, type Outcome, type Protocol } from '../../../../../src-preload/contract';
import { answerSpecOf } from './answerRules';
import { interviewContextFor } from './interviewInput';
import { CONFIRMED, DECIDED, firstKeyOf, planInterview, type InterviewPlan, type PlannedQuestion, type PlanOptions } from './interviewPlan';
import { outputOf } from './interviewResult';
import type { AnswerMatch, QuestionRef } from './types';
import { interviewSetup } from './vocabulary';

type InterviewSetup = typeof interviewSetup;
/** The machine config the compiler produces (plain data apart from `context` and `output`). */
export type InterviewMachineConfig = Parameters<InterviewSetup['createMachine']>[0];
type StateConfig = NonNullable<InterviewMachineConfig['states']>[string];
type TransitionConfig = Exclude<NonNullable<StateConfig['always']>, string | readonly unknown[]>;
type Actions = Extract<NonNullable<TransitionConfig['actions']>, readonly unknown[]>;

function makeMachine(config: InterviewMachineConfig) {
  return interviewSetup.createMachine(config);
}
/** The compiled interview: an XState v5 machine (input InterviewInput, events InterviewEvent, output InterviewOutput). */
export type InterviewMachine = ReturnType<typeof makeMachine>;

/** Where "no" (or a skip, or an answer that does not decide) leads: the next question, or the chain's fallback. */
function afterNo(q: PlannedQuestion): TransitionConfig {
  if (q.nextKey !== null) return { target: q.nextKey };
  const p = q.end;
  return {
    target: DECIDED,
    actions: [{ type: 'decide', params: { protocolId: p.id, questionId: null, reachedBy: 'fallback', rules: [p.fallback.disposition] } }],
  };
}

function withFirst(first: Actions, t: TransitionConfig): TransitionConfig {
  const rest = t.actions === undefined ? [] : Array.isArray(t.actions) ? t.actions : [t.actions];
  return { ...t, actions: [...first, ...rest] };
}

/**
 * The transitions of one outcome. A disposition decides. A link continues with the linked protocol's first
 * question, remembering its floor; when the patient is outside the linked protocol's audience the link cannot
 * be followed safely, so it escalates instead: at least 'seen-within-4-hours' (or the link's own floor).
 */
function outcomeTransitions(plan: InterviewPlan, q: PlannedQuestion, match: AnswerMatch, reachedBy: string, outcome: Outcome): TransitionConfig[] {
  const ref: QuestionRef = { protocolId: q.protocol.id, questionId: q.question.id };
  const record = { type: 'recordAnswer', params: ref } as const;
  if (!isLinkOutcome(outcome)) {
    return [
      {
        guard: { type: 'answerMatches', params: { match } },
        target: DECIDED,
        actions: [record, { type: 'decide', params: { ...ref, reachedBy, rules: [outcome.disposition] } }],
      },
    ];
  }
  const target = plan.byId.get(outcome.goTo);
  if (!target) throw new Error(`unreachable: link to ${outcome.goTo} was resolved by planInterview`);
  const ageBands = target.audience.ageBands;
  return [
    {
      guard: { type: 'answerMatches', params: { match, audience: { ageBands, included: true } } },
      target: firstKeyOf(plan, outcome.goTo),
      actions: [record, { type: 'followLink', params: { ...ref, goTo: outcome.goTo, atLeast: outcome.atLeast ?? null } }],
    },
    {
      guard: { type: 'answerMatches', params: { match, audience: { ageBands, included: false } } },
      target: DECIDED,
      actions: [
        record,
        { type: 'decide', params: { ...ref, reachedBy: `link-audience:${outcome.goTo}`, rules: [outcome.atLeast ?? 'seen-within-4-hours', 'seen-within-4-hours'] } },
      ],
    },
  ];
}

/** The deciding transitions of a question, in the order they are tried (the first that matches wins). */
function decidingTransitions(plan: InterviewPlan, q: PlannedQuestion): TransitionConfig[] {
  const question = q.question;
  const ref: QuestionRef = { protocolId: q.protocol.id, questionId: question.id };
  const unknown = (outcome: Outcome | undefined) => (outcome ? outcomeTransitions(plan, q, { kind: 'unknown' }, 'unknown', outcome) : []);
  switch (question.type) {
    case 'yes-no':
      return outcomeTransitions(plan, q, { kind: 'yes' }, 'yes', question.onYes);
    case 'single-choice':
      return [
        ...question.options.flatMap((o) => (o.outcome ? outcomeTransitions(plan, q, { kind: 'choice', optionId: o.id }, `option:${o.id}`, o.outcome) : [])),
        ...unknown(question.ifUnknown),
      ];
    case 'multi-choice': {
      const options = question.options.flatMap((o) => (o.outcome ? [{ id: o.id, rule: o.outcome.disposition }] : []));
      const chosen: TransitionConfig[] =
        options.length === 0
          ? []
          : [
              {
                guard: { type: 'answerMatches', params: { match: { kind: 'anyChoice', optionIds: options.map((o) => o.id) } } },
                target: DECIDED,
                actions: [{ type: 'recordAnswer', params: ref }, { type: 'decideChosen', params: { ...ref, options } }],
              },
            ];
      return [...chosen, ...unknown(question.ifUnknown)];
    }
    case 'number':
      return [
        ...question.bands.flatMap((b, i) =>
          outcomeTransitions(plan, q, { kind: 'band', ...(b.atLeast === undefined ? {} : { atLeast: b.atLeast }), ...(b.below === undefined ? {} : { below: b.below }) }, `band:${i}`, b.outcome),
        ),
        ...unknown(question.ifUnknown),
      ];
    case 'free-text':
      return [];
  }
}

function questionState(plan: InterviewPlan, q: PlannedQuestion): StateConfig {
  const ref: QuestionRef = { protocolId: q.protocol.id, questionId: q.question.id };
  const state: StateConfig = {
    tags: ['question'],
    on: {
      ANSWER: [
        // An answer that does not fit the question is ignored: no transition, nothing recorded.
        { guard: { type: 'answerRefused', params: { spec: answerSpecOf(q.question) } } },
        ...decidingTransitions(plan, q),
        // Any other accepted answer (no, unknown, a choice or number without an outcome, free text) moves on.
        withFirst([{ type: 'recordAnswer', params: ref }], afterNo(q)),
      ],
    },
  };
  if (q.question.enableWhen.length === 0) return state;
  return {
    ...state,
    always: [
      withFirst(
        [{ type: 'recordSkipped', params: ref }],
        { guard: { type: 'notEnabled', params: { protocolId: q.protocol.id, enableWhen: q.question.enableWhen } }, ...afterNo(q) },
      ),
    ],
  };
}

/** Options of compileInterview: `resolve` finds protocols named by links (normally the installed library). */
export type CompileOptions = PlanOptions;

/**
 * The machine config for an ordered list of protocols, as data. Pure and deterministic: the same protocols
 * give a JSON-equal config. Exposed for tests, review tooling and visualisers; the app calls compileInterview.
 */
export function compileInterviewConfig(protocols: readonly Protocol[], options: CompileOptions = {}): InterviewMachineConfig {
  const plan = planInterview(protocols, options, 'compile');
  const states: Record<string, StateConfig> = {};
  for (const q of plan.questions) states[q.key] = questionState(plan, q);
  // 'decided' shows the disposition and still accepts BACK; CONFIRM ends the interview with its output.
  states[DECIDED] = { tags: ['decided'], on: { CONFIRM: { target: CONFIRMED } } };
  states[CONFIRMED] = { type: 'final', tags: ['decided'] };

  const first = plan.questions[0];
  if (!first) throw new Error('unreachable: a valid protocol has questions');

  return {
    id: 'interview',
    initial: first.key,
    context: ({ input }) => interviewContextFor(plan, input),
    // BACK is handled once, at the root: return to the last answered question, whatever state we are in.
    on: {
      BACK: plan.questions.map((q) => ({
        guard: { type: 'lastAnsweredIs', params: { protocolId: q.protocol.id, questionId: q.question.id } },
        target: `.${q.key}`,
        actions: [{ type: 'undoLastAnswer' }],
      })),
    },
    states,
    output: ({ context }) => outputOf(plan, context),
  };
}

/**
 * Compile an ordered list of protocols (normally [red-flag screen, one symptom protocol]) into one interview
 * machine. One state per question (`${protocolId}/${questionId}`, linked protocols included), then 'decided'
 * (disposition shown, BACK still allowed) and the final 'confirmed'. The first answer with an outcome decides,
 * across all protocols in order; when none does, the last symptom protocol's fallback (a linked protocol ends in
 * its own). Links are resolved with `options.resolve`. Throws InterviewCompileError for an unsafe list.
 */
export function compileInterview(protocols: readonly Protocol[], options: CompileOptions = {}): InterviewMachine {
  return makeMachine(compileInterviewConfig(protocols, options));
}
