import type { Protocol } from '../../../../../src-preload/contract';
import { interviewContextFor } from './interviewInput';
import { CONFIRMED, DECIDED, planInterview, type InterviewPlan, type PlannedQuestion } from './interviewPlan';
import { outputOf } from './interviewResult';
import { interviewSetup } from './vocabulary';

type InterviewSetup = typeof interviewSetup;
/** The machine config the compiler produces (plain data apart from `context` and `output`). */
export type InterviewMachineConfig = Parameters<InterviewSetup['createMachine']>[0];
type StateConfig = NonNullable<InterviewMachineConfig['states']>[string];
type TransitionConfig = Exclude<NonNullable<StateConfig['always']>, string | readonly unknown[]>;

function makeMachine(config: InterviewMachineConfig) {
  return interviewSetup.createMachine(config);
}
/** The compiled interview: an XState v5 machine (input InterviewInput, events InterviewEvent, output InterviewOutput). */
export type InterviewMachine = ReturnType<typeof makeMachine>;

/** Where "no" (or a skip) leads after question `i`: the next question, or the fallback decision. */
function afterNo(plan: InterviewPlan, i: number): TransitionConfig {
  const next = plan.questions[i + 1];
  if (next) return { target: next.key };
  const p = plan.fallbackProtocol;
  return {
    target: DECIDED,
    actions: [{ type: 'decide', params: { protocolId: p.id, questionId: null, rule: p.fallback.disposition } }],
  };
}

function withFirst(first: TransitionConfig['actions'], t: TransitionConfig): TransitionConfig {
  const rest = t.actions === undefined ? [] : Array.isArray(t.actions) ? t.actions : [t.actions];
  return { ...t, actions: [...(Array.isArray(first) ? first : [first]), ...rest] };
}

function questionState(plan: InterviewPlan, q: PlannedQuestion): StateConfig {
  const ref = { protocolId: q.protocol.id, questionId: q.question.id };
  const state: StateConfig = {
    tags: ['question'],
    on: {
      ANSWER: [
        {
          guard: { type: 'answerIs', params: { answer: 'yes' } },
          target: DECIDED,
          actions: [
            { type: 'recordAnswer', params: ref },
            { type: 'decide', params: { ...ref, rule: q.question.onYes.disposition } },
          ],
        },
        withFirst({ type: 'recordAnswer', params: ref }, { guard: { type: 'answerIs', params: { answer: 'no' } }, ...afterNo(plan, q.index) }),
      ],
    },
  };
  if (q.question.enableWhen.length === 0) return state;
  return {
    ...state,
    always: [
      withFirst(
        { type: 'recordSkipped', params: ref },
        { guard: { type: 'notEnabled', params: { protocolId: q.protocol.id, enableWhen: q.question.enableWhen } }, ...afterNo(plan, q.index) },
      ),
    ],
  };
}

/**
 * The machine config for an ordered list of protocols, as data. Pure and deterministic: the same protocols
 * give a JSON-equal config. Exposed for tests, review tooling and visualisers; the app calls compileInterview.
 */
export function compileInterviewConfig(protocols: readonly Protocol[]): InterviewMachineConfig {
  const plan = planInterview(protocols);
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
 * machine. One state per question (`${protocolId}/${questionId}`), then 'decided' (disposition shown, BACK
 * still allowed) and the final 'confirmed'. "First yes wins" across all protocols in order; when nothing is
 * answered yes, the last symptom protocol's fallback. Throws InterviewCompileError for an unsafe list.
 */
export function compileInterview(protocols: readonly Protocol[]): InterviewMachine {
  return makeMachine(compileInterviewConfig(protocols));
}
