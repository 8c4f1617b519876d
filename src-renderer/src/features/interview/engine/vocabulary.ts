import { assign, setup } from 'xstate';
import { ANSWER_SOURCES, disposition, mostUrgent, type AnswerSource, type DispositionId, type DispositionRule, type Guard } from '../../../../../src-preload/contract';
import { answerMatches, answerProblemFor, copyAnswer } from './answerRules';
import type {
  AnswerEntry,
  AnswerMatchesParams,
  AnswerSpec,
  DecideChosenParams,
  DecideParams,
  Decision,
  FollowLinkParams,
  LinkEntry,
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

/** The answer recorded for an earlier question of the same protocol; null when never reached. */
function earlierAnswer(context: InterviewContext, protocolId: string, questionId: string): AnswerEntry['answer'] | null {
  return context.answers.find((a) => a.protocolId === protocolId && a.questionId === questionId)?.answer ?? null;
}

function inRange(n: number, range: { readonly atLeast?: number | undefined; readonly below?: number | undefined }): boolean {
  return (range.atLeast === undefined || n >= range.atLeast) && (range.below === undefined || n < range.below);
}

/** 'HH:MM' within [from, to), wrapping midnight when from > to; from === to means the whole day. */
export function timeWithin(time: string, from: string, to: string): boolean {
  if (from === to) return true;
  return from < to ? time >= from && time < to : time >= from || time < to;
}

/*
 * Unknown inputs: a condition whose input is unknown (null, 'unknown', a question not asked or answered
 * "caller does not know") HOLDS, so the question is asked. Asking one more question is the safe side; skipping
 * one on a guess could miss a reason to escalate. The one exception is `answered`, kept as in v1: it tests a
 * recorded yes or no, which a skipped question does not have.
 */
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
  /** An earlier choice answer includes one of `in` (unknown or not asked: holds). */
  choice: (context, params, scope) => {
    const a = earlierAnswer(context, scope.protocolId, params.questionId);
    if (a === null || typeof a === 'string') return true;
    if ('choice' in a) return params.in.includes(a.choice);
    if ('choices' in a) return a.choices.some((c) => params.in.includes(c));
    return true;
  },
  /** An earlier number answer is in [atLeast, below) (unknown or not asked: holds). */
  number: (context, params, scope) => {
    const a = earlierAnswer(context, scope.protocolId, params.questionId);
    return a !== null && typeof a !== 'string' && 'number' in a ? inRange(a.number, params) : true;
  },
  /** The patient's age in completed months is in [atLeast, below) (unknown: holds). */
  ageMonths: (context, params) => context.ageMonths === null || inRange(context.ageMonths, params),
  /** Pregnancy status is one of `in` (unknown: holds). */
  pregnancy: (context, params) => context.pregnancy === 'unknown' || params.in.includes(context.pregnancy),
  /** The patient is in one of these US states (unknown: holds). */
  state: (context, params) => context.state === null || (params.in as readonly string[]).includes(context.state.toUpperCase()),
  /** The patient's zip starts with one of the prefixes (unknown: holds). */
  zip: (context, params) => context.zip === null || params.prefixes.some((p) => context.zip!.startsWith(p)),
  /** Site-local time is within [from, to), which may wrap midnight (unknown: holds). */
  timeOfDay: (context, params) => context.localTime === null || timeWithin(context.localTime, params.from, params.to),
  /** Who is calling is one of `in`. */
  callerRole: (context, params) => params.in.includes(context.callerRole),
};

export function contentGuardHolds(context: InterviewContext, guard: Guard, protocolId: string): boolean {
  // The union is discriminated; TypeScript cannot correlate the key with the params, so look it up once here.
  const check = CONTENT_GUARDS[guard.type] as (c: InterviewContext, p: Guard['params'], s: { protocolId: string }) => boolean;
  return check(context, guard.params, { protocolId });
}

/** Whether the input a condition reads is known; age band, sex, hours and caller role always are. */
function inputKnown(context: InterviewContext, guard: Guard): boolean {
  switch (guard.type) {
    case 'state':
      return context.state !== null;
    case 'zip':
      return context.zip !== null;
    case 'timeOfDay':
      return context.localTime !== null;
    case 'ageMonths':
      return context.ageMonths !== null;
    case 'pregnancy':
      return context.pregnancy !== 'unknown';
    default:
      return true;
  }
}

/**
 * Every guard holds on a KNOWN input (care advice `onlyWhen`): local advice such as a city's poison center is
 * offered only where the patient is known to be, never on a guess; the advice everyone gets covers the rest.
 */
export function knownToHold(context: InterviewContext, guards: readonly Guard[], protocolId: string): boolean {
  return guards.every((g) => inputKnown(context, g) && contentGuardHolds(context, g, protocolId));
}

/** All of a question's `enableWhen` guards hold (an empty list always holds). */
export function questionEnabled(context: InterviewContext, protocolId: string, enableWhen: readonly Guard[]): boolean {
  return enableWhen.every((g) => contentGuardHolds(context, g, protocolId));
}

export function resolveRule(rule: DispositionRule, afterHours: boolean): DispositionId {
  return typeof rule === 'string' ? rule : afterHours ? rule.afterHours : rule.officeHours;
}

/** The most urgent of the rules (resolved by hours) and of every link floor followed so far. */
function finalDisposition(context: InterviewContext, rules: readonly DispositionRule[], afterHours: boolean): DispositionId {
  const floors = context.links.flatMap((l) => {
    const floor = afterHours === context.afterHours ? l.atLeast : l.atLeastOtherHours;
    return floor === null ? [] : [floor];
  });
  const all = [...rules.map((r) => resolveRule(r, afterHours)), ...floors];
  return all.reduce((a, b) => mostUrgent(a, b));
}

function decision(context: InterviewContext, protocolId: string, questionId: string | null, reachedBy: string, rules: readonly DispositionRule[]): Decision {
  const now = finalDisposition(context, rules, context.afterHours);
  return { protocolId, questionId, disposition: now, dependsOnHours: finalDisposition(context, rules, !context.afterHours) !== now, reachedBy };
}

/** The last entry that was actually answered (not skipped), if any. */
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
    /** The ANSWER event does not fit the current question (wrong shape, out of range): it is ignored. */
    answerRefused: ({ event }, params: { spec: AnswerSpec }) => event.type === 'ANSWER' && answerProblemFor(params.spec, event.answer) !== null,
    /** The (accepted) ANSWER takes this outcome; for a link, only when the patient is (or is not) in its audience. */
    answerMatches: ({ context, event }, params: AnswerMatchesParams) =>
      event.type === 'ANSWER' &&
      answerMatches(params.match, event.answer) &&
      (params.audience === undefined || params.audience.ageBands.includes(context.ageBand) === params.audience.included),
    /** The last answered question (the one BACK returns to) is this one. */
    lastAnsweredIs: ({ context }, params: QuestionRef) => {
      const last = lastAnswered(context.answers);
      return last !== null && last.protocolId === params.protocolId && last.questionId === params.questionId;
    },
  },
  actions: {
    recordAnswer: assign(({ context, event }, params: QuestionRef) => {
      if (event.type !== 'ANSWER') return {};
      const entry: AnswerEntry = { ...params, answer: copyAnswer(event.answer), at: validAt(event.at), source: validSource(event.source) };
      return { answers: [...context.answers, entry] };
    }),
    recordSkipped: assign(({ context }, params: QuestionRef) => {
      const entry: AnswerEntry = { ...params, answer: 'not-asked', at: null, source: null };
      return { answers: [...context.answers, entry] };
    }),
    decide: assign(({ context }, params: DecideParams) => ({
      decision: decision(context, params.protocolId, params.questionId, params.reachedBy, params.rules),
    })),
    /** Multi-choice: the most urgent chosen option decides (ties: the first listed). */
    decideChosen: assign(({ context, event }, params: DecideChosenParams) => {
      if (event.type !== 'ANSWER' || typeof event.answer !== 'object' || !('choices' in event.answer)) return {};
      const chosen = new Set(event.answer.choices);
      const candidates = params.options.filter((o) => chosen.has(o.id));
      const best = candidates.reduce<(typeof candidates)[number] | null>(
        (acc, o) => (acc === null || disposition(resolveRule(o.rule, context.afterHours)).rank < disposition(resolveRule(acc.rule, context.afterHours)).rank ? o : acc),
        null,
      );
      if (!best) return {};
      // Every chosen option counts (under either hours verdict), not only the one named as the trigger.
      return { decision: decision(context, params.protocolId, params.questionId, `option:${best.id}`, candidates.map((o) => o.rule)) };
    }),
    /** Follow a link: remember its floor (for both hours verdicts) and which answer followed it. */
    followLink: assign(({ context }, params: FollowLinkParams) => {
      const link: LinkEntry = {
        protocolId: params.protocolId,
        questionId: params.questionId,
        goTo: params.goTo,
        atLeast: params.atLeast === null ? null : resolveRule(params.atLeast, context.afterHours),
        atLeastOtherHours: params.atLeast === null ? null : resolveRule(params.atLeast, !context.afterHours),
        answerIndex: context.answers.length - 1,
      };
      return { links: [...context.links, link] };
    }),
    /** Forget the last answer, every skip recorded after it, and any decision. */
    undoLastAnswer: assign(({ context }) => {
      const last = lastAnswered(context.answers);
      if (!last) return {};
      const at = context.answers.lastIndexOf(last);
      return { answers: context.answers.slice(0, at), links: context.links.filter((l) => l.answerIndex < at), decision: null };
    }),
  },
});
